package sipmsg

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Small scanners over header values. They take a value slice and return indexes into it;
// none of them allocates or panics on any input.

func isLWS(c byte) bool { return charClass[c]&classLWS != 0 }

// Character classes, one table lookup instead of several comparisons in the inner loops.
const (
	classLWS      = 1 << iota // SP, HT, CR, LF
	classParamEnd             // what ends an unquoted parameter value: LWS, ';', ','
)

var charClass = func() (t [256]uint8) {
	for _, c := range " \t\r\n" {
		t[c] |= classLWS | classParamEnd
	}
	t[';'] |= classParamEnd
	t[','] |= classParamEnd
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipLWS returns the index of the first byte at or after i that is not linear white space
// (folded values keep their CR LF, so those count as white space too).
func skipLWS(v []byte, i int) int {
	for i < len(v) && isLWS(v[i]) {
		i++
	}
	return i
}

// trimLWS returns [s, e) with linear white space removed from both ends.
func trimLWS(v []byte, s, e int) (int, int) {
	for s < e && isLWS(v[s]) {
		s++
	}
	for e > s && isLWS(v[e-1]) {
		e--
	}
	return s, e
}

// skipToken returns the index after the run of token characters starting at i.
func skipToken(v []byte, i int) int {
	for i < len(v) && isToken[v[i]] {
		i++
	}
	return i
}

// skipQuoted expects v[i] == '"' and returns the index after the closing quote, honouring
// backslash escapes; ok is false when the string is not terminated.
func skipQuoted(v []byte, i int) (int, bool) {
	for i++; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return len(v), false
}

// skipQuotedLong is skipQuoted for strings that are usually long, such as a warn-text: it
// moves eight bytes at a time up to the next '"' or '\\'.
func skipQuotedLong(v []byte, i int) (int, bool) {
	for i++; i < len(v); i++ {
		for i+8 <= len(v) {
			x := binary.LittleEndian.Uint64(v[i:])
			if f := bytesEqual(x, '"') | bytesEqual(x, '\\'); f != 0 {
				i += bits.TrailingZeros64(f) >> 3
				break
			}
			i += 8
		}
		if i >= len(v) {
			break
		}
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return len(v), false
}

// nextComma returns the index of the first comma at or after i that is outside quoted
// strings and angle brackets, or len(v). ok is false on an unterminated quoted string.
func nextComma(v []byte, i int) (int, bool) {
	angle := false
	for i < len(v) {
		switch v[i] {
		case '"':
			var ok bool
			if i, ok = skipQuoted(v, i); !ok {
				return len(v), false
			}
			continue
		case '<':
			angle = true
		case '>':
			angle = false
		case ',':
			if !angle {
				return i, true
			}
		}
		i++
	}
	return len(v), true
}

// countValues counts the comma-separated values of a list header.
func countValues(v []byte) int {
	if bytes.IndexByte(v, ',') < 0 {
		// The common case: one value (v is trimmed, so non-empty means one).
		if len(v) > 0 {
			return 1
		}
		return 0
	}
	n := 0
	for i := 0; i <= len(v); {
		e, _ := nextComma(v, i)
		if s, e2 := trimLWS(v, i, e); s < e2 {
			n++
		}
		i = e + 1
	}
	return n
}

// parseUint reads decimal digits from v[i:]. It returns the value, the index after the
// digits and ok == false when there is no digit or the value does not fit below limit.
func parseUint(v []byte, i int, limit uint64) (n uint64, end int, ok bool) {
	start := i
	for i < len(v) && isDigit(v[i]) {
		n = n*10 + uint64(v[i]-'0')
		if n >= limit {
			for i < len(v) && isDigit(v[i]) {
				i++
			}
			return 0, i, false
		}
		i++
	}
	return n, i, i > start
}

// param is one "name [= value]" element of a parameter list, as indexes into the value.
// When the value is a quoted string, vs and ve exclude the quotes; without '=', vs == ve == -1.
type param struct {
	ns, ne, vs, ve int
}

// scanParam reads one parameter starting at i (LWS allowed before and around '=').
// It stops before the next ';' or ',' or at the end and returns the index there.
// ok is false for an empty name or an unterminated quoted value.
func scanParam(v []byte, i int) (p param, next int, ok bool) {
	i = skipLWS(v, i)
	p.ns = i
	i = skipToken(v, i)
	p.ne = i
	p.vs, p.ve = -1, -1
	if p.ne == p.ns {
		return p, i, false
	}
	i = skipLWS(v, i)
	if i < len(v) && v[i] == '=' {
		i = skipLWS(v, i+1)
		if i < len(v) && v[i] == '"' {
			e, closed := skipQuoted(v, i)
			p.vs, p.ve = i+1, e-1
			if !closed {
				p.ve = e
				return p, e, false
			}
			i = e
		} else {
			p.vs = i
			i = skipParamValue(v, i)
			p.ve = i
		}
		i = skipLWS(v, i)
	}
	return p, i, true
}

// Word-at-a-time scanning: eight bytes are tested with a few arithmetic operations. In the
// masks below the lowest flagged byte is exact; bytes above it may be flagged falsely (borrow),
// so only the first one is used.
const (
	lsb8 = 0x0101010101010101
	msb8 = 0x8080808080808080
)

// bytesBelow flags the bytes of x that are below n (n <= 0x80).
func bytesBelow(x uint64, n byte) uint64 { return (x - lsb8*uint64(n)) & ^x & msb8 }

// bytesEqual flags the bytes of x equal to c.
func bytesEqual(x uint64, c byte) uint64 {
	y := x ^ (lsb8 * uint64(c))
	return (y - lsb8) & ^y & msb8
}

// skipParamValue returns the index of the first byte at or after i that ends an unquoted
// parameter value (linear white space, ';' or ','), or len(v).
func skipParamValue(v []byte, i int) int {
	// Control bytes other than white space are rare: the loop below goes on past them.
	for i+8 <= len(v) {
		x := binary.LittleEndian.Uint64(v[i:])
		if m := bytesBelow(x, 0x21) | bytesEqual(x, ';') | bytesEqual(x, ','); m != 0 {
			i += bits.TrailingZeros64(m) >> 3 // the first byte below 0x21, ';' or ','
			break
		}
		i += 8
	}
	for i < len(v) && charClass[v[i]]&classParamEnd == 0 {
		i++
	}
	return i
}

// indexSemiComma returns the index of the first ';' or ',' at or after i, or len(v).
func indexSemiComma(v []byte, i int) int {
	for i+8 <= len(v) {
		x := binary.LittleEndian.Uint64(v[i:])
		if m := bytesEqual(x, ';') | bytesEqual(x, ','); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(v) && v[i] != ';' && v[i] != ',' {
		i++
	}
	return i
}

// hasLWS reports whether v holds a byte of linear white space.
func hasLWS(v []byte) bool {
	i := 0
	for i+8 <= len(v) {
		if bytesBelow(binary.LittleEndian.Uint64(v[i:]), 0x21) != 0 {
			break // a control byte or white space: decide byte by byte
		}
		i += 8
	}
	for ; i < len(v); i++ {
		if isLWS(v[i]) {
			return true
		}
	}
	return false
}

// word8 is a lower-case constant of at most 8 bytes as a little-endian word, for comparing
// with fold8 of the bytes in the buffer.
type word8 struct {
	w, mask uint64
	c       string
}

func mkword(c string) word8 {
	var w uint64
	for i := len(c) - 1; i >= 0; i-- {
		w = w<<8 | uint64(c[i])
	}
	mask := ^uint64(0)
	if len(c) < 8 {
		mask = 1<<(8*uint(len(c))) - 1
	}
	return word8{w: w, mask: mask, c: c}
}

// Constants compared word-wise.
var (
	wordSIP20  = mkword("sip/2.0/")
	wordBranch = mkword("branch")
	wordRecv   = mkword("received")
	wordRPort  = mkword("rport")
	wordTag    = mkword("tag")
	wordCause  = mkword("cause")
	wordText   = mkword("text")
	wordRealm  = mkword("realm")
	wordStale  = mkword("stale")
	wordTrue   = mkword("true")
)

// isWord reports whether v[s:e] spells c.c in any case.
func isWord(v []byte, s, e int, c *word8) bool {
	if e-s != len(c.c) || s < 0 {
		return false
	}
	if s+8 <= len(v) {
		return fold8(binary.LittleEndian.Uint64(v[s:]))&c.mask == c.w
	}
	return isWordShort(v, s, e, c)
}

// isWordShort is isWord near the end of v, where 8 bytes cannot be read at s.
func isWordShort(v []byte, s, e int, c *word8) bool {
	return e <= len(v) && eqLower(v[s:e], c.c)
}
