package capturetest

import (
	"bytes"
	"net/netip"
)

// Sample is a named capture of a typical SIP scenario.
type Sample struct {
	// Name is the file name, whose extension (.pcap or .pcapng) selects the format.
	Name string
	// Packets are the capture's packets.
	Packets []Packet
}

var (
	sampleUA     = netip.MustParseAddrPort("192.0.2.10:5060")
	sampleProxy  = netip.MustParseAddrPort("198.51.100.1:5060")
	sampleUA6    = netip.MustParseAddrPort("[2001:db8::10]:5060")
	sampleProxy6 = netip.MustParseAddrPort("[2001:db8::1]:5060")
)

// Samples returns small captures covering the transports and link types the capture package
// reads: a UDP call, a TCP call with coalesced and split segments, IPv4 and IPv6 fragments,
// VLAN, SLL, SLL2, NULL loopback and raw IPv6 framing.
func Samples() []Sample {
	var out []Sample

	b := NewBuilder(Ethernet)
	b.UDP(sampleUA, sampleProxy, Request("INVITE", "udp-call", 1, SDP(200)))
	b.UDP(sampleProxy, sampleUA, Response(100, "Trying", "INVITE", "udp-call", 1, ""))
	b.UDP(sampleProxy, sampleUA, Response(180, "Ringing", "INVITE", "udp-call", 1, ""))
	b.UDP(sampleProxy, sampleUA, Response(200, "OK", "INVITE", "udp-call", 1, SDP(200)))
	b.UDP(sampleUA, sampleProxy, Request("ACK", "udp-call", 1, ""))
	b.UDP(sampleUA, sampleProxy, Request("BYE", "udp-call", 2, ""))
	b.UDP(sampleProxy, sampleUA, Response(200, "OK", "BYE", "udp-call", 2, ""))
	out = append(out, Sample{"udp-call.pcap", b.Packets()})

	b = NewBuilder(Ethernet)
	c := b.TCP(netip.MustParseAddrPort("192.0.2.10:40100"), sampleProxy)
	c.Handshake()
	c.SendSplit(FromClient, Request("INVITE", "tcp-call", 1, SDP(1200)), 600, 1300)
	c.Send(FromServer, bytes.Join([][]byte{
		Response(100, "Trying", "INVITE", "tcp-call", 1, ""),
		Response(486, "Busy Here", "INVITE", "tcp-call", 1, ""),
	}, nil))
	c.Send(FromClient, Request("ACK", "tcp-call", 1, ""))
	c.Close()
	out = append(out, Sample{"tcp-segments.pcapng", b.Packets()})

	b = NewBuilder(Ethernet)
	b.UDPFragments(sampleUA, sampleProxy, Request("INVITE", "frag4", 1, SDP(3000)), 1480, nil)
	b.UDP(sampleProxy, sampleUA, Response(488, "Not Acceptable Here", "INVITE", "frag4", 1, ""))
	out = append(out, Sample{"fragments-ipv4.pcap", b.Packets()})

	b = NewBuilder(SLL)
	b.UDPFragments(sampleUA6, sampleProxy6, Request("INVITE", "frag6", 1, SDP(3000)), 1232, []int{2, 0, 1})
	b.UDP(sampleProxy6, sampleUA6, Response(403, "Forbidden", "INVITE", "frag6", 1, ""))
	out = append(out, Sample{"fragments-ipv6-sll.pcap", b.Packets()})

	for _, l := range []struct {
		link Link
		name string
		v6   bool
	}{{VLAN, "vlan.pcap", false}, {QinQ, "qinq.pcapng", false}, {SLL2, "sll2.pcapng", true},
		{Null, "null-loopback.pcap", false}, {Raw, "raw-ipv6.pcap", true}} {
		b = NewBuilder(l.link)
		ua, proxy := sampleUA, sampleProxy
		if l.v6 {
			ua, proxy = sampleUA6, sampleProxy6
		}
		id := "reg-" + l.link.String()
		b.UDP(ua, proxy, Request("REGISTER", id, 1, ""))
		b.UDP(proxy, ua, Response(401, "Unauthorized", "REGISTER", id, 1, ""))
		b.UDP(ua, proxy, Request("REGISTER", id, 2, ""))
		b.UDP(proxy, ua, Response(200, "OK", "REGISTER", id, 2, ""))
		out = append(out, Sample{l.name, b.Packets()})
	}
	return out
}
