package sipmsg

import "bytes"

// Limits that keep a hostile stream from holding unbounded memory in Frame.
const (
	// MaxHeaderBytes bounds the start line plus header section of a framed message.
	MaxHeaderBytes = 64 << 10
	// MaxBodyBytes bounds the Content-Length Frame and Parse accept.
	MaxBodyBytes = 16 << 20
)

// Frame finds the first SIP message in a stream buffer (TCP, TLS payload, ...).
//
//   - n > 0: buf[skip:skip+n] is one complete message, header section plus Content-Length
//     body bytes; skip counts the CRLF keep-alives before it.
//   - n == 0, err == nil: more bytes are needed; drop skip bytes (keep-alives) first.
//   - err != nil: the stream cannot be framed at this point. Drop skip bytes (always > 0)
//     and call Frame again. A *MalformedError means the bytes do not begin with a SIP start
//     line (skip reaches the next line that could be one: resynchronisation after a capture
//     gap) or that Content-Length is not a number (skip drops the header section).
//     ErrTooLarge means the header section exceeds MaxHeaderBytes or Content-Length exceeds
//     MaxBodyBytes.
//
// A message without Content-Length has an empty body, as RFC 3261 section 18.3 requires of
// streams. Frame does not allocate except to build a *MalformedError.
func Frame(buf []byte) (skip, n int, err error) {
	for skip < len(buf) && (buf[skip] == '\r' || buf[skip] == '\n') {
		skip++
	}
	b := buf[skip:]
	if len(b) == 0 {
		return skip, 0, nil
	}
	lf := bytes.IndexByte(b[:min(len(b), maxStartLine+1)], '\n')
	if lf < 0 {
		if plausiblePrefix(b) {
			return skip, 0, nil
		}
		return skip + len(b), 0, &MalformedError{What: "stream: no SIP start line", Offset: skip}
	}
	if !Sniff(b[:lf+1]) {
		r := resync(b, lf+1)
		return skip + r, 0, &MalformedError{What: "stream: no SIP start line", Offset: skip}
	}
	cl := -1
	p := lf + 1
	for {
		if p > MaxHeaderBytes {
			return skip + p, 0, ErrTooLarge // p is a line start past the limit
		}
		if p >= len(b) {
			return skip, 0, nil
		}
		if b[p] == '\n' {
			p++
			break
		}
		if b[p] == '\r' {
			if p+1 >= len(b) {
				return skip, 0, nil
			}
			if b[p+1] == '\n' {
				p += 2
				break
			}
		}
		e := bytes.IndexByte(b[p:min(len(b), MaxHeaderBytes+1)], '\n')
		if e < 0 {
			if len(b) > MaxHeaderBytes {
				return skip + max(p, 1), 0, ErrTooLarge
			}
			return skip, 0, nil
		}
		if cl < 0 {
			v, ok := contentLengthLine(b[p : p+e])
			if ok {
				n, i, valid := parseUint(v, 0, MaxBodyBytes+1)
				if !valid || i != len(v) {
					if i == len(v) && len(v) > 0 {
						cl = -2 // too large; reported once the header section is complete
					} else {
						cl = -3
					}
				} else {
					cl = int(n)
				}
			}
		}
		p += e + 1
	}
	switch cl {
	case -1:
		cl = 0
	case -2:
		return skip + p, 0, ErrTooLarge
	case -3:
		return skip + p, 0, &MalformedError{What: "Content-Length: not a number", Offset: skip}
	}
	if len(b)-p < cl {
		return skip, 0, nil
	}
	return skip, p + cl, nil
}

// contentLengthLine returns the trimmed value when line is a Content-Length (or l) header.
func contentLengthLine(line []byte) ([]byte, bool) {
	c := lower[line[0]]
	if c != 'c' && c != 'l' {
		return nil, false
	}
	colon := bytes.IndexByte(line, ':')
	if colon < 0 {
		return nil, false
	}
	ne := colon
	for ne > 0 && (line[ne-1] == ' ' || line[ne-1] == '\t') {
		ne--
	}
	if id := lookupHeader(line[:ne]); id != hdrContentLength {
		return nil, false
	}
	s, e := trimLWS(line, colon+1, len(line))
	return line[s:e], true
}

// resync returns the offset of the first line start at or after from that begins a SIP start
// line, or that could still grow into one when no line feed follows; len(b) when none does.
func resync(b []byte, from int) int {
	p := from
	for p < len(b) {
		e := bytes.IndexByte(b[p:], '\n')
		if e < 0 {
			if plausiblePrefix(b[p:]) {
				return p
			}
			return len(b)
		}
		if Sniff(b[p : p+e+1]) {
			return p
		}
		p += e + 1
	}
	return len(b)
}
