package sipmsg

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// crlf turns a message written with "\n" line ends into the CRLF form.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// RFC 3261 section 24 call flows, plus the other methods of RFC 3261 and its extensions.
var rfc3261Flow = []struct {
	msg          string
	method       string // request method, or CSeq method for a response
	code         int
	callID       string
	cseq         uint32
	fromTag      string
	toTag        string
	branch       string
	bodyLen      int
	reasonPhrase string
}{
	{msg: `REGISTER sips:ss2.biloxi.example.com SIP/2.0
Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7
Max-Forwards: 70
From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl
To: Bob <sips:bob@biloxi.example.com>
Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com
CSeq: 1 REGISTER
Contact: <sips:bob@client.biloxi.example.com>
Content-Length: 0

`, method: "REGISTER", callID: "1j9FpLxk3uxtm8tn@biloxi.example.com", cseq: 1, fromTag: "a73kszlfl", branch: "z9hG4bKnashds7"},
	{msg: `SIP/2.0 401 Unauthorized
Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7
 ;received=192.0.2.201
From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl
To: Bob <sips:bob@biloxi.example.com>;tag=1410948204
Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com
CSeq: 1 REGISTER
WWW-Authenticate: Digest realm="atlanta.example.com", qop="auth",
 nonce="ea9c8e88df84f1cec4341ae6cbe5a359",
 opaque="", stale=FALSE, algorithm=MD5
Content-Length: 0

`, method: "REGISTER", code: 401, callID: "1j9FpLxk3uxtm8tn@biloxi.example.com", cseq: 1, fromTag: "a73kszlfl", toTag: "1410948204", branch: "z9hG4bKnashds7", reasonPhrase: "Unauthorized"},
	{msg: `INVITE sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8
Max-Forwards: 70
To: Bob <sip:bob@biloxi.com>
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 INVITE
Contact: <sip:alice@pc33.atlanta.com>
Content-Type: application/sdp
Content-Length: 142

v=0
o=alice 53655765 2353687637 IN IP4 pc33.atlanta.com
s=-
t=0 0
c=IN IP4 pc33.atlanta.com
m=audio 3456 RTP/AVP 0 1 3 99
a=rtpmap:0 PCMU/8000
`, method: "INVITE", callID: "a84b4c76e66710", cseq: 314159, fromTag: "1928301774", branch: "z9hG4bKnashds8", bodyLen: 142},
	{msg: `SIP/2.0 180 Ringing
Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
Contact: <sip:bob@192.0.2.4>
CSeq: 314159 INVITE
Content-Length: 0

`, method: "INVITE", code: 180, callID: "a84b4c76e66710", cseq: 314159, fromTag: "1928301774", toTag: "a6c85cf", branch: "z9hG4bK4b43c2ff8.1", reasonPhrase: "Ringing"},
	{msg: `ACK sip:bob@192.0.2.4 SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds9
Max-Forwards: 70
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 ACK
Content-Length: 0

`, method: "ACK", callID: "a84b4c76e66710", cseq: 314159, fromTag: "1928301774", toTag: "a6c85cf", branch: "z9hG4bKnashds9"},
	{msg: `BYE sip:alice@pc33.atlanta.com SIP/2.0
Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10
Max-Forwards: 70
From: Bob <sip:bob@biloxi.com>;tag=a6c85cf
To: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 231 BYE
Content-Length: 0

`, method: "BYE", callID: "a84b4c76e66710", cseq: 231, fromTag: "a6c85cf", toTag: "1928301774", branch: "z9hG4bKnashds10"},
	{msg: `CANCEL sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8
Max-Forwards: 70
To: Bob <sip:bob@biloxi.com>
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 CANCEL
Content-Length: 0

`, method: "CANCEL", callID: "a84b4c76e66710", cseq: 314159, fromTag: "1928301774", branch: "z9hG4bKnashds8"},
	{msg: `SIP/2.0 487 Request Terminated
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8
To: Bob <sip:bob@biloxi.com>;tag=8321234356
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 INVITE
Content-Length: 0

`, method: "INVITE", code: 487, callID: "a84b4c76e66710", cseq: 314159, fromTag: "1928301774", toTag: "8321234356", branch: "z9hG4bKnashds8", reasonPhrase: "Request Terminated"},
	{msg: `OPTIONS sip:carol@chicago.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
Max-Forwards: 70
To: <sip:carol@chicago.com>
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 63104 OPTIONS
Contact: <sip:alice@pc33.atlanta.com>
Accept: application/sdp
Content-Length: 0

`, method: "OPTIONS", callID: "a84b4c76e66710", cseq: 63104, fromTag: "1928301774", branch: "z9hG4bKhjhs8ass877"},
	{msg: `SIP/2.0 603 Decline
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
To: <sip:carol@chicago.com>;tag=93810874
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 63104 OPTIONS
Content-Length: 0

`, method: "OPTIONS", code: 603, callID: "a84b4c76e66710", cseq: 63104, fromTag: "1928301774", toTag: "93810874", branch: "z9hG4bKhjhs8ass877", reasonPhrase: "Decline"},
}

func TestRFC3261Messages(t *testing.T) {
	extra := []string{"INFO", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH"}
	type flowMsg = struct {
		msg          string
		method       string
		code         int
		callID       string
		cseq         uint32
		fromTag      string
		toTag        string
		branch       string
		bodyLen      int
		reasonPhrase string
	}
	msgs := append([]flowMsg(nil), rfc3261Flow...)
	for i, meth := range extra {
		msgs = append(msgs, flowMsg{
			msg:    fmt.Sprintf("%s sip:b@example.com SIP/2.0\nVia: SIP/2.0/TCP h.example.com;branch=z9hG4bK%d\nFrom: <sip:a@example.com>;tag=f%d\nTo: <sip:b@example.com>;tag=t%d\nCall-ID: c%d\nCSeq: %d %s\nMax-Forwards: 70\nContent-Length: 0\n\n", meth, i, i, i, i, i+1, meth),
			method: meth, callID: fmt.Sprintf("c%d", i), cseq: uint32(i + 1), fromTag: fmt.Sprintf("f%d", i),
			toTag: fmt.Sprintf("t%d", i), branch: fmt.Sprintf("z9hG4bK%d", i),
		})
	}
	for _, lf := range []bool{false, true} {
		for _, tc := range msgs {
			raw := tc.msg
			if !lf {
				raw = crlf(raw)
			}
			name := fmt.Sprintf("%s-%d-lf=%v", tc.method, tc.code, lf)
			t.Run(name, func(t *testing.T) {
				var m Message
				if err := m.Parse([]byte(raw)); err != nil {
					t.Fatal(err)
				}
				if m.Defects() != 0 {
					t.Errorf("defects %v", m.Defects())
				}
				if m.IsRequest() != (tc.code == 0) || m.StatusCode() != tc.code {
					t.Errorf("request %v code %d", m.IsRequest(), m.StatusCode())
				}
				if tc.code == 0 {
					eq(t, "method", m.Method(), tc.method)
				} else {
					eq(t, "reason", m.ReasonPhrase(), tc.reasonPhrase)
				}
				eq(t, "call-id", m.CallID(), tc.callID)
				cseq(t, &m, tc.cseq, tc.method)
				eq(t, "from tag", m.FromTag(), tc.fromTag)
				eq(t, "to tag", m.ToTag(), tc.toTag)
				eq(t, "branch", m.Via().Branch, tc.branch)
				eq(t, "version", m.Version(), "SIP/2.0")
				if len(m.Body()) != tc.bodyLen {
					t.Errorf("body %d bytes, want %d", len(m.Body()), tc.bodyLen)
				}
			})
		}
	}
}

func TestChallengeAndFoldedVia(t *testing.T) {
	var m Message
	if err := m.Parse([]byte(crlf(rfc3261Flow[1].msg))); err != nil {
		t.Fatal(err)
	}
	realm, stale, ok := m.Challenge()
	if !ok || string(realm) != "atlanta.example.com" || stale {
		t.Errorf("Challenge() = %q %v %v", realm, stale, ok)
	}
	eq(t, "received", m.Via().Received, "192.0.2.201")
	if m.HasAuthorization() {
		t.Error("HasAuthorization on a 401")
	}
}

func TestCompactForms(t *testing.T) {
	long := map[string]string{
		"i": "Call-ID", "f": "From", "t": "To", "v": "Via", "l": "Content-Length", "c": "Content-Type",
		"m": "Contact", "k": "Supported", "s": "Subject", "e": "Content-Encoding", "o": "Event",
		"r": "Refer-To", "u": "Allow-Events", "x": "Session-Expires", "y": "Identity",
		"j": "Reject-Contact", "a": "Accept-Contact", "b": "Referred-By", "d": "Request-Disposition",
	}
	values := map[string]string{
		"i": "cid@h", "f": "<sip:a@b>;tag=ft", "t": "sip:c@d;tag=tt", "v": "SIP/2.0/UDP h;branch=z9hG4bKx",
		"l": "2", "c": "text/plain", "m": "<sip:a@h>", "k": "timer", "s": "hello", "e": "gzip", "o": "dialog",
		"r": "<sip:x@y>", "u": "talk", "x": "1800", "y": "abc", "j": "*;audio", "a": "*;video",
		"b": "<sip:z@w>", "d": "proxy",
	}
	var sb strings.Builder
	sb.WriteString("MESSAGE sip:c@d SIP/2.0\r\nCSeq: 1 MESSAGE\r\n")
	for _, c := range "ifvtlcmkseourxyjabd" {
		fmt.Fprintf(&sb, "%c: %s\r\n", c, values[string(c)])
	}
	sb.WriteString("\r\nhi")
	var m Message
	if err := m.Parse([]byte(sb.String())); err != nil {
		t.Fatal(err)
	}
	if m.Defects() != 0 {
		t.Errorf("defects %v", m.Defects())
	}
	for short, name := range long {
		want := values[short]
		eq(t, name, m.Header(name), want)
		eq(t, strings.ToUpper(name), m.Header(strings.ToUpper(name)), want)
		eq(t, short, m.Header(short), want)
		eq(t, strings.ToUpper(short), m.Header(strings.ToUpper(short)), want)
	}
	eq(t, "call-id", m.CallID(), "cid@h")
	eq(t, "from tag", m.FromTag(), "ft")
	eq(t, "to tag", m.ToTag(), "tt")
	eq(t, "to uri", m.ToURI(), "sip:c@d")
	eq(t, "branch", m.Via().Branch, "z9hG4bKx")
	eq(t, "content-type", m.ContentType(), "text/plain")
	eq(t, "body", m.Body(), "hi")
}

func TestHeaderSyntax(t *testing.T) {
	tests := []struct {
		name, msg string
		defects   Defect
		check     func(t *testing.T, m *Message)
	}{
		{"whitespace around colon", "OPTIONS sip:a@b SIP/2.0\r\nCall-ID \t:  x1  \r\nCSeq :1 OPTIONS\r\nFrom\t: sip:a@b;tag=1\r\nTo: sip:a@b\r\nVia:SIP/2.0/UDP h;branch=b1\r\n\r\n", 0,
			func(t *testing.T, m *Message) {
				eq(t, "call-id", m.CallID(), "x1")
				cseq(t, m, 1, "OPTIONS")
				eq(t, "branch", m.Via().Branch, "b1")
			}},
		{"case-insensitive names", "OPTIONS sip:a@b SIP/2.0\r\ncall-id: x2\r\nCSEQ: 2 OPTIONS\r\nfROM: sip:a@b;TAG=2\r\nTO: sip:a@b\r\nVIA: SIP/2.0/UDP h;BRANCH=b2\r\n\r\n", 0,
			func(t *testing.T, m *Message) {
				eq(t, "call-id", m.CallID(), "x2")
				eq(t, "from tag", m.FromTag(), "2")
				eq(t, "branch", m.Via().Branch, "b2")
			}},
		{"folded values", "OPTIONS sip:a@b SIP/2.0\r\nCall-ID:\r\n x3\r\nCSeq: 3\r\n\tOPTIONS\r\nFrom: sip:a@b\r\n ;tag=3\r\nTo: sip:a@b\r\nVia: SIP/2.0/UDP h\r\n  ;branch=b3\r\nUser-Agent: a\r\n b\r\n\r\n", 0,
			func(t *testing.T, m *Message) {
				eq(t, "call-id", m.CallID(), "x3")
				cseq(t, m, 3, "OPTIONS")
				eq(t, "from tag", m.FromTag(), "3")
				eq(t, "branch", m.Via().Branch, "b3")
				eq(t, "user-agent", m.UserAgent(), "a\r\n b")
			}},
		{"LF only", "SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=b4\nFrom: sip:a@b;tag=4\nTo: sip:a@b;tag=5\nCall-ID: x4\nCSeq: 4 BYE\nContent-Length: 3\n\nabcdef", 0,
			func(t *testing.T, m *Message) {
				eq(t, "reason", m.ReasonPhrase(), "OK")
				eq(t, "to tag", m.ToTag(), "5")
				eq(t, "body", m.Body(), "abc")
			}},
		{"repeated and comma-separated Via", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h1;branch=b5;rport=5060;received=10.0.0.1, SIP/2.0/TCP h2\r\nv: SIP/2.0/UDP h3\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x5\r\nCSeq: 5 INVITE\r\n\r\n", 0,
			func(t *testing.T, m *Message) {
				if m.NumVia() != 3 {
					t.Errorf("NumVia %d", m.NumVia())
				}
				v := m.Via()
				eq(t, "sent-by", v.SentBy, "h1")
				eq(t, "rport", v.RPort, "5060")
				eq(t, "received", v.Received, "10.0.0.1")
			}},
		{"rport without value", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=b6\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x6\r\nCSeq: 6 INVITE\r\n\r\n", 0,
			func(t *testing.T, m *Message) {
				v := m.Via()
				if v.RPort == nil || len(v.RPort) != 0 {
					t.Errorf("rport %q, want empty non-nil", v.RPort)
				}
				eq(t, "sent-by", v.SentBy, "[2001:db8::1]:5060")
				if v.Received != nil {
					t.Errorf("received %q, want nil", v.Received)
				}
			}},
		{"duplicate single-value header keeps the first", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=b7\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: first\r\nCall-ID: second\r\ni: third\r\nCSeq: 7 INVITE\r\n\r\n", DefectDuplicate,
			func(t *testing.T, m *Message) { eq(t, "call-id", m.CallID(), "first") }},
		{"line without colon", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=b8\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x8\r\nCSeq: 8 INVITE\r\nthis is not a header\r\n\r\n", DefectHeaderSyntax, nil},
		{"continuation before any header", "SIP/2.0 200 OK\r\n folded\r\nVia: SIP/2.0/UDP h;branch=b9\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x9\r\nCSeq: 9 INVITE\r\n\r\n", DefectFolding, nil},
		{"bad CSeq number", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=b\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x\r\nCSeq: one INVITE\r\n\r\n", DefectCSeq,
			func(t *testing.T, m *Message) { cseq(t, m, 0, "INVITE") }},
		{"bad Content-Length", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=b\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 1x\r\n\r\nbody", DefectContentLength,
			func(t *testing.T, m *Message) {
				if _, ok := m.ContentLength(); ok {
					t.Error("ContentLength ok")
				}
				eq(t, "body", m.Body(), "body")
			}},
		{"Content-Length over the limit", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=b\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nl: 16777217\r\n\r\n", DefectContentLength, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m Message
			if err := m.Parse([]byte(tc.msg)); err != nil {
				t.Fatal(err)
			}
			if m.Defects() != tc.defects {
				t.Errorf("defects %v, want %v", m.Defects(), tc.defects)
			}
			if tc.check != nil {
				tc.check(t, &m)
			}
		})
	}
}

func TestStatusLine(t *testing.T) {
	const rest = "\r\nVia: SIP/2.0/UDP h;branch=b\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n"
	tests := []struct {
		line   string
		err    error
		code   int
		reason string
	}{
		{"SIP/2.0 200 OK", nil, 200, "OK"},
		{"SIP/2.0 100 ", nil, 100, ""},
		{"SIP/2.0 180", nil, 180, ""},
		{"SIP/2.0 486  Busy  Here ", nil, 486, " Busy  Here "},
		{"SIP/2.0  404 Not Found", nil, 404, "Not Found"},
		{"SIP/2.0 403 Запрещено", nil, 403, "Запрещено"},
		{"SIP/2.0 480 暂时无法接通", nil, 480, "暂时无法接通"},
		{"SIP/2.0 699 x", nil, 699, "x"},
		{"sip/2.0 200 OK", nil, 200, "OK"},
		{"SIP/2.0 099 Low", malformedErr, 0, ""},
		{"SIP/2.0 700 High", malformedErr, 0, ""},
		{"SIP/2.0 2000 Long", malformedErr, 0, ""},
		{"SIP/2.0 20 Short", malformedErr, 0, ""},
		{"SIP/2.0 abc OK", malformedErr, 0, ""},
		{"SIP/2.0", malformedErr, 0, ""},
		{"SIP/x.y 200 OK", ErrNotSIP, 0, ""},
		{"HTTP/1.1 200 OK", ErrNotSIP, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			var m Message
			checkErr(t, m.Parse([]byte(tc.line+rest)), tc.err)
			if tc.err != nil {
				return
			}
			if m.StatusCode() != tc.code || string(m.ReasonPhrase()) != tc.reason || m.IsRequest() {
				t.Errorf("code %d reason %q request %v", m.StatusCode(), m.ReasonPhrase(), m.IsRequest())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, msg string
		err       error
	}{
		{"empty", "", ErrNotSIP},
		{"only CRLF", "\r\n\r\n", ErrNotSIP},
		{"HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", ErrNotSIP},
		{"HTTP response", "HTTP/1.1 200 OK\r\n\r\n", ErrNotSIP},
		{"binary", "\x80\x00\x12\x34\x00\x00\x00\x01", ErrNotSIP},
		{"TLS", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", ErrNotSIP},
		{"no request URI", "INVITE SIP/2.0\r\n\r\n", malformedErr},
		{"start line only", "INVITE sip:a@b SIP/2.0", ErrTruncated},
		{"headers cut", "INVITE sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 INV", ErrTruncated},
		{"no empty line", "INVITE sip:a@b SIP/2.0\r\nCall-ID: x\r\n", ErrTruncated},
		{"leading CRLF", "\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\n\r\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m Message
			checkErr(t, m.Parse([]byte(tc.msg)), tc.err)
		})
	}
	var m Message
	err := m.Parse([]byte("SIP/2.0 2x0 OK\r\n\r\n"))
	var me *MalformedError
	if !errors.As(err, &me) || me.Offset != 8 || !strings.Contains(err.Error(), "status line") {
		t.Errorf("error %v (%#v)", err, me)
	}
	// Fields read before truncation stay available.
	if err := m.Parse([]byte("INVITE sip:a@b SIP/2.0\r\nCall-ID: kept\r\nCSeq: 1")); err != ErrTruncated {
		t.Fatal(err)
	}
	eq(t, "call-id", m.CallID(), "kept")
	if m.Body() != nil {
		t.Errorf("body %q on a truncated message", m.Body())
	}
}

func TestReasonWarningAndScalars(t *testing.T) {
	msg := crlf(`SIP/2.0 403 Forbidden
Via: SIP/2.0/UDP h;branch=b
From: sip:a@b;tag=1
To: sip:a@b;tag=2
Call-ID: x
CSeq: 1 INVITE
Reason: Q.850 ;cause=21 ;text="Call Rejected, by user"
Reason: SIP;cause=403;text="Forbidden", STIR;cause=438;text="Invalid Identity Header"
Warning: 399 sbc.example.com:5060 "Caller \"blocked\"", 370 devnull "Choose a bigger pipe"
Retry-After: 120 (maintenance);duration=3600
Expires: 3600
Min-Expires: 60
User-Agent: softphone/1.2 (linux)
Server: Example SBC 4.0
Proxy-Authorization: Digest username="a"
Proxy-Authenticate: Digest realm="voip.example.net", nonce="1", stale=true
Max-Forwards: 0

`)
	var m Message
	if err := m.Parse([]byte(msg)); err != nil {
		t.Fatal(err)
	}
	if m.Defects() != 0 {
		t.Errorf("defects %v", m.Defects())
	}
	wantReasons := []struct {
		proto string
		cause int
		text  string
	}{{"Q.850", 21, "Call Rejected, by user"}, {"SIP", 403, "Forbidden"}, {"STIR", 438, "Invalid Identity Header"}}
	if m.NumReasons() != len(wantReasons) {
		t.Fatalf("NumReasons %d", m.NumReasons())
	}
	for i, w := range wantReasons {
		r := m.Reason(i)
		if string(r.Protocol) != w.proto || r.Cause != w.cause || string(r.Text) != w.text {
			t.Errorf("Reason(%d) = %q %d %q", i, r.Protocol, r.Cause, r.Text)
		}
	}
	if m.NumWarnings() != 2 {
		t.Fatalf("NumWarnings %d", m.NumWarnings())
	}
	w := m.Warning(0)
	if w.Code != 399 || string(w.Agent) != "sbc.example.com:5060" || string(w.Text) != `Caller \"blocked\"` {
		t.Errorf("Warning(0) = %d %q %q", w.Code, w.Agent, w.Text)
	}
	if w := m.Warning(1); w.Code != 370 || string(w.Text) != "Choose a bigger pipe" {
		t.Errorf("Warning(1) = %d %q %q", w.Code, w.Agent, w.Text)
	}
	for _, c := range []struct {
		name string
		f    func() (int, bool)
		want int
	}{{"Retry-After", m.RetryAfter, 120}, {"Expires", m.Expires, 3600}, {"Min-Expires", m.MinExpires, 60}, {"Max-Forwards", m.MaxForwards, 0}} {
		if v, ok := c.f(); !ok || v != c.want {
			t.Errorf("%s = %d %v, want %d", c.name, v, ok, c.want)
		}
	}
	eq(t, "user-agent", m.UserAgent(), "softphone/1.2 (linux)")
	eq(t, "server", m.Server(), "Example SBC 4.0")
	if !m.HasAuthorization() {
		t.Error("Proxy-Authorization not seen")
	}
	realm, stale, ok := m.Challenge()
	if !ok || !stale || string(realm) != "voip.example.net" {
		t.Errorf("Challenge() = %q %v %v", realm, stale, ok)
	}
	if r := m.Reason(3); r.Protocol != nil || m.Warning(-1).Code != 0 {
		t.Error("out-of-range index returned a value")
	}
	if _, ok := m.ContentLength(); ok {
		t.Error("ContentLength ok without the header")
	}
	// Absent values.
	var m2 Message
	if err := m2.Parse([]byte(crlf(rfc3261Flow[4].msg))); err != nil {
		t.Fatal(err)
	}
	if m2.NumReasons() != 0 || m2.NumWarnings() != 0 || m2.UserAgent() != nil || m2.HasAuthorization() {
		t.Error("values reported on a message without them")
	}
	if _, _, ok := m2.Challenge(); ok {
		t.Error("Challenge ok without the header")
	}
	if _, ok := m2.RetryAfter(); ok {
		t.Error("RetryAfter ok without the header")
	}
}

func TestHeaderIteration(t *testing.T) {
	var m Message
	if err := m.Parse([]byte(crlf(rfc3261Flow[2].msg))); err != nil {
		t.Fatal(err)
	}
	want := []string{"Via", "Max-Forwards", "To", "From", "Call-ID", "CSeq", "Contact", "Content-Type", "Content-Length"}
	if m.NumHeaders() != len(want) {
		t.Fatalf("NumHeaders %d", m.NumHeaders())
	}
	for i, w := range want {
		name, value := m.HeaderAt(i)
		if string(name) != w || len(value) == 0 {
			t.Errorf("HeaderAt(%d) = %q %q", i, name, value)
		}
	}
	if n, v := m.HeaderAt(len(want)); n != nil || v != nil {
		t.Error("HeaderAt past the end")
	}
	eq(t, "header", m.Header("contact"), "<sip:alice@pc33.atlanta.com>")
	eq(t, "header", m.Header("m"), "<sip:alice@pc33.atlanta.com>")
	if m.Header("X-Missing") != nil {
		t.Error("absent header found")
	}
}

func TestTooManyHeaders(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=b\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&sb, "X-H%d: %d\r\n", i, i)
	}
	sb.WriteString("Content-Length: 4\r\nX-Late: late\r\n\r\nbody")
	var m Message
	if err := m.Parse([]byte(sb.String())); err != nil {
		t.Fatal(err)
	}
	if m.Defects() != DefectTooMany || m.NumHeaders() != MaxHeaders {
		t.Errorf("defects %v, %d headers", m.Defects(), m.NumHeaders())
	}
	// Known headers past the limit are still decoded.
	eq(t, "body", m.Body(), "body")
	if m.Header("X-Late") != nil {
		t.Error("header past the limit stored")
	}
}

func TestReuse(t *testing.T) {
	var m Message
	if err := m.Parse([]byte(crlf(rfc3261Flow[1].msg))); err != nil {
		t.Fatal(err)
	}
	if err := m.Parse([]byte(crlf(rfc3261Flow[4].msg))); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := m.Challenge(); ok || m.StatusCode() != 0 || m.ReasonPhrase() != nil || m.ToTag() == nil {
		t.Error("state of the previous message leaked")
	}
}

func TestDefectString(t *testing.T) {
	if s := Defect(0).String(); s != "none" {
		t.Error(s)
	}
	if s := (DefectCSeq | DefectVia).String(); s != "cseq|via" {
		t.Error(s)
	}
	if s := (DefectFolding << 1).String(); s != "unknown" {
		t.Error(s)
	}
	if len(defectNames) != 18 || defectEnd != 1<<18 {
		t.Error("defectNames out of step with the constants")
	}
}

func TestErrorLeavesEmptyMessage(t *testing.T) {
	var m Message
	if err := m.Parse([]byte(crlf(rfc3261Flow[2].msg))); err != nil {
		t.Fatal(err)
	}
	if err := m.Parse([]byte("INVITE sip:a@b HTTP/1.1\r\n\r\n")); err != ErrNotSIP {
		t.Fatal(err)
	}
	if m.IsRequest() || m.Method() != nil || m.CallID() != nil || m.NumHeaders() != 0 || m.Body() != nil {
		t.Error("fields visible after ErrNotSIP")
	}
}

func TestReasonWarningDefects(t *testing.T) {
	const base = "SIP/2.0 480 Temporarily Unavailable\r\nVia: SIP/2.0/UDP h;branch=b\r\nFrom: sip:a@b;tag=1\r\nTo: sip:a@b;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
	tests := []struct {
		name, headers string
		defects       Defect
		reasons       int
		warnings      int
	}{
		{"reason without protocol", "Reason: ;cause=1\r\n", DefectReason, 0, 0},
		{"reason cause not a number", "Reason: Q.850;cause=abc\r\n", DefectReason, 1, 0},
		{"reason unterminated text", "Reason: SIP;cause=480;text=\"open\r\n", DefectReason, 0, 0},
		{"reason without cause", "Reason: SIP;text=\"x\"\r\n", 0, 1, 0},
		{"warning code of 4 digits", "Warning: 3990 h \"x\"\r\n", DefectWarning, 0, 0},
		{"warning without text", "Warning: 399 h\r\n", DefectWarning, 0, 0},
		{"warning text unquoted", "Warning: 399 h text\r\n", DefectWarning, 0, 0},
		{"too many reasons", strings.Repeat("Reason: Q.850;cause=16\r\n", MaxValues+2), DefectTooMany, MaxValues, 0},
		{"too many warnings", strings.Repeat("Warning: 399 h \"x\", 370 h \"y\"\r\n", MaxValues), DefectTooMany, 0, MaxValues},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m Message
			if err := m.Parse([]byte(base + tc.headers + "\r\n")); err != nil {
				t.Fatal(err)
			}
			if m.Defects() != tc.defects || m.NumReasons() != tc.reasons || m.NumWarnings() != tc.warnings {
				t.Errorf("defects %v reasons %d warnings %d; want %v %d %d", m.Defects(), m.NumReasons(), m.NumWarnings(), tc.defects, tc.reasons, tc.warnings)
			}
			if tc.name == "reason without cause" && m.Reason(0).Cause != -1 {
				t.Errorf("cause %d, want -1", m.Reason(0).Cause)
			}
		})
	}
}
