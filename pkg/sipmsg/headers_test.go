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
			n[:len(n)-1], n+"x", "x"+n[1:], n[:len(n)-1]+"_", strings.ReplaceAll(n, "-", "."))
	}
	for c := byte('!'); c < 0x7f; c++ {
		names = append(names, string(c))
	}
	names = append(names, "X-Custom", "Accept", "Allow", "Record-Route", "P-Asserted-Identity")
	for _, n := range names {
		if skipToken([]byte(n), 0) != len(n) {
			continue // lookupToken only sees token names
		}
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
