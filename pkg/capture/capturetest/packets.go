// Package capturetest builds packet captures of SIP traffic for tests and for generating the
// project's sample captures: UDP datagrams, TCP connections with coalesced, split, retransmitted
// and reordered segments, IPv4 and IPv6 fragments, over Ethernet (optionally 802.1Q or QinQ
// tagged), Linux cooked SLL and SLL2, BSD loopback (NULL and LOOP) and raw IP, written as pcap
// (micro- or nanosecond, either byte order) or pcapng (several interfaces and sections).
//
// A Builder records packets in the order they are added; each packet's time is the builder's
// clock, which advances by Step after every packet. Packets can be reordered or dropped before
// writing, since Packets returns a plain slice.
package capturetest

import (
	"encoding/binary"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// Link selects the link-layer framing a Builder puts around each IP packet.
type Link int

const (
	// Ethernet is plain Ethernet II (LINKTYPE_ETHERNET).
	Ethernet Link = iota
	// VLAN is Ethernet with one 802.1Q tag (VLAN 100).
	VLAN
	// QinQ is Ethernet with an 802.1ad outer tag (VLAN 200) and an 802.1Q inner tag (VLAN 100).
	QinQ
	// SLL is Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113).
	SLL
	// SLL2 is Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276).
	SLL2
	// Null is BSD loopback with the address family in little-endian host order (LINKTYPE_NULL).
	Null
	// Loop is OpenBSD loopback with the address family in network order (LINKTYPE_LOOP, 108).
	Loop
	// Raw is raw IP without a link header (LINKTYPE_RAW, 101).
	Raw
)

// LinkTypeLinuxSLL2 is LINKTYPE_LINUX_SLL2. Link types are uint32 here because gopacket's
// layers.LinkType is a uint8 and cannot hold 276.
const LinkTypeLinuxSLL2 uint32 = 276

// LinkType returns the pcap link type number of l.
func (l Link) LinkType() uint32 {
	switch l {
	case SLL:
		return uint32(layers.LinkTypeLinuxSLL)
	case SLL2:
		return LinkTypeLinuxSLL2
	case Null:
		return uint32(layers.LinkTypeNull)
	case Loop:
		return uint32(layers.LinkTypeLoop)
	case Raw:
		return uint32(layers.LinkTypeRaw)
	default:
		return uint32(layers.LinkTypeEthernet)
	}
}

// String names the link framing.
func (l Link) String() string {
	switch l {
	case Ethernet:
		return "ethernet"
	case VLAN:
		return "vlan"
	case QinQ:
		return "qinq"
	case SLL:
		return "sll"
	case SLL2:
		return "sll2"
	case Null:
		return "null"
	case Loop:
		return "loop"
	case Raw:
		return "raw"
	}
	return fmt.Sprintf("link(%d)", int(l))
}

// Packet is one captured frame.
type Packet struct {
	Time time.Time
	// Data is the frame as captured, starting with the link header.
	Data []byte
	// OrigLen is the frame's length on the wire; zero means len(Data). A value larger than
	// len(Data) marks the frame as cut by the snaplen.
	OrigLen int
	// LinkType is the frame's link type; pcapng writers give each distinct link type its own
	// interface.
	LinkType uint32
	// Section is the pcapng section the packet belongs to (sections are written in order of
	// first appearance); pcap writers ignore it.
	Section int
}

// Builder accumulates packets of one capture.
type Builder struct {
	// Link is the framing of the next packets; it may be changed between packets.
	Link Link
	// Time is the timestamp of the next packet.
	Time time.Time
	// Step is added to Time after every packet (1 ms when zero).
	Step time.Duration
	// Section is copied into every packet (see Packet.Section).
	Section int

	packets []Packet
	ipID    uint16
	flowID  uint32
}

// NewBuilder returns a Builder framing packets with link, starting at a fixed time so that
// generated captures are reproducible.
func NewBuilder(link Link) *Builder {
	return &Builder{Link: link, Time: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), Step: time.Millisecond}
}

// Packets returns the packets added so far, in order.
func (b *Builder) Packets() []Packet { return b.packets }

// Add appends a raw frame (already framed for the builder's current link) at the current time.
func (b *Builder) Add(frame []byte) *Packet {
	b.packets = append(b.packets, Packet{Time: b.Time, Data: frame, LinkType: b.Link.LinkType(), Section: b.Section})
	step := b.Step
	if step == 0 {
		step = time.Millisecond
	}
	b.Time = b.Time.Add(step)
	return &b.packets[len(b.packets)-1]
}

// AddIP frames an IPv4 or IPv6 packet for the current link and appends it.
func (b *Builder) AddIP(ip []byte) *Packet {
	return b.Add(Frame(b.Link, ip))
}

// Frame puts the link header of l in front of the IP packet ip.
func Frame(l Link, ip []byte) []byte {
	v6 := len(ip) > 0 && ip[0]>>4 == 6
	etherType := uint16(layers.EthernetTypeIPv4)
	if v6 {
		etherType = uint16(layers.EthernetTypeIPv6)
	}
	var hdr []byte
	mac := []byte{0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2}
	switch l {
	case Ethernet:
		hdr = append(mac, 0, 0)
		binary.BigEndian.PutUint16(hdr[12:], etherType)
	case VLAN:
		hdr = append(mac, 0x81, 0x00, 0x00, 100, 0, 0)
		binary.BigEndian.PutUint16(hdr[16:], etherType)
	case QinQ:
		hdr = append(mac, 0x88, 0xa8, 0x00, 200, 0x81, 0x00, 0x00, 100, 0, 0)
		binary.BigEndian.PutUint16(hdr[20:], etherType)
	case SLL:
		hdr = make([]byte, 16)
		binary.BigEndian.PutUint16(hdr[0:], 0) // packet sent to us
		binary.BigEndian.PutUint16(hdr[2:], 1) // ARPHRD_ETHER
		binary.BigEndian.PutUint16(hdr[4:], 6)
		copy(hdr[6:], mac[:6])
		binary.BigEndian.PutUint16(hdr[14:], etherType)
	case SLL2:
		hdr = make([]byte, 20)
		binary.BigEndian.PutUint16(hdr[0:], etherType)
		binary.BigEndian.PutUint32(hdr[4:], 2) // interface index
		binary.BigEndian.PutUint16(hdr[8:], 1) // ARPHRD_ETHER
		hdr[10] = 0                            // packet sent to us
		hdr[11] = 6
		copy(hdr[12:], mac[:6])
	case Null:
		hdr = make([]byte, 4)
		family := uint32(2) // AF_INET
		if v6 {
			family = 30 // AF_INET6 on macOS
		}
		binary.LittleEndian.PutUint32(hdr, family)
	case Loop:
		hdr = make([]byte, 4)
		family := uint32(2)
		if v6 {
			family = 24 // AF_INET6 on OpenBSD
		}
		binary.BigEndian.PutUint32(hdr, family)
	case Raw:
	}
	return append(hdr, ip...)
}

func (b *Builder) nextID() uint16 {
	b.ipID++
	return b.ipID
}

// ipHeader serialises an IPv4 or IPv6 header for payload (already containing the transport
// header) between src and dst.
func ipPacket(src, dst netip.Addr, proto layers.IPProtocol, id uint16, transport []byte) []byte {
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	var err error
	if src.Is4() {
		ip := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: proto, Id: id,
			SrcIP: net.IP(src.AsSlice()), DstIP: net.IP(dst.AsSlice())}
		err = gopacket.SerializeLayers(buf, opts, ip, gopacket.Payload(transport))
	} else {
		ip := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: proto,
			SrcIP: net.IP(src.AsSlice()), DstIP: net.IP(dst.AsSlice())}
		err = gopacket.SerializeLayers(buf, opts, ip, gopacket.Payload(transport))
	}
	if err != nil {
		panic(fmt.Sprintf("capturetest: serialise IP: %v", err)) // only on programming errors
	}
	return append([]byte(nil), buf.Bytes()...)
}

// udpSegment returns a UDP header and payload with a correct checksum.
func udpSegment(src, dst netip.AddrPort, payload []byte) []byte {
	u := make([]byte, 8+len(payload))
	binary.BigEndian.PutUint16(u[0:], src.Port())
	binary.BigEndian.PutUint16(u[2:], dst.Port())
	binary.BigEndian.PutUint16(u[4:], uint16(len(u)))
	copy(u[8:], payload)
	binary.BigEndian.PutUint16(u[6:], transportChecksum(src.Addr(), dst.Addr(), layers.IPProtocolUDP, u))
	return u
}

func transportChecksum(src, dst netip.Addr, proto layers.IPProtocol, seg []byte) uint16 {
	var sum uint32
	add := func(b []byte) {
		for i := 0; i+1 < len(b); i += 2 {
			sum += uint32(b[i])<<8 | uint32(b[i+1])
		}
		if len(b)%2 == 1 {
			sum += uint32(b[len(b)-1]) << 8
		}
	}
	add(src.AsSlice())
	add(dst.AsSlice())
	sum += uint32(proto) + uint32(len(seg))
	add(seg)
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	c := ^uint16(sum)
	if c == 0 && proto == layers.IPProtocolUDP {
		c = 0xffff
	}
	return c
}

// UDP adds one UDP datagram carrying payload from src to dst.
func (b *Builder) UDP(src, dst netip.AddrPort, payload []byte) *Packet {
	return b.AddIP(ipPacket(src.Addr(), dst.Addr(), layers.IPProtocolUDP, b.nextID(), udpSegment(src, dst, payload)))
}

// UDPFragments adds one UDP datagram carrying payload, split into IP fragments whose
// fragmentable part holds at most mtu bytes (rounded down to a multiple of 8). For IPv6 every
// fragment carries a Fragment extension header. order, when not nil, gives the order in which
// the fragments are added (indexes into the fragment list); it may repeat an index to
// duplicate a fragment or leave one out to lose it. It returns the number of fragments.
func (b *Builder) UDPFragments(src, dst netip.AddrPort, payload []byte, mtu int, order []int) int {
	whole := udpSegment(src, dst, payload)
	frags := fragmentIP(src.Addr(), dst.Addr(), layers.IPProtocolUDP, uint32(b.nextID()), whole, mtu)
	if order == nil {
		for i := range frags {
			order = append(order, i)
		}
	}
	for _, i := range order {
		b.AddIP(frags[i])
	}
	return len(frags)
}

// fragmentIP splits a transport segment into IPv4 or IPv6 fragments.
func fragmentIP(src, dst netip.Addr, proto layers.IPProtocol, id uint32, seg []byte, mtu int) [][]byte {
	size := mtu &^ 7
	if size < 8 {
		size = 8
	}
	var out [][]byte
	for off := 0; off < len(seg); off += size {
		end := off + size
		more := true
		if end >= len(seg) {
			end, more = len(seg), false
		}
		chunk := seg[off:end]
		if src.Is4() {
			ip := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: proto, Id: uint16(id),
				FragOffset: uint16(off / 8), SrcIP: net.IP(src.AsSlice()), DstIP: net.IP(dst.AsSlice())}
			if more {
				ip.Flags = layers.IPv4MoreFragments
			}
			buf := gopacket.NewSerializeBuffer()
			if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true},
				ip, gopacket.Payload(chunk)); err != nil {
				panic(fmt.Sprintf("capturetest: serialise fragment: %v", err))
			}
			out = append(out, append([]byte(nil), buf.Bytes()...))
			continue
		}
		fh := make([]byte, 8+len(chunk))
		fh[0] = byte(proto)
		fo := uint16(off/8) << 3
		if more {
			fo |= 1
		}
		binary.BigEndian.PutUint16(fh[2:], fo)
		binary.BigEndian.PutUint32(fh[4:], id)
		copy(fh[8:], chunk)
		out = append(out, ipPacket(src, dst, layers.IPProtocolIPv6Fragment, 0, fh))
	}
	return out
}

// TCPConn is one TCP connection between a client and a server; it keeps both sides' sequence
// numbers so that segments can be added in any order, repeated or left out.
type TCPConn struct {
	b              *Builder
	Client, Server netip.AddrPort
	seq            [2]uint32 // next sequence number sent by client [0] and server [1]
}

// Side names the sender of a TCP segment.
type Side int

const (
	// FromClient marks a segment sent by the connection's client.
	FromClient Side = 0
	// FromServer marks a segment sent by the connection's server.
	FromServer Side = 1
)

// TCP starts a TCP connection; call Handshake to add SYN, SYN-ACK and ACK, or skip it to
// simulate a capture that starts mid-connection.
func (b *Builder) TCP(client, server netip.AddrPort) *TCPConn {
	b.flowID++
	return &TCPConn{b: b, Client: client, Server: server, seq: [2]uint32{1000 * b.flowID, 500000 * b.flowID}}
}

// Segment is one TCP segment prepared by TCPConn.Prepare; add it with TCPConn.Add, possibly
// more than once or out of order.
type Segment struct {
	From    Side
	Seq     uint32
	Flags   TCPFlags
	Payload []byte
}

// TCPFlags is a set of TCP flags.
type TCPFlags uint8

// TCP flag bits.
const (
	FIN TCPFlags = 1 << iota
	SYN
	RST
	PSH
	ACK
)

// Handshake adds SYN, SYN-ACK and ACK.
func (c *TCPConn) Handshake() {
	c.Add(c.Prepare(FromClient, SYN, nil))
	c.Add(c.Prepare(FromServer, SYN|ACK, nil))
	c.Add(c.Prepare(FromClient, ACK, nil))
}

// Prepare builds the next segment from side with flags and payload and advances that side's
// sequence number, without adding it to the capture.
func (c *TCPConn) Prepare(from Side, flags TCPFlags, payload []byte) Segment {
	s := Segment{From: from, Seq: c.seq[from], Flags: flags, Payload: payload}
	adv := uint32(len(payload))
	if flags&(SYN|FIN) != 0 {
		adv++
	}
	c.seq[from] += adv
	return s
}

// Skip advances side's sequence number by n bytes without adding a packet: the capture misses
// those bytes (a gap).
func (c *TCPConn) Skip(from Side, n int) { c.seq[from] += uint32(n) }

// Send adds one segment carrying payload from side (PSH|ACK).
func (c *TCPConn) Send(from Side, payload []byte) *Packet {
	return c.Add(c.Prepare(from, PSH|ACK, payload))
}

// SendSplit adds payload from side as several segments cut at the given offsets.
func (c *TCPConn) SendSplit(from Side, payload []byte, cuts ...int) {
	prev := 0
	for _, cut := range append(cuts, len(payload)) {
		if cut < prev || cut > len(payload) {
			panic("capturetest: SendSplit cuts must be increasing and within the payload")
		}
		c.Send(from, payload[prev:cut])
		prev = cut
	}
}

// Close adds FIN from both sides.
func (c *TCPConn) Close() {
	c.Add(c.Prepare(FromClient, FIN|ACK, nil))
	c.Add(c.Prepare(FromServer, FIN|ACK, nil))
}

// Add adds a prepared segment to the capture.
func (c *TCPConn) Add(s Segment) *Packet {
	src, dst := c.Client, c.Server
	ack := c.seq[FromServer]
	if s.From == FromServer {
		src, dst = dst, src
		ack = c.seq[FromClient]
	}
	h := make([]byte, 20+len(s.Payload))
	binary.BigEndian.PutUint16(h[0:], src.Port())
	binary.BigEndian.PutUint16(h[2:], dst.Port())
	binary.BigEndian.PutUint32(h[4:], s.Seq)
	if s.Flags&ACK != 0 {
		binary.BigEndian.PutUint32(h[8:], ack)
	}
	h[12] = 5 << 4
	var fl byte
	if s.Flags&FIN != 0 {
		fl |= 0x01
	}
	if s.Flags&SYN != 0 {
		fl |= 0x02
	}
	if s.Flags&RST != 0 {
		fl |= 0x04
	}
	if s.Flags&PSH != 0 {
		fl |= 0x08
	}
	if s.Flags&ACK != 0 {
		fl |= 0x10
	}
	h[13] = fl
	binary.BigEndian.PutUint16(h[14:], 65535)
	copy(h[20:], s.Payload)
	binary.BigEndian.PutUint16(h[16:], transportChecksum(src.Addr(), dst.Addr(), layers.IPProtocolTCP, h))
	return c.b.AddIP(ipPacket(src.Addr(), dst.Addr(), layers.IPProtocolTCP, c.b.nextID(), h))
}

// UDPDatagram returns the IP packet (without link header) of a UDP datagram, for quoting in
// ICMP errors or for framing by hand.
func UDPDatagram(src, dst netip.AddrPort, payload []byte) []byte {
	return ipPacket(src.Addr(), dst.Addr(), layers.IPProtocolUDP, 1, udpSegment(src, dst, payload))
}

// ICMPPortUnreachable adds an ICMP (ICMPv6 for IPv6) destination-unreachable error sent by
// from, quoting the IP packet quoted (as routers and hosts quote the datagram they refused).
func (b *Builder) ICMPPortUnreachable(from netip.Addr, quoted []byte) *Packet {
	var to netip.Addr
	var proto layers.IPProtocol
	msg := make([]byte, 8, 8+len(quoted))
	if from.Is4() {
		to, _ = netip.AddrFromSlice(quoted[12:16])
		proto = layers.IPProtocolICMPv4
		msg[0], msg[1] = 3, 3
	} else {
		to, _ = netip.AddrFromSlice(quoted[8:24])
		proto = layers.IPProtocolICMPv6
		msg[0], msg[1] = 1, 4
	}
	msg = append(msg, quoted...)
	if from.Is4() {
		var sum uint32
		for i := 0; i+1 < len(msg); i += 2 {
			sum += uint32(msg[i])<<8 | uint32(msg[i+1])
		}
		if len(msg)%2 == 1 {
			sum += uint32(msg[len(msg)-1]) << 8
		}
		for sum>>16 != 0 {
			sum = sum&0xffff + sum>>16
		}
		binary.BigEndian.PutUint16(msg[2:], ^uint16(sum))
	} else {
		binary.BigEndian.PutUint16(msg[2:], transportChecksum(from, to, proto, msg))
	}
	return b.AddIP(ipPacket(from, to, proto, b.nextID(), msg))
}
