// Package capture reads packet captures and hands out the SIP messages in them.
//
// ReadFiles opens pcap and pcapng files (plain, gzip or zstd, recognised by their first
// bytes; "-" is standard input), merges several inputs in timestamp order, and drives one
// Decoder over them. The Decoder strips the link layer (Ethernet with 802.1Q/QinQ tags, Linux
// SLL and SLL2, BSD loopback NULL and LOOP, raw IPv4/IPv6), decodes IPv4 and IPv6 (with
// extension headers) and UDP/TCP with gopacket's DecodingLayerParser, reassembles IPv4
// fragments (gopacket's ip4defrag, bounded here) and IPv6 fragments, reassembles TCP streams
// with gopacket's reassembly package, and finds SIP by its first line on any port.
//
// Every Message's Data is valid only during the callback. Counters per input are in
// InputStats.
package capture
