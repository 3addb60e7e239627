package live

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/sipscan/sipscan/pkg/capture"
)

// sllPacket builds a cooked-capture packet as ReadPacket returns it.
func sllPacket(t *testing.T, tcp bool, src, dst string, sport, dport int, frag bool, payload string) []byte {
	t.Helper()
	s, d := net.ParseIP(src), net.ParseIP(dst)
	ip := &layers.IPv4{Version: 4, TTL: 64, SrcIP: s, DstIP: d, Protocol: layers.IPProtocolUDP}
	var l4 gopacket.SerializableLayer
	if tcp {
		ip.Protocol = layers.IPProtocolTCP
		tl := &layers.TCP{SrcPort: layers.TCPPort(sport), DstPort: layers.TCPPort(dport), Seq: 1, ACK: true, PSH: true, Window: 1000}
		_ = tl.SetNetworkLayerForChecksum(ip)
		l4 = tl
	} else {
		ul := &layers.UDP{SrcPort: layers.UDPPort(sport), DstPort: layers.UDPPort(dport)}
		_ = ul.SetNetworkLayerForChecksum(ip)
		l4 = ul
	}
	if frag {
		ip.Flags = layers.IPv4MoreFragments
	}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true},
		ip, l4, gopacket.Payload(payload)); err != nil {
		t.Fatal(err)
	}
	// Cooked header: incoming to this host, ARPHRD_LOOPBACK, no address, IPv4.
	sll := []byte{0, 0, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00}
	return append(sll, buf.Bytes()...)
}

const testSIP = "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nCall-ID: w1\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nContent-Length: 0\r\n\r\n"

func TestWriterSavesSIPPackets(t *testing.T) {
	type pkt struct {
		data []byte
		sip  bool // the decoder completed a SIP message with it
		want bool // saved in SIP-only mode
	}
	pkts := []pkt{
		{sllPacket(t, false, "192.0.2.1", "192.0.2.2", 5060, 5060, false, testSIP), true, true},
		{sllPacket(t, false, "192.0.2.1", "192.0.2.2", 4000, 4002, false, "rtp"), false, false},
		// TCP: the first segment of an unknown connection is held and saved once the
		// connection carried SIP; from then on its segments in both directions are saved.
		// A connection that never carries SIP is not saved.
		{sllPacket(t, true, "192.0.2.1", "192.0.2.2", 40000, 5060, false, "OPTIONS sip:a SIP/2.0\r\n"), false, true},
		{sllPacket(t, true, "192.0.2.1", "192.0.2.2", 40000, 5060, false, testSIP), true, true},
		{sllPacket(t, true, "192.0.2.2", "192.0.2.1", 5060, 40000, false, "SIP/2.0 200 OK\r\n"), false, true},
		{sllPacket(t, true, "192.0.2.3", "192.0.2.2", 40001, 5060, false, "GET / HTTP/1.1\r\n"), false, false},
		{sllPacket(t, false, "192.0.2.1", "192.0.2.2", 5060, 5060, true, testSIP[:40]), false, true},
	}
	for _, all := range []bool{false, true} {
		var file bytes.Buffer
		w, err := NewWriter(&file, "test0", "udp", layers.LinkTypeLinuxSLL, 65535, all)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		start := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
		for i, p := range pkts {
			ci := gopacket.CaptureInfo{Timestamp: start.Add(time.Duration(i) * time.Millisecond),
				CaptureLength: len(p.data), Length: len(p.data), InterfaceIndex: 7}
			if err := w.Packet(ci, p.data, p.sip); err != nil {
				t.Fatal(err)
			}
			if p.want || all {
				want++
			}
		}
		if err := w.Close(Stats{Received: 10, Dropped: 1}, start, start.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if got := w.Packets(); got != uint64(want) {
			t.Errorf("all=%v: Packets() = %d, want %d", all, got, want)
		}
		// The file reads back with the project's own reader, timestamps to the nanosecond.
		path := filepath.Join(t.TempDir(), "w.pcapng")
		if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		var first time.Time
		stats, err := capture.ReadFiles(context.Background(), []string{path}, capture.Options{}, func(m *capture.Message) error {
			if first.IsZero() {
				first = m.Time
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if stats[0].Packets != uint64(want) || len(stats[0].Errors) != 0 {
			t.Errorf("all=%v: read back %d packets (errors %v), want %d", all, stats[0].Packets, stats[0].Errors, want)
		}
		if !first.Equal(start) {
			t.Errorf("all=%v: first message at %v, want %v", all, first, start)
		}
	}
}

// TestWriterHoldIsBounded checks the memory bounds of held TCP segments.
func TestWriterHoldIsBounded(t *testing.T) {
	w, err := NewWriter(&bytes.Buffer{}, "test0", "", layers.LinkTypeLinuxSLL, 65535, false)
	if err != nil {
		t.Fatal(err)
	}
	big := string(make([]byte, 60000))
	for i := 0; i < 200; i++ {
		p := sllPacket(t, true, "192.0.2.1", "192.0.2.2", 40000+i%4, 443, false, big)
		if err := w.Packet(gopacket.CaptureInfo{CaptureLength: len(p), Length: len(p)}, p, false); err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, list := range w.held {
			if len(list) > maxHeldPerFlow {
				t.Fatalf("%d packets held for one connection", len(list))
			}
			for _, h := range list {
				total += len(h.data)
			}
		}
		if total != w.heldBytes || total > maxHeldBytes {
			t.Fatalf("held %d bytes (counted %d), bound %d", total, w.heldBytes, maxHeldBytes)
		}
	}
	if w.Packets() != 0 {
		t.Errorf("saved %d packets of connections without SIP", w.Packets())
	}
}

// FuzzWriterPacket feeds arbitrary packets to a SIP-only Writer: it reads their headers to
// find TCP connections and must never fail or panic on them.
func FuzzWriterPacket(f *testing.F) {
	f.Add([]byte{0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0x45}, true)
	f.Add(make([]byte, 80), false)
	// One Writer for all inputs: its bounded state carries over, as in a long capture.
	w, err := NewWriter(io.Discard, "fuzz0", "", layers.LinkTypeLinuxSLL, 65535, false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, sip bool) {
		ci := gopacket.CaptureInfo{CaptureLength: len(data), Length: len(data)}
		for i := 0; i < 2; i++ {
			if err := w.Packet(ci, data, sip); err != nil {
				t.Fatal(err)
			}
		}
	})
}
