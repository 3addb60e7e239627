//go:build !linux

package live

import (
	"errors"
	"runtime"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// errUnsupported is returned by Open on systems without AF_PACKET.
var errUnsupported = errors.New("live capture is implemented for Linux (AF_PACKET) only; on " +
	runtime.GOOS + ", capture with tcpdump and run `sipscan report` on the file")

// Handle is an open capture; on this system Open always fails.
type Handle struct{}

// Open fails: live capture needs Linux.
func Open(cfg Config) (*Handle, error) { return nil, errUnsupported }

// LinkType is the link type of the packets ReadPacket returns.
func (h *Handle) LinkType() layers.LinkType { return layers.LinkTypeLinuxSLL }

// Snaplen returns the snapshot length in use.
func (h *Handle) Snaplen() int { return 0 }

// ReadPacket fails: live capture needs Linux.
func (h *Handle) ReadPacket() ([]byte, gopacket.CaptureInfo, error) {
	return nil, gopacket.CaptureInfo{}, errUnsupported
}

// Stats returns zero counters.
func (h *Handle) Stats() (Stats, error) { return Stats{}, nil }

// Close does nothing.
func (h *Handle) Close() error { return nil }
