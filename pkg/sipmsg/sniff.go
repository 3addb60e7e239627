package sipmsg

import "encoding/binary"

// maxMethod bounds the method token Sniff accepts. Real methods are short, but test suites
// (PROTOS) send kilobytes of token characters as a method, and Wireshark reads those as SIP
// too; the bound only keeps a scan of text that is not SIP from running on forever.
const maxMethod = maxStartLine

// maxStartLine bounds how long an unfinished first line may grow in Frame before the bytes
// are judged not to be SIP.
const maxStartLine = 8 << 10

// MayStart reports whether a SIP message can begin with the byte c: CR or LF (skipped before
// the start line) or an RFC 3261 token character (a method, or "SIP/2.0"). Sniff is false for
// every buffer whose first byte MayStart rejects, so a capture can drop such payloads unread.
func MayStart(c byte) bool { return c == '\r' || c == '\n' || isToken[c] }

// Sniff reports cheaply whether b begins with a SIP/2.0 start line: "SIP/2.0 NNN" with a code
// in 100-699, or "METHOD SP scheme:... SP SIP/2.0". Leading CR and LF are skipped. It is also
// true when b stops right after such a line. HTTP, RTP, STUN, TLS and other binary data are
// rejected on their first bytes, so Sniff can run on every packet of a capture.
func Sniff(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] == '\r' || b[i] == '\n') {
		i++
	}
	b = b[i:]
	if len(b) >= 8 && eqLower(b[:8], "sip/2.0 ") {
		j := 8
		for j < len(b) && b[j] == ' ' {
			j++
		}
		if len(b)-j < 3 || b[j] < '1' || b[j] > '6' || !isDigit(b[j+1]) || !isDigit(b[j+2]) {
			return false
		}
		j += 3
		return j == len(b) || b[j] == ' ' || b[j] == '\n' ||
			(b[j] == '\r' && (j+1 == len(b) || b[j+1] == '\n'))
	}
	m := skipToken(b, 0)
	if m == 0 || m > maxMethod || m >= len(b) || b[m] != ' ' {
		return false
	}
	// Request-URI: a scheme, then no control characters up to the end of the line.
	j := m + 1
	for j < len(b) && b[j] == ' ' {
		j++
	}
	s := j
	for j < len(b) && (isAlpha(b[j]) || (j > s && (isDigit(b[j]) || b[j] == '+' || b[j] == '-' || b[j] == '.'))) {
		j++
	}
	if j == s || j >= len(b) || b[j] != ':' {
		return false
	}
	// Eight bytes at a time past printable text, then byte by byte from the first control
	// byte (a line end, a tab, or one that rejects the line).
	for j+8 <= len(b) {
		if x := binary.LittleEndian.Uint64(b[j:]); bytesBelow(x, ' ')|bytesEqual(x, 0x7f) != 0 {
			break
		}
		j += 8
	}
	for ; j < len(b); j++ {
		c := b[j]
		if c == '\n' || (c == '\r' && (j+1 == len(b) || b[j+1] == '\n')) {
			break
		}
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	e := j
	for e > s && (b[e-1] == ' ' || b[e-1] == '\t') {
		e--
	}
	return e-s > 8 && b[e-8] == ' ' && eqLower(b[e-7:e], "sip/2.0")
}

func isAlpha(c byte) bool { return lower[c] >= 'a' && lower[c] <= 'z' }

// plausiblePrefix reports whether b, which holds no line feed, can still grow into a SIP
// start line: a prefix of "SIP/2.0 NNN ..." or a method token, a space and printable text.
func plausiblePrefix(b []byte) bool {
	if len(b) > maxStartLine {
		return false
	}
	const resp = "sip/2.0 "
	n := min(len(b), len(resp))
	if eqLower(b[:n], resp[:n]) {
		if n < len(resp) {
			return true
		}
		for j, d := len(resp), 0; j < len(b) && d < 3; j++ {
			if !isDigit(b[j]) && !(d == 0 && b[j] == ' ') {
				return false
			}
			if isDigit(b[j]) {
				d++
			}
		}
		return printable(b)
	}
	m := skipToken(b, 0)
	if m == 0 || m > maxMethod {
		return false
	}
	if m < len(b) && b[m] != ' ' {
		return false
	}
	return printable(b)
}

// printable reports whether b holds no control character other than HT and a final CR.
func printable(b []byte) bool {
	for i, c := range b {
		if (c < ' ' && c != '\t' && !(c == '\r' && i == len(b)-1)) || c == 0x7f {
			return false
		}
	}
	return true
}
