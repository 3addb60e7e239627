package capture

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/gopacket"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// FuzzDecode feeds arbitrary packet bytes under every supported link type (and one
// unsupported) to a Decoder: it must never panic, and every message it hands out must lie
// within what was given to it.
func FuzzDecode(f *testing.F) {
	links := []capturetest.Link{capturetest.Ethernet, capturetest.VLAN, capturetest.QinQ, capturetest.SLL,
		capturetest.SLL2, capturetest.Null, capturetest.Loop, capturetest.Raw}
	for i, l := range links {
		b := capturetest.NewBuilder(l)
		a, z := alice, bob
		if i%2 == 1 {
			a, z = alice6, bob6
		}
		b.UDP(a, z, capturetest.Request("INVITE", "fuzz", 1, "v=0\r\n"))
		b.UDPFragments(a, z, capturetest.Request("INVITE", "frag", 1, capturetest.SDP(300)), 200, nil)
		c := b.TCP(a, z)
		c.Send(capturetest.FromClient, capturetest.Request("BYE", "tcp", 2, "")[:40])
		for _, p := range b.Packets() {
			f.Add(uint8(i), p.Data)
		}
	}
	f.Fuzz(func(t *testing.T, linkIdx uint8, data []byte) {
		link := uint32(147)
		if int(linkIdx) < len(links) {
			link = links[linkIdx].LinkType()
		}
		d := NewDecoder("fuzz", Options{MaxStreamBuffer: 4096, MaxFragmentQueues: 8}, func(m *Message) error {
			if len(m.Data) == 0 {
				t.Fatal("empty message")
			}
			return nil
		})
		ts := time.Unix(1700000000, 0)
		// Twice, so that fragments and TCP segments meet a queue.
		for i := range 2 {
			ci := gopacket.CaptureInfo{Timestamp: ts.Add(time.Duration(i) * time.Millisecond), CaptureLength: len(data), Length: len(data)}
			if err := d.DecodeLink(ci, data, link); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Flush(); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzReadCapture feeds arbitrary files to the pcap/pcapng readers and the decoder behind
// them: no panic, and no more packets than the file could hold.
func FuzzReadCapture(f *testing.F) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	simpleCall(b, alice, bob, "seed")
	var pc, ng, ngbe bytes.Buffer
	capturetest.WritePcap(&pc, capturetest.PcapOptions{Nanosecond: true}, b.Packets())
	capturetest.WritePcapng(&ng, capturetest.PcapngOptions{ExtraInterfaces: 1}, b.Packets())
	capturetest.WritePcapng(&ngbe, capturetest.PcapngOptions{BigEndian: true, Nanosecond: true}, b.Packets())
	f.Add(pc.Bytes())
	f.Add(ng.Bytes())
	f.Add(ngbe.Bytes())
	f.Add([]byte("GMBU"))
	f.Fuzz(func(t *testing.T, file []byte) {
		pr, release, err := openCapture(bytes.NewReader(file), 4096)
		defer release()
		if err != nil {
			return
		}
		// The same file read in place out of small read-ahead chunks must give the same
		// records and the same error.
		ra := newReadAheadSize(bytes.NewReader(file), 1+len(file)%97, 4096)
		defer ra.Close()
		cpr, crelease, cerr := openCapture(newChunkReader(ra, nil), 4096)
		defer crelease()
		if cerr != nil {
			t.Fatalf("opened through bufio but not through chunks: %v", cerr)
		}
		d := NewDecoder("fuzz", Options{}, func(*Message) error { return nil })
		for n := 0; ; n++ {
			if n > len(file)/12+1 {
				t.Fatalf("%d packets from %d bytes", n, len(file))
			}
			var ci gopacket.CaptureInfo
			data, link, err := pr.next(&ci)
			var cci gopacket.CaptureInfo
			cdata, clink, cerr := cpr.next(&cci)
			if fmt.Sprint(err) != fmt.Sprint(cerr) || (err == nil && (!reflect.DeepEqual(ci, cci) || !bytes.Equal(data, cdata) || link != clink)) {
				t.Fatalf("packet %d: bufio gives %d bytes, %v; chunks give %d bytes, %v", n, len(data), err, len(cdata), cerr)
			}
			if err != nil {
				break
			}
			if len(data) != ci.CaptureLength {
				t.Fatalf("data length %d, capture length %d", len(data), ci.CaptureLength)
			}
			d.DecodeLink(ci, data, link)
		}
		d.Flush()
	})
}

// FuzzTCPStream sends arbitrary stream bytes over a TCP connection cut into segments at
// fuzzed points, with one pair of segments swapped and one segment lost or repeated: framing,
// resynchronisation and reassembly must not panic, and every message must be a piece of the
// stream.
func FuzzTCPStream(f *testing.F) {
	msgs := append(append(capturetest.Request("INVITE", "f", 1, "v=0\r\n"), "\r\n\r\n"...),
		capturetest.Response(180, "Ringing", "INVITE", "f", 1, "")...)
	f.Add(msgs, []byte{10, 200, 7}, uint8(1), uint8(0))
	f.Add([]byte("SIP/2.0 200 OK\r\nContent-Length: 99999999\r\n\r\n"), []byte{5}, uint8(0), uint8(3))
	f.Fuzz(func(t *testing.T, stream, cuts []byte, swap, lose uint8) {
		b := capturetest.NewBuilder(capturetest.Ethernet)
		c := b.TCP(alice, bob)
		c.Handshake()
		var segs []capturetest.Segment
		prev := 0
		for _, cut := range cuts {
			next := prev + int(cut)
			if next >= len(stream) {
				break
			}
			segs = append(segs, c.Prepare(capturetest.FromClient, capturetest.PSH|capturetest.ACK, stream[prev:next]))
			prev = next
		}
		segs = append(segs, c.Prepare(capturetest.FromClient, capturetest.PSH|capturetest.ACK, stream[prev:]))
		if i := int(swap); i+1 < len(segs) {
			segs[i], segs[i+1] = segs[i+1], segs[i]
		}
		for i, s := range segs {
			switch {
			case int(lose) == i && lose%2 == 0:
				continue // lost
			case int(lose) == i:
				c.Add(s) // retransmitted
			}
			c.Add(s)
		}
		d := NewDecoder("fuzz", Options{MaxStreamBuffer: 1 << 12}, func(m *Message) error {
			if !bytes.Contains(stream, m.Data) {
				t.Fatalf("message %q is not part of the stream", m.Data)
			}
			return nil
		})
		for _, p := range b.Packets() {
			d.DecodeLink(gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}, p.Data, p.LinkType)
		}
		d.Flush()
	})
}
