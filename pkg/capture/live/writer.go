package live

import (
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// Bounds of a Writer's memory in SIP-only mode.
const (
	maxSIPFlows    = 1 << 16 // TCP connections remembered as carrying SIP
	maxHeldPerFlow = 32      // latest packets held per TCP connection not yet known as SIP
	maxHeldBytes   = 4 << 20 // bytes held over all such connections
)

// Writer saves captured packets to a pcapng file: every packet, or only those that carried
// SIP. A packet carried SIP when the decoder completed a SIP message with it, when it belongs
// to a TCP connection that has carried SIP, or when it is an IP fragment (the decoder reports
// a message only with the last one).
//
// The segments of a TCP connection that come before its first complete SIP message (the
// handshake, the first parts of a long message) are held back, the latest 32 per connection
// and 4 MiB in all, and saved once the connection turns out to carry SIP; when the 4 MiB are
// exceeded by connections that never do, everything held is let go, so such segments can
// then be missing from the file.
type Writer struct {
	w         *pcapgo.NgWriter
	all       bool
	flows     map[flowKey]struct{}
	held      map[flowKey][]heldPacket
	heldBytes int
	n         uint64
}

// heldPacket is a copy of a packet waiting to learn whether its connection carries SIP.
type heldPacket struct {
	ci   gopacket.CaptureInfo
	data []byte
}

type flowKey struct {
	a, b  [16]byte
	ports uint32
}

// NewWriter starts a pcapng file on w for packets of link type link (a Handle's LinkType),
// recording the interface name, filter and snapshot length. all saves every packet.
func NewWriter(w io.Writer, iface, filter string, link layers.LinkType, snaplen int, all bool) (*Writer, error) {
	intf := pcapgo.NgInterface{
		Name:                iface,
		Filter:              filter,
		OS:                  runtime.GOOS,
		LinkType:            link,
		SnapLength:          uint32(snaplen),
		TimestampResolution: 9,
	}
	nw, err := pcapgo.NewNgWriterInterface(w, intf, pcapgo.NgWriterOptions{
		SectionInfo: pcapgo.NgSectionInfo{Application: "sipscan live"},
	})
	if err != nil {
		return nil, fmt.Errorf("start pcapng: %w", err)
	}
	return &Writer{w: nw, all: all, flows: make(map[flowKey]struct{}), held: make(map[flowKey][]heldPacket)}, nil
}

// Packet saves data (a packet as ReadPacket returned it) when the Writer saves every packet,
// when sip is true (the decoder completed a SIP message with it), or when it continues a TCP
// connection that carried SIP or is an IP fragment.
func (w *Writer) Packet(ci gopacket.CaptureInfo, data []byte, sip bool) error {
	if !w.all {
		key, isTCP, frag := flowOf(data)
		switch {
		case sip:
			if isTCP {
				if _, ok := w.flows[key]; !ok && len(w.flows) < maxSIPFlows {
					w.flows[key] = struct{}{}
				}
				if err := w.release(key); err != nil {
					return err
				}
			}
		case frag:
		case isTCP:
			if _, ok := w.flows[key]; !ok {
				w.hold(key, ci, data)
				return nil
			}
		default:
			return nil
		}
	}
	w.n++
	ci.InterfaceIndex = 0 // the file's one interface, not the kernel's index
	if err := w.w.WritePacket(ci, data); err != nil {
		return fmt.Errorf("write packet: %w", err)
	}
	return nil
}

// hold keeps a copy of a packet of a TCP connection not yet known to carry SIP.
func (w *Writer) hold(key flowKey, ci gopacket.CaptureInfo, data []byte) {
	if w.heldBytes+len(data) > maxHeldBytes {
		clear(w.held)
		w.heldBytes = 0
	}
	list := w.held[key]
	if len(list) == maxHeldPerFlow {
		w.heldBytes -= len(list[0].data)
		list = append(list[:0], list[1:]...)
	}
	w.held[key] = append(list, heldPacket{ci: ci, data: append([]byte(nil), data...)})
	w.heldBytes += len(data)
}

// release saves the packets held for a connection that turned out to carry SIP.
func (w *Writer) release(key flowKey) error {
	list, ok := w.held[key]
	if !ok {
		return nil
	}
	delete(w.held, key)
	for _, p := range list {
		w.heldBytes -= len(p.data)
		w.n++
		p.ci.InterfaceIndex = 0
		if err := w.w.WritePacket(p.ci, p.data); err != nil {
			return fmt.Errorf("write packet: %w", err)
		}
	}
	return nil
}

// Packets returns the number of packets saved.
func (w *Writer) Packets() uint64 { return w.n }

// Close writes the interface statistics (packets received and dropped by the kernel) and
// flushes the file; the caller closes the underlying file.
func (w *Writer) Close(st Stats, start, end time.Time) error {
	_ = w.w.WriteInterfaceStats(0, pcapgo.NgInterfaceStatistics{
		LastUpdate: end, StartTime: start, EndTime: end,
		PacketsReceived: st.Received, PacketsDropped: st.Dropped,
	})
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("flush pcapng: %w", err)
	}
	return nil
}

// flowOf finds, in a cooked-capture packet, the TCP connection it belongs to (the same key for
// both directions) and whether it is an IP fragment.
func flowOf(data []byte) (key flowKey, isTCP, frag bool) {
	if len(data) < sllHeaderLen+20 {
		return key, false, false
	}
	proto := binary.BigEndian.Uint16(data[14:16])
	ip := data[sllHeaderLen:]
	var src, dst []byte
	var l4 []byte
	switch proto {
	case 0x0800:
		if binary.BigEndian.Uint16(ip[6:8])&0x3fff != 0 {
			return key, false, true
		}
		ihl := int(ip[0]&0xf) * 4
		if ip[9] != 6 || ihl < 20 || len(ip) < ihl+14 {
			return key, false, false
		}
		src, dst, l4 = ip[12:16], ip[16:20], ip[ihl:]
	case 0x86dd:
		if len(ip) < 40+14 {
			return key, false, false
		}
		if ip[6] == 44 {
			return key, false, true
		}
		if ip[6] != 6 {
			return key, false, false
		}
		src, dst, l4 = ip[8:24], ip[24:40], ip[40:]
	default:
		return key, false, false
	}
	sp, dp := binary.BigEndian.Uint16(l4[0:2]), binary.BigEndian.Uint16(l4[2:4])
	if string(src) > string(dst) || (string(src) == string(dst) && sp > dp) {
		src, dst, sp, dp = dst, src, dp, sp
	}
	copy(key.a[:], src)
	copy(key.b[:], dst)
	key.ports = uint32(sp)<<16 | uint32(dp)
	return key, true, false
}
