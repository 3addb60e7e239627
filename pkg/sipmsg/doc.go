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
// go test -bench . -benchmem -count 3 on the project's 2-core machine (amd64, Go 1.26), median
// of three runs while the machine was otherwise idle. cpu-ns/op, the process CPU time per
// message, is reported beside ns/op because the machine is shared: when it is busy,
// wall-clock ns/op grows by a factor of two to four while cpu-ns/op moves less. Every Parse
// benchmark makes 0 allocations. sipgo v1.7.2 (sip.Parser.ParseSIP, its limit raised to
// accept the 64 KiB body) parses the same bytes in the BenchmarkSipgo... benchmarks.
//
//	message (bytes)               sipmsg ns/op  MB/s     sipgo ns/op  MB/s   sipgo B/op allocs  ratio
//	100 Trying (297)                    360       826       2035       146       1620    21    5.7x
//	INVITE with SDP (844)               554      1524       3534       239       3208    45    6.4x
//	403, Reason, Warning (501)          650       770       3620       138       2032    38    5.6x
//	100 Via headers (9092)             2529      3595      73809       123      35682   423     29x
//	MESSAGE, 64 KiB body (65844)        417    157808      37293      1766      67296    27     89x
//
// Sniff takes about 47 ns on the INVITE's start line and Frame about 190 ns on the INVITE
// (4.4 GB/s), both without allocating. The long messages pass the 1 GB/s target; the short
// responses (360 ns for 100 Trying, 650 ns for the 403) miss the 250 ns target: the cost
// is per header line (finding the line end, the name, decoding From, To, Via and CSeq
// eagerly so that Defects is complete after Parse).
//
// The body is located, not read, so long bodies cost nothing; a long header section is read
// once, line by line.
package sipmsg
