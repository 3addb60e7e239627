package capture

import (
	"encoding/binary"
	"net/netip"
)

// plainIPv4UDP reports whether an Ethernet frame holds a whole IPv4 datagram without options,
// not a fragment, carrying UDP, at least 29 bytes long and within the frame: the frames
// ipv4UDPPayload reads from fixed offsets. The UDP payload of such a frame starts at byte 42
// (or is empty), and the layer decoders only hand on payloads that sipmsg.Sniff accepts,
// whose first byte sipmsg.MayStart accepts: where MayStart rejects byte 42 (RTP's 0x80, RTCP,
// STUN and most binary protocols), the frame can be dropped unread. Every other frame (VLAN
// tags, IPv6, options, fragments, TCP) takes the layer decoders.
func plainIPv4UDP(data []byte) bool {
	if len(data) < 43 || data[12] != 0x08 || data[13] != 0x00 || data[14] != 0x45 || data[23] != 17 {
		return false
	}
	if data[20]&0x3f != 0 || data[21] != 0 { // more fragments, or a fragment offset
		return false
	}
	total := int(binary.BigEndian.Uint16(data[16:18]))
	return total >= 29 && total <= len(data)-14
}

// ipv4UDPPayload returns the addresses and the UDP payload of a frame plainIPv4UDP accepts,
// read from fixed offsets: what the full decoding path (gopacket's IPv4 and UDP decoders)
// gives for it, without its work per layer. The IP total length cuts the Ethernet padding
// off; a UDP length beyond the datagram is cut to it, and 0 (a jumbogram) means the rest of
// the datagram. ok is false for a UDP length of 1 to 7, which the full path rejects too.
// TestIPv4UDPFastPath and FuzzIPv4UDPFastPath compare the two paths.
func ipv4UDPPayload(data []byte) (src, dst netip.AddrPort, payload []byte, ok bool) {
	total := int(binary.BigEndian.Uint16(data[16:18]))
	udp := data[34 : 14+total]
	n := len(udp)
	switch l := int(binary.BigEndian.Uint16(udp[4:6])); {
	case l >= 8:
		n = min(l, n)
	case l != 0:
		return src, dst, nil, false
	}
	src = netip.AddrPortFrom(netip.AddrFrom4([4]byte(data[26:30])), binary.BigEndian.Uint16(udp[0:2]))
	dst = netip.AddrPortFrom(netip.AddrFrom4([4]byte(data[30:34])), binary.BigEndian.Uint16(udp[2:4]))
	return src, dst, udp[8:n], true
}
