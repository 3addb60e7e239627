package tracegen

import "time"

// method is a SIP request method.
type method uint8

const (
	mINVITE method = iota
	mACK
	mBYE
	mCANCEL
	mREGISTER
	mOPTIONS
)

var methodNames = [...]string{"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS"}

func (m method) String() string { return methodNames[m] }

// step is one message of a scenario.
type step struct {
	req     bool   // a request (else a response)
	fromUA  bool   // sent by the user agent (else by the proxy)
	method  method // the request's method, or the CSeq method of a response
	cseq    uint32
	tx      uint8 // transaction number within the scenario: names the Via branch
	code    uint16
	reason  string
	toTag   bool  // the To header carries the callee's tag
	sdp     bool  // carries an SDP body
	auth    bool  // request: credentials; 401/407: a challenge
	dialog  bool  // an in-dialog request: Request-URI is the remote Contact
	retrans bool  // an unchanged copy of an earlier message
	media   int8  // +1: RTP starts after this message; -1: RTP stops before it
	delay   int64 // ns after the scenario's previous message
	q850    uint8
}

// rtpState is the media of an answered call: index 0 from the user agent, 1 from the gateway.
type rtpState struct {
	uaPort, gwPort uint16
	pt             byte
	ssrc           [2]uint32
	seq, firstSeq  [2]uint16
	ts             [2]uint32
}

// scenario is one call, registration or keep-alive under way.
type scenario struct {
	steps    []step
	next     int
	mediaIdx int    // index in generator.media, or -1
	due      int64  // time the next message is due
	seq      uint64 // start order: breaks ties between equal due times

	ua       addr
	conn     *tcpConn // nil for UDP
	id       uint64   // unique per capture: Call-ID, branches and tags derive from it
	fromTag  uint64
	toTag    uint64
	caller   [12]byte // E.164 digits without +
	callee   [12]byte
	name     int // index in displayNames
	agent    int // index in userAgents
	server   int // index in servers
	password uint64
	rtp      rtpState
	sessID   uint32
	begun    int64 // clock when the scenario started: Date headers, equal in retransmissions
}

// Outcome shares of the scenario mix; the rest are OPTIONS keep-alives.
const (
	shareAnswered     = 0.34
	shareChallenged   = 0.12 // 407 first, then answered
	shareBusy         = 0.07
	shareCancelled    = 0.06
	shareFailed       = 0.13 // vendor phrases, half of them after a challenge
	shareRegistration = 0.20
)

// failures are the final responses of failed calls: standard and vendor reason phrases.
var failures = [...]struct {
	code   uint16
	reason string
	q850   uint8
}{
	{480, "No money left", 0},
	{403, "Wrong Guess", 0},
	{488, "Codec Mismatch", 0},
	{503, "Service Unavailable", 0},
	{404, "Not Found", 1},
	{603, "Decline", 21},
	{480, "Temporarily Unavailable", 18},
	{408, "Request Timeout", 0},
	{500, "Server Internal Error", 0},
	{402, "Payment Required", 0},
	{484, "Address Incomplete", 28},
	{503, "Out of Capacity", 34},
	{403, "Forbidden", 0},
}

var regFailures = [...]struct {
	code   uint16
	reason string
}{
	{403, "Forbidden"},
	{403, "Wrong Guess"},
	{404, "Not Found"},
}

var displayNames = [...]string{"", "Alice Martin", "Bob Schulz", "Carol Dupont", "Dave Rossi", "Eve Novak", "Frank Jensen", "Grace Kim", "", "Reception"}

var userAgents = [...]string{
	"Yealink SIP-T46S 66.86.0.15",
	"PolycomVVX-VVX_411-UA/6.4.3.5018",
	"Grandstream GXP2170 1.0.11.23",
	"Linphone/5.2.0 (belle-sip/5.2.0)",
	"Zoiper rv2.10.19.6",
	"MicroSIP/3.21.3",
	"Cisco-CP8845/14.2.1",
	"FPBX-16.0.40(18.20.0)",
}

var servers = [...]string{
	"Kamailio (5.7.2 (x86_64/linux))",
	"OpenSIPS (3.4.3 (x86_64/linux))",
	"Asterisk PBX 20.5.0",
	"FreeSWITCH-mod_sofia/1.10.11-release~64bit",
}

// newScenario draws the next scenario and counts its outcome.
func (g *generator) newScenario() *scenario {
	var s *scenario
	if n := len(g.free); n > 0 {
		s = g.free[n-1]
		g.free = g.free[:n-1]
		s.steps = s.steps[:0]
	} else {
		s = &scenario{steps: make([]step, 0, 16)}
	}
	r := g.rng
	g.started++
	g.active++
	s.seq = g.started
	s.next, s.mediaIdx = 0, -1
	s.id = mix(g.started ^ g.opts.Seed*0x9e3779b97f4a7c15)
	s.fromTag, s.toTag, s.password = r.Uint64(), r.Uint64(), r.Uint64()
	s.name, s.agent, s.server = r.IntN(len(displayNames)), r.IntN(len(userAgents)), r.IntN(len(servers))
	digits(&s.caller, r.Uint64(), "49")
	digits(&s.callee, r.Uint64(), "49")
	s.sessID = r.Uint32()
	s.begun = g.now
	s.conn = nil
	if r.Float64() < g.opts.TCPShare {
		s.conn = &g.conns[r.IntN(len(g.conns))]
		s.ua = s.conn.ua
	} else {
		s.ua = addr{ip4(0x0a000000 | r.Uint32()&0x3fffff | 1), sipPort}
		if r.IntN(3) == 0 {
			// Behind NAT: a port from the usual ephemeral range. Above 5060, so that
			// dissectors choosing by the lower port (Wireshark) pick SIP.
			s.ua.port = uint16(32768 + r.IntN(28232))
		}
	}
	s.rtp = rtpState{
		uaPort: uint16(10000 + 2*r.IntN(20000)),
		gwPort: uint16(20000 + 2*r.IntN(10000)),
		pt:     byte(8 * r.IntN(2)),
		ssrc:   [2]uint32{r.Uint32(), r.Uint32()},
		ts:     [2]uint32{r.Uint32(), r.Uint32()},
	}
	s.rtp.seq = [2]uint16{uint16(r.Uint32()), uint16(r.Uint32())}
	s.rtp.firstSeq = s.rtp.seq

	x := r.Float64()
	switch {
	case x < shareAnswered:
		g.buildCall(s, false, 200, "OK", 0)
	case x < shareAnswered+shareChallenged:
		g.buildCall(s, true, 200, "OK", 0)
	case x < shareAnswered+shareChallenged+shareBusy:
		g.buildCall(s, r.IntN(4) == 0, 486, "Busy Here", 17)
		g.exp.Calls.Busy++
	case x < shareAnswered+shareChallenged+shareBusy+shareCancelled:
		g.buildCancelled(s)
	case x < shareAnswered+shareChallenged+shareBusy+shareCancelled+shareFailed:
		f := failures[r.IntN(len(failures))]
		g.buildCall(s, r.IntN(2) == 0, f.code, f.reason, f.q850)
	case x < shareAnswered+shareChallenged+shareBusy+shareCancelled+shareFailed+shareRegistration:
		g.buildRegistration(s)
	default:
		g.buildOptions(s)
	}
	if s.conn == nil && len(s.steps) > 1 && r.Float64() < g.opts.RetransmitShare {
		g.addRetransmission(s)
	}
	for i := 1; i < len(s.steps); i++ {
		s.steps[i].delay = g.delay(&s.steps[i])
	}
	return s
}

// delay draws how long after the previous message of its scenario st is sent.
func (g *generator) delay(st *step) int64 {
	ms := func(lo, hi int) int64 {
		return int64(lo)*int64(time.Millisecond) + g.rng.Int64N(int64(hi-lo)*int64(time.Millisecond))
	}
	switch {
	case st.retrans:
		return ms(500, 520) // T1
	case st.req && st.method == mBYE:
		return ms(5_000, 90_000) // talk time
	case st.req && st.method == mCANCEL:
		return ms(2_000, 15_000) // rings, then the caller gives up
	case st.req:
		return ms(2, 40) // ACK, or a request retried with credentials
	case st.code == 100:
		return ms(2, 20)
	case st.code < 200:
		return ms(30, 300)
	case st.method == mINVITE && st.code < 300:
		return ms(1_000, 10_000) // rings, then answered
	case st.method == mINVITE && st.code != 407 && st.code != 487:
		return ms(100, 4_000)
	}
	return ms(2, 30)
}

// buildCall plays an INVITE, optionally challenged with 407 first, that ends with code.
func (g *generator) buildCall(s *scenario, challenged bool, code uint16, reason string, q850 uint8) {
	r := g.rng
	g.exp.Calls.Total++
	cseq := uint32(1 + r.IntN(100))
	tx := uint8(0)
	add := func(st step) { s.steps = append(s.steps, st) }
	if challenged {
		add(step{req: true, fromUA: true, method: mINVITE, cseq: cseq, tx: tx, sdp: true})
		add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: 100, reason: "Trying"})
		add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: 407, reason: "Proxy Authentication Required", toTag: true, auth: true})
		add(step{req: true, fromUA: true, method: mACK, cseq: cseq, tx: tx, toTag: true})
		cseq++
		tx++
	}
	add(step{req: true, fromUA: true, method: mINVITE, cseq: cseq, tx: tx, sdp: true, auth: challenged})
	add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: 100, reason: "Trying"})
	switch {
	case code >= 200 && code < 300:
		g.exp.Calls.Answered++
		if r.IntN(4) == 0 {
			add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: 183, reason: "Session Progress", toTag: true, sdp: true})
		} else {
			add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: 180, reason: "Ringing", toTag: true})
		}
		add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: code, reason: reason, toTag: true, sdp: true})
		add(step{req: true, fromUA: true, method: mACK, cseq: cseq, tx: tx + 1, toTag: true, dialog: true, media: 1})
		if r.IntN(10) < 7 {
			add(step{req: true, fromUA: true, method: mBYE, cseq: cseq + 1, tx: tx + 2, toTag: true, dialog: true, media: -1})
			add(step{fromUA: false, method: mBYE, cseq: cseq + 1, tx: tx + 2, code: 200, reason: "OK", toTag: true})
		} else {
			// The callee hangs up: the proxy sends the BYE.
			add(step{req: true, fromUA: false, method: mBYE, cseq: 1 + uint32(r.IntN(20)), tx: tx + 2, toTag: true, dialog: true, media: -1})
			add(step{fromUA: true, method: mBYE, cseq: 0, tx: tx + 2, code: 200, reason: "OK", toTag: true})
			s.steps[len(s.steps)-1].cseq = s.steps[len(s.steps)-2].cseq
		}
	default:
		g.exp.Calls.Failed++
		if code != 486 && r.IntN(3) == 0 {
			add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: 183, reason: "Session Progress", toTag: true, sdp: true})
		}
		add(step{fromUA: false, method: mINVITE, cseq: cseq, tx: tx, code: code, reason: reason, toTag: true, q850: q850})
		add(step{req: true, fromUA: true, method: mACK, cseq: cseq, tx: tx, toTag: true})
	}
}

// buildCancelled plays an INVITE the caller cancels while it rings.
func (g *generator) buildCancelled(s *scenario) {
	g.exp.Calls.Total++
	g.exp.Calls.Cancelled++
	cseq := uint32(1 + g.rng.IntN(100))
	s.steps = append(s.steps,
		step{req: true, fromUA: true, method: mINVITE, cseq: cseq, sdp: true},
		step{method: mINVITE, cseq: cseq, code: 100, reason: "Trying"},
		step{method: mINVITE, cseq: cseq, code: 180, reason: "Ringing", toTag: true},
		step{req: true, fromUA: true, method: mCANCEL, cseq: cseq},
		step{method: mCANCEL, cseq: cseq, code: 200, reason: "OK", toTag: true},
		step{method: mINVITE, cseq: cseq, code: 487, reason: "Request Terminated", toTag: true},
		step{req: true, fromUA: true, method: mACK, cseq: cseq, toTag: true},
	)
}

// buildRegistration plays a REGISTER, usually challenged with 401 first.
func (g *generator) buildRegistration(s *scenario) {
	r := g.rng
	g.exp.Registrations.Total++
	cseq := uint32(1 + r.IntN(1000))
	tx := uint8(0)
	if r.IntN(10) < 8 {
		s.steps = append(s.steps,
			step{req: true, fromUA: true, method: mREGISTER, cseq: cseq, tx: tx},
			step{method: mREGISTER, cseq: cseq, tx: tx, code: 401, reason: "Unauthorized", toTag: true, auth: true},
		)
		cseq++
		tx++
	}
	s.steps = append(s.steps, step{req: true, fromUA: true, method: mREGISTER, cseq: cseq, tx: tx, auth: true})
	if r.IntN(10) == 0 {
		g.exp.Registrations.Failed++
		f := regFailures[r.IntN(len(regFailures))]
		s.steps = append(s.steps, step{method: mREGISTER, cseq: cseq, tx: tx, code: f.code, reason: f.reason, toTag: true})
		return
	}
	g.exp.Registrations.Succeeded++
	s.steps = append(s.steps, step{method: mREGISTER, cseq: cseq, tx: tx, code: 200, reason: "OK", toTag: true})
}

// buildOptions plays an OPTIONS keep-alive from the user agent or from the proxy.
func (g *generator) buildOptions(s *scenario) {
	fromUA := g.rng.IntN(2) == 0
	cseq := uint32(1 + g.rng.IntN(10000))
	s.steps = append(s.steps,
		step{req: true, fromUA: fromUA, method: mOPTIONS, cseq: cseq},
		step{fromUA: !fromUA, method: mOPTIONS, cseq: cseq, code: 200, reason: "OK", toTag: true},
	)
}

// addRetransmission repeats the first request or the final response to it, unchanged.
func (g *generator) addRetransmission(s *scenario) {
	i := 0
	if g.rng.IntN(2) == 0 {
		// The final response to the first transaction (a 2xx is resent until the ACK).
		for j := 1; j < len(s.steps); j++ {
			st := s.steps[j]
			if !st.req && st.code >= 200 && st.tx == s.steps[0].tx && st.method == s.steps[0].method {
				i = j
				break
			}
		}
	}
	dup := s.steps[i]
	dup.retrans, dup.media = true, 0
	s.steps = append(s.steps, step{})
	copy(s.steps[i+2:], s.steps[i+1:])
	s.steps[i+1] = dup
}

// mix is the SplitMix64 finaliser: a bijection, so distinct inputs give distinct outputs.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// digits writes an E.164 number with country code cc from v.
func digits(d *[12]byte, v uint64, cc string) {
	n := copy(d[:], cc)
	for i := n; i < len(d); i++ {
		d[i] = '0' + byte(v%10)
		v /= 10
	}
	if d[n] == '0' {
		d[n] = '1'
	}
}
