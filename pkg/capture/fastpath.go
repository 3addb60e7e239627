package capture

import (
	"encoding/binary"

	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// notSIPOverIPv4UDP reports, from fixed offsets only, that an Ethernet frame holds a whole
// IPv4 datagram without options carrying UDP whose payload cannot begin a SIP message, as
// with RTP (0x80), RTCP, STUN and most binary protocols. These packets, most of a capture
// with media, are dropped in a few nanoseconds. It never drops what the full decoding path
// would deliver: the UDP payload of such a frame starts at byte 42 (or is empty), and the
// full path only hands on payloads that sipmsg.Sniff accepts, whose first byte
// sipmsg.MayStart accepts. Every other frame (VLAN tags, IPv6, options, fragments, TCP,
// SIP-like first bytes) takes the full path.
func notSIPOverIPv4UDP(data []byte) bool {
	if len(data) < 43 || data[12] != 0x08 || data[13] != 0x00 || data[14] != 0x45 || data[23] != 17 {
		return false
	}
	if data[20]&0x3f != 0 || data[21] != 0 { // more fragments, or a fragment offset
		return false
	}
	if total := int(binary.BigEndian.Uint16(data[16:18])); total < 29 || total > len(data)-14 {
		return false
	}
	return !sipmsg.MayStart(data[42])
}
