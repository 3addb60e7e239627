// Package live captures packets from a network interface for `sipscan live`, without cgo.
//
// On Linux, Open opens an AF_PACKET socket (SOCK_DGRAM, as libpcap does for "any") on one
// interface or on all of them, attaches a classic BPF filter compiled by this package, and
// hands packets out behind a Linux cooked-capture (SLL) header, so that every interface has
// one link type that capture.Decoder and Wireshark read. The kernel drops the outgoing copy
// of packets on the loopback interface, so each packet on lo is seen once, as tcpdump shows
// it. Stats reads PACKET_STATISTICS (packets passed by the filter, packets dropped because the
// socket buffer was full); the counters are kept since Open because the kernel resets them at
// every read.
//
// Filters are a documented subset of tcpdump's language (see Parse) compiled with
// golang.org/x/net/bpf; packets are filtered without their link header, and the protocol
// comes from the kernel (SKF_AD_PROTOCOL), so the same program works on every interface.
//
// Writer saves captured packets as pcapng, all of them or only those that carried SIP, with
// the kernel's counters in an interface statistics block at the end.
//
// # Speed
//
// Packets are read with one recvmsg per packet into a reused buffer, with the kernel's
// arrival timestamp (SO_TIMESTAMPNS), and no allocation per packet. A large socket buffer
// (128 MiB by default) absorbs bursts while the analysis catches up. On the development
// machine (2 shared cores), `sipscan live -i lo` sustained 250,000 SIP messages per second
// for 8 s without a kernel drop while tcpreplay sent them; bench/live-load.md has the
// measurements and how to repeat them.
//
// Other systems build the package, but Open returns an error there.
package live
