package sipmsg

import (
	"strings"
	"testing"
)

// TestLookupToken checks the word-compare lookup against lookupHeader for every known name in
// several spellings, at the end of the buffer and inside it, and for near misses.
func TestLookupToken(t *testing.T) {
	var names []string
	for _, k := range knownNames {
		n := k.name
		names = append(names, n, strings.ToUpper(n), strings.ToUpper(n[:1])+n[1:],
			n[:len(n)-1], n+"x", "x"+n[1:], n[:len(n)-1]+"_", strings.ReplaceAll(n, "-", "."),
			strings.ReplaceAll(n, "-", "\r"), strings.ReplaceAll(n, "-", "\x0d"), n[:1]+"\x00"+n[2:],
			strings.Map(func(r rune) rune { return r &^ 0x40 }, n))
	}
	for c := 0; c < 256; c++ {
		names = append(names, string([]byte{byte(c)}))
	}
	names = append(names, "X-Custom", "Accept", "Allow", "Record-Route", "P-Asserted-Identity")
	for _, n := range names {
		want := lookupHeader(n)
		for _, c := range []struct {
			buf string
			s   int
		}{{n, 0}, {n + ": value\r\n\r\n", 0}, {"xx" + n, 2}} {
			buf, s := c.buf, c.s
			if got := lookupToken([]byte(buf), s, s+len(n)); got != want {
				t.Errorf("lookupToken(%q in %q) = %d, want %d", n, buf, got, want)
			}
		}
	}
}

// TestLookupTokenEveryByte replaces each byte of each known name by every byte value.
func TestLookupTokenEveryByte(t *testing.T) {
	for _, k := range knownNames {
		for i := 0; i < len(k.name); i++ {
			for c := 0; c < 256; c++ {
				b := []byte(k.name + ":")
				b[i] = byte(c)
				n := len(k.name)
				if got, want := lookupToken(b, 0, n), lookupHeader(b[:n]); got != want {
					t.Errorf("lookupToken(%q) = %d, want %d", b[:n], got, want)
				}
			}
		}
	}
}
