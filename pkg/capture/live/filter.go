package live

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/bpf"
)

// The filter language is a subset of tcpdump's, compiled to classic BPF with
// golang.org/x/net/bpf so that no libpcap is needed:
//
//	udp, tcp, ip, ip6
//	[src|dst] host ADDR          IPv4 or IPv6 address
//	[src|dst] net ADDR/BITS      IPv4 or IPv6 prefix
//	[src|dst] port N             TCP or UDP port
//	[src|dst] portrange N-M
//	udp|tcp [src|dst] port N     (and portrange): the port on that protocol only
//	not, !, and, &&, or, ||, ( )
//
// "and" binds tighter than "or", as in tcpdump. Port tests look at IPv4 packets that are not
// non-first fragments and at IPv6 packets whose first next header is UDP or TCP (IPv6
// extension headers are not followed, as in tcpdump), so fragments after the first do not
// match a port filter. The empty filter keeps UDP, TCP and IP fragments.

// Expr is a parsed filter expression.
type Expr struct {
	op   exprOp
	a, b *Expr // operands of and, or (a, b) and not (a)
	t    test  // for opTest
}

type exprOp uint8

const (
	opTest exprOp = iota
	opAnd
	opOr
	opNot
	opTrue
)

// test is one comparison of a loaded value: the leaf of an expression.
type test struct {
	load []bpf.Instruction // leaves the value in A
	cond bpf.JumpTest
	val  uint32
}

// DefaultFilter is the filter used when none is given.
const DefaultFilter = "udp or tcp or ip6 proto 44"

// Parse parses a filter expression; the empty string means DefaultFilter.
func Parse(s string) (*Expr, error) {
	if strings.TrimSpace(s) == "" {
		s = DefaultFilter
	}
	p := &parser{toks: tokenize(s)}
	e, err := p.or()
	if err != nil {
		return nil, fmt.Errorf("filter %q: %w", s, err)
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("filter %q: unexpected %q", s, p.toks[p.pos])
	}
	return e, nil
}

func tokenize(s string) []string {
	var toks []string
	cur := strings.Builder{}
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			flush()
		case c == '(' || c == ')':
			flush()
			toks = append(toks, string(c))
		case c == '!' && !(i+1 < len(s) && s[i+1] == '='):
			flush()
			toks = append(toks, "!")
		case (c == '&' || c == '|') && i+1 < len(s) && s[i+1] == c:
			flush()
			toks = append(toks, s[i:i+2])
			i++
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return toks
}

type parser struct {
	toks []string
	pos  int
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return strings.ToLower(p.toks[p.pos])
	}
	return ""
}

func (p *parser) next() string {
	t := p.peek()
	p.pos++
	return t
}

func (p *parser) or() (*Expr, error) {
	e, err := p.and()
	if err != nil {
		return nil, err
	}
	for t := p.peek(); t == "or" || t == "||"; t = p.peek() {
		p.pos++
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		e = &Expr{op: opOr, a: e, b: r}
	}
	return e, nil
}

func (p *parser) and() (*Expr, error) {
	e, err := p.unary()
	if err != nil {
		return nil, err
	}
	for t := p.peek(); t == "and" || t == "&&"; t = p.peek() {
		p.pos++
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		e = &Expr{op: opAnd, a: e, b: r}
	}
	return e, nil
}

func (p *parser) unary() (*Expr, error) {
	switch t := p.peek(); t {
	case "not", "!":
		p.pos++
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Expr{op: opNot, a: e}, nil
	case "(":
		p.pos++
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.next() != ")" {
			return nil, fmt.Errorf("missing )")
		}
		return e, nil
	case "":
		return nil, fmt.Errorf("unexpected end")
	}
	return p.primitive()
}

// Network-layer offsets: packets are filtered without their link header.
const (
	ethIPv4 = 0x0800
	ethIPv6 = 0x86dd
)

func and(a, b *Expr) *Expr { return &Expr{op: opAnd, a: a, b: b} }
func or(a, b *Expr) *Expr  { return &Expr{op: opOr, a: a, b: b} }
func not(a *Expr) *Expr    { return &Expr{op: opNot, a: a} }

func leaf(cond bpf.JumpTest, val uint32, load ...bpf.Instruction) *Expr {
	return &Expr{op: opTest, t: test{load: load, cond: cond, val: val}}
}

func isIPv4() *Expr {
	return leaf(bpf.JumpEqual, ethIPv4, bpf.LoadExtension{Num: bpf.ExtProto})
}

func isIPv6() *Expr {
	return leaf(bpf.JumpEqual, ethIPv6, bpf.LoadExtension{Num: bpf.ExtProto})
}

func abs(off, size uint32, cond bpf.JumpTest, val uint32) *Expr {
	return leaf(cond, val, bpf.LoadAbsolute{Off: off, Size: int(size)})
}

// ipProto matches IPv4 protocol or IPv6 next header proto.
func ipProto(proto uint32) *Expr {
	return or(and(isIPv4(), abs(9, 1, bpf.JumpEqual, proto)),
		and(isIPv6(), abs(6, 1, bpf.JumpEqual, proto)))
}

// portTest matches a TCP or UDP port (protocols limited by protos) in a direction
// ("src", "dst" or both), within lo..hi.
func portTest(dir string, protos []uint32, lo, hi uint32) *Expr {
	cmp := func(v4 bool, off uint32) *Expr {
		var load []bpf.Instruction
		if v4 {
			load = []bpf.Instruction{bpf.LoadMemShift{Off: 0}, bpf.LoadIndirect{Off: off, Size: 2}}
		} else {
			load = []bpf.Instruction{bpf.LoadAbsolute{Off: 40 + off, Size: 2}}
		}
		if lo == hi {
			return leaf(bpf.JumpEqual, lo, load...)
		}
		return and(leaf(bpf.JumpGreaterOrEqual, lo, load...), leaf(bpf.JumpLessOrEqual, hi, load...))
	}
	dirs := func(v4 bool) *Expr {
		switch dir {
		case "src":
			return cmp(v4, 0)
		case "dst":
			return cmp(v4, 2)
		}
		return or(cmp(v4, 0), cmp(v4, 2))
	}
	var p4, p6 *Expr
	for _, pr := range protos {
		t4, t6 := abs(9, 1, bpf.JumpEqual, pr), abs(6, 1, bpf.JumpEqual, pr)
		if p4 == nil {
			p4, p6 = t4, t6
		} else {
			p4, p6 = or(p4, t4), or(p6, t6)
		}
	}
	notFrag := not(abs(6, 2, bpf.JumpBitsSet, 0x1fff))
	return or(and(isIPv4(), and(p4, and(notFrag, dirs(true)))),
		and(isIPv6(), and(p6, dirs(false))))
}

// netTest matches an address prefix in a direction.
func netTest(dir string, pfx netip.Prefix) *Expr {
	addr := pfx.Addr().AsSlice()
	bits := pfx.Bits()
	var base, size uint32 = 12, 4 // IPv4 source
	guard := isIPv4()
	if pfx.Addr().Is6() {
		base, size, guard = 8, 16, isIPv6()
	}
	match := func(off uint32) *Expr {
		var e *Expr
		for w := 0; w*32 < bits; w++ {
			v := uint32(addr[w*4])<<24 | uint32(addr[w*4+1])<<16 | uint32(addr[w*4+2])<<8 | uint32(addr[w*4+3])
			mask := ^uint32(0)
			if rem := bits - w*32; rem < 32 {
				mask = ^uint32(0) << (32 - rem)
			}
			var t *Expr
			if mask == ^uint32(0) {
				t = abs(off+uint32(w*4), 4, bpf.JumpEqual, v)
			} else {
				t = leaf(bpf.JumpEqual, v&mask, bpf.LoadAbsolute{Off: off + uint32(w*4), Size: 4},
					bpf.ALUOpConstant{Op: bpf.ALUOpAnd, Val: mask})
			}
			if e == nil {
				e = t
			} else {
				e = and(e, t)
			}
		}
		if e == nil {
			return &Expr{op: opTrue}
		}
		return e
	}
	var m *Expr
	switch dir {
	case "src":
		m = match(base)
	case "dst":
		m = match(base + size)
	default:
		m = or(match(base), match(base+size))
	}
	return and(guard, m)
}

func (p *parser) primitive() (*Expr, error) {
	t := p.next()
	var protos []uint32
	switch t {
	case "udp", "tcp":
		pr := uint32(17)
		if t == "tcp" {
			pr = 6
		}
		// "udp port 5060": the port on that protocol only.
		if n := p.peek(); n == "port" || n == "portrange" || n == "src" || n == "dst" {
			protos = []uint32{pr}
			t = p.next()
			break
		}
		return or(and(isIPv4(), abs(9, 1, bpf.JumpEqual, pr)), and(isIPv6(), abs(6, 1, bpf.JumpEqual, pr))), nil
	case "ip":
		if p.peek() == "proto" {
			p.pos++
			n, err := p.number(255)
			if err != nil {
				return nil, err
			}
			return and(isIPv4(), abs(9, 1, bpf.JumpEqual, n)), nil
		}
		return isIPv4(), nil
	case "ip6":
		if p.peek() == "proto" {
			p.pos++
			n, err := p.number(255)
			if err != nil {
				return nil, err
			}
			return and(isIPv6(), abs(6, 1, bpf.JumpEqual, n)), nil
		}
		return isIPv6(), nil
	}
	if protos == nil {
		protos = []uint32{17, 6}
	}
	dir := ""
	if t == "src" || t == "dst" {
		dir, t = t, p.next()
	}
	switch t {
	case "port":
		n, err := p.number(65535)
		if err != nil {
			return nil, err
		}
		return portTest(dir, protos, n, n), nil
	case "portrange":
		arg := p.next()
		a, b, ok := strings.Cut(arg, "-")
		lo, err1 := strconv.ParseUint(a, 10, 16)
		hi, err2 := strconv.ParseUint(b, 10, 16)
		if !ok || err1 != nil || err2 != nil || lo > hi {
			return nil, fmt.Errorf("portrange %q: want N-M", arg)
		}
		return portTest(dir, protos, uint32(lo), uint32(hi)), nil
	case "host", "net":
		if len(protos) == 1 {
			return nil, fmt.Errorf("%s after a protocol is not supported; combine with and", t)
		}
		arg := p.next()
		var pfx netip.Prefix
		var err error
		if t == "host" {
			var a netip.Addr
			if a, err = netip.ParseAddr(arg); err == nil {
				pfx = netip.PrefixFrom(a, a.BitLen())
			}
		} else {
			pfx, err = netip.ParsePrefix(arg)
		}
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", t, arg, err)
		}
		return netTest(dir, pfx.Masked()), nil
	}
	return nil, fmt.Errorf("unsupported %q (this build understands: udp, tcp, ip, ip6, ip proto N, [src|dst] host ADDR, [src|dst] net PREFIX, [udp|tcp] [src|dst] port N, portrange N-M, not, and, or, parentheses)", t)
}

func (p *parser) number(max uint32) (uint32, error) {
	s := p.next()
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || uint32(n) > max {
		return 0, fmt.Errorf("%q is not a number up to %d", s, max)
	}
	return uint32(n), nil
}

// program is classic BPF being generated, with jumps to labels resolved at the end.
type program struct {
	ins    []bpf.Instruction
	jumps  []jumpFix
	labels []int // label -> instruction index
}

type jumpFix struct {
	at          int
	true, false int // labels
}

func (p *program) label() int {
	p.labels = append(p.labels, -1)
	return len(p.labels) - 1
}

func (p *program) place(l int) { p.labels[l] = len(p.ins) }

// emit generates code for e that continues at label t when e holds and at f otherwise.
func (p *program) emit(e *Expr, t, f int) {
	switch e.op {
	case opTrue:
		p.jumps = append(p.jumps, jumpFix{at: len(p.ins), true: t, false: t})
		p.ins = append(p.ins, bpf.JumpIf{Cond: bpf.JumpEqual})
	case opAnd:
		mid := p.label()
		p.emit(e.a, mid, f)
		p.place(mid)
		p.emit(e.b, t, f)
	case opOr:
		mid := p.label()
		p.emit(e.a, t, mid)
		p.place(mid)
		p.emit(e.b, t, f)
	case opNot:
		p.emit(e.a, f, t)
	case opTest:
		p.ins = append(p.ins, e.t.load...)
		p.jumps = append(p.jumps, jumpFix{at: len(p.ins), true: t, false: f})
		p.ins = append(p.ins, bpf.JumpIf{Cond: e.t.cond, Val: e.t.val})
	}
}

// compile turns e into a socket filter that accepts snaplen bytes of matching packets and
// drops the outgoing copy of loopback packets (interface loIndex; 0 when unknown), which
// would otherwise be seen twice.
func compile(e *Expr, loIndex int, snaplen uint32) ([]bpf.RawInstruction, error) {
	var p program
	accept, drop := p.label(), p.label()
	if loIndex > 0 {
		// pkttype OUTGOING (4) on the loopback interface: drop.
		notLo := p.label()
		p.emit(and(leaf(bpf.JumpEqual, 4, bpf.LoadExtension{Num: bpf.ExtType}),
			leaf(bpf.JumpEqual, uint32(loIndex), bpf.LoadExtension{Num: bpf.ExtInterfaceIndex})), drop, notLo)
		p.place(notLo)
	}
	p.emit(e, accept, drop)
	p.place(accept)
	p.ins = append(p.ins, bpf.RetConstant{Val: snaplen})
	p.place(drop)
	p.ins = append(p.ins, bpf.RetConstant{Val: 0})
	for _, j := range p.jumps {
		ji := p.ins[j.at].(bpf.JumpIf)
		st, sf := p.labels[j.true]-j.at-1, p.labels[j.false]-j.at-1
		if st < 0 || sf < 0 || st > 255 || sf > 255 {
			return nil, fmt.Errorf("filter too long for classic BPF jumps")
		}
		ji.SkipTrue, ji.SkipFalse = uint8(st), uint8(sf)
		p.ins[j.at] = ji
	}
	raw, err := bpf.Assemble(p.ins)
	if err != nil {
		return nil, fmt.Errorf("assemble filter: %w", err)
	}
	return raw, nil
}

// Compile compiles a filter expression (see Parse) into a classic BPF program for packets
// without a link-layer header, as a Handle reads them. It is exported for tests and for
// `--filter` checks before a capture starts.
func Compile(expr string, snaplen uint32) ([]bpf.RawInstruction, error) {
	e, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	return compile(e, 0, snaplen)
}
