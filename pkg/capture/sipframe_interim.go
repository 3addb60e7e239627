package capture

// Interim start-line sniffing and stream framing, used until pkg/sipmsg provides Sniff and
// Frame; this file is deleted when the decoder switches to them.

import (
	"bytes"
	"errors"
)

var errInterimMalformed = errors.New("malformed SIP message")

func sniffSIP(b []byte) bool {
	if bytes.HasPrefix(b, []byte("SIP/2.0 ")) {
		return len(b) >= 11 && isDigit(b[8]) && isDigit(b[9]) && isDigit(b[10])
	}
	i := 0
	for i < len(b) && i < 32 && b[i] >= 'A' && b[i] <= 'Z' {
		i++
	}
	if i == 0 || i >= len(b) || b[i] != ' ' {
		return false
	}
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		end = len(b)
	}
	return bytes.Contains(b[:end], []byte(" SIP/2.0"))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func frameSIP(buf []byte) (skip, n int, err error) {
	for skip < len(buf) && (buf[skip] == '\r' || buf[skip] == '\n') {
		skip++
	}
	b := buf[skip:]
	if len(b) == 0 {
		return skip, 0, nil
	}
	if !sniffSIP(b) {
		if len(b) < 16 {
			return skip, 0, nil
		}
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return skip + i + 1, 0, errInterimMalformed
		}
		return len(buf), 0, errInterimMalformed
	}
	h := bytes.Index(b, []byte("\r\n\r\n"))
	if h < 0 {
		return skip, 0, nil
	}
	h += 4
	cl := 0
	for _, line := range bytes.Split(b[:h], []byte("\r\n")) {
		c := bytes.IndexByte(line, ':')
		if c < 0 {
			continue
		}
		name := bytes.TrimSpace(line[:c])
		if bytes.EqualFold(name, []byte("Content-Length")) || bytes.EqualFold(name, []byte("l")) {
			v := bytes.TrimSpace(line[c+1:])
			cl = 0
			for _, d := range v {
				if !isDigit(d) || cl > 1<<24 {
					return skip + h, 0, errInterimMalformed
				}
				cl = cl*10 + int(d-'0')
			}
		}
	}
	if len(b) < h+cl {
		return skip, 0, nil
	}
	return skip, h + cl, nil
}
