package sipmsg

import (
	"errors"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"INVITE sip:bob@biloxi.com SIP/2.0\r\n", true},
		{"INVITE sip:bob@biloxi.com SIP/2.0", true}, // truncated right after the start line
		{"INVITE sip:bob@biloxi.com SIP/2.0\r", true},
		{"OPTIONS sips:a@b:5061;transport=tls SIP/2.0\r\nVia: x\r\n", true},
		{"REGISTER tel:+15551234 SIP/2.0\n", true},
		{"!interesting-Method0123456789_*+`.%indeed'~ sip:a@b SIP/2.0\r\n", true},
		{"INVITE  sip:a@b  SIP/2.0\r\n", true},
		{"\r\n\r\nBYE sip:a@b SIP/2.0\r\n", true},
		{"SIP/2.0 200 OK\r\n", true},
		{"SIP/2.0 100 \r\n", true},
		{"SIP/2.0 180", true},
		{"SIP/2.0 180\r\n", true},
		{"SIP/2.0 699 x", true},
		{"sip/2.0 200 OK", true},
		{"SIP/2.0 700 x", false},
		{"SIP/2.0 099 x", false},
		{"SIP/2.0 2000 x", false},
		{"SIP/2.0 20", false},
		{"SIP/2.0 20x", false},
		{"SIP/2.0 200\rX", false},
		{"SIP/1.0 200 OK", false},
		{"INVITE sip:a@b SIP/2.0\rjunk\n", false},
		{"INVITE sip:a@b", false}, // the start line itself is cut
		{"INVITE sip:a@b SIP/3.0\r\n", false},
		{"INVITE sip:a\x00b SIP/2.0\r\n", false},
		{"INVITE  SIP/2.0\r\n", false},
		{"INVITE /index.html SIP/2.0\r\n", false},
		{"GET / HTTP/1.1\r\nHost: example.com\r\n", false},
		{"GET http://example.com/ HTTP/1.1\r\n", false},
		{"HTTP/1.1 200 OK\r\n", false},
		{"POST /sip SIP/2.0 HTTP/1.1\r\n", false},
		{"OPTIONS * RTSP/1.0\r\n", false},
		{"\x80\x00\x12\x34\x00\x00\x00\x00\xde\xad\xbe\xef", false}, // RTP
		{"\x00\x01\x00\x00\x21\x12\xa4\x42abcdefghijkl", false},     // STUN binding request
		{"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", false},     // TLS ClientHello
		{"\r\n\r\n", false},                                         // keep-alive
		{"", false},
		{strings.Repeat("a", 4099) + " sip:a@b SIP/2.0\r\n", true}, // PROTOS: Wireshark reads it too
		{strings.Repeat("M", maxStartLine+1) + " sip:a@b SIP/2.0\r\n", false},
	}
	for _, tc := range tests {
		if got := Sniff([]byte(tc.in)); got != tc.want {
			t.Errorf("Sniff(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

const (
	frameMsg1 = "INVITE sip:b@d SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: one\r\nContent-Length: 4\r\n\r\nbody"
	frameMsg2 = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: one\r\nl:0\r\n\r\n"
	frameMsg3 = "BYE sip:b@d SIP/2.0\nCall-ID: three\ncontent-length : 2\n\nok"
	frameMsg4 = "ACK sip:b@d SIP/2.0\r\nCall-ID: four\r\n\r\n" // no Content-Length: empty body
)

func TestFrame(t *testing.T) {
	tests := []struct {
		name    string
		buf     string
		skip, n int
		err     error // nil, ErrTooLarge or malformedErr
	}{
		{"empty", "", 0, 0, nil},
		{"keep-alives only", "\r\n\r\n", 4, 0, nil},
		{"one message", frameMsg1, 0, len(frameMsg1), nil},
		{"message then more", frameMsg1 + frameMsg2, 0, len(frameMsg1), nil},
		{"keep-alive first", "\r\n\r\n" + frameMsg2, 4, len(frameMsg2), nil},
		{"compact Content-Length", frameMsg2 + "junk", 0, len(frameMsg2), nil},
		{"LF only, spaced colon", frameMsg3 + frameMsg1, 0, len(frameMsg3), nil},
		{"no Content-Length", frameMsg4 + frameMsg1, 0, len(frameMsg4), nil},
		{"body incomplete", frameMsg1[:len(frameMsg1)-1], 0, 0, nil},
		{"headers incomplete", frameMsg1[:40], 0, 0, nil},
		{"CR at the end", frameMsg4[:len(frameMsg4)-1], 0, 0, nil},
		{"start line incomplete", "INVITE sip:b@d SI", 0, 0, nil},
		{"response prefix", "SIP/2", 0, 0, nil},
		{"method prefix", "\r\nOPTI", 2, 0, nil},
		{"garbage then message", "a=rtpmap:0 PCMU/8000\r\n\r\n" + frameMsg1, 24, 0, malformedErr},
		{"garbage without line end", "\x00\x01\x02\x03", 4, 0, malformedErr},
		{"garbage then partial start line", "xx yy\r\nINVITE sip:", 7, 0, malformedErr},
		{"HTTP", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27, 0, malformedErr},
		{"bad Content-Length", "ACK sip:b@d SIP/2.0\r\nContent-Length: -1\r\n\r\n" + frameMsg4, 43, 0, malformedErr},
		{"Content-Length too large", "ACK sip:b@d SIP/2.0\r\nContent-Length: 16777217\r\n\r\n", 49, 0, ErrTooLarge},
		{"Content-Length at the limit", "ACK sip:b@d SIP/2.0\r\nContent-Length: 16777216\r\n\r\n", 0, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			skip, n, err := Frame([]byte(tc.buf))
			if skip != tc.skip || n != tc.n {
				t.Errorf("Frame = %d, %d, %v; want %d, %d", skip, n, err, tc.skip, tc.n)
			}
			switch tc.err {
			case nil:
				if err != nil {
					t.Errorf("error %v", err)
				}
			case malformedErr:
				var me *MalformedError
				if !errors.As(err, &me) {
					t.Errorf("error %v, want *MalformedError", err)
				}
			default:
				if !errors.Is(err, tc.err) {
					t.Errorf("error %v, want %v", err, tc.err)
				}
			}
		})
	}
}

func TestFrameHeaderLimit(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("INVITE sip:b@d SIP/2.0\r\n")
	for sb.Len() <= MaxHeaderBytes {
		sb.WriteString("X-Filler: 0123456789012345678901234567890123456789\r\n")
	}
	buf := []byte(sb.String())
	skip, n, err := Frame(buf)
	if !errors.Is(err, ErrTooLarge) || n != 0 || skip <= 0 || skip > MaxHeaderBytes {
		t.Fatalf("Frame = %d, %d, %v; want ErrTooLarge with 0 < skip <= %d", skip, n, err, MaxHeaderBytes)
	}
	// One header line without a line feed longer than the limit.
	long := append([]byte("INVITE sip:b@d SIP/2.0\r\nX: "), make([]byte, MaxHeaderBytes)...)
	for i := 27; i < len(long); i++ {
		long[i] = 'a'
	}
	if skip, _, err := Frame(long); !errors.Is(err, ErrTooLarge) || skip <= 0 {
		t.Fatalf("long line: skip %d, %v", skip, err)
	}
	// A start line that never ends is not plausible SIP.
	if skip, _, err := Frame([]byte("INVITE " + strings.Repeat("a", maxStartLine+10))); err == nil || skip <= 0 {
		t.Fatalf("endless start line: skip %d, %v", skip, err)
	}
}

// TestFrameStream cuts a stream of messages, keep-alives and garbage at every byte and
// checks that feeding it piece by piece yields the same messages as feeding it whole.
func TestFrameStream(t *testing.T) {
	stream := "\r\n\r\n" + frameMsg1 + "\r\n" + frameMsg2 + "garbage after a capture gap\r\nmore\r\n" + frameMsg3 + frameMsg4
	want := []string{frameMsg1, frameMsg2, frameMsg3, frameMsg4}
	for cut := 0; cut <= len(stream); cut++ {
		var got []string
		var buf []byte
		errs := 0
		feed := func(data string) {
			buf = append(buf, data...)
			for {
				skip, n, err := Frame(buf)
				if err != nil {
					errs++
					buf = buf[skip:]
					continue
				}
				buf = buf[skip:]
				if n == 0 {
					return
				}
				got = append(got, string(buf[:n]))
				buf = buf[n:]
			}
		}
		feed(stream[:cut])
		feed(stream[cut:])
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("cut at %d: got %q", cut, got)
		}
		if errs == 0 {
			t.Fatalf("cut at %d: garbage not reported", cut)
		}
	}
}

// TestFrameHeaderLimitAtLineEnd puts a line feed exactly at the limit.
func TestFrameHeaderLimitAtLineEnd(t *testing.T) {
	head := "INVITE sip:b@d SIP/2.0\r\nX: "
	fill := MaxHeaderBytes - len(head) - 1 // the "\n" lands at offset MaxHeaderBytes-1
	buf := []byte(head + strings.Repeat("a", fill-1) + "\r\n" + "Y: b\r\n\r\n")
	skip, n, err := Frame(buf)
	if !errors.Is(err, ErrTooLarge) || n != 0 || skip != MaxHeaderBytes {
		t.Fatalf("Frame = %d, %d, %v; want %d, 0, ErrTooLarge", skip, n, err, MaxHeaderBytes)
	}
}

// TestMayStart checks MayStart against Sniff for every first byte: where MayStart is false,
// no buffer beginning with that byte is SIP; where it is true, some is.
func TestMayStart(t *testing.T) {
	for c := 0; c < 256; c++ {
		first := string([]byte{byte(c)})
		sniffed := Sniff([]byte(first+"NVITE sip:a@b SIP/2.0\r\n")) || // c starts a method
			Sniff([]byte(first+"IP/2.0 200 OK\r\n")) || // c is the S of a status line
			Sniff([]byte(first+"\nSIP/2.0 200 OK\r\n")) // c is a line end before the message
		if !MayStart(byte(c)) && sniffed {
			t.Errorf("MayStart(%#x) = false, but Sniff accepts a message beginning with it", c)
		}
		if MayStart(byte(c)) && !sniffed {
			t.Errorf("MayStart(%#x) = true, but no test message beginning with it is SIP", c)
		}
	}
}
