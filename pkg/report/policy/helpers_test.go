package policy

import (
	"context"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
	"github.com/sipscan/sipscan/pkg/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Addresses of the synthetic traffic: a phone, the system under test, and two carriers
// behind it.
var (
	phone    = netip.MustParseAddrPort("192.0.2.10:5060")
	sbc      = netip.MustParseAddrPort("203.0.113.1:5060")
	carrierA = netip.MustParseAddrPort("198.51.100.7:5060")
	carrierB = netip.MustParseAddrPort("100.64.0.7:5060")
)

// trace builds a synthetic capture call by call.
type trace struct {
	b *capturetest.Builder
}

func newTrace() *trace {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.Step = 10 * time.Millisecond
	return &trace{b: b}
}

func (t *trace) send(src, dst netip.AddrPort, msg []byte) { t.b.UDP(src, dst, msg) }

func (t *trace) wait(d time.Duration) { t.b.Time = t.b.Time.Add(d) }

// answered adds a call from the SBC to peer that rings after pdd and is answered and hung up.
func (t *trace) answered(id string, peer netip.AddrPort, pdd time.Duration) {
	t.send(sbc, peer, capturetest.Request("INVITE", id, 1, ""))
	t.send(peer, sbc, capturetest.Response(100, "Trying", "INVITE", id, 1, ""))
	t.wait(pdd - 2*t.b.Step) // the builder adds Step after every packet
	t.send(peer, sbc, capturetest.Response(180, "Ringing", "INVITE", id, 1, ""))
	t.wait(time.Second - t.b.Step)
	t.send(peer, sbc, capturetest.Response(200, "OK", "INVITE", id, 1, ""))
	t.send(sbc, peer, capturetest.Request("ACK", id, 1, ""))
	t.wait(2 * time.Second)
	t.send(sbc, peer, capturetest.Request("BYE", id, 2, ""))
	t.send(peer, sbc, capturetest.Response(200, "OK", "BYE", id, 2, ""))
}

// rejected adds a call that peer rejects with code, sending the final response copies times
// (copies > 1 are retransmissions).
func (t *trace) rejected(id string, peer netip.AddrPort, code int, reason string, copies int) {
	t.send(sbc, peer, capturetest.Request("INVITE", id, 1, ""))
	t.send(peer, sbc, capturetest.Response(100, "Trying", "INVITE", id, 1, ""))
	for range copies {
		t.send(peer, sbc, capturetest.Response(code, reason, "INVITE", id, 1, ""))
	}
	t.send(sbc, peer, capturetest.Request("ACK", id, 1, ""))
}

// unanswered adds an INVITE that gets only 100 Trying.
func (t *trace) unanswered(id string, peer netip.AddrPort) {
	t.send(sbc, peer, capturetest.Request("INVITE", id, 1, ""))
	t.send(peer, sbc, capturetest.Response(100, "Trying", "INVITE", id, 1, ""))
}

// register adds a REGISTER challenged with 401, retried and answered with final.
func (t *trace) register(id string, code int, reason string) {
	t.send(phone, sbc, capturetest.Request("REGISTER", id, 1, ""))
	t.send(sbc, phone, capturetest.Response(401, "Unauthorized", "REGISTER", id, 1, ""))
	t.send(phone, sbc, capturetest.Request("REGISTER", id, 2, ""))
	t.send(sbc, phone, capturetest.Response(code, reason, "REGISTER", id, 2, ""))
}

// malformed adds a SIP request whose header section never ends.
func (t *trace) malformed() {
	t.send(phone, sbc, []byte("OPTIONS sip:sbc@example.com SIP/2.0\r\nCall-ID: broken\r\nCSeq: 1 OPTIONS\r\n"))
}

// write writes the capture to a file in a temporary directory and returns its path.
func (t *trace) write(tb testing.TB, name string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := capturetest.WriteFile(path, t.b.Packets()); err != nil {
		tb.Fatal(err)
	}
	return path
}

// truncate cuts n bytes off the end of the file at path.
func truncate(tb testing.TB, path string, n int64) {
	tb.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()-n); err != nil {
		tb.Fatal(err)
	}
}

// mustFlag parses one flag assertion or fails the test.
func mustFlag(tb testing.TB, kind Kind, value string) Assertion {
	tb.Helper()
	a, err := ParseFlag(kind, value)
	if err != nil {
		tb.Fatalf("ParseFlag(%s, %q): %v", kind, value, err)
	}
	return a
}

// check runs Check with the built-in rules.
func check(tb testing.TB, p *Policy, names ...string) *Result {
	tb.Helper()
	res, err := Check(context.Background(), p, names, report.Config{})
	if err != nil {
		tb.Fatalf("Check: %v", err)
	}
	return res
}
