package capture

// Interim start-line sniffing and stream framing, used until pkg/sipmsg provides Sniff and
// Frame; this file is deleted when the decoder switches to them.

import (
	"bytes"
	"errors"
)

var errInterimMalformed = errors.New("malformed SIP message")

func sniffSIP(b []byte) bool {
	end := bytes.IndexAny(b, "\r\n")
	if end < 0 {
		return false
	}
	line := b[:end]
	for _, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	if rest, ok := bytes.CutPrefix(line, []byte("SIP/2.0 ")); ok {
		return len(rest) >= 3 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && (len(rest) == 3 || rest[3] == ' ')
	}
	sp := bytes.IndexByte(line, ' ')
	if sp <= 0 || !bytes.HasSuffix(line, []byte(" SIP/2.0")) || len(line) < sp+len(" x SIP/2.0") {
		return false
	}
	for _, c := range line[:sp] {
		if !isToken(c) {
			return false
		}
	}
	return true
}

func isToken(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || bytes.IndexByte([]byte("-.!%*_+`'~"), c) >= 0
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
		if bytes.IndexByte(b, '\n') < 0 && len(b) < 8192 {
			return skip, 0, nil // the start line is not complete yet
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
	for i, line := range bytes.Split(b[:h-4], []byte("\r\n")) {
		if i == 0 || len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			continue // start line, folded continuation
		}
		c := bytes.IndexByte(line, ':')
		if c <= 0 {
			return skip + len(line), 0, errInterimMalformed
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
