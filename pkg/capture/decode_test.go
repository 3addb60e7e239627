package capture

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// brief renders messages as "frame:transport:first-word" for compact expectations.
func brief(ms []sipSummary) []string {
	var out []string
	for _, m := range ms {
		w := m.Method
		if w == "" {
			w = fmt.Sprint(m.Code)
		}
		out = append(out, fmt.Sprintf("%d:%s:%s:%s", m.Frame, m.Transport, w, m.CallID))
	}
	return out
}

func readPackets(t *testing.T, opts Options, packets []capturetest.Packet) ([]string, InputStats) {
	t.Helper()
	got, st, err := readAll(t, opts, writeCapture(t, "t.pcapng", packets))
	if err != nil {
		t.Fatal(err)
	}
	if len(st[0].Errors) > 0 {
		t.Fatalf("input errors %v", st[0].Errors)
	}
	return brief(got), st[0]
}

func TestUDPKeepAlivesAndNonSIP(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(alice, bob, []byte("\r\n\r\n"))                                                                 // 1 CRLF keep-alive
	b.UDP(alice, bob, []byte{0, 0, 0, 0})                                                                 // 2 zero keep-alive
	b.UDP(alice, bob, []byte{0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})  // 3 STUN binding request
	b.UDP(alice, bob, []byte{0x80, 0x00, 0x01, 0x02, 0, 0, 0, 0, 0, 0, 0, 1, 0xd5, 0xd5})                 // 4 RTP on the SIP port
	b.UDP(alice, bob, []byte("\r\n"+string(capturetest.Request("OPTIONS", "k1", 1, ""))))                 // 5 SIP after a CRLF
	b.UDP(mustAP("10.0.0.1:53309"), mustAP("10.0.0.2:52380"), capturetest.Request("INVITE", "p1", 1, "")) // 6 any port
	b.UDP(mustAP("10.0.0.1:5060"), mustAP("10.0.0.2:80"), []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))    // 7 not SIP
	got, st := readPackets(t, Options{}, b.Packets())
	want := []string{"5:udp:OPTIONS:k1", "6:udp:INVITE:p1"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if st.Malformed != 0 || st.SIPMessages != 2 || st.Packets != 7 {
		t.Errorf("stats %+v", st)
	}
}

func TestICMPQuotedSIPIsNotAMessage(t *testing.T) {
	for _, v6 := range []bool{false, true} {
		b := capturetest.NewBuilder(capturetest.Ethernet)
		a, z := alice, bob
		if v6 {
			a, z = alice6, bob6
		}
		inv := capturetest.Request("INVITE", "scan", 1, "")
		b.UDP(a, z, inv)
		b.ICMPPortUnreachable(z.Addr(), capturetest.UDPDatagram(a, z, inv))
		got, _ := readPackets(t, Options{}, b.Packets())
		if want := []string{"1:udp:INVITE:scan"}; !reflect.DeepEqual(got, want) {
			t.Errorf("v6=%v: got %v, want %v", v6, got, want)
		}
	}
}

func TestTCP(t *testing.T) {
	client, server := mustAP("192.0.2.10:40001"), mustAP("198.51.100.20:5060")
	inv := capturetest.Request("INVITE", "tcp1", 1, capturetest.SDP(600))
	trying := capturetest.Response(100, "Trying", "INVITE", "tcp1", 1, "")
	ringing := capturetest.Response(180, "Ringing", "INVITE", "tcp1", 1, "")
	ok := capturetest.Response(200, "OK", "INVITE", "tcp1", 1, capturetest.SDP(300))
	ack := capturetest.Request("ACK", "tcp1", 1, "")
	joined := func(ms ...[]byte) []byte { return bytes.Join(ms, nil) }

	tests := []struct {
		name  string
		build func(c *capturetest.TCPConn)
		want  []string
		check func(t *testing.T, st InputStats)
	}{
		{"one message in three segments", func(c *capturetest.TCPConn) {
			c.Handshake()                                     // 1-3
			c.SendSplit(capturetest.FromClient, inv, 10, 400) // 4-6
			c.Send(capturetest.FromServer, trying)            // 7
		}, []string{"6:tcp:INVITE:tcp1", "7:tcp:100:tcp1"}, nil},
		{"several messages in one segment, with keep-alives", func(c *capturetest.TCPConn) {
			c.Handshake()
			c.Send(capturetest.FromClient, inv)                                             // 4
			c.Send(capturetest.FromServer, joined(trying, []byte("\r\n\r\n"), ringing, ok)) // 5
			c.Send(capturetest.FromClient, []byte("\r\n\r\n"))                              // 6
			c.Send(capturetest.FromClient, ack)                                             // 7
		}, []string{"4:tcp:INVITE:tcp1", "5:tcp:100:tcp1", "5:tcp:180:tcp1", "5:tcp:200:tcp1", "7:tcp:ACK:tcp1"}, nil},
		{"message ends inside a segment that starts the next", func(c *capturetest.TCPConn) {
			c.Handshake()
			both := joined(trying, ringing)
			c.SendSplit(capturetest.FromServer, both, 50, len(trying)+20) // 4-6
		}, []string{"5:tcp:100:tcp1", "6:tcp:180:tcp1"}, nil},
		{"retransmitted segment counts once", func(c *capturetest.TCPConn) {
			c.Handshake()
			s := c.Prepare(capturetest.FromClient, capturetest.PSH|capturetest.ACK, inv)
			c.Add(s) // 4
			c.Add(s) // 5: retransmission
			c.Send(capturetest.FromServer, trying)
		}, []string{"4:tcp:INVITE:tcp1", "6:tcp:100:tcp1"}, nil},
		{"out-of-order segments are ordered", func(c *capturetest.TCPConn) {
			c.Handshake()
			s1 := c.Prepare(capturetest.FromServer, capturetest.PSH|capturetest.ACK, trying)
			s2 := c.Prepare(capturetest.FromServer, capturetest.PSH|capturetest.ACK, ringing[:40])
			s3 := c.Prepare(capturetest.FromServer, capturetest.PSH|capturetest.ACK, ringing[40:])
			c.Add(s2) // 4
			c.Add(s1) // 5: completes 100 Trying (and releases s2)
			c.Add(s3) // 6: completes 180
		}, []string{"5:tcp:100:tcp1", "6:tcp:180:tcp1"}, nil},
		{"capture starts mid-connection, mid-message", func(c *capturetest.TCPConn) {
			c.Skip(capturetest.FromServer, 100)
			c.Send(capturetest.FromServer, ok[150:]) // 1: tail of a message
			c.Send(capturetest.FromServer, ringing)  // 2
			c.Send(capturetest.FromClient, ack)      // 3
		}, []string{"2:tcp:180:tcp1", "3:tcp:ACK:tcp1"}, nil},
		{"start line split while resynchronising", func(c *capturetest.TCPConn) {
			c.Skip(capturetest.FromServer, 100)
			c.Send(capturetest.FromServer, joined(ok[150:], ringing[:6])) // 1: tail, then "SIP/2."
			c.Send(capturetest.FromServer, ringing[6:])                   // 2
		}, []string{"2:tcp:180:tcp1"}, nil},
		{"gap resynchronises on the next message", func(c *capturetest.TCPConn) {
			c.Handshake()
			c.Send(capturetest.FromServer, trying[:30])              // 4: start of 100
			c.Skip(capturetest.FromServer, len(trying)-30)           // lost
			c.Send(capturetest.FromServer, joined(ringing, ok[:60])) // 5: 180 complete, 200 starts
			c.Send(capturetest.FromServer, ok[60:])                  // 6
		}, []string{"5:tcp:180:tcp1", "6:tcp:200:tcp1"}, func(t *testing.T, st InputStats) {
			if st.Gaps != 1 || st.Malformed != 1 {
				t.Errorf("gaps %d malformed %d, want 1 and 1", st.Gaps, st.Malformed)
			}
		}},
		{"stream flushed at end of input", func(c *capturetest.TCPConn) {
			c.Handshake()
			s1 := c.Prepare(capturetest.FromClient, capturetest.PSH|capturetest.ACK, inv[:100])
			c.Skip(capturetest.FromClient, 0)
			s2 := c.Prepare(capturetest.FromClient, capturetest.PSH|capturetest.ACK, inv[100:])
			s3 := c.Prepare(capturetest.FromClient, capturetest.PSH|capturetest.ACK, ack)
			_ = s1    // lost: the INVITE can never complete
			c.Add(s2) // 4
			c.Add(s3) // 5: queued behind the hole until the end of input
		}, []string{"5:tcp:ACK:tcp1"}, func(t *testing.T, st InputStats) {
			if st.Gaps != 1 {
				t.Errorf("gaps %d, want 1", st.Gaps)
			}
		}},
		{"incomplete message at the end is malformed", func(c *capturetest.TCPConn) {
			c.Handshake()
			c.Send(capturetest.FromClient, inv[:200])
		}, nil, func(t *testing.T, st InputStats) {
			if st.Malformed != 1 || st.TCPStreams != 1 {
				t.Errorf("malformed %d streams %d, want 1 and 1", st.Malformed, st.TCPStreams)
			}
		}},
		{"HTTP whose response begins with a SIP status line", func(c *capturetest.TCPConn) {
			c.Handshake()
			c.Send(capturetest.FromClient, []byte("GET /x HTTP/1.1\r\nHost: a\r\n\r\n"))
			c.Send(capturetest.FromServer, []byte("SIP/2.0 200 ok\r\nHTTP/1.1 200 ok\r\nContent-Length: 0\r\n\r\n"))
		}, nil, func(t *testing.T, st InputStats) {
			if st.Malformed != 0 || st.SIPMessages != 0 {
				t.Errorf("stats %+v", st)
			}
		}},
		{"TLS on the SIP port is encrypted", func(c *capturetest.TCPConn) {
			c.Handshake()
			c.Send(capturetest.FromClient, []byte{0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0})
			c.Send(capturetest.FromServer, []byte{0x16, 0x03, 0x03, 0x00, 0x05, 2, 0, 0, 1, 0})
			c.Send(capturetest.FromClient, []byte{0x17, 0x03, 0x03, 0x00, 0x03, 'I', 'N', 'V'})
		}, nil, func(t *testing.T, st InputStats) {
			if st.Encrypted != 1 || st.Malformed != 0 {
				t.Errorf("encrypted %d malformed %d, want 1 and 0", st.Encrypted, st.Malformed)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := capturetest.NewBuilder(capturetest.Ethernet)
			tt.build(b.TCP(client, server))
			got, st := readPackets(t, Options{}, b.Packets())
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, st)
			}
		})
	}
}

func TestTCPOverIPv6AndVLAN(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.QinQ)
	c := b.TCP(alice6, bob6)
	c.Handshake()
	c.SendSplit(capturetest.FromClient, capturetest.Request("REGISTER", "r6", 7, ""), 20)
	got, st := readPackets(t, Options{}, b.Packets())
	if want := []string{"5:tcp:REGISTER:r6"}; !reflect.DeepEqual(got, want) || st.TCPStreams != 1 {
		t.Fatalf("got %v, stats %+v", got, st)
	}
}

func TestTCPStreamBufferLimit(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	c := b.TCP(alice, bob)
	c.Handshake()
	big := capturetest.Request("INVITE", "big", 1, capturetest.SDP(20000))
	for off := 0; off < len(big); off += 1400 {
		c.Send(capturetest.FromClient, big[off:min(off+1400, len(big))])
	}
	c.Send(capturetest.FromClient, capturetest.Request("ACK", "small", 1, ""))
	got, st := readPackets(t, Options{MaxStreamBuffer: 8192}, b.Packets())
	if want := []string{fmt.Sprintf("%d:tcp:ACK:small", len(b.Packets()))}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if st.Malformed != 1 {
		t.Errorf("malformed %d, want 1", st.Malformed)
	}
	got, _ = readPackets(t, Options{}, b.Packets())
	if len(got) != 2 {
		t.Errorf("with the default limit got %v", got)
	}
}

func TestTCPStreamCountLimit(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	var conns []*capturetest.TCPConn
	for i := range 10 {
		c := b.TCP(mustAP(fmt.Sprintf("192.0.2.%d:5060", i+1)), bob)
		conns = append(conns, c)
		c.Send(capturetest.FromClient, capturetest.Request("INVITE", fmt.Sprint(i), 1, "")[:50])
	}
	for i, c := range conns {
		c.Send(capturetest.FromClient, capturetest.Request("INVITE", fmt.Sprint(i), 1, "")[50:])
	}
	got, st := readPackets(t, Options{MaxTCPStreams: 4}, b.Packets())
	if st.TCPStreams < 10 || len(got) > 4 || st.Malformed < 6 {
		t.Errorf("got %v, stats %+v: want at most 4 messages, the evicted streams counted malformed", got, st)
	}
}

func TestFragments(t *testing.T) {
	body := capturetest.SDP(4000)
	for _, v6 := range []bool{false, true} {
		a, z := alice, bob
		if v6 {
			a, z = alice6, bob6
		}
		tests := []struct {
			name  string
			order []int
			want  int
		}{
			{"in order", nil, 1},
			{"reversed", []int{3, 2, 1, 0}, 1},
			{"duplicate", []int{0, 1, 1, 2, 3}, 1},
			{"missing", []int{0, 1, 3}, 0},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("v6=%v/%s", v6, tt.name), func(t *testing.T) {
				b := capturetest.NewBuilder(capturetest.SLL)
				n := b.UDPFragments(a, z, capturetest.Request("INVITE", "frag", 1, body), 1200, tt.order)
				if n != 4 {
					t.Fatalf("%d fragments, want 4", n)
				}
				b.UDP(z, a, capturetest.Response(100, "Trying", "INVITE", "frag", 1, ""))
				got, st := readPackets(t, Options{}, b.Packets())
				last := len(b.Packets()) - 1
				want := []string{}
				if tt.want == 1 {
					want = append(want, fmt.Sprintf("%d:udp:INVITE:frag", last))
				}
				want = append(want, fmt.Sprintf("%d:udp:100:frag", last+1))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got %v, want %v", got, want)
				}
				if st.Fragments != uint64(tt.want) {
					t.Errorf("fragments %d, want %d", st.Fragments, tt.want)
				}
			})
		}
	}
}

func TestFragmentQueueLimit(t *testing.T) {
	for _, v6 := range []bool{false, true} {
		a, z := alice, bob
		if v6 {
			a, z = alice6, bob6
		}
		// Ten datagrams whose first fragments arrive first; then the second fragments of the
		// last four, then of the first six. With room for four queues only the last four
		// datagrams complete: the first six were evicted.
		first := capturetest.NewBuilder(capturetest.Ethernet)
		second := capturetest.NewBuilder(capturetest.Ethernet)
		for i := range 10 {
			msg := capturetest.Request("MESSAGE", fmt.Sprint(i), 1, capturetest.SDP(1000))
			first.UDPFragments(a, z, msg, 800, []int{0})
			second.UDPFragments(a, z, msg, 800, []int{1}) // same IP ID sequence
		}
		sec := second.Packets()
		all := append(append(append([]capturetest.Packet(nil), first.Packets()...), sec[6:]...), sec[:6]...)
		for i := range all {
			all[i].Time = epoch.Add(time.Duration(i) * time.Millisecond)
		}
		got, st := readPackets(t, Options{MaxFragmentQueues: 4}, all)
		if len(got) != 4 || st.Fragments != 4 {
			t.Errorf("v6=%v: got %v, fragments %d; want the last 4", v6, got, st.Fragments)
		}
		got, _ = readPackets(t, Options{}, all)
		if len(got) != 10 {
			t.Errorf("v6=%v: default limits got %d messages, want 10", v6, len(got))
		}
	}
}

func TestFragmentTimeout(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDPFragments(alice, bob, capturetest.Request("MESSAGE", "late", 1, capturetest.SDP(1000)), 800, []int{0})
	b.Time = b.Time.Add(time.Minute)
	b.UDP(alice, bob, []byte("x")) // moves capture time on
	b2 := capturetest.NewBuilder(capturetest.Ethernet)
	b2.UDPFragments(alice, bob, capturetest.Request("MESSAGE", "late", 1, capturetest.SDP(1000)), 800, []int{1})
	all := append(b.Packets(), b2.Packets()[0])
	all[2].Time = b.Time.Add(time.Second)
	got, _ := readPackets(t, Options{FragmentTimeout: 10 * time.Second}, all)
	if len(got) != 0 {
		t.Errorf("got %v after the first fragment expired", got)
	}
	got, _ = readPackets(t, Options{FragmentTimeout: 5 * time.Minute}, all)
	if len(got) != 1 {
		t.Errorf("got %v with a long timeout", got)
	}
}

func TestSnaplenAndUnknownLinkType(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	simpleCall(b, alice, bob, "snap")
	b.Packets()[0].OrigLen = len(b.Packets()[0].Data) + 500
	b.Link = capturetest.Link(99) // frames with no header, under an unknown link type
	p := b.UDP(alice, bob, capturetest.Request("OPTIONS", "x", 1, ""))
	p.LinkType = 147
	b.UDP(alice, bob, capturetest.Request("OPTIONS", "y", 1, "")).LinkType = 147
	var warnings []string
	got, st := readPackets(t, Options{Warn: func(m string) { warnings = append(warnings, m) }}, b.Packets())
	if len(got) != 2 || st.Snaplen != 1 || st.SkippedLinkType != 2 {
		t.Errorf("got %v, stats %+v", got, st)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "link type 147 (USER0) is not supported") {
		t.Errorf("warnings %q", warnings)
	}
}

// TestDecoderDirect drives a Decoder the way live capture does.
func TestDecoderDirect(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	c := b.TCP(alice, bob)
	c.Send(capturetest.FromClient, capturetest.Request("BYE", "d1", 2, "")[:30])
	c.Send(capturetest.FromClient, capturetest.Request("BYE", "d1", 2, "")[30:])
	b.UDP(bob, alice, capturetest.Response(200, "OK", "BYE", "d1", 2, ""))
	var got []sipSummary
	d := NewDecoder("eth0", Options{}, func(m *Message) error {
		got = append(got, summarize(m))
		if m.Input != "eth0" {
			t.Errorf("input %q", m.Input)
		}
		return nil
	})
	for _, p := range b.Packets() {
		ci := gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}
		if err := d.Decode(ci, p.Data, layers.LinkTypeEthernet); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2:tcp:BYE:d1", "3:udp:200:d1"}; !reflect.DeepEqual(brief(got), want) {
		t.Errorf("got %v, want %v", brief(got), want)
	}
	if st := d.Stats(); st.Packets != 3 || st.SIPMessages != 2 || st.Name != "eth0" {
		t.Errorf("stats %+v", st)
	}
	// SLL2 does not fit layers.LinkType; DecodeLink takes it.
	b2 := capturetest.NewBuilder(capturetest.SLL2)
	b2.UDP(alice, bob, capturetest.Request("OPTIONS", "sll2", 1, ""))
	p := b2.Packets()[0]
	if err := d.DecodeLink(gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}, p.Data, LinkTypeLinuxSLL2); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].CallID != "sll2" {
		t.Errorf("SLL2 via DecodeLink: got %v", brief(got))
	}
}

func TestReadFilesNoNames(t *testing.T) {
	if _, err := ReadFiles(context.Background(), nil, Options{}, func(*Message) error { return nil }); err == nil {
		t.Fatal("no error for no inputs")
	}
}

// withIPv6Extensions inserts Hop-by-Hop, Routing, Destination Options and AH headers between
// an IPv6 header and its payload.
func withIPv6Extensions(ip []byte) []byte {
	next := ip[6]
	ext := func(nh byte, kind byte) []byte {
		if kind == 51 { // AH: length in 4-octet units minus 2; 12 bytes + 4 of ICV
			h := make([]byte, 16)
			h[0], h[1] = nh, 2
			return h
		}
		h := make([]byte, 8)
		h[0] = nh
		if kind == 43 {
			h[2] = 0 // routing type 0, segments left 0
		} else {
			h[2], h[3] = 1, 4 // PadN option filling the header
		}
		return h
	}
	// Chain: IPv6 -> HBH(0) -> Routing(43) -> AH(51) -> Destination(60) -> original next.
	hbh := ext(43, 0)
	rt := ext(51, 43)
	ah := ext(60, 51)
	dst := ext(next, 60)
	exts := bytes.Join([][]byte{hbh, rt, ah, dst}, nil)
	out := append([]byte(nil), ip[:40]...)
	out[6] = 0
	plen := int(ip[4])<<8 | int(ip[5]) + len(exts)
	out[4], out[5] = byte(plen>>8), byte(plen)
	out = append(out, exts...)
	return append(out, ip[40:]...)
}

func TestIPv6ExtensionHeaders(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.AddIP(withIPv6Extensions(capturetest.UDPDatagram(alice6, bob6, capturetest.Request("OPTIONS", "ext6", 1, ""))))
	got, _ := readPackets(t, Options{}, b.Packets())
	if want := []string{"1:udp:OPTIONS:ext6"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestIPv6FragmentBytesLimit(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	for i := range 3 {
		b.UDPFragments(alice6, bob6, capturetest.Request("MESSAGE", fmt.Sprint(i), 1, capturetest.SDP(3000)), 1000, []int{0, 1})
	}
	// Three datagrams of about 3.3 kB each wait for their last fragments; 5000 bytes of
	// queue room hold the fragments of only two, and the third datagram is dropped.
	got, _ := readPackets(t, Options{MaxFragmentBytes: 5000}, b.Packets())
	if len(got) != 0 {
		t.Fatalf("got %v from incomplete datagrams", got)
	}
	d := NewDecoder("x", Options{MaxFragmentBytes: 5000}, func(*Message) error { return nil })
	for _, p := range b.Packets() {
		d.Decode(gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: len(p.Data)}, p.Data, layers.LinkTypeEthernet)
	}
	if d.v6frag.bytes > 5000 {
		t.Errorf("%d bytes queued, limit 5000", d.v6frag.bytes)
	}
}
