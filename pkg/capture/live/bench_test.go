//go:build linux

package live

import (
	"net"
	"testing"
)

// BenchmarkReadPacket measures reading one SIP-sized datagram from the packet socket (the
// sending is not timed). Run as root: go test -bench ReadPacket -benchmem ./pkg/capture/live
func BenchmarkReadPacket(b *testing.B) {
	h, err := Open(Config{Interface: "lo", Filter: "udp port 25175"})
	if err != nil {
		b.Skipf("live capture unavailable: %v", err)
	}
	defer h.Close()
	// Unconnected, so that the port-unreachable answers do not fail the writes.
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	dst := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 25175}
	payload := make([]byte, 560)
	copy(payload, "INVITE sip:bob@example.com SIP/2.0\r\n")
	const batch = 1000
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += batch {
		n := min(batch, b.N-done)
		b.StopTimer()
		for i := 0; i < n; i++ {
			if _, err := c.WriteTo(payload, dst); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		for i := 0; i < n; i++ {
			if _, _, err := h.ReadPacket(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
