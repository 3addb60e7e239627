package tracegen

import "encoding/binary"

// Frames are built by hand, not with gopacket's serializer: the payload is rendered in place
// behind room left for the headers, which are filled in last. This keeps a gigabyte of
// capture within seconds.
const (
	ethLen       = 14
	ipv4Len      = 20
	udpLen       = 8
	tcpLen       = 20
	udpHeaderLen = ethLen + ipv4Len + udpLen
	tcpHeaderLen = ethLen + ipv4Len + tcpLen

	tosSIP = 0x60 // DSCP CS3, signalling
	tosRTP = 0xb8 // DSCP EF, voice

	tcpFIN = 0x01
	tcpSYN = 0x02
	tcpPSH = 0x08
	tcpACK = 0x10
)

// ip4 spells a 32-bit IPv4 address as bytes.
func ip4(v uint32) [4]byte { return [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)} }

func be16(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }
func be32(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }

// mac makes a locally administered MAC address from an IPv4 address.
func putMAC(b []byte, ip [4]byte) {
	b[0], b[1], b[2], b[3], b[4], b[5] = 0x02, 0x00, ip[0], ip[1], ip[2], ip[3]
}

// putEthIPv4 fills the Ethernet and IPv4 headers of g.frame.
func (g *generator) putEthIPv4(src, dst addr, proto, tos byte) {
	f := g.frame
	putMAC(f[0:6], dst.ip)
	putMAC(f[6:12], src.ip)
	f[12], f[13] = 0x08, 0x00
	ip := f[ethLen : ethLen+ipv4Len]
	g.ipID++
	ip[0], ip[1] = 0x45, tos
	binary.BigEndian.PutUint16(ip[2:], uint16(len(f)-ethLen))
	binary.BigEndian.PutUint16(ip[4:], g.ipID)
	ip[6], ip[7] = 0x40, 0 // don't fragment
	ip[8], ip[9] = 64, proto
	ip[10], ip[11] = 0, 0
	copy(ip[12:16], src.ip[:])
	copy(ip[16:20], dst.ip[:])
	binary.BigEndian.PutUint16(ip[10:], fold(sum(ip, 0)))
}

// finishUDP fills the headers of the UDP datagram in g.frame, whose payload is in place.
func (g *generator) finishUDP(src, dst addr, tos byte) {
	g.putEthIPv4(src, dst, 17, tos)
	f := g.frame
	u := f[ethLen+ipv4Len:]
	binary.BigEndian.PutUint16(u[0:], src.port)
	binary.BigEndian.PutUint16(u[2:], dst.port)
	binary.BigEndian.PutUint16(u[4:], uint16(len(u)))
	u[6], u[7] = 0, 0
	c := fold(sum(u, pseudo(src, dst, 17, len(u))))
	if c == 0 {
		c = 0xffff
	}
	binary.BigEndian.PutUint16(u[6:], c)
}

// finishTCP fills the headers of the TCP segment in g.frame, whose payload is in place.
func (g *generator) finishTCP(src, dst addr, seq, ack uint32, flags byte) {
	g.putEthIPv4(src, dst, 6, tosSIP)
	f := g.frame
	t := f[ethLen+ipv4Len:]
	binary.BigEndian.PutUint16(t[0:], src.port)
	binary.BigEndian.PutUint16(t[2:], dst.port)
	binary.BigEndian.PutUint32(t[4:], seq)
	if flags&tcpACK == 0 {
		ack = 0
	}
	binary.BigEndian.PutUint32(t[8:], ack)
	t[12], t[13] = tcpLen/4<<4, flags
	binary.BigEndian.PutUint16(t[14:], 64240)
	t[16], t[17], t[18], t[19] = 0, 0, 0, 0
	binary.BigEndian.PutUint16(t[16:], fold(sum(t, pseudo(src, dst, 6, len(t)))))
}

// pseudo is the partial checksum of the IPv4 pseudo header.
func pseudo(src, dst addr, proto byte, n int) uint64 {
	return uint64(binary.BigEndian.Uint16(src.ip[0:])) + uint64(binary.BigEndian.Uint16(src.ip[2:])) +
		uint64(binary.BigEndian.Uint16(dst.ip[0:])) + uint64(binary.BigEndian.Uint16(dst.ip[2:])) +
		uint64(proto) + uint64(n)
}

// sum adds b as big-endian 16-bit words to acc (the Internet checksum before folding).
// Adding 32-bit words and folding later gives the same one's-complement sum.
func sum(b []byte, acc uint64) uint64 {
	for len(b) >= 8 {
		v := binary.BigEndian.Uint64(b)
		acc += v>>32 + v&0xffffffff
		b = b[8:]
	}
	for len(b) >= 2 {
		acc += uint64(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		acc += uint64(b[0]) << 8
	}
	return acc
}

// fold folds a checksum sum to 16 bits and complements it.
func fold(acc uint64) uint16 {
	for acc>>16 != 0 {
		acc = acc>>16 + acc&0xffff
	}
	return ^uint16(acc)
}
