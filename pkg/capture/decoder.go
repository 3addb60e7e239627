package capture

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// LinkTypeLinuxSLL2 is LINKTYPE_LINUX_SLL2 (276). gopacket's layers.LinkType is a uint8 and
// cannot hold it; use DecodeLink to pass it.
const LinkTypeLinuxSLL2 uint32 = 276

// Decoder turns captured packets into SIP messages: it decodes link and IP layers, reassembles
// IP fragments and TCP streams, and finds SIP by content on any port. It is not safe for
// concurrent use. ReadFiles drives one Decoder over all its inputs; live capture feeds one
// directly.
type Decoder struct {
	opts Options
	fn   func(*Message) error

	inputs []*inputState
	cur    *inputState
	ci     *gopacket.CaptureInfo // last packet decoded (nil before the first): the caller's, read in place
	ciCopy gopacket.CaptureInfo  // what ci points to when the caller passed a copy

	p4, p6  *gopacket.DecodingLayerParser
	ip4     layers.IPv4
	ip6     layers.IPv6
	ext     ipv6Ext
	ah      ipv6AH
	frag6   ipv6FragHeader
	udp     udpLayer
	tcp     tcpLayer
	decoded []gopacket.LayerType

	v4frag *ipv4Defrag
	v6frag *ipv6Defrag
	tcpst  *tcpState // created with the first TCP segment: reassembly preallocates 2 MB

	msg   Message
	cbErr error // first error returned by the callback

	// layersOnly sends every frame through the layer decoders, without the fixed-offset
	// path for UDP in IPv4 over Ethernet; the tests that compare the two paths set it.
	layersOnly bool
}

// udpLayer and tcpLayer are gopacket's UDP and TCP decoders without the guess at the next
// layer from well-known ports: SIP is found by content, the parsers decode nothing past the
// transport layer, and the guess costs two loads from a 512 KB table per packet.
type (
	udpLayer struct{ layers.UDP }
	tcpLayer struct{ layers.TCP }
)

func (*udpLayer) NextLayerType() gopacket.LayerType { return gopacket.LayerTypePayload }
func (*tcpLayer) NextLayerType() gopacket.LayerType { return gopacket.LayerTypePayload }

// inputState is the per-input part of a Decoder.
type inputState struct {
	stats  InputStats
	frame  int
	warned map[uint32]bool
}

// NewDecoder returns a Decoder for one input named input, calling fn for every SIP message.
// An error returned by fn is returned by the Decode or Flush call that produced the message.
func NewDecoder(input string, opts Options, fn func(*Message) error) *Decoder {
	d := newDecoder(opts, fn)
	d.addInput(input)
	d.cur = d.inputs[0]
	return d
}

func newDecoder(opts Options, fn func(*Message) error) *Decoder {
	d := &Decoder{opts: opts.withDefaults(), fn: fn, decoded: make([]gopacket.LayerType, 0, 16)}
	decoders := []gopacket.DecodingLayer{&d.ip4, &d.ip6, &d.ext, &d.ah, &d.frag6, &d.udp, &d.tcp}
	d.p4 = gopacket.NewDecodingLayerParser(layers.LayerTypeIPv4)
	d.p4.SetDecodingLayerContainer(gopacket.DecodingLayerSparse(nil))
	d.p6 = gopacket.NewDecodingLayerParser(layers.LayerTypeIPv6)
	d.p6.SetDecodingLayerContainer(gopacket.DecodingLayerSparse(nil))
	for _, l := range decoders {
		d.p4.AddDecodingLayer(l)
		d.p6.AddDecodingLayer(l)
	}
	d.p4.IgnoreUnsupported = true
	d.p6.IgnoreUnsupported = true
	d.v4frag = newIPv4Defrag(d.opts)
	d.v6frag = newIPv6Defrag(d.opts)
	return d
}

func (d *Decoder) addInput(name string) int {
	d.inputs = append(d.inputs, &inputState{stats: InputStats{Name: name}})
	return len(d.inputs) - 1
}

// Stats returns the counters of the Decoder's input (the first input when ReadFiles uses it
// for several).
func (d *Decoder) Stats() InputStats {
	return d.inputs[0].stats
}

func (d *Decoder) warn(format string, args ...any) {
	if d.opts.Warn != nil {
		d.opts.Warn(fmt.Sprintf(format, args...))
	}
}

// Decode decodes one packet captured with link type link. data is only read during the call.
// It returns the callback's error, if any.
func (d *Decoder) Decode(ci gopacket.CaptureInfo, data []byte, link layers.LinkType) error {
	return d.DecodeLink(ci, data, uint32(link))
}

// DecodeLink is Decode for link types that do not fit gopacket's uint8 layers.LinkType, such
// as LinkTypeLinuxSLL2.
func (d *Decoder) DecodeLink(ci gopacket.CaptureInfo, data []byte, link uint32) error {
	d.ciCopy = ci
	return d.decodeLink(&d.ciCopy, data, link)
}

// decodeLink is DecodeLink on capture information the caller keeps until it returns. The
// readers write it field by field just before: copied whole, as a value argument is, its
// first 16-byte load cannot be forwarded from those 8-byte stores and waits until every store
// before them, the previous message's copy included, has reached the cache.
func (d *Decoder) decodeLink(ci *gopacket.CaptureInfo, data []byte, link uint32) error {
	in := d.cur
	in.frame++
	st := &in.stats
	st.Packets++
	st.Bytes += uint64(len(data))
	if st.First.IsZero() || ci.Timestamp.Before(st.First) {
		st.First = ci.Timestamp
	}
	if ci.Timestamp.After(st.Last) {
		st.Last = ci.Timestamp
	}
	if ci.Length > len(data) {
		st.Snaplen++
	}
	d.ci = ci
	d.decodePacket(data, link)
	if d.tcpst != nil {
		d.tcpst.maintain(ci.Timestamp)
	}
	err := d.cbErr
	d.cbErr = nil
	return err
}

// Flush ends the input: it delivers what TCP streams still hold (a message left incomplete
// counts as malformed) and drops incomplete fragment queues. It returns the callback's error.
func (d *Decoder) Flush() error {
	if d.tcpst != nil {
		d.tcpst.flushAll()
	}
	d.v4frag = newIPv4Defrag(d.opts)
	d.v6frag = newIPv6Defrag(d.opts)
	err := d.cbErr
	d.cbErr = nil
	return err
}

// Link-layer results.
const (
	netNone = iota // not IP (ARP, LLDP, ...): ignored
	netIPv4
	netIPv6
	netUnsupported // link type not supported
)

// linkPayload strips the link header of data and says which network protocol follows.
func linkPayload(data []byte, link uint32) ([]byte, int) {
	var et uint16
	switch link {
	case uint32(layers.LinkTypeEthernet):
		if len(data) < 14 {
			return nil, netNone
		}
		et, data = binary.BigEndian.Uint16(data[12:14]), data[14:]
		// 802.1Q, 802.1ad (QinQ) and the old 0x9100 QinQ tag, possibly stacked.
		for i := 0; i < 8 && (et == 0x8100 || et == 0x88a8 || et == 0x9100); i++ {
			if len(data) < 4 {
				return nil, netNone
			}
			et, data = binary.BigEndian.Uint16(data[2:4]), data[4:]
		}
	case uint32(layers.LinkTypeLinuxSLL):
		if len(data) < 16 {
			return nil, netNone
		}
		et, data = binary.BigEndian.Uint16(data[14:16]), data[16:]
	case LinkTypeLinuxSLL2:
		if len(data) < 20 {
			return nil, netNone
		}
		et, data = binary.BigEndian.Uint16(data[0:2]), data[20:]
	case uint32(layers.LinkTypeNull), uint32(layers.LinkTypeLoop):
		if len(data) < 4 {
			return nil, netNone
		}
		// NULL stores the family in the capturing host's byte order, LOOP in network order;
		// families are small, so the non-zero end tells the order.
		var fam uint32
		if data[0] == 0 && data[1] == 0 {
			fam = binary.BigEndian.Uint32(data)
		} else {
			fam = binary.LittleEndian.Uint32(data)
		}
		data = data[4:]
		switch fam {
		case 2:
			return data, netIPv4
		case 10, 24, 28, 30: // AF_INET6 on Linux, the BSDs, FreeBSD/Darwin
			return data, netIPv6
		}
		return nil, netNone
	case uint32(layers.LinkTypeRaw), 12, 14, uint32(layers.LinkTypeIPv4), uint32(layers.LinkTypeIPv6):
		// 12 and 14 are DLT_RAW on some BSDs, written by old tools as the link type.
		if len(data) == 0 {
			return nil, netNone
		}
		switch data[0] >> 4 {
		case 4:
			return data, netIPv4
		case 6:
			return data, netIPv6
		}
		return nil, netNone
	default:
		return nil, netUnsupported
	}
	switch et {
	case 0x0800:
		return data, netIPv4
	case 0x86dd:
		return data, netIPv6
	}
	return nil, netNone
}

// linkTypeName names link types for the unsupported-link warning.
func linkTypeName(link uint32) string {
	switch link {
	case 9:
		return "PPP"
	case 50:
		return "PPP_HDLC"
	case 104:
		return "C_HDLC"
	case 105:
		return "IEEE802_11"
	case 127:
		return "IEEE802_11_RADIOTAP"
	case 192:
		return "PPI"
	case 252:
		return "WIRESHARK_UPPER_PDU"
	case 253:
		return "NETLINK"
	case 276:
		return "LINUX_SLL2"
	}
	if link >= 147 && link <= 162 {
		return fmt.Sprintf("USER%d", link-147)
	}
	if link < 256 {
		if s := layers.LinkType(link).String(); s != "" {
			return s
		}
	}
	return "unknown"
}

func (d *Decoder) decodePacket(data []byte, link uint32) {
	if link == uint32(layers.LinkTypeEthernet) && !d.layersOnly && plainIPv4UDP(data) {
		// The common frame, UDP in IPv4 over Ethernet, read from fixed offsets: what cannot
		// begin SIP (RTP, RTCP, STUN) is dropped in a few nanoseconds, the rest handed on
		// without the layer decoders.
		if sipmsg.MayStart(data[42]) {
			if src, dst, payload, ok := ipv4UDPPayload(data); ok {
				d.onUDP(src, dst, payload)
			}
		}
		return
	}
	netData, proto := linkPayload(data, link)
	switch proto {
	case netNone:
		return
	case netUnsupported:
		in := d.cur
		in.stats.SkippedLinkType++
		if !in.warned[link] {
			if in.warned == nil {
				in.warned = map[uint32]bool{}
			}
			in.warned[link] = true
			d.warn("%s: link type %d (%s) is not supported; its packets are skipped", in.stats.Name, link, linkTypeName(link))
		}
		return
	}
	p := d.p4
	if proto == netIPv6 {
		p = d.p6
	}
	// Errors mean a layer was cut short or invalid; what was decoded before it still counts.
	_ = p.DecodeLayers(netData, &d.decoded)
	if len(d.decoded) == 0 {
		return
	}
	// The innermost IP header gives the addresses (IP-in-IP tunnels decode through).
	v6 := false
	for _, t := range d.decoded {
		switch t {
		case layers.LayerTypeIPv4:
			v6 = false
		case layers.LayerTypeIPv6:
			v6 = true
		}
	}
	switch d.decoded[len(d.decoded)-1] {
	case layers.LayerTypeUDP:
		src, dst := d.addrs(v6)
		d.onUDP(netip.AddrPortFrom(src, uint16(d.udp.SrcPort)), netip.AddrPortFrom(dst, uint16(d.udp.DstPort)), d.udp.Payload)
	case layers.LayerTypeTCP:
		src, dst := d.addrs(v6)
		d.tcpSegment(src, dst)
	case layers.LayerTypeIPv4:
		if d.ip4.Flags&layers.IPv4MoreFragments != 0 || d.ip4.FragOffset != 0 {
			d.onIPv4Fragment()
		}
	case layers.LayerTypeIPv6Fragment:
		// Extension headers may follow an IPv4 header too (protocol 0, 43, 44, 60 in a
		// crafted packet); only a Fragment header inside IPv6 is reassembled.
		if v6 && d.frag6.fragmented() {
			d.onIPv6Fragment()
		}
	}
}

// addrs returns the source and destination of the innermost IP header.
func (d *Decoder) addrs(v6 bool) (src, dst netip.Addr) {
	if v6 {
		return netip.AddrFrom16([16]byte(d.ip6.SrcIP)), netip.AddrFrom16([16]byte(d.ip6.DstIP))
	}
	return netip.AddrFrom4([4]byte(d.ip4.SrcIP)), netip.AddrFrom4([4]byte(d.ip4.DstIP))
}

func (d *Decoder) onIPv4Fragment() {
	payload, dropped := d.v4frag.add(&d.ip4, d.ci.Timestamp)
	if dropped {
		return
	}
	if payload == nil {
		return
	}
	d.cur.stats.Fragments++
	src, dst := d.addrs(false)
	d.transport(d.ip4.Protocol, src, dst, payload)
}

func (d *Decoder) onIPv6Fragment() {
	src, dst := d.addrs(true)
	payload, next, dropped := d.v6frag.add(src, dst, d.frag6.id, d.frag6.off, d.frag6.more,
		uint8(d.frag6.next), d.frag6.Payload, d.ci.Timestamp)
	if dropped || payload == nil {
		return
	}
	d.cur.stats.Fragments++
	d.transport(layers.IPProtocol(next), src, dst, payload)
}

// transport decodes a reassembled datagram's transport header and payload.
func (d *Decoder) transport(proto layers.IPProtocol, src, dst netip.Addr, payload []byte) {
	switch proto {
	case layers.IPProtocolUDP:
		if d.udp.DecodeFromBytes(payload, gopacket.NilDecodeFeedback) != nil {
			return
		}
		d.onUDP(netip.AddrPortFrom(src, uint16(d.udp.SrcPort)), netip.AddrPortFrom(dst, uint16(d.udp.DstPort)), d.udp.Payload)
	case layers.IPProtocolTCP:
		if d.tcp.DecodeFromBytes(payload, gopacket.NilDecodeFeedback) != nil {
			return
		}
		d.tcpSegment(src, dst)
	}
}

// onUDP handles one UDP datagram: a SIP message when its first line says so. CRLF
// keep-alives, zero-byte keep-alives, STUN and every other protocol are skipped.
func (d *Decoder) onUDP(src, dst netip.AddrPort, p []byte) {
	for len(p) > 0 && (p[0] == '\r' || p[0] == '\n') {
		p = p[1:]
	}
	if len(p) == 0 || !sipmsg.Sniff(p) {
		return
	}
	d.emit(p, src, dst, TransportUDP, d.ci.Timestamp, d.cur, d.cur.frame)
}

// emit hands one message to the callback.
func (d *Decoder) emit(data []byte, src, dst netip.AddrPort, tr Transport, t time.Time, in *inputState, frame int) {
	if d.cbErr != nil {
		return
	}
	in.stats.SIPMessages++
	d.msg = Message{Data: data, Time: t, Input: in.stats.Name, Frame: frame, Src: src, Dst: dst, Transport: tr}
	if err := d.fn(&d.msg); err != nil {
		d.cbErr = err
	}
}

func (d *Decoder) tcpSegment(src, dst netip.Addr) {
	if d.tcpst == nil {
		d.tcpst = newTCPState(d)
	}
	d.tcpst.segment(src, dst, &d.tcp.TCP, d.ci.Timestamp)
}
