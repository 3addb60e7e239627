package sipmsg_test

import (
	"fmt"

	"github.com/sipscan/sipscan/pkg/sipmsg"
)

func ExampleMessage_Parse() {
	raw := []byte("SIP/2.0 403 Forbidden\r\n" +
		"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds\r\n" +
		"f: <sip:alice@example.com>;tag=1928301774\r\n" +
		"t: <sip:bob@example.com>;tag=a6c85cf\r\n" +
		"i: a84b4c76e66710\r\n" +
		"CSeq: 314159 INVITE\r\n" +
		"Reason: Q.850;cause=21;text=\"Call Rejected\"\r\n" +
		"l: 0\r\n\r\n")
	var m sipmsg.Message
	if err := m.Parse(raw); err != nil {
		fmt.Println(err)
		return
	}
	num, method := m.CSeq()
	r := m.Reason(0)
	fmt.Printf("%d %s | %s %d %s | %s %s cause=%d\n", m.StatusCode(), m.ReasonPhrase(), m.CallID(), num, method,
		m.Via().Branch, r.Protocol, r.Cause)
	// Output: 403 Forbidden | a84b4c76e66710 314159 INVITE | z9hG4bK776asdhds Q.850 cause=21
}

func ExampleFrame() {
	stream := []byte("\r\n\r\nOPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 2\r\n\r\nhiSIP/2.0 200 OK\r\nCall-ID: 1\r\n")
	for {
		skip, n, err := sipmsg.Frame(stream)
		if err != nil {
			stream = stream[skip:] // resynchronise
			continue
		}
		stream = stream[skip:]
		if n == 0 {
			fmt.Printf("need more bytes, %d buffered\n", len(stream))
			return
		}
		fmt.Printf("message of %d bytes\n", n)
		stream = stream[n:]
	}
	// Output:
	// message of 70 bytes
	// need more bytes, 28 buffered
}
