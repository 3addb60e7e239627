// Package sipmsg parses SIP messages (RFC 3261) without allocating and frames them in
// stream transports.
//
// A Message keeps offsets into the parsed buffer in fixed-size arrays, so one value can be
// reused for every packet of a capture:
//
//	var m sipmsg.Message
//	for each payload p {
//		if err := m.Parse(p); err != nil { ... }
//		id := m.CallID() // a sub-slice of p, valid until the next Parse
//	}
//
// Accessors return sub-slices of the buffer passed to Parse. They stay valid until the next
// call to Parse, and only while the buffer is not modified; copy what must outlive them.
//
// Sniff tells cheaply whether bytes begin a SIP message, so SIP can be found on any port.
// Frame splits a stream buffer into messages by Content-Length, skips CRLF keep-alives and
// resynchronises on the next start line after garbage.
package sipmsg
