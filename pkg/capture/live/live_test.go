//go:build linux

package live

import (
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"golang.org/x/sys/unix"
)

// openLoopback opens a Handle on lo with filter, or skips without CAP_NET_RAW.
func openLoopback(t *testing.T, filter string) *Handle {
	t.Helper()
	h, err := Open(Config{Interface: "lo", Filter: filter, BufferSize: 1 << 20})
	var pe *PermissionError
	if errors.As(err, &pe) {
		t.Skipf("live capture needs CAP_NET_RAW (run as root): %v", err)
	}
	var ie *InterfaceError
	if errors.As(err, &ie) {
		t.Skipf("no usable loopback interface: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// Test ports: unusual ones, so that other traffic on lo does not interfere.
const (
	portA = 25170
	portB = 25171
	portC = 25172
)

type sent struct {
	network string
	src     string // bind address, "" for any
	dst     string
}

// send sends one datagram per entry, or makes one TCP connection for "tcp".
func send(t *testing.T, pkts []sent) {
	t.Helper()
	for _, p := range pkts {
		switch p.network {
		case "udp", "udp6":
			d := net.Dialer{}
			if p.src != "" {
				a, err := net.ResolveUDPAddr(p.network, p.src)
				if err != nil {
					t.Fatal(err)
				}
				d.LocalAddr = a
			}
			c, err := d.Dial(p.network, p.dst)
			if err != nil {
				t.Skipf("dial %s %s: %v", p.network, p.dst, err)
			}
			if _, err := c.Write([]byte("OPTIONS sip:x SIP/2.0\r\n\r\n")); err != nil {
				t.Fatal(err)
			}
			c.Close()
		default:
			t.Fatalf("unknown network %s", p.network)
		}
	}
}

// seen reads packets for a while and returns "proto dst-port" for the test ports.
func seen(t *testing.T, h *Handle) []string {
	t.Helper()
	var out []string
	deadline := time.Now().Add(300 * time.Millisecond)
	for time.Now().Before(deadline) {
		data, _, err := h.ReadPacket()
		if errors.Is(err, ErrTimeout) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		pkt := gopacket.NewPacket(data, layers.LayerTypeLinuxSLL, gopacket.NoCopy)
		if u, ok := pkt.Layer(layers.LayerTypeUDP).(*layers.UDP); ok && u.DstPort >= portA && u.DstPort <= portC {
			v := "4"
			if pkt.Layer(layers.LayerTypeIPv6) != nil {
				v = "6"
			}
			out = append(out, "udp"+v+" "+u.DstPort.String())
		}
	}
	slices.Sort(out)
	return out
}

// TestFilterOnLoopback sends datagrams over lo and checks that the kernel passes exactly the
// ones the filter selects, each once (the outgoing copy on lo is dropped).
func TestFilterOnLoopback(t *testing.T) {
	all := []sent{
		{"udp", "127.0.0.1:25199", "127.0.0.1:25170"},
		{"udp", "", "127.0.0.1:25171"},
		{"udp", "", "127.0.0.2:25172"},
	}
	tests := []struct {
		filter string
		pkts   []sent
		want   []string
	}{
		{"", all, []string{"udp4 25170", "udp4 25171", "udp4 25172"}},
		{"udp port 25170", all, []string{"udp4 25170"}},
		{"tcp port 25170", all, nil},
		{"udp and not port 25170", all, []string{"udp4 25171", "udp4 25172"}},
		{"dst portrange 25171-25172", all, []string{"udp4 25171", "udp4 25172"}},
		{"src port 25199", all, []string{"udp4 25170"}},
		{"dst host 127.0.0.2", all, []string{"udp4 25172"}},
		{"dst net 127.0.0.0/31 and (port 25171 or port 25172)", all, []string{"udp4 25171"}},
		{"ip6", all, nil},
		{"udp and dst host ::1", []sent{{"udp6", "", "[::1]:25171"}, {"udp", "", "127.0.0.1:25170"}}, []string{"udp6 25171"}},
		{"udp port 25172", []sent{{"udp6", "", "[::1]:25172"}}, []string{"udp6 25172"}},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			h := openLoopback(t, tt.filter)
			send(t, tt.pkts)
			if got := seen(t, h); !slices.Equal(got, tt.want) {
				t.Errorf("filter %q passed %v, want %v", tt.filter, got, tt.want)
			}
			st, err := h.Stats()
			if err != nil {
				t.Fatal(err)
			}
			if st.Dropped != 0 {
				t.Errorf("kernel drops: %d", st.Dropped)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	_, err := Open(Config{Interface: "no-such-if0"})
	var ie *InterfaceError
	if !errors.As(err, &ie) || ie.Down {
		t.Fatalf("Open(no-such-if0) = %v, want an unknown-interface error", err)
	}
	if !strings.Contains(err.Error(), "lo (up)") || !strings.Contains(err.Error(), "any") {
		t.Errorf("error %q does not list the interfaces", err)
	}
	if _, err := Open(Config{Interface: "lo", Filter: "udp port x"}); err == nil || !strings.Contains(err.Error(), "not a number") {
		t.Errorf("Open with a bad filter = %v, want a filter error", err)
	}
	msg := (&PermissionError{Err: unix.EPERM}).Error()
	if !strings.Contains(msg, "CAP_NET_RAW") {
		t.Errorf("permission error %q does not name the capability", msg)
	}
	if msg := (&InterfaceError{Name: "eth9", Down: true}).Error(); !strings.Contains(msg, "eth9 is down") {
		t.Errorf("down error = %q", msg)
	}
}

// TestKernelTimestamps checks that a packet carries the time it arrived, not the time it was
// read: latencies must not grow while packets wait in the socket buffer. The kernel switches
// arrival timestamps on from a work queue after the first socket asks for them
// (net_enable_timestamp), so the first probes may be stamped when read; the test tries for up
// to 5 s.
func TestKernelTimestamps(t *testing.T) {
	h := openLoopback(t, "udp port 25173")
	const wait = 50 * time.Millisecond
	var last string
	for try := 0; try < int(5*time.Second/wait); try++ {
		before := time.Now()
		send(t, []sent{{"udp", "", "127.0.0.1:25173"}})
		time.Sleep(wait)
		_, ci, err := h.ReadPacket()
		if err != nil {
			t.Fatal(err)
		}
		read := time.Now()
		if !ci.Timestamp.Before(before) && read.Sub(ci.Timestamp) >= wait {
			return
		}
		last = fmt.Sprintf("timestamp %v: sent after %v, read at %v", ci.Timestamp, before, read)
	}
	t.Errorf("no packet carried its arrival time; last: %s", last)
}

// TestReadPacketAllocatesNothing asserts the zero allocations per packet of the read path.
func TestReadPacketAllocatesNothing(t *testing.T) {
	h := openLoopback(t, "udp port 25174")
	const n = 50
	var pkts []sent
	for i := 0; i < n+1; i++ {
		pkts = append(pkts, sent{"udp", "", "127.0.0.1:25174"})
	}
	send(t, pkts)
	allocs := testing.AllocsPerRun(n, func() {
		if _, _, err := h.ReadPacket(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("ReadPacket allocates %.1f times per packet, want 0", allocs)
	}
}
