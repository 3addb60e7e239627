package capture

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sipscan/sipscan/internal/testenv"
	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// sipSummary is what the tests compare of one message: enough to tell messages apart and to
// match them with what tshark shows.
type sipSummary struct {
	Frame     int
	Transport string
	Src, Dst  string
	Method    string // request method, or "" for a response
	Code      int
	Reason    string
	CallID    string
	CSeq      int
	CSeqM     string
}

// summarize reads the start line, Call-ID and CSeq of a SIP message. It is deliberately
// simple (no folding) and serves the tests only.
func summarize(m *Message) sipSummary {
	s := sipSummary{Frame: m.Frame, Transport: m.Transport.String(), Src: m.Src.String(), Dst: m.Dst.String()}
	head := m.Data
	if i := bytes.Index(head, []byte("\r\n\r\n")); i >= 0 {
		head = head[:i]
	} else if i := bytes.Index(head, []byte("\n\n")); i >= 0 {
		head = head[:i]
	}
	// Lines end in CRLF, LF or a lone CR (as tshark splits them in damaged messages).
	lines := strings.FieldsFunc(strings.ReplaceAll(string(head), "\r\n", "\n"), func(r rune) bool { return r == '\n' || r == '\r' })
	if len(lines) == 0 {
		return s
	}
	first := lines[0]
	if rest, ok := strings.CutPrefix(first, "SIP/2.0 "); ok {
		code, reason, _ := strings.Cut(rest, " ")
		s.Code, _ = strconv.Atoi(code)
		s.Reason = reason
	} else {
		s.Method, _, _ = strings.Cut(first, " ")
	}
	for _, l := range lines[1:] {
		name, val, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		name, val = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(val)
		switch name {
		case "call-id", "i":
			if s.CallID == "" {
				s.CallID = val
			}
		case "cseq":
			if s.CSeqM == "" {
				n, m, _ := strings.Cut(val, " ")
				s.CSeq, _ = strconv.Atoi(strings.TrimSpace(n))
				s.CSeqM = strings.TrimSpace(m)
			}
		}
	}
	return s
}

// readAll reads the named inputs and returns the summaries of every message and the stats.
func readAll(t testing.TB, opts Options, names ...string) ([]sipSummary, []InputStats, error) {
	t.Helper()
	var got []sipSummary
	st, err := ReadFiles(context.Background(), names, opts, func(m *Message) error {
		got = append(got, summarize(m))
		return nil
	})
	return got, st, err
}

// writeCapture writes packets to a file in a temporary directory as pcap or pcapng.
func writeCapture(t testing.TB, name string, packets []capturetest.Packet) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := capturetest.WriteFile(path, packets); err != nil {
		t.Fatal(err)
	}
	return path
}

// publicCaptures returns the directory of the shared public captures, or skips the test.
func publicCaptures(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(testenv.RepoRoot(t), "..", "shared", "pcaps")
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.md")); err != nil {
		t.Skip("public captures not found at ../shared/pcaps (see README)")
	}
	return dir
}

var (
	alice  = mustAP("192.0.2.1:5060")
	bob    = mustAP("198.51.100.2:5060")
	alice6 = mustAP("[2001:db8::1]:5060")
	bob6   = mustAP("[2001:db8::2]:5062")
	epoch  = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
)

func mustAP(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }
