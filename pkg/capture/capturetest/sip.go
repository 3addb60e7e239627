package capturetest

import (
	"fmt"
	"strings"
)

// Request returns a SIP request with method, Call-ID and CSeq number, a Content-Length
// header and body (which may be empty).
func Request(method, callID string, cseq int, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s sip:bob@example.com SIP/2.0\r\n", method)
	fmt.Fprintf(&b, "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-%s-%d\r\n", callID, cseq)
	b.WriteString("Max-Forwards: 70\r\n")
	fmt.Fprintf(&b, "From: <sip:alice@example.com>;tag=a-%s\r\n", callID)
	b.WriteString("To: <sip:bob@example.com>\r\n")
	fmt.Fprintf(&b, "Call-ID: %s\r\n", callID)
	fmt.Fprintf(&b, "CSeq: %d %s\r\n", cseq, method)
	b.WriteString("Contact: <sip:alice@192.0.2.1:5060>\r\n")
	if body != "" {
		b.WriteString("Content-Type: application/sdp\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return []byte(b.String())
}

// Response returns a SIP response with code and reason to a request with method, Call-ID and
// CSeq number, with Content-Length and body.
func Response(code int, reason, method, callID string, cseq int, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "SIP/2.0 %d %s\r\n", code, reason)
	fmt.Fprintf(&b, "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-%s-%d\r\n", callID, cseq)
	fmt.Fprintf(&b, "From: <sip:alice@example.com>;tag=a-%s\r\n", callID)
	fmt.Fprintf(&b, "To: <sip:bob@example.com>;tag=b-%s\r\n", callID)
	fmt.Fprintf(&b, "Call-ID: %s\r\n", callID)
	fmt.Fprintf(&b, "CSeq: %d %s\r\n", cseq, method)
	if body != "" {
		b.WriteString("Content-Type: application/sdp\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return []byte(b.String())
}

// SDP returns a session description padded with attribute lines to at least size bytes, for
// messages that must be large (fragmented or spread over several TCP segments).
func SDP(size int) string {
	var b strings.Builder
	b.WriteString("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "a=x-pad:%06d\r\n", i)
	}
	return b.String()
}
