package capture

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// TestNotSIPFastPath checks that the fixed-offset rejection of UDP packets never drops a
// packet the full decoding path delivers, for every first payload byte, and that it does
// reject RTP.
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
			n := 0
			d := NewDecoder("t", Options{}, func(*Message) error { n++; return nil })
			if err := d.Decode(gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: len(frame), Length: len(frame)}, frame, layers.LinkTypeEthernet); err != nil {
				t.Fatal(err)
			}
			if notSIPOverIPv4UDP(frame) {
				rejected++
				if n != 0 {
					t.Errorf("first byte %#x: rejected early, but the decoder finds %d SIP messages", c, n)
				}
			}
		}
	}
	if rejected == 0 {
		t.Error("nothing rejected early")
	}
	rtp := capturetest.NewBuilder(capturetest.Ethernet)
	rtp.UDP(netip.MustParseAddrPort("192.0.2.1:20000"), netip.MustParseAddrPort("192.0.2.2:30000"), append([]byte{0x80, 0x08, 0, 1}, make([]byte, 168)...))
	if !notSIPOverIPv4UDP(rtp.Packets()[0].Data) {
		t.Error("RTP is not rejected early")
	}
	sip := capturetest.NewBuilder(capturetest.Ethernet)
	sip.UDP(src, dst, []byte("OPTIONS sip:a@b "+rest))
	if notSIPOverIPv4UDP(sip.Packets()[0].Data) {
		t.Error("SIP is rejected early")
	}
}
