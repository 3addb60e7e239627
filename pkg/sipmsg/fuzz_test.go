package sipmsg

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSeeds returns the RFC 4475 messages and the messages of the table tests.
func fuzzSeeds(f *testing.F) [][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", "rfc4475", "*.dat"))
	if err != nil {
		f.Fatal(err)
	}
	var seeds [][]byte
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, m := range seedMessages {
		seeds = append(seeds, []byte(m))
	}
	return seeds
}

// within reports whether s is empty or a sub-slice of b.
func within(b, s []byte) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i+len(s) <= len(b); i++ {
		if &b[i] == &s[0] {
			return true
		}
	}
	return false
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	var m Message
	f.Fuzz(func(t *testing.T, b []byte) {
		err := m.Parse(b)
		if err != nil {
			var me *MalformedError
			if !errors.Is(err, ErrNotSIP) && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrTooLarge) && !errors.As(err, &me) {
				t.Fatalf("unexpected error type %T %v", err, err)
			}
		}
		n, method := m.CSeq()
		_ = n
		v := m.Via()
		parts := [][]byte{m.Method(), m.RequestURI(), m.Version(), m.ReasonPhrase(), m.CallID(), method,
			m.FromURI(), m.FromTag(), m.ToURI(), m.ToTag(), v.Transport, v.SentBy, v.Branch, v.Received,
			v.RPort, m.ContentType(), m.UserAgent(), m.Server(), m.Body(), m.Header("Contact"), m.Header("X-Custom")}
		realm, _, _ := m.Challenge()
		parts = append(parts, realm)
		for i := 0; i < m.NumReasons(); i++ {
			r := m.Reason(i)
			parts = append(parts, r.Protocol, r.Text)
		}
		for i := 0; i < m.NumWarnings(); i++ {
			w := m.Warning(i)
			parts = append(parts, w.Agent, w.Text)
		}
		for i := 0; i < m.NumHeaders(); i++ {
			name, value := m.HeaderAt(i)
			parts = append(parts, name, value)
		}
		for i, p := range parts {
			if !within(b, p) {
				t.Fatalf("accessor %d returned bytes outside the input", i)
			}
		}
		if err == nil && !Sniff(b) && m.Defects()&DefectVersion == 0 && !m.IsRequest() {
			// A readable response with version SIP/2.0 must also pass Sniff.
			if bytes.HasPrefix(bytes.TrimLeft(b, "\r\n"), []byte("SIP/2.0 ")) {
				t.Fatalf("Parse accepted a response Sniff rejects")
			}
		}
		_ = m.Defects().String()
	})
}

func FuzzFrame(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
		f.Add(append(append([]byte("\r\n\r\ngarbage\r\n"), s...), s...))
	}
	var m Message
	f.Fuzz(func(t *testing.T, buf []byte) {
		skip, n, err := Frame(buf)
		if skip < 0 || n < 0 || skip+n > len(buf) {
			t.Fatalf("Frame(%d bytes) = %d, %d out of range", len(buf), skip, n)
		}
		if err != nil {
			if skip == 0 || n != 0 {
				t.Fatalf("error %v with skip %d, n %d", err, skip, n)
			}
			return
		}
		if n == 0 {
			return
		}
		msg := buf[skip : skip+n]
		if perr := m.Parse(msg); perr != nil {
			t.Fatalf("Frame returned a message Parse rejects: %v\n%q", perr, msg)
		}
		if cl, ok := m.ContentLength(); ok && len(m.Body()) != cl {
			t.Fatalf("body %d bytes, Content-Length %d", len(m.Body()), cl)
		}
	})
}

// sniffRequestLineByByte is Sniff's test of the rest of a request line, from the colon after
// the Request-URI's scheme, one byte at a time: the reference FuzzSniff holds Sniff's
// word-at-a-time scan to.
func sniffRequestLineByByte(b []byte, s, j int) bool {
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

// FuzzSniff checks Sniff on request lines against the byte-by-byte reference: the input is
// put after "INVITE sip:" and, as it is, tried too.
func FuzzSniff(f *testing.F) {
	for _, s := range []string{"a@b SIP/2.0\r\n", "a@b\tSIP/2.0\r\n", "alice@example.com;transport=udp SIP/2.0 \r\nVia: x\r\n",
		"a\x7fb SIP/2.0\r\n", "a@b SIP/2.0", "a@b SIP/2.0\rX", "\xc3\xa9t\xc3\xa9@b SIP/2.0\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, rest []byte) {
		const head = "INVITE sip:"
		b := append([]byte(head), rest...)
		if got, want := Sniff(b), sniffRequestLineByByte(b, len("INVITE "), len(head)-1); got != want {
			t.Fatalf("Sniff(%q) = %v, the byte-by-byte scan says %v", b, got, want)
		}
		_ = Sniff(rest) // any bytes: must not panic
	})
}
