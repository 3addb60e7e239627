package capture

import (
	"net/netip"
	"time"

	"github.com/google/gopacket/ip4defrag"
	"github.com/google/gopacket/layers"
)

// fragKey names one datagram being reassembled: addresses, identification and, for IPv6, the
// protocol is part of neither key (RFC 8200 keys on addresses and identification only).
type fragKey struct {
	src, dst netip.Addr
	id       uint32
}

// fragQueueInfo is what the bounding layer knows about one queue.
type fragQueueInfo struct {
	lastSeen time.Time
	bytes    int
	// dead marks an IPv4 queue that broke a bound or that ip4defrag refused: later fragments
	// are dropped, and the queue's bytes stay counted until it expires from both maps.
	dead bool
}

// fragBounds tracks the queues of a defragmenter to bound their number, bytes and age.
type fragBounds struct {
	queues     map[fragKey]*fragQueueInfo
	bytes      int
	maxQueues  int
	maxBytes   int
	timeout    time.Duration
	lastExpiry time.Time
}

func newFragBounds(o Options) fragBounds {
	return fragBounds{queues: map[fragKey]*fragQueueInfo{}, maxQueues: o.MaxFragmentQueues,
		maxBytes: o.MaxFragmentBytes, timeout: o.FragmentTimeout}
}

// maxDatagram is the largest IP payload that fragments can rebuild.
const maxDatagram = 65535

// ipv4Defrag wraps gopacket's ip4defrag with the bounds it lacks: it has no limit on the number
// of queues or on the bytes held, and it keeps the *layers.IPv4 it is given, so each fragment
// is handed over as a private copy (the decoder reuses its layers and packet buffers).
type ipv4Defrag struct {
	d *ip4defrag.IPv4Defragmenter
	fragBounds
}

func newIPv4Defrag(o Options) *ipv4Defrag {
	return &ipv4Defrag{d: ip4defrag.NewIPv4Defragmenter(), fragBounds: newFragBounds(o)}
}

// add takes one IPv4 fragment. It returns the reassembled transport payload when the datagram
// is complete, and dropped=true when the fragment was refused by a bound or as invalid.
func (f *ipv4Defrag) add(ip *layers.IPv4, t time.Time) (payload []byte, dropped bool) {
	f.expire(t)
	off := int(ip.FragOffset) * 8
	if ip.Flags&layers.IPv4DontFragment != 0 || off+len(ip.Payload) > maxDatagram ||
		(ip.Flags&layers.IPv4MoreFragments != 0 && len(ip.Payload) < 8) {
		return nil, true
	}
	src, _ := netip.AddrFromSlice(ip.SrcIP)
	dst, _ := netip.AddrFromSlice(ip.DstIP)
	k := fragKey{src: src, dst: dst, id: uint32(ip.Id)}
	q := f.queues[k]
	if q == nil {
		if len(f.queues) >= f.maxQueues {
			f.evictOldest()
		}
		q = &fragQueueInfo{lastSeen: t}
		f.queues[k] = q
	}
	if q.dead {
		return nil, true
	}
	// Every fragment of one datagram fits in 64 KiB; twice that allows for duplicates and
	// overlaps, and more is an attack or garbage.
	if q.bytes+len(ip.Payload) > 2*maxDatagram || f.bytes+len(ip.Payload) > f.maxBytes {
		q.dead = true
		return nil, true
	}
	q.bytes += len(ip.Payload)
	q.lastSeen = t
	f.bytes += len(ip.Payload)

	// A private copy whose Length agrees with the captured payload: ip4defrag computes
	// fragment sizes from Length and slices Payload with them, so a header that claims more
	// than was captured would make it slice out of range.
	cp := &layers.IPv4{Version: 4, IHL: 5, Id: ip.Id, Flags: ip.Flags, FragOffset: ip.FragOffset,
		Protocol: ip.Protocol, TTL: ip.TTL, Length: uint16(20 + len(ip.Payload)),
		SrcIP: src.AsSlice(), DstIP: dst.AsSlice()}
	cp.Payload = append([]byte(nil), ip.Payload...)
	out, err := f.d.DefragIPv4WithTimestamp(cp, t)
	if err != nil {
		q.dead = true
		return nil, true
	}
	if out == nil {
		return nil, false
	}
	f.forget(k)
	return out.Payload, false
}

// discardUpTo forgets every queue last seen at or before t, here and in ip4defrag (which can
// only discard by age).
func (f *ipv4Defrag) discardUpTo(t time.Time) {
	f.d.DiscardOlderThan(t.Add(time.Nanosecond))
	for k, q := range f.queues {
		if !q.lastSeen.After(t) {
			f.forget(k)
		}
	}
}

func (f *ipv4Defrag) evictOldest() {
	var oldest time.Time
	first := true
	for _, q := range f.queues {
		if first || q.lastSeen.Before(oldest) {
			oldest, first = q.lastSeen, false
		}
	}
	if !first {
		f.discardUpTo(oldest)
	}
}

func (f *ipv4Defrag) expire(t time.Time) {
	if len(f.queues) == 0 || t.Sub(f.lastExpiry) < time.Second {
		return
	}
	f.lastExpiry = t
	f.discardUpTo(t.Add(-f.timeout - time.Nanosecond))
}

func (b *fragBounds) forget(k fragKey) {
	if q := b.queues[k]; q != nil {
		b.bytes -= q.bytes
		delete(b.queues, k)
	}
}

// ipv6Frag is one fragment held for reassembly.
type ipv6Frag struct {
	off  int
	data []byte
}

// ipv6Queue collects the fragments of one IPv6 datagram.
type ipv6Queue struct {
	info  fragQueueInfo
	frags []ipv6Frag
	next  uint8 // next header of the fragmentable part
	total int   // datagram length, known once the last fragment arrived (-1 before)
}

// ipv6Defrag reassembles IPv6 fragments (RFC 8200 section 4.5), bounded like ipv4Defrag.
// Overlapping fragments make the whole datagram invalid (RFC 5722), and it is dropped.
type ipv6Defrag struct {
	fragBounds
	q map[fragKey]*ipv6Queue
}

func newIPv6Defrag(o Options) *ipv6Defrag {
	return &ipv6Defrag{fragBounds: newFragBounds(o), q: map[fragKey]*ipv6Queue{}}
}

// add takes one fragment: off is its offset in bytes, more its M flag, next the next header
// of the fragmentable part and data the fragment's payload. It returns the reassembled
// payload and its next header when complete, and dropped=true when the fragment or its
// datagram was refused.
func (f *ipv6Defrag) add(src, dst netip.Addr, id uint32, off int, more bool, next uint8, data []byte,
	t time.Time) (payload []byte, proto uint8, dropped bool) {
	f.expire(t)
	if off+len(data) > maxDatagram || (more && len(data)%8 != 0) || len(data) == 0 {
		return nil, 0, true
	}
	k := fragKey{src: src, dst: dst, id: id}
	q := f.q[k]
	if q == nil {
		if len(f.q) >= f.maxQueues {
			f.evictOldest()
		}
		q = &ipv6Queue{total: -1}
		f.q[k] = q
		f.queues[k] = &q.info
	}
	if q.info.bytes+len(data) > maxDatagram || f.bytes+len(data) > f.maxBytes {
		f.remove(k)
		return nil, 0, true
	}
	end := off + len(data)
	for _, fr := range q.frags {
		if fr.off == off && len(fr.data) == len(data) {
			q.info.lastSeen = t
			return nil, 0, false // retransmitted duplicate
		}
		if off < fr.off+len(fr.data) && fr.off < end {
			f.remove(k)
			return nil, 0, true
		}
	}
	if off == 0 {
		q.next = next
	}
	if !more {
		if q.total >= 0 && q.total != end {
			f.remove(k)
			return nil, 0, true
		}
		q.total = end
	}
	q.frags = append(q.frags, ipv6Frag{off: off, data: append([]byte(nil), data...)})
	q.info.bytes += len(data)
	q.info.lastSeen = t
	f.bytes += len(data)
	if q.total < 0 || q.info.bytes != q.total {
		return nil, 0, false
	}
	out := make([]byte, q.total)
	for _, fr := range q.frags {
		if fr.off+len(fr.data) > q.total {
			f.remove(k)
			return nil, 0, true
		}
		copy(out[fr.off:], fr.data)
	}
	proto = q.next
	f.remove(k)
	return out, proto, false
}

func (f *ipv6Defrag) remove(k fragKey) {
	f.forget(k)
	delete(f.q, k)
}

func (f *ipv6Defrag) evictOldest() {
	var ok fragKey
	var oldest time.Time
	first := true
	for k, q := range f.q {
		if first || q.info.lastSeen.Before(oldest) {
			ok, oldest, first = k, q.info.lastSeen, false
		}
	}
	if !first {
		f.remove(ok)
	}
}

func (f *ipv6Defrag) expire(t time.Time) {
	if len(f.q) == 0 || t.Sub(f.lastExpiry) < time.Second {
		return
	}
	f.lastExpiry = t
	limit := t.Add(-f.timeout)
	for k, q := range f.q {
		if q.info.lastSeen.Before(limit) {
			f.remove(k)
		}
	}
}
