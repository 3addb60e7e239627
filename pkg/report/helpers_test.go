package report

import (
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// t0 is the time synthetic traffic starts at.
var t0 = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

const (
	uac   = "192.0.2.10:5060"
	proxy = "198.51.100.1:5060"
	uas   = "203.0.113.7:5060"
)

// sipText describes one synthetic SIP message; the zero fields are filled with defaults.
type sipText struct {
	method  string // request method; for a response, the CSeq method
	code    int    // 0 for a request
	reason  string
	ruri    string
	branch  string
	callID  string
	fromTag string
	toTag   string
	to      string
	cseq    int
	extra   []string // more header lines
}

func (s sipText) String() string {
	var b strings.Builder
	to := s.to
	if to == "" {
		to = "sip:bob@example.com"
	}
	ruri := s.ruri
	if ruri == "" {
		ruri = to
	}
	if s.code == 0 {
		fmt.Fprintf(&b, "%s %s SIP/2.0\r\n", s.method, ruri)
	} else {
		fmt.Fprintf(&b, "SIP/2.0 %d %s\r\n", s.code, s.reason)
	}
	fmt.Fprintf(&b, "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=%s\r\n", s.branch)
	fmt.Fprintf(&b, "From: <sip:alice@example.com>;tag=%s\r\n", s.fromTag)
	if s.toTag != "" {
		fmt.Fprintf(&b, "To: <%s>;tag=%s\r\n", to, s.toTag)
	} else {
		fmt.Fprintf(&b, "To: <%s>\r\n", to)
	}
	fmt.Fprintf(&b, "Call-ID: %s\r\n", s.callID)
	cseq := s.cseq
	if cseq == 0 {
		cseq = 1
	}
	fmt.Fprintf(&b, "CSeq: %d %s\r\n", cseq, s.method)
	for _, h := range s.extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("Content-Length: 0\r\n\r\n")
	return b.String()
}

// step is one message of a synthetic capture: when, from where to where, what.
type step struct {
	at       time.Duration
	src, dst string
	msg      sipText
}

// feeder parses synthetic messages and adds them to a Collector the way Analyze does.
type feeder struct {
	t     testing.TB
	c     *Collector
	msg   sipmsg.Message
	frame int
}

func newFeeder(t testing.TB, cfg Config) *feeder {
	t.Helper()
	if cfg.Classifier == nil {
		cl, err := classify.New(classify.Options{})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Classifier = cl
	}
	return &feeder{t: t, c: NewCollector(cfg)}
}

func (f *feeder) feed(steps ...step) {
	f.t.Helper()
	for _, s := range steps {
		f.frame++
		m := &capture.Message{
			Data:      []byte(s.msg.String()),
			Time:      t0.Add(s.at),
			Input:     "synthetic.pcap",
			Frame:     f.frame,
			Src:       netip.MustParseAddrPort(s.src),
			Dst:       netip.MustParseAddrPort(s.dst),
			Transport: capture.TransportUDP,
		}
		if err := f.msg.Parse(m.Data); err != nil {
			f.t.Fatalf("parse step %d: %v\n%s", f.frame, err, m.Data)
		}
		f.c.Add(m, &f.msg)
	}
}

func (f *feeder) finish() *Report {
	return f.c.Finish([]capture.InputStats{{
		Name: "synthetic.pcap", Packets: uint64(f.frame), Bytes: uint64(f.frame) * 500,
		SIPMessages: uint64(f.frame), First: t0, Last: t0.Add(time.Minute),
	}})
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// Call shapes used by several tests. Each uses its own Call-ID and branches.

// answeredCall: INVITE, 100, 180 after 1.5 s, 200 after 4 s, ACK, BYE after 64 s, 200.
func answeredCall(id string, start time.Duration) []step {
	inv := sipText{method: "INVITE", branch: "z9hG4bK" + id + "i", callID: id, fromTag: "f" + id}
	r := func(code int, reason string) sipText {
		x := inv
		x.code, x.reason = code, reason
		if code > 100 {
			x.toTag = "t" + id
		}
		return x
	}
	ack := sipText{method: "ACK", branch: "z9hG4bK" + id + "a", callID: id, fromTag: "f" + id, toTag: "t" + id}
	bye := sipText{method: "BYE", branch: "z9hG4bK" + id + "b", callID: id, fromTag: "f" + id, toTag: "t" + id, cseq: 2}
	byeOK := bye
	byeOK.code, byeOK.reason = 200, "OK"
	return []step{
		{start, uac, uas, inv},
		{start + 20*time.Millisecond, uas, uac, r(100, "Trying")},
		{start + 1500*time.Millisecond, uas, uac, r(180, "Ringing")},
		{start + 4*time.Second, uas, uac, r(200, "OK")},
		{start + 4010*time.Millisecond, uac, uas, ack},
		{start + 64*time.Second, uac, uas, bye},
		{start + 64050*time.Millisecond, uas, uac, byeOK},
	}
}

// failedCall: INVITE, 100, final response (code, reason) after 300 ms, ACK.
func failedCall(id string, start time.Duration, code int, reason string, extra ...string) []step {
	inv := sipText{method: "INVITE", branch: "z9hG4bK" + id + "i", callID: id, fromTag: "f" + id}
	trying := inv
	trying.code, trying.reason = 100, "Trying"
	fin := inv
	fin.code, fin.reason, fin.toTag, fin.extra = code, reason, "t"+id, extra
	ack := inv
	ack.method, ack.toTag = "ACK", "t"+id
	return []step{
		{start, uac, uas, inv},
		{start + 10*time.Millisecond, uas, uac, trying},
		{start + 300*time.Millisecond, uas, uac, fin},
		{start + 310*time.Millisecond, uac, uas, ack},
	}
}

type netipAddr = netip.Addr

func mustAddr(s string) netip.Addr { return netip.MustParseAddr(s) }
