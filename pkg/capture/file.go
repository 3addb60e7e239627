package capture

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/google/gopacket"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// The capture files are read by this package's own pcap and pcapng readers rather than
// gopacket's pcapgo: pcapgo v1.1.19 panics on some corrupt pcapng files (an if_tsresol of
// 2^-64 divides by zero; an empty if_filter option is sliced out of range), allocates whatever
// a corrupt length field asks for, and cannot say at which byte a damaged file ended. These
// readers peek each record straight out of what they read from (a regular file's read-ahead
// chunks, or a bufio buffer for other inputs: no copy, no allocation), bound every length,
// and track the byte offset for error messages.

const (
	readBufferSize = 1 << 20 // records up to this size are returned without copying (bufio inputs)
	maxRecordSize  = 16 << 20
	maxPacketSize  = 1 << 20 // larger captured lengths mean a corrupt file
)

// FormatError reports an input that is not a capture this package can read.
type FormatError struct {
	// What describes what was found instead.
	What string
}

// Error returns "unsupported format: " and what was found.
func (e *FormatError) Error() string { return "unsupported format: " + e.What }

// ReadError reports where a damaged input ended: the byte offset (in the decompressed stream)
// of the record that could not be read and the number of the packet it would have been.
type ReadError struct {
	// Offset is the byte offset, in the decompressed stream, of the record that failed.
	Offset int64
	// Packet is the 1-based number of the packet that record holds or would have held.
	Packet int
	// Truncated is true when the input ended inside the record, false when the record is
	// corrupt.
	Truncated bool
	// Err is the underlying error.
	Err error
}

// Error describes where the input ended, e.g. "truncated at byte 12345 (packet 678):
// unexpected EOF".
func (e *ReadError) Error() string {
	what := "corrupt"
	if e.Truncated {
		what = "truncated"
	}
	return fmt.Sprintf("%s at byte %d (packet %d): %v", what, e.Offset, e.Packet, e.Err)
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// packetReader returns the packets of one capture file. data is valid until the next call.
// The capture information is written to *ci (in place: returned, it would be copied through
// the stack on every packet).
type packetReader interface {
	next(ci *gopacket.CaptureInfo) (data []byte, link uint32, err error)
}

// countingReader counts the bytes read from the underlying file, for progress reports.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil && n > 0 {
		c.n.Add(int64(n))
	}
	return n, err
}

// peekReader is what the capture readers read from: a bufio.Reader, or a chunkReader that
// returns the read-ahead chunks themselves.
type peekReader interface {
	io.Reader
	Peek(n int) ([]byte, error)
	Discard(n int) (int, error)
	Size() int
}

// openCapture recognises the format of r by its first bytes, undoing gzip or zstd
// compression, and returns a reader of its packets and a function releasing decompressors.
// Records up to bufSize bytes (or, when r is a peekReader, its Size) are read without
// copying.
func openCapture(r io.Reader, bufSize int) (packetReader, func(), error) {
	var br peekReader
	direct, isPeek := r.(peekReader)
	if isPeek {
		br = direct
	} else {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	release := func() {}
	head, err := br.Peek(4)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return nil, release, err
		}
		return nil, release, &FormatError{What: "empty file"}
	}
	// The capture is read through a 1 MiB bufio buffer, except when it comes uncompressed
	// from a peekReader, whose own buffers serve.
	var src io.Reader = br
	buffered := !isPeek
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, release, fmt.Errorf("gzip: %w", err)
		}
		src, buffered = zr, true
	case len(head) == 4 && binary.LittleEndian.Uint32(head) == 0xfd2fb528:
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return nil, release, fmt.Errorf("zstd: %w", err)
		}
		release = zr.Close
		src, buffered = zr, true
	}
	if buffered {
		br = bufio.NewReaderSize(src, bufSize)
	}
	head, err = br.Peek(4)
	if len(head) < 4 {
		if len(head) == 0 && (err == nil || err == io.EOF) {
			return nil, release, &FormatError{What: "empty file (after decompression)"}
		}
		if err != nil && err != io.EOF {
			return nil, release, err
		}
		return nil, release, &FormatError{What: fmt.Sprintf("%d-byte file, too short for a capture", len(head))}
	}
	switch m := binary.LittleEndian.Uint32(head); m {
	case 0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1:
		pr, err := newPcapReader(br)
		return pr, release, err
	case 0x0a0d0d0a:
		nr, err := newNgReader(br)
		return nr, release, err
	}
	return nil, release, &FormatError{What: describeMagic(br)}
}

// describeMagic names what a file that is not pcap or pcapng looks like.
func describeMagic(br peekReader) string {
	head, _ := br.Peek(64)
	switch {
	case bytes.HasPrefix(head, []byte("GMBU")):
		return `Microsoft Network Monitor 2.x capture (magic "GMBU"); convert it with "editcap -F pcap"`
	case bytes.HasPrefix(head, []byte("RTSS")):
		return `Microsoft Network Monitor 1.x capture (magic "RTSS"); convert it with "editcap -F pcap"`
	case bytes.HasPrefix(head, []byte("snoop\x00\x00\x00")):
		return `Sun snoop capture; convert it with "editcap -F pcap"`
	case bytes.HasPrefix(head, []byte{0x34, 0xcd, 0xb2, 0xa1}), bytes.HasPrefix(head, []byte{0xa1, 0xb2, 0xcd, 0x34}):
		return `modified (Kuznetzov) pcap; convert it with "editcap -F pcap"`
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "zip archive; extract the capture first"
	case bytes.HasPrefix(head, []byte("BZh")):
		return "bzip2-compressed file; decompress it first"
	case bytes.HasPrefix(head, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return "xz-compressed file; decompress it first"
	}
	if isText(head) {
		return fmt.Sprintf("text, not a packet capture (begins %q)", firstLine(head))
	}
	return fmt.Sprintf("unknown file type (first bytes % x)", head[:min(len(head), 8)])
}

func isText(b []byte) bool {
	// The 64-byte peek may cut a multi-byte character at its end.
	if !utf8.Valid(b[:max(0, len(b)-3)]) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

func firstLine(b []byte) string {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

// pcapReader reads classic pcap files (both byte orders, micro- and nanosecond timestamps).
type pcapReader struct {
	br      peekReader
	big     bool
	nano    bool
	link    uint32
	off     int64 // offset of the next record
	pending int   // bytes of the previous record still to discard
	packet  int
	buf     []byte
}

func newPcapReader(br peekReader) (*pcapReader, error) {
	hdr, err := br.Peek(24)
	if err != nil {
		return nil, &ReadError{Offset: 0, Packet: 0, Truncated: true, Err: fmt.Errorf("pcap file header: %w", noEOF(err))}
	}
	r := &pcapReader{br: br}
	switch binary.LittleEndian.Uint32(hdr) {
	case 0xa1b2c3d4:
	case 0xa1b23c4d:
		r.nano = true
	case 0xd4c3b2a1:
		r.big = true
	case 0x4d3cb2a1:
		r.big, r.nano = true, true
	}
	if major := r.u16(hdr[4:]); major != 2 {
		return nil, &FormatError{What: fmt.Sprintf("pcap version %d.%d", major, r.u16(hdr[6:]))}
	}
	// The link type's upper bits may carry FCS information (LINKTYPE_FCS_*); the type is the
	// low 16 bits.
	r.link = r.u32(hdr[20:]) & 0xffff
	if _, err := br.Discard(24); err != nil {
		return nil, err
	}
	r.off = 24
	return r, nil
}

func (r *pcapReader) u16(b []byte) uint16 {
	if r.big {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *pcapReader) u32(b []byte) uint32 {
	if r.big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *pcapReader) next(ci *gopacket.CaptureInfo) (data []byte, link uint32, err error) {
	if r.pending > 0 {
		n, err := r.br.Discard(r.pending)
		r.off += int64(n)
		r.pending = 0
		if err != nil {
			r.packet++
			return nil, 0, r.fail(true, noEOF(err))
		}
	}
	hdr, err := r.br.Peek(16)
	if err != nil {
		if len(hdr) == 0 && err == io.EOF {
			return nil, 0, io.EOF
		}
		r.packet++
		return nil, 0, r.fail(true, fmt.Errorf("packet header: %w", noEOF(err)))
	}
	r.packet++
	sec, sub := r.u32(hdr[0:]), r.u32(hdr[4:])
	caplen, origlen := r.u32(hdr[8:]), r.u32(hdr[12:])
	if caplen > maxPacketSize {
		return nil, 0, r.fail(false, fmt.Errorf("captured length %d is implausible", caplen))
	}
	ns := int64(sub)
	if !r.nano {
		ns *= 1000
	}
	*ci = gopacket.CaptureInfo{Timestamp: time.Unix(int64(sec), ns).UTC(), CaptureLength: int(caplen), Length: int(origlen)}
	total := 16 + int(caplen)
	if total <= r.br.Size() {
		rec, err := r.br.Peek(total)
		if err != nil {
			return nil, 0, r.fail(true, fmt.Errorf("packet data: %w", noEOF(err)))
		}
		r.pending = total
		return rec[16:], r.link, nil
	}
	if _, err := r.br.Discard(16); err != nil {
		return nil, 0, r.fail(true, noEOF(err))
	}
	if cap(r.buf) < int(caplen) {
		r.buf = make([]byte, caplen)
	}
	data = r.buf[:caplen]
	if _, err := io.ReadFull(r.br, data); err != nil {
		return nil, 0, r.fail(true, fmt.Errorf("packet data: %w", noEOF(err)))
	}
	r.off += int64(total)
	return data, r.link, nil
}

// fail describes a damaged record; the packet number is that of the packet being read.
func (r *pcapReader) fail(truncated bool, err error) error {
	return &ReadError{Offset: r.off, Packet: r.packet, Truncated: truncated, Err: err}
}

// noEOF turns a bare EOF in the middle of a record into ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// ngInterface is one pcapng interface description.
type ngInterface struct {
	link    uint32
	snaplen uint32
	units   uint64 // timestamp units per second
	offset  int64  // seconds added to every timestamp
}

// ngReader reads pcapng files: any number of sections, each with its own byte order and
// interfaces, and enhanced, simple and obsolete packet blocks.
type ngReader struct {
	br      peekReader
	big     bool
	ifaces  []ngInterface
	off     int64
	pending int
	packet  int
	buf     []byte
}

const (
	ngSectionHeader = 0x0a0d0d0a
	ngInterfaceDesc = 1
	ngPacketOld     = 2
	ngSimplePacket  = 3
	ngEnhanced      = 6
)

func newNgReader(br peekReader) (*ngReader, error) {
	r := &ngReader{br: br}
	// The first block must be a section header; next() handles it like any later one.
	return r, nil
}

func (r *ngReader) u16(b []byte) uint16 {
	if r.big {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *ngReader) u32(b []byte) uint32 {
	if r.big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *ngReader) fail(truncated bool, err error) error {
	return &ReadError{Offset: r.off, Packet: r.packet + 1, Truncated: truncated, Err: err}
}

// block returns the next whole block (header and trailer included).
func (r *ngReader) block() ([]byte, error) {
	if r.pending > 0 {
		n, err := r.br.Discard(r.pending)
		r.off += int64(n)
		r.pending = 0
		if err != nil {
			return nil, r.fail(true, noEOF(err))
		}
	}
	hdr, err := r.br.Peek(12)
	if len(hdr) == 0 && err == io.EOF {
		return nil, io.EOF
	}
	if len(hdr) < 8 {
		return nil, r.fail(true, fmt.Errorf("block header: %w", noEOF(err)))
	}
	typ := r.u32(hdr)
	if typ == ngSectionHeader {
		if len(hdr) < 12 {
			return nil, r.fail(true, fmt.Errorf("section header: %w", noEOF(err)))
		}
		switch binary.LittleEndian.Uint32(hdr[8:]) {
		case 0x1a2b3c4d:
			r.big = false
		case 0x4d3c2b1a:
			r.big = true
		default:
			return nil, r.fail(false, errors.New("section header with a bad byte-order magic"))
		}
	} else if r.off == 0 {
		return nil, r.fail(false, errors.New("pcapng file does not start with a section header"))
	}
	length := int(r.u32(hdr[4:]))
	if length < 12 || length%4 != 0 || length > maxRecordSize {
		return nil, r.fail(false, fmt.Errorf("block type %#x has an invalid length %d", typ, length))
	}
	if length <= r.br.Size() {
		b, err := r.br.Peek(length)
		if err != nil {
			return nil, r.fail(true, fmt.Errorf("block type %#x: %w", typ, noEOF(err)))
		}
		r.pending = length
		return b, nil
	}
	if cap(r.buf) < length {
		r.buf = make([]byte, length)
	}
	b := r.buf[:length]
	if _, err := io.ReadFull(r.br, b); err != nil {
		return nil, r.fail(true, fmt.Errorf("block type %#x: %w", typ, noEOF(err)))
	}
	r.off += int64(length)
	return b, nil
}

func (r *ngReader) next(ci *gopacket.CaptureInfo) (data []byte, link uint32, err error) {
	for {
		b, err := r.block()
		if err != nil {
			return nil, 0, err
		}
		body := b[8 : len(b)-4]
		switch r.u32(b) {
		case ngSectionHeader:
			if len(body) < 16 {
				return nil, 0, r.fail(false, errors.New("section header too short"))
			}
			if major := r.u16(body[4:]); major != 1 {
				return nil, 0, r.fail(false, fmt.Errorf("pcapng section version %d.%d is not supported", major, r.u16(body[6:])))
			}
			r.ifaces = r.ifaces[:0]
		case ngInterfaceDesc:
			if len(body) < 8 {
				return nil, 0, r.fail(false, errors.New("interface description too short"))
			}
			iface, err := r.parseInterface(body)
			if err != nil {
				return nil, 0, r.fail(false, err)
			}
			r.ifaces = append(r.ifaces, iface)
		case ngEnhanced, ngPacketOld:
			if len(body) < 20 {
				return nil, 0, r.fail(false, errors.New("packet block too short"))
			}
			var id int
			if r.u32(b) == ngEnhanced {
				id = int(r.u32(body))
			} else {
				id = int(r.u16(body))
			}
			r.packet++
			if id >= len(r.ifaces) {
				return nil, 0, r.fail(false, fmt.Errorf("packet refers to interface %d, but the section has %d", id, len(r.ifaces)))
			}
			caplen := int(r.u32(body[12:]))
			if caplen > len(body)-20 {
				return nil, 0, r.fail(false, fmt.Errorf("captured length %d exceeds its block", caplen))
			}
			iface := &r.ifaces[id]
			*ci = gopacket.CaptureInfo{
				Timestamp:      iface.time(uint64(r.u32(body[4:]))<<32 | uint64(r.u32(body[8:]))),
				CaptureLength:  caplen,
				Length:         int(r.u32(body[16:])),
				InterfaceIndex: id,
			}
			return body[20 : 20+caplen], iface.link, nil
		case ngSimplePacket:
			if len(body) < 4 {
				return nil, 0, r.fail(false, errors.New("simple packet block too short"))
			}
			r.packet++
			if len(r.ifaces) == 0 {
				return nil, 0, r.fail(false, errors.New("simple packet block before any interface description"))
			}
			orig := int(r.u32(body))
			caplen := min(orig, len(body)-4)
			if s := int(r.ifaces[0].snaplen); s > 0 && caplen > s {
				caplen = s
			}
			*ci = gopacket.CaptureInfo{CaptureLength: caplen, Length: orig}
			return body[4 : 4+caplen], r.ifaces[0].link, nil
		}
	}
}

// parseInterface decodes an interface description block body.
func (r *ngReader) parseInterface(body []byte) (ngInterface, error) {
	iface := ngInterface{link: uint32(r.u16(body)), snaplen: r.u32(body[4:]), units: 1_000_000}
	opts := body[8:]
	for len(opts) >= 4 {
		code, n := r.u16(opts), int(r.u16(opts[2:]))
		if code == 0 {
			break
		}
		if 4+n > len(opts) {
			return iface, errors.New("interface option overruns its block")
		}
		val := opts[4 : 4+n]
		switch {
		case code == 9 && n >= 1: // if_tsresol
			exp := uint(val[0] & 0x7f)
			if val[0]&0x80 != 0 {
				if exp > 63 {
					return iface, fmt.Errorf("timestamp resolution 2^-%d is not supported", exp)
				}
				iface.units = 1 << exp
			} else {
				if exp > 19 {
					return iface, fmt.Errorf("timestamp resolution 10^-%d is not supported", exp)
				}
				iface.units = 1
				for range exp {
					iface.units *= 10
				}
			}
		case code == 14 && n >= 8: // if_tsoffset
			if r.big {
				iface.offset = int64(binary.BigEndian.Uint64(val))
			} else {
				iface.offset = int64(binary.LittleEndian.Uint64(val))
			}
		}
		opts = opts[4+(n+3)&^3:]
	}
	return iface, nil
}

// time converts a timestamp in interface units to a time.
func (i *ngInterface) time(ts uint64) time.Time {
	sec := ts / i.units
	frac := ts % i.units
	hi, lo := bits.Mul64(frac, 1e9)
	ns, _ := bits.Div64(hi, lo, i.units)
	return time.Unix(int64(sec)+i.offset, int64(ns)).UTC()
}

// openFile opens one named input ("-" is standard input).
func openFile(name string, counter *atomic.Int64) (io.Reader, func() error, error) {
	if name == "-" {
		return countingReader{r: os.Stdin, n: counter}, func() error { return nil }, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		f.Close()
		return nil, nil, errors.New("is a directory")
	}
	if err == nil && st.Mode().IsRegular() {
		// Reads of a regular file never block for long, so the read-ahead goroutine stops
		// promptly on Close.
		ra := newReadAhead(f)
		return newChunkReader(ra, counter), func() error { ra.Close(); return f.Close() }, nil
	}
	return countingReader{r: f, n: counter}, f.Close, nil
}
