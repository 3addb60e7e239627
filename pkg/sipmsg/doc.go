// Package sipmsg parses SIP messages (RFC 3261) without allocating and frames them in
// stream transports.
//
// # Parsing
//
// A Message keeps offsets into the parsed buffer in fixed-size arrays, so one value can be
// reused for every packet of a capture and Parse never allocates, whatever the input:
//
//	var m sipmsg.Message
//	for _, payload := range payloads {
//		if err := m.Parse(payload); err != nil {
//			continue // ErrNotSIP, ErrTruncated, ErrTooLarge or *MalformedError
//		}
//		num, method := m.CSeq() // sub-slices of payload, valid until the next Parse
//		...
//	}
//
// Accessors return sub-slices of the buffer passed to Parse. Like the parsers of
// Prometheus' textparse package, they stay valid only until the next call to Parse, and only
// while the buffer is not modified; copy what must outlive them. Absent values are nil.
//
// Parse reads the start line (request or status line: a code in 100-699 and a reason phrase
// kept as written, which may be empty, in any language, or hold extra spaces) and the header
// section: names without regard to case, every compact form (i f t v l c m k s e o r u x y
// j a b d), repeated headers and comma-separated values, obsolete line folding, LF-only line
// ends, white space around the colon. What is wrong inside a single header does not stop
// it: Defects reports a bit per kind of problem, and the accessors keep the first value of a
// duplicated single-value header. MaxHeaders headers and MaxValues Reason and Warning values
// are stored; more are counted as DefectTooMany.
//
// # Finding SIP
//
// Sniff tells cheaply whether bytes begin a SIP/2.0 start line, so SIP can be found on any
// port; HTTP, RTP, STUN, TLS and other binary data fail on their first bytes. Frame splits a
// stream buffer into messages by Content-Length, skips CRLF keep-alives, resynchronises on
// the next start line after garbage, and turns a header section over MaxHeaderBytes or a
// Content-Length over MaxBodyBytes into an error instead of a growing buffer.
//
// # Speed
//
// Measured with go test -bench . -benchmem on the project's 2-core machine while other
// work shared it, so wall-clock figures vary by a factor of two or more between runs;
// cpu-ns/op is the process CPU time per message and moves less. Every Parse benchmark makes
// 0 allocations; sipgo v1.7.2 (sip.Parser.ParseSIP) parses the same bytes for comparison.
//
//	message (bytes)              sipmsg ns/op  cpu-ns/op  MB/s    sipgo ns/op  cpu-ns/op  allocs
//	100 Trying (297)             SEE_TRYING
//	INVITE with SDP (844)        SEE_INVITE
//	403 Reason+Warning (501)     SEE_403
//	100 Via headers (9088)       SEE_VIA
//	MESSAGE, 64 KiB body (65829) SEE_BODY
//
// The body is located, not read, so long bodies cost nothing; a long header section is read
// once, line by line.
package sipmsg
