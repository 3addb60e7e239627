package capturetest

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/google/gopacket/layers"
)

// PcapOptions selects the variant of the classic pcap format.
type PcapOptions struct {
	// Nanosecond writes the nanosecond-resolution magic (0xa1b23c4d) and timestamps.
	Nanosecond bool
	// BigEndian writes the file in big-endian byte order.
	BigEndian bool
	// Snaplen is written in the file header and cuts longer frames (65535 when zero).
	Snaplen int
	// LinkType is the file's link type; zero means the first packet's.
	LinkType uint32
}

func order(big bool) binary.ByteOrder {
	if big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// WritePcap writes packets as a classic pcap file. All packets must share one link type.
func WritePcap(w io.Writer, opts PcapOptions, packets []Packet) error {
	bo := order(opts.BigEndian)
	snaplen := opts.Snaplen
	if snaplen == 0 {
		snaplen = 65535
	}
	link := opts.LinkType
	if link == 0 && len(packets) > 0 {
		link = packets[0].LinkType
	}
	bw := bufio.NewWriter(w)
	hdr := make([]byte, 24)
	magic := uint32(0xa1b2c3d4)
	if opts.Nanosecond {
		magic = 0xa1b23c4d
	}
	bo.PutUint32(hdr[0:], magic)
	bo.PutUint16(hdr[4:], 2)
	bo.PutUint16(hdr[6:], 4)
	bo.PutUint32(hdr[16:], uint32(snaplen))
	bo.PutUint32(hdr[20:], link)
	if _, err := bw.Write(hdr); err != nil {
		return fmt.Errorf("write pcap header: %w", err)
	}
	rec := make([]byte, 16)
	for i, p := range packets {
		if p.LinkType != link {
			return fmt.Errorf("packet %d: link type %d in a pcap file of link type %d", i+1, p.LinkType, link)
		}
		data := p.Data
		orig := p.OrigLen
		if orig < len(data) {
			orig = len(data)
		}
		if len(data) > snaplen {
			data = data[:snaplen]
		}
		sub := p.Time.Nanosecond()
		if !opts.Nanosecond {
			sub /= 1000
		}
		bo.PutUint32(rec[0:], uint32(p.Time.Unix()))
		bo.PutUint32(rec[4:], uint32(sub))
		bo.PutUint32(rec[8:], uint32(len(data)))
		bo.PutUint32(rec[12:], uint32(orig))
		if _, err := bw.Write(rec); err != nil {
			return fmt.Errorf("write packet %d: %w", i+1, err)
		}
		if _, err := bw.Write(data); err != nil {
			return fmt.Errorf("write packet %d: %w", i+1, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write pcap: %w", err)
	}
	return nil
}

// PcapngOptions selects the variant of the pcapng format.
type PcapngOptions struct {
	// BigEndian writes every section in big-endian byte order.
	BigEndian bool
	// Nanosecond gives every interface if_tsresol 9 (nanoseconds) instead of the default
	// microseconds.
	Nanosecond bool
	// Snaplen is written in every interface block and cuts longer frames (0 = no limit).
	Snaplen int
	// ExtraInterfaces adds this many unused interfaces (link type Ethernet) at the start of every
	// section, so that packets refer to interface numbers other than 0.
	ExtraInterfaces int
}

// WritePcapng writes packets as a pcapng file: one section per distinct Packet.Section (a new
// section starts whenever the section number changes), and in each section one interface per
// distinct link type, declared before its first packet.
func WritePcapng(w io.Writer, opts PcapngOptions, packets []Packet) error {
	bo := order(opts.BigEndian)
	bw := bufio.NewWriter(w)
	block := func(typ uint32, body []byte) error {
		pad := (4 - len(body)%4) % 4
		total := uint32(12 + len(body) + pad)
		b := make([]byte, 8, total)
		bo.PutUint32(b[0:], typ)
		bo.PutUint32(b[4:], total)
		b = append(b, body...)
		b = append(b, make([]byte, pad)...)
		b = b[:len(b)+4]
		bo.PutUint32(b[len(b)-4:], total)
		_, err := bw.Write(b)
		return err
	}
	section := func() error {
		body := make([]byte, 16)
		bo.PutUint32(body[0:], 0x1a2b3c4d)
		bo.PutUint16(body[4:], 1)
		bo.PutUint16(body[6:], 0)
		binary.LittleEndian.PutUint64(body[8:], ^uint64(0)) // section length unknown
		return block(0x0a0d0d0a, body)
	}
	iface := func(link uint32) error {
		body := make([]byte, 8)
		bo.PutUint16(body[0:], uint16(link))
		bo.PutUint32(body[4:], uint32(opts.Snaplen))
		if opts.Nanosecond {
			opt := make([]byte, 4)
			bo.PutUint16(opt[0:], 9) // if_tsresol
			bo.PutUint16(opt[2:], 1)
			body = append(body, opt...)
			body = append(body, 9, 0, 0, 0)
			body = append(body, 0, 0, 0, 0) // opt_endofopt
		}
		return block(1, body)
	}
	var ifaces map[uint32]uint32
	curSection := 0
	for i, p := range packets {
		if i == 0 || p.Section != curSection {
			curSection = p.Section
			if err := section(); err != nil {
				return fmt.Errorf("write section header: %w", err)
			}
			ifaces = map[uint32]uint32{}
			for j := 0; j < opts.ExtraInterfaces; j++ {
				if err := iface(uint32(layers.LinkTypeEthernet)); err != nil {
					return fmt.Errorf("write interface: %w", err)
				}
			}
		}
		id, ok := ifaces[p.LinkType]
		if !ok {
			id = uint32(len(ifaces) + opts.ExtraInterfaces)
			ifaces[p.LinkType] = id
			if err := iface(p.LinkType); err != nil {
				return fmt.Errorf("write interface: %w", err)
			}
		}
		data := p.Data
		orig := p.OrigLen
		if orig < len(data) {
			orig = len(data)
		}
		if opts.Snaplen > 0 && len(data) > opts.Snaplen {
			data = data[:opts.Snaplen]
		}
		var ts uint64
		if opts.Nanosecond {
			ts = uint64(p.Time.UnixNano())
		} else {
			ts = uint64(p.Time.UnixMicro())
		}
		body := make([]byte, 20, 20+len(data))
		bo.PutUint32(body[0:], id)
		bo.PutUint32(body[4:], uint32(ts>>32))
		bo.PutUint32(body[8:], uint32(ts))
		bo.PutUint32(body[12:], uint32(len(data)))
		bo.PutUint32(body[16:], uint32(orig))
		body = append(body, data...)
		if err := block(6, body); err != nil {
			return fmt.Errorf("write packet %d: %w", i+1, err)
		}
	}
	if len(packets) == 0 {
		if err := section(); err != nil {
			return fmt.Errorf("write section header: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write pcapng: %w", err)
	}
	return nil
}

// WriteFile writes packets to path as pcapng when the name ends in ".pcapng" and as
// microsecond little-endian pcap otherwise.
func WriteFile(path string, packets []Packet) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	var werr error
	if len(path) > 7 && path[len(path)-7:] == ".pcapng" {
		werr = WritePcapng(f, PcapngOptions{}, packets)
	} else {
		werr = WritePcap(f, PcapOptions{}, packets)
	}
	if cerr := f.Close(); werr == nil && cerr != nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}
