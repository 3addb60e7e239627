//go:build linux

package live

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
	"unsafe"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// Handle is an open AF_PACKET socket. ReadPacket must be called from one goroutine; Stats and
// Close may be called from any.
type Handle struct {
	fd      int
	cfg     Config
	ifindex int
	loIndex int
	buf     []byte

	rd    reader
	mu    sync.Mutex // guards fd against Close and stats
	stats Stats
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// Open opens a packet socket on cfg.Interface with the filter attached. Packets are read
// without their link-layer header (a SOCK_DGRAM socket, as libpcap does for "any") and handed
// out behind a Linux cooked-capture header, so every interface has the same link type. On
// loopback each packet is seen once: its outgoing copy is dropped in the kernel.
func Open(cfg Config) (*Handle, error) {
	if cfg.Snaplen <= 0 {
		cfg.Snaplen = DefaultSnaplen
	}
	if cfg.BufferSize <= 0 {
		cfg.BufferSize = DefaultBufferSize
	}
	h := &Handle{fd: -1, cfg: cfg, buf: make([]byte, sllHeaderLen+cfg.Snaplen)}
	if lo, err := loopbackIndex(); err == nil {
		h.loIndex = lo
	}
	if cfg.Interface != "any" && cfg.Interface != "" {
		ifc, err := net.InterfaceByName(cfg.Interface)
		if err != nil {
			return nil, &InterfaceError{Name: cfg.Interface, Available: Interfaces()}
		}
		if ifc.Flags&net.FlagUp == 0 {
			return nil, &InterfaceError{Name: cfg.Interface, Down: true}
		}
		h.ifindex = ifc.Index
	}
	expr, err := Parse(cfg.Filter)
	if err != nil {
		return nil, err
	}
	prog, err := compile(expr, h.loIndex, uint32(cfg.Snaplen))
	if err != nil {
		return nil, err
	}

	// The socket starts with protocol 0 (no packets) so that nothing arrives before the
	// filter is attached; bind then selects all protocols on the interface.
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
			return nil, &PermissionError{Err: err}
		}
		return nil, fmt.Errorf("open packet socket: %w", err)
	}
	h.fd = fd
	if err := h.setup(prog); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return h, nil
}

func loopbackIndex() (int, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return 0, err
	}
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagLoopback != 0 {
			return ifc.Index, nil
		}
	}
	return 0, errors.New("no loopback interface")
}

func (h *Handle) setup(prog []bpf.RawInstruction) error {
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: (*unix.SockFilter)(unsafe.Pointer(&prog[0]))}
	if err := unix.SetsockoptSockFprog(h.fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fprog); err != nil {
		return fmt.Errorf("attach filter: %w", err)
	}
	// SO_RCVBUFFORCE passes the rmem_max limit with CAP_NET_ADMIN; without it, ask for what
	// is allowed.
	if err := unix.SetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, h.cfg.BufferSize); err != nil {
		_ = unix.SetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_RCVBUF, h.cfg.BufferSize)
	}
	if err := unix.SetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1); err != nil {
		return fmt.Errorf("enable timestamps: %w", err)
	}
	tv := unix.NsecToTimeval(ReadTimeout.Nanoseconds())
	if err := unix.SetsockoptTimeval(h.fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return fmt.Errorf("set read timeout: %w", err)
	}
	sa := &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: h.ifindex}
	if err := unix.Bind(h.fd, sa); err != nil {
		if errors.Is(err, unix.ENETDOWN) {
			return &InterfaceError{Name: h.cfg.Interface, Down: true}
		}
		return fmt.Errorf("bind to %s: %w", h.cfg.Interface, err)
	}
	if h.cfg.Promiscuous && h.ifindex != 0 {
		mr := unix.PacketMreq{Ifindex: int32(h.ifindex), Type: unix.PACKET_MR_PROMISC}
		if err := unix.SetsockoptPacketMreq(h.fd, unix.SOL_PACKET, unix.PACKET_ADD_MEMBERSHIP, &mr); err != nil {
			return fmt.Errorf("promiscuous mode on %s: %w", h.cfg.Interface, err)
		}
	}
	// Packets queued between socket() and the filter were counted; start from zero.
	_, _ = unix.GetsockoptTpacketStats(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	return h.drain()
}

// drain discards what was queued before the filter was attached.
func (h *Handle) drain() error {
	for {
		_, _, err := unix.Recvfrom(h.fd, h.buf, unix.MSG_DONTWAIT)
		if err != nil {
			if errors.Is(err, unix.EAGAIN) {
				return nil
			}
			return fmt.Errorf("read %s: %w", h.cfg.Interface, err)
		}
	}
}

// LinkType is the link type of the packets ReadPacket returns: Linux cooked capture (SLL).
func (h *Handle) LinkType() layers.LinkType { return layers.LinkTypeLinuxSLL }

// Snaplen returns the snapshot length in use.
func (h *Handle) Snaplen() int { return h.cfg.Snaplen }

// ReadPacket waits for the next packet and returns it behind a Linux cooked-capture header.
// data is valid until the next call. The timestamp is the kernel's (SO_TIMESTAMPNS), taken
// when the packet arrived, so that time spent queued in the socket buffer does not distort
// latencies. (The kernel turns arrival timestamps on asynchronously when the first socket of
// the system asks for them: packets in the first milliseconds after Open may carry the time
// they were read.) It returns ErrTimeout when nothing arrived for 100 ms, and os.ErrClosed after
// Close.
func (h *Handle) ReadPacket() (data []byte, ci gopacket.CaptureInfo, err error) {
	r := &h.rd
	for {
		r.iov.Base = &h.buf[sllHeaderLen]
		r.iov.SetLen(len(h.buf) - sllHeaderLen)
		r.msg = unix.Msghdr{Name: (*byte)(unsafe.Pointer(&r.sa)), Namelen: uint32(unsafe.Sizeof(r.sa)),
			Iov: &r.iov, Control: &r.cbuf[0]}
		r.msg.SetIovlen(1)
		r.msg.SetControllen(len(r.cbuf))
		// MSG_TRUNC returns the packet's full length, so that cut packets are known.
		n, _, errno := unix.Syscall(unix.SYS_RECVMSG, uintptr(h.fd), uintptr(unsafe.Pointer(&r.msg)), unix.MSG_TRUNC)
		if errno != 0 {
			switch errno {
			case unix.EINTR:
				continue
			case unix.EAGAIN:
				return nil, ci, ErrTimeout
			case unix.EBADF:
				return nil, ci, os.ErrClosed
			}
			return nil, ci, fmt.Errorf("read %s: %w", h.cfg.Interface, errno)
		}
		ci.Timestamp = r.timestamp()
		ci.Length = int(n) + sllHeaderLen
		ci.InterfaceIndex = int(r.sa.Ifindex)
		caplen := int(n)
		if caplen > len(h.buf)-sllHeaderLen {
			caplen = len(h.buf) - sllHeaderLen
		}
		ci.CaptureLength = caplen + sllHeaderLen
		putSLL(h.buf[:sllHeaderLen], &r.sa)
		return h.buf[:ci.CaptureLength], ci, nil
	}
}

// reader holds what recvmsg fills in, kept in the Handle so that reading allocates nothing.
type reader struct {
	sa   unix.RawSockaddrLinklayer
	iov  unix.Iovec
	msg  unix.Msghdr
	cbuf [64]byte
}

// timestamp returns the kernel's receive time from the control messages, or the current time
// when there is none.
func (r *reader) timestamp() time.Time {
	c := r.cbuf[:r.msg.Controllen]
	hdrLen := unix.CmsgLen(0)
	for len(c) >= hdrLen {
		h := (*unix.Cmsghdr)(unsafe.Pointer(&c[0]))
		l := int(h.Len)
		if l < hdrLen || l > len(c) {
			break
		}
		if h.Level == unix.SOL_SOCKET && h.Type == unix.SCM_TIMESTAMPNS && l-hdrLen >= int(unsafe.Sizeof(unix.Timespec{})) {
			ts := (*unix.Timespec)(unsafe.Pointer(&c[hdrLen]))
			return time.Unix(int64(ts.Sec), int64(ts.Nsec))
		}
		next := unix.CmsgSpace(l - hdrLen)
		if next > len(c) {
			break
		}
		c = c[next:]
	}
	return time.Now()
}

// putSLL writes the cooked-capture header libpcap writes for sa.
func putSLL(b []byte, sa *unix.RawSockaddrLinklayer) {
	b[0], b[1] = 0, sa.Pkttype
	b[2], b[3] = byte(sa.Hatype>>8), byte(sa.Hatype)
	halen := int(sa.Halen)
	if halen > 8 {
		halen = 8
	}
	b[4], b[5] = 0, byte(halen)
	for i := 0; i < 8; i++ {
		b[6+i] = 0
		if i < halen {
			b[6+i] = sa.Addr[i]
		}
	}
	// sll_protocol is in network order in memory.
	p := (*[2]byte)(unsafe.Pointer(&sa.Protocol))
	b[14], b[15] = p[0], p[1]
}

// Stats returns the kernel's counters since Open. Reading PACKET_STATISTICS resets the
// kernel's counters, so the Handle keeps the sums.
func (h *Handle) Stats() (Stats, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fd < 0 {
		return h.stats, nil
	}
	st, err := unix.GetsockoptTpacketStats(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	if err != nil {
		return h.stats, fmt.Errorf("read capture statistics: %w", err)
	}
	h.stats.Received += uint64(st.Packets)
	h.stats.Dropped += uint64(st.Drops)
	return h.stats, nil
}

// Close reads the final counters and closes the socket. Stop calling ReadPacket first: it
// returns at least every 100 ms, so a reading loop can watch for cancellation.
func (h *Handle) Close() error {
	_, _ = h.Stats()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fd < 0 {
		return nil
	}
	err := unix.Close(h.fd)
	h.fd = -1
	return err
}
