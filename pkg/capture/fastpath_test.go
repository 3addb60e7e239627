package capture

import (
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// earlyDrop tells the frames decodePacket drops unread: UDP in IPv4 over Ethernet whose first
// payload byte cannot begin SIP.
func earlyDrop(frame []byte) bool { return plainIPv4UDP(frame) && !sipmsg.MayStart(frame[42]) }

// TestNotSIPFastPath checks, for every first payload byte, that the fixed-offset path finds
// what the layer decoders find and that no frame it drops unread holds a message for them,
// and that it does drop RTP unread.
func TestNotSIPFastPath(t *testing.T) {
	src, dst := netip.MustParseAddrPort("192.0.2.1:5060"), netip.MustParseAddrPort("192.0.2.2:5060")
	rest := "SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nCall-ID: a\r\nCSeq: 1 OPTIONS\r\n\r\n"
	rejected := 0
	for c := 0; c < 256; c++ {
		for _, payload := range []string{string(rune(c)) + "OPTIONS sip:a@b " + rest, string([]byte{byte(c)}) + "IP/2.0 200 OK\r\nCall-ID: a\r\nCSeq: 1 OPTIONS\r\n\r\n"} {
			b := capturetest.NewBuilder(capturetest.Ethernet)
			b.UDP(src, dst, []byte(payload))
			frame := b.Packets()[0].Data
			frame[42] = byte(c)
			fast, full := decodeFrame(t, frame, false), decodeFrame(t, frame, true)
			if !reflect.DeepEqual(fast, full) {
				t.Errorf("first byte %#x: the fixed-offset path finds %d SIP messages, the layer decoders %d", c, len(fast), len(full))
			}
			if earlyDrop(frame) {
				rejected++
				if len(full) != 0 {
					t.Errorf("first byte %#x: rejected early, but the layer decoders find %d SIP messages", c, len(full))
				}
			}
		}
	}
	if rejected == 0 {
		t.Error("nothing rejected early")
	}
	rtp := capturetest.NewBuilder(capturetest.Ethernet)
	rtp.UDP(netip.MustParseAddrPort("192.0.2.1:20000"), netip.MustParseAddrPort("192.0.2.2:30000"), append([]byte{0x80, 0x08, 0, 1}, make([]byte, 168)...))
	if !earlyDrop(rtp.Packets()[0].Data) {
		t.Error("RTP is not rejected early")
	}
	sip := capturetest.NewBuilder(capturetest.Ethernet)
	sip.UDP(src, dst, []byte("OPTIONS sip:a@b "+rest))
	if earlyDrop(sip.Packets()[0].Data) {
		t.Error("SIP is rejected early")
	}
}

// decodedFrame is what a Decoder hands out for one frame, copied.
type decodedFrame struct {
	Data      string
	Src, Dst  netip.AddrPort
	Transport Transport
	Frame     int
}

// decodeFrames decodes Ethernet frames with a new Decoder, through the fixed-offset path for
// UDP in IPv4 or (layersOnly) through the layer decoders alone, and returns the messages.
func decodeFrames(t testing.TB, frames [][]byte, layersOnly bool) []decodedFrame {
	t.Helper()
	var got []decodedFrame
	d := NewDecoder("t", Options{}, func(m *Message) error {
		got = append(got, decodedFrame{string(m.Data), m.Src, m.Dst, m.Transport, m.Frame})
		return nil
	})
	d.layersOnly = layersOnly
	for i, frame := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(int64(i), 0), CaptureLength: len(frame), Length: len(frame)}
		if err := d.Decode(ci, frame, layers.LinkTypeEthernet); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Flush(); err != nil {
		t.Fatal(err)
	}
	return got
}

func decodeFrame(t testing.TB, frame []byte, layersOnly bool) []decodedFrame {
	return decodeFrames(t, [][]byte{frame}, layersOnly)
}

// TestIPv4UDPFastPath checks that UDP in IPv4 over Ethernet read from fixed offsets gives
// what the layer decoders give: for UDP and IP lengths that cut the payload, pad the frame,
// mean a jumbogram or are invalid, and for every frame of the public captures on Ethernet.
func TestIPv4UDPFastPath(t *testing.T) {
	sip := []byte("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: a\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(alice, bob, sip)
	base := b.Packets()[0].Data
	b = capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(alice, bob, append([]byte("\r\n\r\n"), sip...))
	crlf := b.Packets()[0].Data
	setUDPLen := func(f []byte, n int) []byte { f[38], f[39] = byte(n>>8), byte(n); return f }
	setIPLen := func(f []byte, n int) []byte { f[16], f[17] = byte(n>>8), byte(n); return f }
	clone := func(f []byte) []byte { return append([]byte(nil), f...) }
	udpLen := len(base) - 34
	cases := []struct {
		name    string
		frame   []byte
		wantMsg bool
	}{
		{"plain", clone(base), true},
		{"leading CRLF", clone(crlf), true},
		{"padded frame", append(clone(base), make([]byte, 20)...), true},
		{"UDP length 0 (jumbogram)", setUDPLen(clone(base), 0), true},
		{"UDP length 5", setUDPLen(clone(base), 5), false},
		{"UDP length 8", setUDPLen(clone(base), 8), false},
		{"UDP length cuts the payload", setUDPLen(clone(base), udpLen-40), true},
		{"UDP length past the datagram", setUDPLen(clone(base), udpLen+100), true},
		{"IP length cuts the datagram", setIPLen(clone(base), 20+udpLen-30), true},
		{"IP length 29", setIPLen(clone(base), 29), false},
		{"IP length past the frame", setIPLen(clone(base), len(base)), true},
	}
	for _, tc := range cases {
		fast, full := decodeFrame(t, tc.frame, false), decodeFrame(t, tc.frame, true)
		if !reflect.DeepEqual(fast, full) {
			t.Errorf("%s: fixed offsets give %+v, the layer decoders %+v", tc.name, fast, full)
		}
		if (len(full) > 0) != tc.wantMsg {
			t.Errorf("%s: %d messages, want a message: %v", tc.name, len(full), tc.wantMsg)
		}
	}

	dir := publicCaptures(t)
	names, _ := filepath.Glob(filepath.Join(dir, "*.pcap*"))
	frames, fastFrames := 0, 0
	for _, name := range names {
		packets := readEthernetFrames(t, name)
		for _, frame := range packets {
			if plainIPv4UDP(frame) {
				fastFrames++
			}
		}
		frames += len(packets)
		fast, full := decodeFrames(t, packets, false), decodeFrames(t, packets, true)
		if !reflect.DeepEqual(fast, full) {
			for i := range min(len(fast), len(full)) {
				if fast[i] != full[i] {
					t.Errorf("%s: message %d: fixed offsets give %+v, the layer decoders %+v", filepath.Base(name), i+1, fast[i], full[i])
					break
				}
			}
			t.Errorf("%s: fixed offsets give %d messages, the layer decoders %d", filepath.Base(name), len(fast), len(full))
		}
	}
	if fastFrames == 0 {
		t.Fatalf("none of %d frames of the public captures takes the fixed-offset path", frames)
	}
	t.Logf("%d frames, %d of them on the fixed-offset path, decode the same both ways", frames, fastFrames)
}

// readEthernetFrames returns copies of the Ethernet frames of a capture file, read with the
// package's own readers.
func readEthernetFrames(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, release, err := openCapture(f, 1<<20)
	defer release()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out [][]byte
	var ci gopacket.CaptureInfo
	for {
		data, link, err := r.next(&ci)
		if err != nil {
			return out
		}
		if link == uint32(layers.LinkTypeEthernet) {
			out = append(out, append([]byte(nil), data...))
		}
	}
}

// FuzzIPv4UDPFastPath checks, on arbitrary Ethernet frames, that the fixed-offset path for
// UDP in IPv4 hands out what the layer decoders do.
func FuzzIPv4UDPFastPath(f *testing.F) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(alice, bob, capturetest.Request("INVITE", "fuzz", 1, "v=0\r\n"))
	b.UDP(bob, alice, []byte("\r\nSIP/2.0 200 OK\r\nCall-ID: fuzz\r\nCSeq: 1 INVITE\r\n\r\n"))
	b.UDP(alice, bob, append([]byte{0x80, 0x08, 0, 1}, make([]byte, 40)...))
	for _, p := range b.Packets() {
		f.Add(p.Data)
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		fast, full := decodeFrame(t, frame, false), decodeFrame(t, frame, true)
		if !reflect.DeepEqual(fast, full) {
			t.Fatalf("fixed offsets give %+v, the layer decoders %+v", fast, full)
		}
	})
}
