package capture

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// udpMix returns a typical SBC mix: SIP requests and responses, RTP and CRLF keep-alives.
func udpMix(n int) []capturetest.Packet {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	rtp := make([]byte, 172)
	rtp[0] = 0x80
	for i := 0; len(b.Packets()) < n; i++ {
		id := fmt.Sprintf("bench-%d", i)
		b.UDP(alice, bob, capturetest.Request("INVITE", id, 1, capturetest.SDP(300)))
		b.UDP(bob, alice, capturetest.Response(180, "Ringing", "INVITE", id, 1, ""))
		for range 8 {
			b.UDP(mustAP("192.0.2.1:40000"), mustAP("198.51.100.2:40002"), rtp)
		}
		b.UDP(alice, bob, []byte("\r\n\r\n"))
		b.UDP(bob, alice, capturetest.Response(486, "Busy Here", "INVITE", id, 1, ""))
	}
	return b.Packets()[:n]
}

func TestDecodeUDPAllocatesNothing(t *testing.T) {
	packets := udpMix(240)
	d := NewDecoder("alloc", Options{}, func(*Message) error { return nil })
	cis := make([]gopacket.CaptureInfo, len(packets))
	for i, p := range packets {
		cis[i] = gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}
	}
	// Warm up once, then every UDP packet must decode without allocating.
	for i, p := range packets {
		d.Decode(cis[i], p.Data, layers.LinkTypeEthernet)
	}
	i := 0
	allocs := testing.AllocsPerRun(2000, func() {
		d.Decode(cis[i%len(packets)], packets[i%len(packets)].Data, layers.LinkTypeEthernet)
		i++
	})
	if allocs != 0 {
		t.Errorf("%.2f allocations per UDP packet, want 0", allocs)
	}
	if st := d.Stats(); st.SIPMessages == 0 {
		t.Error("no SIP messages decoded")
	}
}

// BenchmarkDecodeUDP measures the Decoder alone on a UDP mix (30% SIP, 60% RTP, keep-alives).
func BenchmarkDecodeUDP(b *testing.B) {
	packets := udpMix(1000)
	cis := make([]gopacket.CaptureInfo, len(packets))
	var total int64
	for i, p := range packets {
		cis[i] = gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}
		total += int64(len(p.Data))
	}
	d := NewDecoder("bench", Options{}, func(*Message) error { return nil })
	b.SetBytes(total / int64(len(packets)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(packets)
		d.Decode(cis[j], packets[j].Data, layers.LinkTypeEthernet)
	}
}

// BenchmarkDecodeUDPFile measures ReadFiles end to end (file reading included) on the UDP mix.
func BenchmarkDecodeUDPFile(b *testing.B) {
	var buf bytes.Buffer
	if err := capturetest.WritePcap(&buf, capturetest.PcapOptions{}, udpMix(20000)); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "mix.pcap")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ReadFiles(context.Background(), []string{path}, Options{}, func(*Message) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeTCP measures the TCP path: connections carrying SIP in split segments.
func BenchmarkDecodeTCP(b *testing.B) {
	bl := capturetest.NewBuilder(capturetest.Ethernet)
	for i := range 50 {
		c := bl.TCP(mustAP(fmt.Sprintf("192.0.2.%d:5060", i+1)), bob)
		c.Handshake()
		for j := range 10 {
			id := fmt.Sprintf("t%d-%d", i, j)
			c.SendSplit(capturetest.FromClient, capturetest.Request("INVITE", id, 1, capturetest.SDP(600)), 500)
			c.Send(capturetest.FromServer, capturetest.Response(100, "Trying", "INVITE", id, 1, ""))
		}
		c.Close()
	}
	packets := bl.Packets()
	var total int64
	for _, p := range packets {
		total += int64(len(p.Data))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := NewDecoder("bench", Options{}, func(*Message) error { return nil })
		for _, p := range packets {
			d.Decode(gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}, p.Data, layers.LinkTypeEthernet)
		}
		d.Flush()
	}
}
