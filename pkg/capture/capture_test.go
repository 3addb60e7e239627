package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// simpleCall adds INVITE and 200 OK over UDP between a and b.
func simpleCall(b *capturetest.Builder, a, z netip.AddrPort, callID string) {
	b.UDP(a, z, capturetest.Request("INVITE", callID, 1, capturetest.SDP(200)))
	b.UDP(z, a, capturetest.Response(200, "OK", "INVITE", callID, 1, ""))
}

func TestLinkTypesAndFileFormats(t *testing.T) {
	links := []capturetest.Link{capturetest.Ethernet, capturetest.VLAN, capturetest.QinQ, capturetest.SLL,
		capturetest.SLL2, capturetest.Null, capturetest.Loop, capturetest.Raw}
	type format struct {
		name  string
		write func(*os.File, []capturetest.Packet) error
	}
	formats := []format{
		{"pcap-us-le", func(f *os.File, p []capturetest.Packet) error {
			return capturetest.WritePcap(f, capturetest.PcapOptions{}, p)
		}},
		{"pcap-ns-be", func(f *os.File, p []capturetest.Packet) error {
			return capturetest.WritePcap(f, capturetest.PcapOptions{Nanosecond: true, BigEndian: true}, p)
		}},
		{"pcap-us-be", func(f *os.File, p []capturetest.Packet) error {
			return capturetest.WritePcap(f, capturetest.PcapOptions{BigEndian: true}, p)
		}},
		{"pcap-ns-le", func(f *os.File, p []capturetest.Packet) error {
			return capturetest.WritePcap(f, capturetest.PcapOptions{Nanosecond: true}, p)
		}},
		{"pcapng-le", func(f *os.File, p []capturetest.Packet) error {
			return capturetest.WritePcapng(f, capturetest.PcapngOptions{}, p)
		}},
		{"pcapng-be-ns-ifaces", func(f *os.File, p []capturetest.Packet) error {
			return capturetest.WritePcapng(f, capturetest.PcapngOptions{BigEndian: true, Nanosecond: true, ExtraInterfaces: 3}, p)
		}},
	}
	for _, link := range links {
		for _, v6 := range []bool{false, true} {
			for _, ff := range formats {
				name := fmt.Sprintf("%s/v6=%v/%s", link, v6, ff.name)
				t.Run(name, func(t *testing.T) {
					b := capturetest.NewBuilder(link)
					b.Time = epoch.Add(123456789 * time.Nanosecond)
					a, z := alice, bob
					if v6 {
						a, z = alice6, bob6
					}
					simpleCall(b, a, z, "c1")
					path := filepath.Join(t.TempDir(), "x")
					f, err := os.Create(path)
					if err != nil {
						t.Fatal(err)
					}
					if err := ff.write(f, b.Packets()); err != nil {
						t.Fatal(err)
					}
					f.Close()
					var times []time.Time
					var got []sipSummary
					st, err := ReadFiles(context.Background(), []string{path}, Options{}, func(m *Message) error {
						got = append(got, summarize(m))
						times = append(times, m.Time)
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
					want := []sipSummary{
						{Frame: 1, Transport: "udp", Src: a.String(), Dst: z.String(), Method: "INVITE", CallID: "c1", CSeq: 1, CSeqM: "INVITE"},
						{Frame: 2, Transport: "udp", Src: z.String(), Dst: a.String(), Code: 200, Reason: "OK", CallID: "c1", CSeq: 1, CSeqM: "INVITE"},
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("got %+v\nwant %+v", got, want)
					}
					wantTime := b.Packets()[0].Time
					if !strings.Contains(ff.name, "ns") {
						wantTime = wantTime.Truncate(time.Microsecond)
					}
					if !times[0].Equal(wantTime) {
						t.Errorf("time %v, want %v", times[0], wantTime)
					}
					s := st[0]
					if s.Packets != 2 || s.SIPMessages != 2 || len(s.Errors) != 0 || s.SkippedLinkType != 0 {
						t.Errorf("stats %+v", s)
					}
				})
			}
		}
	}
}

// pcapBytes returns packets written as little-endian microsecond pcap.
func pcapBytes(t testing.TB, packets []capturetest.Packet) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := capturetest.WritePcap(&buf, capturetest.PcapOptions{}, packets); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeBytes(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCompressedInputs(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	simpleCall(b, alice, bob, "gz")
	raw := pcapBytes(t, b.Packets())

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()

	var zs bytes.Buffer
	zsw, err := zstd.NewWriter(&zs)
	if err != nil {
		t.Fatal(err)
	}
	zsw.Write(raw)
	zsw.Close()

	var ng bytes.Buffer
	if err := capturetest.WritePcapng(&ng, capturetest.PcapngOptions{}, b.Packets()); err != nil {
		t.Fatal(err)
	}
	var nggz bytes.Buffer
	zw = gzip.NewWriter(&nggz)
	zw.Write(ng.Bytes())
	zw.Close()

	for name, data := range map[string][]byte{"a.pcap.gz": gz.Bytes(), "a.pcap.zst": zs.Bytes(), "weird-name.cap": nggz.Bytes()} {
		t.Run(name, func(t *testing.T) {
			got, st, err := readAll(t, Options{}, writeBytes(t, name, data))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || st[0].Packets != 2 || len(st[0].Errors) > 0 {
				t.Fatalf("got %d messages, stats %+v", len(got), st[0])
			}
		})
	}
}

func TestStdin(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.SLL)
	simpleCall(b, alice, bob, "stdin")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w.Write(pcapBytes(t, b.Packets()))
		w.Close()
	}()
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	var inputs []string
	st, err := ReadFiles(context.Background(), []string{"-"}, Options{}, func(m *Message) error {
		inputs = append(inputs, m.Input)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(inputs, []string{"-", "-"}) || st[0].Name != "-" {
		t.Fatalf("inputs %v, stats %+v", inputs, st)
	}
}

// TestMergeRotatedFiles reads two files of one capture, written as a ring buffer rotates, and
// named in the wrong order: messages come out in time order with each file's frame numbers,
// and a TCP message whose segments straddle the rotation is reassembled.
func TestMergeRotatedFiles(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(alice, bob, capturetest.Request("OPTIONS", "o1", 1, ""))
	c := b.TCP(mustAP("192.0.2.7:40000"), mustAP("198.51.100.2:5060"))
	c.Handshake()
	inv := capturetest.Request("INVITE", "t1", 1, capturetest.SDP(800))
	c.SendSplit(capturetest.FromClient, inv, 300)
	b.UDP(bob, alice, capturetest.Response(200, "OK", "OPTIONS", "o1", 1, ""))
	c.Send(capturetest.FromServer, capturetest.Response(100, "Trying", "INVITE", "t1", 1, ""))
	all := b.Packets()
	// File 1: OPTIONS, handshake, first INVITE segment (5 packets); file 2: the rest.
	first := writeCapture(t, "ring_00001.pcap", all[:5])
	second := writeCapture(t, "ring_00002.pcap", all[5:])

	var got []string
	st, err := ReadFiles(context.Background(), []string{second, first}, Options{}, func(m *Message) error {
		s := summarize(m)
		got = append(got, fmt.Sprintf("%s#%d %s%s%d", filepath.Base(m.Input), m.Frame, s.Method, s.Reason, s.Code))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ring_00001.pcap#1 OPTIONS0", "ring_00002.pcap#1 INVITE0", "ring_00002.pcap#2 OK200", "ring_00002.pcap#3 Trying100"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if st[0].Packets != 3 || st[1].Packets != 5 || st[0].TCPStreams+st[1].TCPStreams != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestBadInputs(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	for i := range 5 {
		b.UDP(alice, bob, capturetest.Request("MESSAGE", fmt.Sprintf("m%d", i), 1, "hello"))
	}
	good := pcapBytes(t, b.Packets())
	var ng bytes.Buffer
	capturetest.WritePcapng(&ng, capturetest.PcapngOptions{}, b.Packets())
	// Offsets: 24-byte header, then per packet 16 + len.
	pktLen := len(b.Packets()[0].Data)
	third := 24 + 2*(16+pktLen)

	tests := []struct {
		name      string
		data      []byte
		messages  int
		errSubstr string // in the input's stats Errors
		fatal     bool   // ReadFiles fails (no input could be read)
	}{
		{"empty", nil, 0, "unsupported format: empty file", true},
		{"text", []byte("Hello, this is not a capture\nsecond line\n"), 0, `text, not a packet capture (begins "Hello, this is not a capture")`, true},
		{"netmon", append([]byte("GMBU\x00\x02"), make([]byte, 200)...), 0, "Microsoft Network Monitor 2.x", true},
		{"garbage", []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}, 0, "unknown file type (first bytes 00 01 02 03 04 05 06 07)", true},
		{"short", []byte{0xd4, 0xc3}, 0, "2-byte file", true},
		{"pcap header only cut", good[:10], 0, "truncated at byte 0 (packet 0)", true},
		{"truncated in packet 3", good[:third+20], 2, fmt.Sprintf("truncated at byte %d (packet 3): packet data: unexpected EOF", third), false},
		{"truncated in header 3", good[:third+5], 2, fmt.Sprintf("truncated at byte %d (packet 3): packet header: unexpected EOF", third), false},
		{"corrupt length", corruptCaplen(good, third), 2, fmt.Sprintf("corrupt at byte %d (packet 3): captured length", third), false},
		{"pcapng truncated", ng.Bytes()[:ng.Len()-10], 4, "truncated at byte", false},
		{"pcapng only header", ng.Bytes()[:28], 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeBytes(t, "in.pcap", tt.data)
			got, st, err := readAll(t, Options{}, path)
			if tt.fatal {
				if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.errSubstr) {
					t.Fatalf("error %v, want one naming %s and saying %q", err, path, tt.errSubstr)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if len(got) != tt.messages {
				t.Errorf("%d messages, want %d", len(got), tt.messages)
			}
			errs := strings.Join(st[0].Errors, "; ")
			if tt.errSubstr == "" && errs != "" || !strings.Contains(errs, tt.errSubstr) {
				t.Errorf("errors %q, want %q", errs, tt.errSubstr)
			}
		})
	}
}

func corruptCaplen(good []byte, off int) []byte {
	bad := append([]byte(nil), good...)
	copy(bad[off+8:], []byte{0xff, 0xff, 0xff, 0x7f})
	return bad
}

// TestOneBadInputAmongGood checks that a broken input is reported in its stats while the
// others are read, and that a missing file is an error only when nothing could be read.
func TestOneBadInputAmongGood(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	simpleCall(b, alice, bob, "ok")
	good := writeCapture(t, "good.pcap", b.Packets())
	missing := filepath.Join(t.TempDir(), "missing.pcap")
	got, st, err := readAll(t, Options{}, missing, good)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(st) != 2 || len(st[0].Errors) != 1 || !strings.Contains(st[0].Errors[0], "no such file") {
		t.Fatalf("got %d messages, stats %+v", len(got), st)
	}
	_, _, err = readAll(t, Options{}, missing)
	if err == nil || !strings.Contains(err.Error(), "missing.pcap") {
		t.Fatalf("error %v", err)
	}
}

func TestCallbackErrorAndCancel(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	for i := range 3000 {
		b.UDP(alice, bob, capturetest.Request("OPTIONS", fmt.Sprint(i), 1, ""))
	}
	path := writeCapture(t, "many.pcap", b.Packets())
	stop := errors.New("stop here")
	n := 0
	_, err := ReadFiles(context.Background(), []string{path}, Options{}, func(*Message) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Fatalf("err %v after %d messages", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = ReadFiles(ctx, []string{path}, Options{}, func(*Message) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n >= 3000 {
		t.Fatalf("err %v after %d messages", err, n)
	}
}

// TestPcapngSections reads a pcapng file of three sections: the first little-endian with
// Ethernet and SLL interfaces, the second big-endian with an SLL2 interface (appended from a
// second file, as mergecap and ring buffers do), the third little-endian again with NULL.
// Each section's interface numbers start at 0 and must not leak into the next.
func TestPcapngSections(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	b.UDP(alice, bob, capturetest.Request("OPTIONS", "s0-eth", 1, ""))
	b.Link = capturetest.SLL
	b.UDP(alice, bob, capturetest.Request("OPTIONS", "s0-sll", 1, ""))
	var first bytes.Buffer
	if err := capturetest.WritePcapng(&first, capturetest.PcapngOptions{}, b.Packets()); err != nil {
		t.Fatal(err)
	}
	b2 := capturetest.NewBuilder(capturetest.SLL2)
	b2.Time = b.Time
	b2.UDP(alice6, bob6, capturetest.Request("OPTIONS", "s1-sll2", 1, ""))
	b2.Link = capturetest.Null
	b2.Section = 1
	b2.UDP(alice, bob, capturetest.Request("OPTIONS", "s2-null", 1, ""))
	var second, third bytes.Buffer
	if err := capturetest.WritePcapng(&second, capturetest.PcapngOptions{BigEndian: true, Nanosecond: true}, b2.Packets()[:1]); err != nil {
		t.Fatal(err)
	}
	if err := capturetest.WritePcapng(&third, capturetest.PcapngOptions{ExtraInterfaces: 2}, b2.Packets()[1:]); err != nil {
		t.Fatal(err)
	}
	file := append(append(first.Bytes(), second.Bytes()...), third.Bytes()...)
	got, st, err := readAll(t, Options{}, writeBytes(t, "sections.pcapng", file))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range got {
		ids = append(ids, fmt.Sprintf("%d:%s", m.Frame, m.CallID))
	}
	if want := []string{"1:s0-eth", "2:s0-sll", "3:s1-sll2", "4:s2-null"}; !reflect.DeepEqual(ids, want) || len(st[0].Errors) > 0 {
		t.Fatalf("got %v (errors %v), want %v", ids, st[0].Errors, want)
	}
}
