package capture

import (
	"bytes"
	"net/netip"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/reassembly"

	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// tcpState reassembles TCP streams with gopacket's reassembly package and frames SIP
// messages out of them.
type tcpState struct {
	d         *Decoder
	pool      *reassembly.StreamPool
	asm       *reassembly.Assembler
	open      int
	lastSweep time.Time
	// flushing is set while reassembly delivers data because of a flush (idle streams, too
	// many streams, end of input) rather than because of the packet being decoded.
	flushing bool
}

// pageSize is the size of reassembly's buffer pages (its unexported pageBytes).
const pageSize = 1900

func newTCPState(d *Decoder) *tcpState {
	t := &tcpState{d: d}
	t.pool = reassembly.NewStreamPool(t)
	t.asm = reassembly.NewAssembler(t.pool)
	t.asm.MaxBufferedPagesPerConnection = d.opts.MaxStreamBuffer/pageSize + 1
	t.asm.MaxBufferedPagesTotal = max(4*t.asm.MaxBufferedPagesPerConnection, 1<<16)
	return t
}

// tcpContext carries a packet's capture info and origin through reassembly. reassembly keeps
// the context of a queued out-of-order packet, so every packet gets its own.
type tcpContext struct {
	ci    gopacket.CaptureInfo
	in    *inputState
	frame int
	// self is ci.AncillaryData: reassembly hands back only a page's CaptureInfo, and this is
	// how the context is found from it without another allocation.
	self [1]any
}

func (c *tcpContext) GetCaptureInfo() gopacket.CaptureInfo { return c.ci }

func (t *tcpState) segment(src, dst netip.Addr, tcp *layers.TCP, ts time.Time) {
	var nf gopacket.Flow
	if src.Is4() {
		s, d := src.As4(), dst.As4()
		nf = gopacket.NewFlow(layers.EndpointIPv4, s[:], d[:])
	} else {
		s, d := src.As16(), dst.As16()
		nf = gopacket.NewFlow(layers.EndpointIPv6, s[:], d[:])
	}
	ctx := &tcpContext{ci: *t.d.ci, in: t.d.cur, frame: t.d.cur.frame}
	ctx.ci.Timestamp = ts
	ctx.self[0] = ctx
	ctx.ci.AncillaryData = ctx.self[:]
	t.asm.AssembleWithContext(nf, tcp, ctx)
}

// maintain closes idle streams once per second of capture time, and the least recently
// active ones while more than MaxTCPStreams are open.
func (t *tcpState) maintain(now time.Time) {
	t.flushing = true
	defer func() { t.flushing = false }()
	if limit := t.d.opts.MaxTCPStreams; t.open > limit {
		// Close the least recently active streams down to 90% of the limit, so that a flood
		// of new connections does not sweep the whole pool on every packet.
		target := limit - limit/10
		for age := t.d.opts.TCPIdleTimeout / 2; t.open > target && age > 0; age /= 4 {
			t.asm.FlushCloseOlderThan(now.Add(-age))
		}
		if t.open > target {
			t.asm.FlushCloseOlderThan(now)
		}
	}
	if now.Sub(t.lastSweep) < time.Second {
		return
	}
	t.lastSweep = now
	if t.open > 0 {
		t.asm.FlushCloseOlderThan(now.Add(-t.d.opts.TCPIdleTimeout))
	}
}

func (t *tcpState) flushAll() {
	t.flushing = true
	defer func() { t.flushing = false }()
	t.asm.FlushAll()
	t.open = 0
}

// New is reassembly's StreamFactory: one sipStream per TCP connection.
func (t *tcpState) New(netFlow, tcpFlow gopacket.Flow, tcp *layers.TCP, ac reassembly.AssemblerContext) reassembly.Stream {
	t.open++
	in := t.d.cur
	if c, ok := ac.(*tcpContext); ok {
		in = c.in
	}
	in.stats.TCPStreams++
	srcIP, _ := netip.AddrFromSlice(netFlow.Src().Raw())
	dstIP, _ := netip.AddrFromSlice(netFlow.Dst().Raw())
	src := netip.AddrPortFrom(srcIP, uint16(tcp.SrcPort))
	dst := netip.AddrPortFrom(dstIP, uint16(tcp.DstPort))
	s := &sipStream{t: t}
	s.half[0] = halfStream{src: src, dst: dst, hunting: true}
	s.half[1] = halfStream{src: dst, dst: src, hunting: true}
	return s
}

// sipStream is one TCP connection; each direction is framed separately.
type sipStream struct {
	t         *tcpState
	half      [2]halfStream
	encrypted bool
	http      bool
	done      bool
}

// halfStream is one direction of a connection.
type halfStream struct {
	src, dst netip.AddrPort
	buf      []byte // start of an incomplete message (or a short tail while hunting)
	hunting  bool   // looking for the start of a message
	ignore   bool   // not SIP (TLS): data is dropped
	seen     bool   // some data arrived
	last     *tcpContext
}

func (s *sipStream) Accept(tcp *layers.TCP, ci gopacket.CaptureInfo, dir reassembly.TCPFlowDirection,
	nextSeq reassembly.Sequence, start *bool, ac reassembly.AssemblerContext) bool {
	// Captures may begin in the middle of a connection: take the first segment seen in each
	// direction as its start.
	*start = true
	if c, ok := ac.(*tcpContext); ok {
		s.half[dirIndex(dir)].last = c
	}
	return true
}

func dirIndex(dir reassembly.TCPFlowDirection) int {
	if dir == reassembly.TCPDirClientToServer {
		return 0
	}
	return 1
}

// sipPort reports whether TLS on port p counts as encrypted SIP.
func sipPort(p uint16) bool { return p == 5060 || p == 5061 }

// looksTLS reports whether b begins with a TLS record header (handshake, alert, change cipher
// spec or application data, version 3.x).
func looksTLS(b []byte) bool {
	return len(b) >= 3 && b[0] >= 20 && b[0] <= 23 && b[1] == 3 && b[2] <= 4
}

// looksHTTP reports whether b begins with an HTTP/1.x request or status line.
func looksHTTP(b []byte) bool {
	if bytes.HasPrefix(b, []byte("HTTP/1.")) {
		return true
	}
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		return false
	}
	line := bytes.TrimRight(b[:end], "\r")
	sp := bytes.IndexByte(line, ' ')
	if sp <= 0 || sp > 16 {
		return false
	}
	for _, c := range line[:sp] {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return bytes.HasSuffix(line, []byte(" HTTP/1.1")) || bytes.HasSuffix(line, []byte(" HTTP/1.0"))
}

func (s *sipStream) ReassembledSG(sg reassembly.ScatterGather, ac reassembly.AssemblerContext) {
	dir, _, _, skip := sg.Info()
	h := &s.half[dirIndex(dir)]
	length, _ := sg.Lengths()
	st := s.t.d
	ctx, _ := ac.(*tcpContext)
	if ctx == nil {
		ctx = h.last
	}
	if ctx == nil {
		ctx = &tcpContext{in: st.cur, frame: st.cur.frame}
		if st.ci != nil {
			ctx.ci = *st.ci
		}
	}
	if skip > 0 {
		ctx.in.stats.Gaps++
		if len(h.buf) > 0 && !h.hunting {
			ctx.in.stats.Malformed++ // the message the gap cut
		}
		h.buf = h.buf[:0]
		h.hunting = true
	}
	if length == 0 || h.ignore || s.http {
		return
	}
	data := sg.Fetch(length)
	if !h.seen {
		h.seen = true
		// A connection whose first bytes in either direction are HTTP is HTTP (or, after an
		// Upgrade, WebSocket): a body or header that happens to begin with a SIP status line
		// is not a SIP message.
		if looksHTTP(data) {
			s.http = true
			return
		}
	}
	if len(h.buf) == 0 && looksTLS(data) && !sipmsg.Sniff(data) {
		h.ignore = true
		if !s.encrypted && (sipPort(h.src.Port()) || sipPort(h.dst.Port())) {
			s.encrypted = true
			ctx.in.stats.Encrypted++
		}
		return
	}
	s.feed(h, data, ctx, sg)
}

// feed frames the messages in data, continuing the buffered start of one.
func (s *sipStream) feed(h *halfStream, data []byte, ctx *tcpContext, sg reassembly.ScatterGather) {
	d := s.t.d
	work := data
	if len(h.buf) > 0 {
		h.buf = append(h.buf, data...)
		work = h.buf
	}
	for len(work) > 0 {
		if h.hunting {
			i := findStart(work)
			if i < 0 {
				// Keep the last line if it may be the beginning of a start line that
				// continues in the next segment; drop everything else.
				work = work[bytes.LastIndexByte(work, '\n')+1:]
				if !plausibleStart(work) {
					work = nil
				}
				break
			}
			work = work[i:]
			h.hunting = false
		}
		skip, n, err := sipmsg.Frame(work)
		if err != nil {
			ctx.in.stats.Malformed++
			if skip <= 0 {
				skip = 1
			}
			work = work[min(skip, len(work)):]
			h.hunting = true
			continue
		}
		work = work[skip:]
		if n == 0 {
			break
		}
		mctx := ctx
		if s.t.flushing && sg != nil {
			// Delivered by a flush: the message was completed by the packet holding its last
			// byte, not by the packet being decoded now.
			if c := contextAt(sg, len(data)-len(work)+n-1); c != nil {
				mctx = c
			}
		}
		d.emit(work[:n], h.src, h.dst, TransportTCP, mctx.ci.Timestamp, mctx.in, mctx.frame)
		work = work[n:]
	}
	if len(work) > d.opts.MaxStreamBuffer {
		ctx.in.stats.Malformed++
		work = nil
		h.hunting = true
	}
	// work may alias h.buf; copy moves it to the front.
	if len(h.buf) > 0 {
		n := copy(h.buf, work)
		h.buf = h.buf[:n]
	} else {
		h.buf = append(h.buf[:0], work...)
	}
	if cap(h.buf) > 64<<10 && len(h.buf) < 4<<10 {
		h.buf = append([]byte(nil), h.buf...) // give back a large buffer
	}
}

// plausibleStart reports whether b, the incomplete last line of a segment, may begin a SIP
// start line: short, and upper-case letters (a method or "SIP") followed by printable ASCII.
func plausibleStart(b []byte) bool {
	if len(b) == 0 || len(b) > 256 || b[0] < 'A' || b[0] > 'Z' {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\r' || c > 0x7e {
			return false
		}
	}
	return true
}

// findStart returns the offset of the first line of work that begins a SIP message, or -1.
func findStart(work []byte) int {
	for i := 0; i < len(work); {
		for i < len(work) && (work[i] == '\r' || work[i] == '\n') {
			i++
		}
		if i < len(work) && sipmsg.Sniff(work[i:]) {
			return i
		}
		j := bytes.IndexByte(work[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
	}
	return -1
}

func (s *sipStream) ReassemblyComplete(ac reassembly.AssemblerContext) bool {
	if s.done {
		return true
	}
	s.done = true
	s.t.open--
	for i := range s.half {
		h := &s.half[i]
		if len(bytes.Trim(h.buf, "\r\n")) > 0 && !h.hunting && !h.ignore && h.last != nil {
			h.last.in.stats.Malformed++ // a message the capture did not finish
		}
		h.buf = nil
	}
	return true
}

// contextAt returns the context of the packet that carried byte off of sg's data, or nil.
// reassembly's CaptureInfo dereferences a nil context for the second and later pages of a
// packet larger than one page (gopacket v1.1.19); the recover turns that into a step back
// towards the packet's first page, which has it.
func contextAt(sg reassembly.ScatterGather, off int) *tcpContext {
	for ; off >= 0; off -= pageSize {
		if c := safeContextAt(sg, off); c != nil {
			return c
		}
	}
	return nil
}

func safeContextAt(sg reassembly.ScatterGather, off int) (c *tcpContext) {
	defer func() {
		if recover() != nil {
			c = nil
		}
	}()
	ci := sg.CaptureInfo(off)
	if len(ci.AncillaryData) == 1 {
		c, _ = ci.AncillaryData[0].(*tcpContext)
	}
	return c
}
