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
