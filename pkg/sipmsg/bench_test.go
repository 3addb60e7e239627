package sipmsg

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emiago/sipgo/sip"
)

var (
	benchTrying = crlf(`SIP/2.0 100 Trying
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10
From: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774
To: <sip:bob@biloxi.example.com>
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Content-Length: 0

`)
	benchInviteHead = crlf(`INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport
Max-Forwards: 70
To: "Bob" <sip:bob@biloxi.example.com>
From: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>
Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, UPDATE, PRACK
Supported: replaces, timer, 100rel
User-Agent: Softphone 5.1.2 (Linux)
Content-Type: application/sdp
Content-Length: %d

`)
	benchSDP = crlf(`v=0
o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com
s=-
c=IN IP4 192.0.2.101
t=0 0
m=audio 49172 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendrecv
`)
	benchInvite = fmt.Sprintf(benchInviteHead, len(benchSDP)) + benchSDP
	bench403    = crlf(`SIP/2.0 403 Forbidden
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10
From: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774
To: <sip:bob@biloxi.example.com>;tag=a6c85cf
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Reason: Q.850;cause=21;text="Call Rejected"
Reason: SIP;cause=403;text="Caller blocked"
Warning: 399 sbc.biloxi.example.com "Caller number is on the block list"
Server: Example SBC 4.0
Content-Length: 0

`)
	bench100Via = func() string {
		var sb strings.Builder
		sb.WriteString("OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n")
		for i := 0; i < 100; i++ {
			fmt.Fprintf(&sb, "Via: SIP/2.0/UDP proxy%d.example.com:5060;branch=z9hG4bK%08x.%d;received=192.0.2.%d\r\n", i, i*7919, i, i%250)
		}
		sb.WriteString("Max-Forwards: 70\r\nFrom: <sip:alice@atlanta.example.com>;tag=88sja8x\r\nTo: <sip:bob@biloxi.example.com>\r\nCall-ID: via100@atlanta.example.com\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
		return sb.String()
	}()
	bench64KBody = "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKbig\r\nMax-Forwards: 70\r\nFrom: <sip:alice@atlanta.example.com>;tag=49583\r\nTo: <sip:bob@biloxi.example.com>\r\nCall-ID: big@atlanta.example.com\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 65536\r\n\r\n" + strings.Repeat("0123456789abcdef", 4096)
)

var benchMessages = []struct{ name, msg string }{
	{"Trying", benchTrying},
	{"InviteSDP", benchInvite},
	{"403ReasonWarning", bench403},
	{"100Via", bench100Via},
	{"64KBody", bench64KBody},
}

// TestZeroAllocs holds Parse, the accessors, Sniff and Frame to zero allocations.
func TestZeroAllocs(t *testing.T) {
	var m Message
	for _, bm := range benchMessages {
		b := []byte(bm.msg)
		allocs := testing.AllocsPerRun(50, func() {
			if err := m.Parse(b); err != nil {
				t.Fatal(err)
			}
			_ = m.CallID()
			_, _ = m.CSeq()
			_ = m.Via()
			_, _, _ = m.Challenge()
			_ = m.Reason(0)
			_ = m.Warning(0)
			_ = m.Header("Contact")
			_ = m.Header("X-Unknown")
			_ = m.Body()
			if !Sniff(b) {
				t.Fatal("Sniff false")
			}
			if _, n, err := Frame(b); err != nil || n != len(b) {
				t.Fatalf("Frame n=%d err=%v", n, err)
			}
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per run", bm.name, allocs)
		}
	}
	// Error paths do not allocate either.
	for _, in := range []string{"", "GET / HTTP/1.1\r\n\r\n", "SIP/2.0 999 x\r\n\r\n", "INVITE sip:a@b SIP/2.0\r\nCall-ID: x"} {
		b := []byte(in)
		if allocs := testing.AllocsPerRun(50, func() { _ = m.Parse(b) }); allocs != 0 {
			t.Errorf("Parse(%q): %v allocations", in, allocs)
		}
	}
	if m.NumVia() != 0 {
		t.Error("stale Via count")
	}
}

func benchParse(b *testing.B, msg string) { benchParseWith(b, msg, false) }

// benchParseDecode is benchParse plus Defects, which decodes every known header: the whole
// work for a caller that reads the typed accessors, as sipscan report does for each message.
func benchParseDecode(b *testing.B, msg string) { benchParseWith(b, msg, true) }

func benchParseWith(b *testing.B, msg string, decode bool) {
	data := []byte(msg)
	var m Message
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start, ok := processCPU()
	for b.Loop() {
		if err := m.Parse(data); err != nil {
			b.Fatal(err)
		}
		if decode {
			_ = m.Defects()
		}
	}
	reportCPU(b, start, ok)
}

// reportCPU adds the process CPU time per operation as the metric cpu-ns/op.
func reportCPU(b *testing.B, start time.Duration, ok bool) {
	if end, ok2 := processCPU(); ok && ok2 && b.N > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}

func benchSipgo(b *testing.B, msg string) {
	data := []byte(msg)
	p := sip.NewParser()
	p.MaxMessageLength = 1 << 20 // sipgo's default limit (65535) refuses the 64 KiB body
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start, ok := processCPU()
	for b.Loop() {
		if _, err := p.ParseSIP(data); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start, ok)
}

func BenchmarkParseTrying(b *testing.B)           { benchParse(b, benchTrying) }
func BenchmarkParseInviteSDP(b *testing.B)        { benchParse(b, benchInvite) }
func BenchmarkParse403ReasonWarning(b *testing.B) { benchParse(b, bench403) }
func BenchmarkParse100Via(b *testing.B)           { benchParse(b, bench100Via) }
func BenchmarkParse64KBody(b *testing.B)          { benchParse(b, bench64KBody) }

func BenchmarkParseDecodeTrying(b *testing.B)           { benchParseDecode(b, benchTrying) }
func BenchmarkParseDecodeInviteSDP(b *testing.B)        { benchParseDecode(b, benchInvite) }
func BenchmarkParseDecode403ReasonWarning(b *testing.B) { benchParseDecode(b, bench403) }
func BenchmarkParseDecode100Via(b *testing.B)           { benchParseDecode(b, bench100Via) }
func BenchmarkParseDecode64KBody(b *testing.B)          { benchParseDecode(b, bench64KBody) }

func BenchmarkSipgoTrying(b *testing.B)           { benchSipgo(b, benchTrying) }
func BenchmarkSipgoInviteSDP(b *testing.B)        { benchSipgo(b, benchInvite) }
func BenchmarkSipgo403ReasonWarning(b *testing.B) { benchSipgo(b, bench403) }
func BenchmarkSipgo100Via(b *testing.B)           { benchSipgo(b, bench100Via) }
func BenchmarkSipgo64KBody(b *testing.B)          { benchSipgo(b, bench64KBody) }

func BenchmarkSniff(b *testing.B) {
	data := []byte(benchInvite)
	b.ReportAllocs()
	for b.Loop() {
		if !Sniff(data) {
			b.Fatal("Sniff false")
		}
	}
}

func BenchmarkFrameInviteSDP(b *testing.B) {
	data := []byte(benchInvite)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, n, err := Frame(data); n != len(data) || err != nil {
			b.Fatal(n, err)
		}
	}
}
