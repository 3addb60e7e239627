package capture

import (
	"net/netip"
	"sync/atomic"
	"time"
)

// Transport is the transport protocol a SIP message was carried on.
type Transport uint8

const (
	// TransportUDP marks a message carried in one UDP datagram (possibly reassembled from IP
	// fragments).
	TransportUDP Transport = iota + 1
	// TransportTCP marks a message framed out of a reassembled TCP stream.
	TransportTCP
)

// String returns "udp" or "tcp".
func (t Transport) String() string {
	switch t {
	case TransportUDP:
		return "udp"
	case TransportTCP:
		return "tcp"
	}
	return "unknown"
}

// Message is one SIP message found in a capture, with where and when it was seen.
type Message struct {
	// Data holds exactly one SIP message. It points into reused buffers and is valid only
	// during the callback that receives the Message; copy what must be kept.
	Data []byte
	// Time is the capture time of the packet that completed the message.
	Time time.Time
	// Input is the input's name as given by the user ("-" for stdin).
	Input string
	// Frame is the 1-based index, within Input, of the packet that completed the message.
	Frame int
	// Src and Dst are the message's source and destination address and port.
	Src, Dst netip.AddrPort
	// Transport is the transport the message was carried on.
	Transport Transport
}

// InputStats counts what was found in one input.
type InputStats struct {
	// Name is the input's name as given by the user.
	Name string
	// Packets and Bytes count the packets read and their captured bytes.
	Packets, Bytes uint64
	// SIPMessages counts the messages handed to the callback.
	SIPMessages uint64
	// Fragments counts IP datagrams reassembled from fragments.
	Fragments uint64
	// TCPStreams counts TCP connections seen (both directions count once).
	TCPStreams uint64
	// Gaps counts holes in TCP streams (lost or uncaptured bytes) that forced resynchronisation.
	Gaps uint64
	// Snaplen counts packets cut short by the capture's snapshot length.
	Snaplen uint64
	// SkippedLinkType counts packets skipped because their link type is not supported.
	SkippedLinkType uint64
	// Encrypted counts TCP flows on SIP ports that carry TLS and are not analysed.
	Encrypted uint64
	// Malformed counts SIP data that could not be framed into a message or broke a limit
	// (stream buffer, fragment queue) and was dropped.
	Malformed uint64
	// First and Last are the times of the first and last packet read.
	First, Last time.Time
	// Errors describes problems with the input itself, such as where a truncated file ended.
	Errors []string
}

// Options bounds what the decoder holds and receives its warnings. The zero value is usable:
// every zero limit takes its default.
type Options struct {
	// MaxTCPStreams bounds the TCP connections tracked at once; beyond it the least recently
	// active ones are flushed and closed (default 65536).
	MaxTCPStreams int
	// MaxStreamBuffer bounds the bytes buffered per TCP direction, both for out-of-order
	// segments and for an incomplete SIP message; a message that does not fit is counted as
	// malformed and dropped (default 1 MiB).
	MaxStreamBuffer int
	// TCPIdleTimeout closes TCP connections without packets for this long, in capture time
	// (default 5 minutes).
	TCPIdleTimeout time.Duration
	// MaxFragmentQueues bounds the IP datagrams being reassembled at once, IPv4 and IPv6 each;
	// beyond it the oldest is dropped (default 4096).
	MaxFragmentQueues int
	// MaxFragmentBytes bounds the bytes held in fragment queues, IPv4 and IPv6 each (default
	// 64 MiB); a fragment that does not fit is dropped, and its datagram with it.
	MaxFragmentBytes int
	// FragmentTimeout drops fragment queues without a new fragment for this long, in capture
	// time (default 30 seconds).
	FragmentTimeout time.Duration
	// Warn receives warnings about the input, such as an unsupported link type (once per
	// type and input). Nil discards them.
	Warn func(msg string)
	// BytesRead, when set, is increased by the bytes read from the input files (before
	// decompression), for progress reports. It is updated from the reading goroutine.
	BytesRead *atomic.Int64
}

const (
	defaultMaxTCPStreams     = 65536
	defaultMaxStreamBuffer   = 1 << 20
	defaultTCPIdleTimeout    = 5 * time.Minute
	defaultMaxFragmentQueues = 4096
	defaultMaxFragmentBytes  = 64 << 20
	defaultFragmentTimeout   = 30 * time.Second
)

// withDefaults returns o with every zero limit replaced by its default.
func (o Options) withDefaults() Options {
	if o.MaxTCPStreams <= 0 {
		o.MaxTCPStreams = defaultMaxTCPStreams
	}
	if o.MaxStreamBuffer <= 0 {
		o.MaxStreamBuffer = defaultMaxStreamBuffer
	}
	if o.TCPIdleTimeout <= 0 {
		o.TCPIdleTimeout = defaultTCPIdleTimeout
	}
	if o.MaxFragmentQueues <= 0 {
		o.MaxFragmentQueues = defaultMaxFragmentQueues
	}
	if o.MaxFragmentBytes <= 0 {
		o.MaxFragmentBytes = defaultMaxFragmentBytes
	}
	if o.FragmentTimeout <= 0 {
		o.FragmentTimeout = defaultFragmentTimeout
	}
	return o
}
