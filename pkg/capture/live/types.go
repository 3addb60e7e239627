package live

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// sllHeaderLen is the size of the Linux cooked-capture (SLL) header put in front of each
// packet.
const sllHeaderLen = 16

// Defaults of Config.
const (
	DefaultSnaplen    = 65535
	DefaultBufferSize = 128 << 20
)

// ReadTimeout is how long ReadPacket waits for a packet before it returns ErrTimeout.
const ReadTimeout = 100 * time.Millisecond

// Config says what to capture.
type Config struct {
	// Interface is the interface name; "any" captures on every interface.
	Interface string
	// Promiscuous puts the interface in promiscuous mode for the life of the Handle.
	Promiscuous bool
	// Snaplen bounds the bytes kept of each packet (default 65535).
	Snaplen int
	// Filter is a filter expression in the subset Compile understands; empty means "udp or
	// tcp" (with IP fragments).
	Filter string
	// BufferSize is the socket receive buffer in bytes (default 128 MiB); it absorbs bursts
	// while the analysis catches up. The kernel charges each queued packet its buffer's true
	// size (about 2 KiB for a SIP datagram), and the memory is used only while packets wait.
	BufferSize int
}

// Stats are the kernel's counters of a Handle since it was opened.
type Stats struct {
	// Received counts the packets that passed the filter, dropped ones included.
	Received uint64
	// Dropped counts the packets the kernel dropped because the socket buffer was full.
	Dropped uint64
}

// ErrTimeout is returned by ReadPacket when no packet arrived within the read timeout (100
// ms), so that the caller can check for cancellation and redraw.
var ErrTimeout = errors.New("live: read timeout")

// PermissionError reports that the process may not open a packet socket.
type PermissionError struct{ Err error }

// Error says which capability is missing.
func (e *PermissionError) Error() string {
	return fmt.Sprintf("open packet socket: %v: capturing needs CAP_NET_RAW (run as root, or grant it with `setcap cap_net_raw,cap_net_admin+ep sipscan`)", e.Err)
}

// Unwrap returns the system error.
func (e *PermissionError) Unwrap() error { return e.Err }

// InterfaceError reports an interface that does not exist or is down.
type InterfaceError struct {
	// Name is the interface asked for.
	Name string
	// Down is true when the interface exists but is not up.
	Down bool
	// Available lists the interfaces that exist, for the message.
	Available []string
}

// Error names the interface and lists the available ones.
func (e *InterfaceError) Error() string {
	if e.Down {
		return fmt.Sprintf("interface %s is down (bring it up with `ip link set %s up`)", e.Name, e.Name)
	}
	return fmt.Sprintf("no interface %q; available: %s", e.Name, strings.Join(e.Available, ", "))
}

// Interfaces returns the names of the interfaces that can be captured on, "any" included.
func Interfaces() []string {
	ifs, _ := net.Interfaces()
	names := []string{"any"}
	for _, ifc := range ifs {
		state := "up"
		if ifc.Flags&net.FlagUp == 0 {
			state = "down"
		}
		names = append(names, ifc.Name+" ("+state+")")
	}
	return names
}
