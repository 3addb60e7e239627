// Package sample builds the realistic capture shipped in testdata/pcaps/: a small SBC's
// afternoon with registrations (challenged, accepted, refused for a wrong password), calls
// answered, challenged then answered, busy, cancelled, declined, unanswered and failing with
// the vendor reason phrases operators meet in the field, over UDP and TCP, IPv4 and IPv6.
//
// The README's first command runs sipscan on this capture, and the golden files of every
// output format are made from it, so the scenario is deterministic.
package sample

//go:generate go run ./gen -o ../../testdata/pcaps/sample.pcapng

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// The network: phones behind a small office router, the provider's SBC, and a carrier
// trunk that the SBC forwards to.
var (
	sbc     = netip.MustParseAddrPort("203.0.113.10:5060")
	alice   = netip.MustParseAddrPort("198.51.100.21:5060")
	bob     = netip.MustParseAddrPort("198.51.100.22:5062")
	carol   = netip.MustParseAddrPort("198.51.100.23:5060")
	dave6   = netip.MustParseAddrPort("[2001:db8:40::5]:5060")
	sbc6    = netip.MustParseAddrPort("[2001:db8:10::10]:5060")
	trunkIP = netip.MustParseAddrPort("192.0.2.50:5060")
	pbxTCP  = netip.MustParseAddrPort("198.51.100.40:41622")
)

// party is a SIP user agent with its address, user part and user agent string.
type party struct {
	addr netip.AddrPort
	user string
	ua   string
}

// scenario writes packets with a clock that advances between steps, so post-dial delay,
// setup time and response latency come out as on a real network.
type scenario struct {
	b      *capturetest.Builder
	tcp    *capturetest.TCPConn
	seq    int // branch and tag counter
	domain string
}

// dialog is the state a UAC keeps for one Call-ID.
type dialog struct {
	s        *scenario
	from, to party
	callID   string
	fromTag  string
	toTag    string
	cseq     int
	branch   string
	tcp      bool
	server   netip.AddrPort
	uri      string // Request-URI
	toURI    string // To URI: the callee, or for REGISTER the address-of-record
}

func (s *scenario) next() int { s.seq++; return s.seq }

func (s *scenario) wait(d time.Duration) { s.b.Time = s.b.Time.Add(d) }

func (s *scenario) newDialog(from, to party, server netip.AddrPort, callID string) *dialog {
	n := s.next()
	return &dialog{s: s, from: from, to: to, server: server, callID: callID,
		fromTag: fmt.Sprintf("%x", 0x5a1c0000+n*7919), cseq: 100 + n, uri: "sip:" + to.user + "@" + s.domain, toURI: "sip:" + to.user + "@" + s.domain}
}

// request renders a request of the dialog with the given extra headers and body.
func (d *dialog) request(method string, newBranch bool, extra []string, body string) []byte {
	if newBranch || d.branch == "" {
		d.branch = fmt.Sprintf("z9hG4bK%08x", 0x1f00000+d.s.next()*104729)
	}
	transport := "UDP"
	if d.tcp {
		transport = "TCP"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s SIP/2.0\r\n", method, d.uri)
	fmt.Fprintf(&b, "Via: SIP/2.0/%s %s;branch=%s;rport\r\n", transport, d.from.addr, d.branch)
	b.WriteString("Max-Forwards: 70\r\n")
	fmt.Fprintf(&b, "From: <sip:%s@%s>;tag=%s\r\n", d.from.user, d.s.domain, d.fromTag)
	if d.toTag != "" && method != "CANCEL" {
		fmt.Fprintf(&b, "To: <%s>;tag=%s\r\n", d.toURI, d.toTag)
	} else {
		fmt.Fprintf(&b, "To: <%s>\r\n", d.toURI)
	}
	fmt.Fprintf(&b, "Call-ID: %s\r\n", d.callID)
	fmt.Fprintf(&b, "CSeq: %d %s\r\n", d.cseq, method)
	fmt.Fprintf(&b, "Contact: <sip:%s@%s>\r\n", d.from.user, d.from.addr)
	fmt.Fprintf(&b, "User-Agent: %s\r\n", d.from.ua)
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	if body != "" {
		b.WriteString("Content-Type: application/sdp\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return []byte(b.String())
}

// response renders the server's response to the dialog's last request.
func (d *dialog) response(code int, reason, method string, extra []string, body string) []byte {
	transport := "UDP"
	if d.tcp {
		transport = "TCP"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "SIP/2.0 %d %s\r\n", code, reason)
	fmt.Fprintf(&b, "Via: SIP/2.0/%s %s;branch=%s;rport=%d;received=%s\r\n", transport, d.from.addr,
		d.branch, d.from.addr.Port(), d.from.addr.Addr())
	fmt.Fprintf(&b, "From: <sip:%s@%s>;tag=%s\r\n", d.from.user, d.s.domain, d.fromTag)
	if code > 100 && d.toTag == "" && method != "CANCEL" {
		d.toTag = fmt.Sprintf("as%06x", 0x3b000+d.s.next()*31)
	}
	if code > 100 {
		fmt.Fprintf(&b, "To: <%s>;tag=%s\r\n", d.toURI, d.toTag)
	} else {
		fmt.Fprintf(&b, "To: <%s>\r\n", d.toURI)
	}
	fmt.Fprintf(&b, "Call-ID: %s\r\n", d.callID)
	fmt.Fprintf(&b, "CSeq: %d %s\r\n", d.cseq, method)
	b.WriteString("Server: sbc-edge 4.2\r\n")
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	if body != "" {
		b.WriteString("Content-Type: application/sdp\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return []byte(b.String())
}

// send puts a message from the UAC (toServer) or the server on the wire.
func (d *dialog) send(toServer bool, msg []byte) {
	switch {
	case d.tcp && toServer:
		d.s.tcp.Send(capturetest.FromClient, msg)
	case d.tcp:
		d.s.tcp.Send(capturetest.FromServer, msg)
	case toServer:
		d.s.b.UDP(d.from.addr, d.server, msg)
	default:
		d.s.b.UDP(d.server, d.from.addr, msg)
	}
}

func (d *dialog) req(method string, newBranch bool, extra []string, body string) {
	d.send(true, d.request(method, newBranch, extra, body))
}

func (d *dialog) resp(code int, reason, method string, extra []string, body string) {
	d.send(false, d.response(code, reason, method, extra, body))
}

func sdp(host netip.Addr, port int, codecs string) string {
	ipv := "IP4"
	if host.Is6() {
		ipv = "IP6"
	}
	return fmt.Sprintf("v=0\r\no=- 2890844526 2890844526 IN %[1]s %[2]s\r\ns=-\r\nc=IN %[1]s %[2]s\r\nt=0 0\r\n"+
		"m=audio %[3]d RTP/AVP %[4]s 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\na=sendrecv\r\n",
		ipv, host, port, codecs)
}

const digest = `Digest username="%s", realm="sbc.example.net", nonce="6a1f0e8c2b", uri="%s", response="b7f3c1d2e4a5968778695a4b3c2d1e0f", algorithm=MD5`

// Packets returns the sample capture's packets.
func Packets() []capturetest.Packet {
	s := &scenario{b: capturetest.NewBuilder(capturetest.Ethernet), domain: "sbc.example.net"}
	s.b.Time = time.Date(2024, 5, 14, 14, 3, 7, 0, time.UTC)
	s.b.Step = 3 * time.Millisecond

	pAlice := party{alice, "alice", "Yealink SIP-T46S 66.86.0.15"}
	pBob := party{bob, "bob", "Zoiper rv2.10.19.5"}
	pCarol := party{carol, "carol", "Grandstream GXP2170 1.0.11.23"}
	pDave := party{dave6, "dave", "Linphone/5.2.4 (belle-sip/5.2.4)"}
	pPBX := party{pbxTCP, "pbx-trunk", "Asterisk PBX 18.20.0"}
	challenge := `WWW-Authenticate: Digest realm="sbc.example.net", nonce="6a1f0e8c2b", algorithm=MD5, qop="auth"`
	proxyChallenge := `Proxy-Authenticate: Digest realm="sbc.example.net", nonce="7c2e9a4410", algorithm=MD5`

	register := func(p party, outcome func(d *dialog)) {
		d := s.newDialog(p, p, sbc, fmt.Sprintf("reg-%s-%d@%s", p.user, s.next(), p.addr.Addr()))
		d.uri = "sip:" + s.domain
		d.req("REGISTER", true, []string{"Expires: 3600"}, "")
		s.wait(12 * time.Millisecond)
		d.resp(401, "Unauthorized", "REGISTER", []string{challenge}, "")
		s.wait(40 * time.Millisecond)
		d.cseq++
		d.req("REGISTER", true, []string{"Expires: 3600", fmt.Sprintf("Authorization: "+digest, p.user, d.uri)}, "")
		s.wait(15 * time.Millisecond)
		outcome(d)
		s.wait(400 * time.Millisecond)
	}
	register(pAlice, func(d *dialog) {
		d.resp(200, "OK", "REGISTER", []string{"Contact: <sip:alice@198.51.100.21:5060>;expires=3600"}, "")
	})
	register(pCarol, func(d *dialog) {
		d.resp(200, "OK", "REGISTER", []string{"Contact: <sip:carol@198.51.100.23:5060>;expires=3600"}, "")
	})
	register(pBob, func(d *dialog) { d.resp(403, "Wrong Guess", "REGISTER", nil, "") })

	// call runs an INVITE from a to b and lets fn play the server's side.
	call := func(from, to party, server netip.AddrPort, fn func(d *dialog)) {
		d := s.newDialog(from, to, server, fmt.Sprintf("%08x-%04x@%s", 0x6b8b4567+s.next()*2654435, s.seq, from.addr.Addr()))
		d.tcp = from.addr == pbxTCP
		d.req("INVITE", true, nil, sdp(from.addr.Addr(), 10000+2*s.seq, "0 8"))
		s.wait(8 * time.Millisecond)
		fn(d)
		s.wait(900 * time.Millisecond)
	}
	ack := func(d *dialog) { d.req("ACK", false, nil, "") }
	byeAfter := func(d *dialog, talk time.Duration) {
		s.wait(talk)
		d.cseq++
		d.req("BYE", true, nil, "")
		s.wait(20 * time.Millisecond)
		d.resp(200, "OK", "BYE", nil, "")
	}
	answered := func(d *dialog, pdd, ring time.Duration) {
		d.resp(100, "Trying", "INVITE", nil, "")
		s.wait(pdd)
		d.resp(180, "Ringing", "INVITE", nil, "")
		s.wait(ring)
		d.resp(200, "OK", "INVITE", []string{"Contact: <sip:sbc@203.0.113.10:5060>"}, sdp(sbc.Addr(), 30000+2*s.seq, "8"))
		s.wait(30 * time.Millisecond)
		d.req("ACK", true, nil, "")
	}
	failing := func(code int, reason string, extra ...string) func(d *dialog) {
		return func(d *dialog) {
			d.resp(100, "Trying", "INVITE", nil, "")
			s.wait(350 * time.Millisecond)
			d.resp(code, reason, "INVITE", extra, "")
			s.wait(10 * time.Millisecond)
			ack(d)
		}
	}

	// Answered, with ringing and a conversation.
	call(pAlice, pCarol, sbc, func(d *dialog) { answered(d, 620*time.Millisecond, 4*time.Second); byeAfter(d, 42*time.Second) })
	// Challenged by the proxy, re-sent with credentials, answered.
	call(pCarol, party{user: "+14155550123"}, sbc, func(d *dialog) {
		d.resp(407, "Proxy Authentication Required", "INVITE", []string{proxyChallenge}, "")
		s.wait(5 * time.Millisecond)
		ack(d)
		s.wait(30 * time.Millisecond)
		// The retry is a new transaction outside any dialog: no To tag.
		d.toTag = ""
		d.cseq++
		d.req("INVITE", true, []string{fmt.Sprintf("Proxy-Authorization: "+digest, "carol", d.uri)}, sdp(carol.Addr(), 10400, "0 8"))
		s.wait(9 * time.Millisecond)
		answered(d, 1800*time.Millisecond, 7*time.Second)
		byeAfter(d, 95*time.Second)
	})
	// Busy.
	call(pAlice, party{user: "+4930901820"}, sbc, failing(486, "Busy Here", "Reason: Q.850;cause=17;text=\"user busy\""))
	// Caller hangs up while it rings.
	call(pCarol, pAlice, sbc, func(d *dialog) {
		d.resp(100, "Trying", "INVITE", nil, "")
		s.wait(700 * time.Millisecond)
		d.resp(180, "Ringing", "INVITE", nil, "")
		s.wait(6 * time.Second)
		d.req("CANCEL", false, []string{`Reason: SIP;cause=200;text="Call completed elsewhere"`}, "")
		s.wait(10 * time.Millisecond)
		d.send(false, d.response(200, "OK", "CANCEL", nil, ""))
		s.wait(5 * time.Millisecond)
		d.resp(487, "Request Terminated", "INVITE", nil, "")
		s.wait(5 * time.Millisecond)
		ack(d)
	})
	// Prepaid account out of credit, as one carrier words it.
	call(pAlice, party{user: "+442079460000"}, sbc, failing(480, "No money left"))
	// No common codec with the far end.
	call(pAlice, party{user: "+33142685300"}, sbc, failing(488, "Codec Mismatch", "Warning: 305 sbc.example.net \"Incompatible media format\""))
	// The trunk is out of channels.
	call(pCarol, party{user: "+390612345678"}, sbc, failing(503, "Service Unavailable",
		"Reason: Q.850;cause=34;text=\"No circuit/channel available\"", "Retry-After: 30"))
	// A number that does not exist.
	call(pAlice, party{user: "+15550000000"}, sbc, failing(404, "Not Found"))
	// Declined by the callee.
	call(pCarol, party{user: "+4930555777"}, sbc, failing(603, "Decline"))
	// The carrier's reason phrases in Chinese and Russian.
	call(pAlice, party{user: "+861012345678"}, sbc, failing(480, "暂时无法接通"))
	call(pCarol, party{user: "+74951234567"}, sbc, failing(403, "Недостаточно средств на счете"))
	// Dialer too fast for the carrier.
	call(pAlice, party{user: "+12125550199"}, sbc, failing(503, "Call placing quota exceeded"))
	// Nobody answers: the INVITE is retransmitted, then the SBC gives up.
	call(pCarol, party{user: "+61298765432"}, sbc, func(d *dialog) {
		inv := d.request("INVITE", false, nil, sdp(carol.Addr(), 10888, "0 8"))
		s.wait(500 * time.Millisecond)
		d.send(true, inv)
		s.wait(time.Second)
		d.send(true, inv)
		s.wait(2 * time.Second)
		d.send(true, inv)
		s.wait(28 * time.Second)
		d.resp(408, "Request Timeout", "INVITE", nil, "")
		ack(d)
	})

	// IPv6 phone: answered call.
	call(pDave, pAlice, sbc6, func(d *dialog) { answered(d, 450*time.Millisecond, 3*time.Second); byeAfter(d, 12*time.Second) })

	// A PBX trunk over TCP: one call answered, one rejected by the carrier's routing.
	s.tcp = s.b.TCP(pbxTCP, sbc)
	s.tcp.Handshake()
	call(pPBX, party{user: "+14155550144"}, sbc, func(d *dialog) {
		answered(d, 900*time.Millisecond, 2*time.Second)
		byeAfter(d, 30*time.Second)
	})
	call(pPBX, party{user: "+999123"}, sbc, func(d *dialog) {
		d.resp(100, "Trying", "INVITE", nil, "")
		s.wait(40 * time.Millisecond)
		d.resp(404, "No Route to Destination (477/SL)", "INVITE", nil, "")
		ack(d)
	})

	// Keep-alives from the trunk side.
	for i := 0; i < 3; i++ {
		d := s.newDialog(party{trunkIP, "ping", "OpenSIPS (3.4.3 (x86_64/linux))"}, party{user: "sbc"}, sbc, fmt.Sprintf("options-%d@192.0.2.50", i))
		d.req("OPTIONS", true, nil, "")
		s.wait(2 * time.Millisecond)
		d.resp(200, "OK", "OPTIONS", nil, "")
		s.wait(10 * time.Second)
	}
	s.tcp.Close()
	return s.b.Packets()
}
