package tracegen

import (
	"container/heap"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/gopacket"
)

// Hosts of the generated network: user agents and PBX trunks talk to one proxy; media flows
// between the user agents and a media gateway.
const (
	proxyIPv4   = 0xc000020a // 192.0.2.10
	gatewayIPv4 = 0xc0000214 // 192.0.2.20
	domain      = "voip.carrier.example"
	sipPort     = 5060
	tcpTrunks   = 16 // long-lived TCP connections shared by the TCP scenarios
)

// addr is an IPv4 address and port.
type addr struct {
	ip   [4]byte
	port uint16
}

func proxyAddr() addr { return addr{ip4(proxyIPv4), sipPort} }

// tcpConn is a TCP connection from a trunk to the proxy; scenarios share it.
type tcpConn struct {
	ua     addr
	seqUA  uint32 // next sequence number from the trunk
	seqPx  uint32 // next sequence number from the proxy
	opened bool
}

// generator holds the state of one Generate run.
type generator struct {
	opts  Options
	out   packetWriter
	count *countingWriter
	rng   *rand.Rand
	exp   Expected

	now      int64 // nanoseconds since the epoch of the last packet
	ipID     uint16
	started  uint64 // scenarios started, the source of unique Call-IDs and branches
	finished uint64
	due      dueHeap // scenarios under way, by the time of their next message
	active   int
	media    []*scenario // active answered calls between ACK and BYE
	free     []*scenario
	conns    [tcpTrunks]tcpConn
	rtpRatio float64 // RTP packets wanted per other packet

	frame   []byte // the packet being built
	body    []byte // scratch for SDP bodies
	payload []byte // random RTP payload bytes
}

func newGenerator(opts Options, out packetWriter, count *countingWriter) *generator {
	g := &generator{
		opts:    opts,
		out:     out,
		count:   count,
		rng:     rand.New(rand.NewPCG(opts.Seed, 0x5c1b5ca7)),
		now:     startUnixNano,
		frame:   make([]byte, 0, 65536),
		body:    make([]byte, 0, 2048),
		payload: make([]byte, 4096),
	}
	g.exp.Options = opts
	if opts.RTPShare > 0 {
		g.rtpRatio = opts.RTPShare / (1 - opts.RTPShare)
	}
	for i := range g.payload {
		g.payload[i] = byte(g.rng.Uint32())
	}
	for i := range g.conns {
		g.conns[i] = tcpConn{
			ua:    addr{[4]byte{198, 51, 100, byte(1 + i)}, uint16(40000 + g.rng.IntN(20000))},
			seqUA: g.rng.Uint32(),
			seqPx: g.rng.Uint32(),
		}
	}
	return g
}

// run plays scenarios until the output reaches the wanted size and every scenario is over.
// Scenarios start as a Poisson process; each message is due a realistic delay after the one
// before it in its scenario, and messages of all scenarios go out in time order. RTP packets
// owed to the RTP share are spread evenly over the time before the next message.
func (g *generator) run() error {
	var other int64 // packets other than RTP
	nextStart := g.now
	for {
		more := g.wantMore()
		if !more && len(g.due) == 0 {
			return nil
		}
		if more && (len(g.due) == 0 || nextStart <= g.due[0].due) {
			s := g.newScenario()
			s.due = nextStart
			heap.Push(&g.due, s)
			nextStart += g.arrivalGap()
			continue
		}
		s := heap.Pop(&g.due).(*scenario)
		if owed := int64(g.rtpRatio*float64(other)) - g.exp.RTPPackets; owed > 0 && len(g.media) > 0 {
			t0, span := g.now, s.due-g.now
			for k := int64(1); k <= owed; k++ {
				g.now = t0 + span*k/(owed+1)
				if err := g.emitRTP(g.media[g.rng.IntN(len(g.media))]); err != nil {
					return err
				}
			}
		}
		g.now = max(g.now, s.due)
		before := g.exp.Packets
		if err := g.step(s); err != nil {
			return err
		}
		other += g.exp.Packets - before
		if s.next < len(s.steps) {
			s.due = g.now + s.steps[s.next].delay
			heap.Push(&g.due, s)
			continue
		}
		if s.mediaIdx >= 0 {
			g.stopMedia(s)
		}
		g.active--
		g.finished++
		g.free = append(g.free, s)
	}
}

// arrivalGap draws the time to the next scenario start: exponential, at the rate that gives
// Options.Rate packets per second with the packets per scenario seen so far.
func (g *generator) arrivalGap() int64 {
	perScenario := 8.5
	if g.started >= 64 {
		perScenario = float64(g.exp.Packets-g.exp.RTPPackets) / float64(g.started)
	}
	rate := g.opts.Rate * (1 - g.opts.RTPShare) / perScenario
	return 1 + int64(g.rng.ExpFloat64()/rate*float64(time.Second))
}

// wantMore says whether to start another scenario: while the output, with the scenarios under
// way finished at the mean size so far, stays below the wanted size.
func (g *generator) wantMore() bool {
	n := g.count.n
	if n >= g.opts.Size {
		return false
	}
	// Scenarios under way are on average half done; a scenario's mean size comes from the
	// finished ones once there are a few.
	div := g.finished
	if div < 8 {
		div = g.started
	}
	if div == 0 {
		return true
	}
	mean := n / int64(div)
	return n+int64(g.active)*mean/2 < g.opts.Size
}

// dueHeap orders scenarios by the time their next message is due.
type dueHeap []*scenario

func (h dueHeap) Len() int { return len(h) }
func (h dueHeap) Less(i, j int) bool {
	if h[i].due != h[j].due {
		return h[i].due < h[j].due
	}
	return h[i].seq < h[j].seq
}
func (h dueHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)   { *h = append(*h, x.(*scenario)) }
func (h *dueHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return s
}

// write writes the frame in g.frame at the current time.
func (g *generator) write() error {
	ci := gopacket.CaptureInfo{
		Timestamp:     time.Unix(0, g.now),
		CaptureLength: len(g.frame),
		Length:        len(g.frame),
	}
	if err := g.out.WritePacket(ci, g.frame); err != nil {
		return fmt.Errorf("write packet %d: %w", g.exp.Packets+1, err)
	}
	g.exp.Packets++
	return nil
}

// step emits the next message of s (and, first, the TCP handshake of its connection).
func (g *generator) step(s *scenario) error {
	st := &s.steps[s.next]
	s.next++
	if st.media < 0 && s.mediaIdx >= 0 {
		g.stopMedia(s)
	}
	if s.conn != nil && !s.conn.opened {
		if err := g.handshake(s.conn); err != nil {
			return err
		}
	}
	if err := g.emitSIP(s, st); err != nil {
		return err
	}
	if st.req {
		g.exp.addRequest(st.method.String(), st.retrans)
	} else {
		g.exp.addResponse(int(st.code), st.reason, st.retrans)
	}
	if st.media > 0 && g.rtpRatio > 0 && s.mediaIdx < 0 {
		s.mediaIdx = len(g.media)
		g.media = append(g.media, s)
	}
	return nil
}

func (g *generator) stopMedia(s *scenario) {
	i := s.mediaIdx
	last := len(g.media) - 1
	g.media[i] = g.media[last]
	g.media[i].mediaIdx = i
	g.media[last] = nil
	g.media = g.media[:last]
	s.mediaIdx = -1
}

// handshake opens c with SYN, SYN-ACK and ACK.
func (g *generator) handshake(c *tcpConn) error {
	c.opened = true
	px := proxyAddr()
	if err := g.emitTCP(c.ua, px, c.seqUA, 0, tcpSYN, nil); err != nil {
		return err
	}
	c.seqUA++
	if err := g.emitTCP(px, c.ua, c.seqPx, c.seqUA, tcpSYN|tcpACK, nil); err != nil {
		return err
	}
	c.seqPx++
	return g.emitTCP(c.ua, px, c.seqUA, c.seqPx, tcpACK, nil)
}

// emitSIP renders one SIP message of s into a UDP datagram or TCP segment and writes it.
func (g *generator) emitSIP(s *scenario, st *step) error {
	ua := s.ua
	px := proxyAddr()
	src, dst := px, ua
	if st.fromUA {
		src, dst = ua, px
	}
	if s.conn == nil {
		g.frame = g.frame[:udpHeaderLen]
		g.frame = g.renderSIP(g.frame, s, st)
		g.finishUDP(src, dst, tosSIP)
		return g.write()
	}
	c := s.conn
	g.frame = g.frame[:tcpHeaderLen]
	g.frame = g.renderSIP(g.frame, s, st)
	n := uint32(len(g.frame) - tcpHeaderLen)
	if st.fromUA {
		g.finishTCP(src, dst, c.seqUA, c.seqPx, tcpPSH|tcpACK)
		c.seqUA += n
	} else {
		g.finishTCP(src, dst, c.seqPx, c.seqUA, tcpPSH|tcpACK)
		c.seqPx += n
	}
	g.exp.TCPPackets++
	return g.write()
}

// emitTCP writes a TCP segment without SIP.
func (g *generator) emitTCP(src, dst addr, seq, ack uint32, flags uint8, payload []byte) error {
	g.frame = append(g.frame[:tcpHeaderLen], payload...)
	g.finishTCP(src, dst, seq, ack, flags)
	g.exp.TCPPackets++
	return g.write()
}

// emitRTP writes one 20 ms G.711 packet of the call s, in either direction.
func (g *generator) emitRTP(s *scenario) error {
	r := &s.rtp
	dir := g.rng.IntN(2)
	src, dst := addr{s.ua.ip, r.uaPort}, addr{ip4(gatewayIPv4), r.gwPort}
	if dir == 1 {
		src, dst = dst, src
	}
	b := g.frame[:udpHeaderLen]
	marker := byte(0)
	if r.seq[dir] == r.firstSeq[dir] {
		marker = 0x80
	}
	b = append(b, 0x80, marker|r.pt)
	b = be16(b, r.seq[dir])
	b = be32(b, r.ts[dir])
	b = be32(b, r.ssrc[dir])
	off := int(r.seq[dir]) * 37 % (len(g.payload) - 160)
	b = append(b, g.payload[off:off+160]...)
	g.frame = b
	r.seq[dir]++
	r.ts[dir] += 160
	g.finishUDP(src, dst, tosRTP)
	g.exp.RTPPackets++
	return g.write()
}
