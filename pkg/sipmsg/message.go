package sipmsg

import (
	"bytes"
	"math"
)

// Limits on what a Message stores. Parse never grows anything: headers, Reason values and
// Warning values beyond these counts are counted as DefectTooMany and dropped.
const (
	// MaxHeaders is the number of header fields a Message stores for HeaderAt and Header.
	// Typed accessors still see the known headers that come after the limit.
	MaxHeaders = 256
	// MaxValues is the number of Reason values and of Warning values a Message stores.
	MaxValues = 16
)

// span is a half-open byte range [s, e) of the parsed buffer. The zero span means absent:
// offset 0 always belongs to the start line, so no header value can start there.
type span struct{ s, e int32 }

func mkspan(s, e int) span { return span{int32(s), int32(e)} }

type header struct {
	name, value span
	id          hdrID
}

// Via is the decoded top Via header value. Absent parameters are nil; a parameter present
// without a value (";rport") is an empty, non-nil slice.
type Via struct {
	Transport []byte // "UDP", "TCP", "TLS", "WS", ... as written
	SentBy    []byte // host[:port]
	Branch    []byte
	Received  []byte
	RPort     []byte
}

type viaSpans struct{ transport, sentBy, branch, received, rport span }

type addr struct{ uri, tag span }

// ReasonValue is one value of a Reason header (RFC 3326), e.g. Q.850;cause=16;text="Normal".
type ReasonValue struct {
	Protocol []byte // "SIP", "Q.850", "STIR", ... as written
	Cause    int    // -1 when the value has no cause parameter
	Text     []byte // the text parameter without its quotes; escapes are left as written
}

type reasonSpans struct {
	protocol, text span
	cause          int32
}

// WarningValue is one value of a Warning header (RFC 3261 section 20.43).
type WarningValue struct {
	Code  int
	Agent []byte
	Text  []byte // without its quotes; escapes are left as written
}

type warningSpans struct {
	agent, text span
	code        int32
}

// fields holds everything Parse resets; the large arrays of Message are overwritten in place.
type fields struct {
	request  bool
	method   span
	uri      span
	version  span
	reason   span
	code     int32
	nh       int32
	nVia     int32
	nReason  int32
	nWarning int32
	present  uint64 // bit per hdrID; says which entries of Message.first belong to this parse
	body     span
	defects  Defect

	cseqNum    uint32
	cseqMethod span
	from, to   addr
	via        viaSpans

	maxForwards, contentLength, retryAfter, expires, minExpires int32 // -1 when absent or invalid
	realm                                                       span
	stale, challenge, auth                                      bool
	decoded                                                     bool // decode has run for this parse
}

// Message is a parsed SIP message. It holds only offsets into the buffer given to Parse, in
// fixed-size arrays, so one Message value can be reused for any number of messages without
// allocating. The zero value is an empty message ready for Parse.
//
// Every []byte an accessor returns is a sub-slice of the buffer passed to Parse: it is valid
// only until the next call to Parse and only while the caller does not modify that buffer.
// Copy what must outlive it. A Message is not safe for concurrent use, not even by readers
// only: the first accessor call after Parse decodes the known headers into the Message.
type Message struct {
	b        []byte
	f        fields
	err      MalformedError
	first    [hdrCount]span // value of the first header of each known kind, when present
	hdr      [MaxHeaders]header
	reasons  [MaxValues]reasonSpans
	warnings [MaxValues]warningSpans
}

// Parse reads the start line and header section of b and locates the body. It returns nil
// when both are readable; defects inside single headers are not fatal (see Defects). The
// values of the known headers are decoded later, by the first accessor that needs them.
// Errors: ErrNotSIP when b does not begin with a SIP start line (leading CR/LF are skipped),
// ErrTruncated when b ends before the empty line that closes the header section (the fields
// read so far stay available; Body is nil), ErrTooLarge for a buffer of 2 GiB or more, and a
// *MalformedError for a start line that looks like SIP but cannot be read. The returned
// *MalformedError belongs to m and is overwritten by the next Parse, so Parse never allocates.
func (m *Message) Parse(b []byte) error {
	m.b = b
	m.reset()
	if len(b) >= math.MaxInt32 {
		m.b = nil
		return ErrTooLarge
	}
	p := 0
	for p < len(b) && (b[p] == '\r' || b[p] == '\n') {
		p++
	}
	if p == len(b) {
		return ErrNotSIP
	}
	lf := bytes.IndexByte(b[p:], '\n')
	end, next := len(b), -1
	if lf >= 0 {
		end, next = p+lf, p+lf+1
	}
	if end > p && b[end-1] == '\r' {
		end--
	}
	if err := m.parseStartLine(p, end); err != nil {
		m.reset() // nothing half-read stays visible
		return err
	}
	if next < 0 {
		return ErrTruncated
	}
	return m.parseHeaders(next)
}

// reset empties the fields Parse fills; the arrays are overwritten as needed.
func (m *Message) reset() {
	m.f = fields{maxForwards: -1, contentLength: -1, retryAfter: -1, expires: -1, minExpires: -1}
}

func (m *Message) malformed(what string, off int) error {
	m.err = MalformedError{What: what, Offset: off}
	return &m.err
}

// parseStartLine reads b[s:e], the first line without its line ending.
func (m *Message) parseStartLine(s, e int) error {
	b := m.b
	line := b[s:e]
	if len(line) >= 4 && eqLower(line[:4], "sip/") {
		return m.parseStatusLine(s, e)
	}
	// Request-Line = Method SP Request-URI SP SIP-Version
	i := s + skipToken(line, 0)
	if i == s || i == e || b[i] != ' ' {
		return ErrNotSIP
	}
	m.f.request = true
	m.f.method = mkspan(s, i)
	ve := e
	for ve > i && (b[ve-1] == ' ' || b[ve-1] == '\t') {
		ve--
	}
	if ve < e {
		m.f.defects |= DefectRequestLine // trailing whitespace
	}
	vs := bytes.LastIndexByte(b[i:ve], ' ')
	if vs < 0 {
		return ErrNotSIP
	}
	vs += i + 1
	if !m.version(vs, ve) {
		return ErrNotSIP
	}
	us, ue := i+1, vs-1
	if us > ue {
		return m.malformed("request line: no Request-URI", i)
	}
	if b[us] == ' ' || (ue > us && b[ue-1] == ' ') {
		m.f.defects |= DefectRequestLine
	}
	for us < ue && b[us] == ' ' {
		us++
	}
	for ue > us && b[ue-1] == ' ' {
		ue--
	}
	if us == ue {
		return m.malformed("request line: no Request-URI", us)
	}
	m.f.uri = mkspan(us, ue)
	m.checkRequestURI(b[us:ue])
	return nil
}

// version records b[s:e] as the SIP version; false when it is not "SIP/" digits "." digits.
func (m *Message) version(s, e int) bool {
	v := m.b[s:e]
	if len(v) < 7 || !eqLower(v[:4], "sip/") {
		return false
	}
	_, i, ok := parseUint(v, 4, 1000)
	if !ok || i >= len(v) || v[i] != '.' {
		return false
	}
	if _, i, ok = parseUint(v, i+1, 1000); !ok || i != len(v) {
		return false
	}
	m.f.version = mkspan(s, e)
	if string(v[4:]) != "2.0" {
		m.f.defects |= DefectVersion
	}
	return true
}

func (m *Message) checkRequestURI(u []byte) {
	if u[0] == '<' || bytes.IndexByte(u, ' ') >= 0 || bytes.IndexByte(u, '\t') >= 0 {
		m.f.defects |= DefectRequestURI
		return
	}
	colon := bytes.IndexByte(u, ':')
	if colon <= 0 || skipToken(u[:colon], 0) != colon {
		m.f.defects |= DefectRequestURI
		return
	}
	if eqLower(u[:colon], "sip") || eqLower(u[:colon], "sips") {
		// A header part is not allowed in a Request-URI (RFC 3261 section 19.1.5); '?' may
		// appear unescaped in the user part, so look only after the last '@'.
		host := u[colon+1:]
		if at := bytes.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
		if bytes.IndexByte(host, '?') >= 0 {
			m.f.defects |= DefectRequestURI
		}
	}
}

// parseStatusLine reads Status-Line = SIP-Version SP Status-Code SP Reason-Phrase.
// The reason phrase is everything after the space that follows the code, kept as written
// (it may be empty, contain any UTF-8 text or extra spaces).
func (m *Message) parseStatusLine(s, e int) error {
	b := m.b
	sp := bytes.IndexByte(b[s:e], ' ')
	if sp < 0 {
		if !m.version(s, e) {
			return ErrNotSIP
		}
		return m.malformed("status line: no status code", e)
	}
	if !m.version(s, s+sp) {
		return ErrNotSIP
	}
	i := s + sp + 1
	for i < e && b[i] == ' ' {
		i++
	}
	code, ce, ok := parseUint(b[:e], i, 1000)
	if !ok || ce-i != 3 || (ce < e && b[ce] != ' ') {
		return m.malformed("status line: code not 3 digits", i)
	}
	if code < 100 || code > 699 {
		return m.malformed("status line: code outside 100-699", i)
	}
	m.f.code = int32(code)
	rs := ce
	if rs < e {
		rs++
	}
	m.f.reason = mkspan(rs, e)
	return nil
}

// parseHeaders reads header lines from p up to the empty line, then locates the body.
func (m *Message) parseHeaders(p int) error {
	b := m.b
	for {
		if p >= len(b) {
			m.finish(len(b), false)
			return ErrTruncated
		}
		c := b[p]
		if c == '\n' || (c == '\r' && p+1 < len(b) && b[p+1] == '\n') {
			if c == '\r' {
				p++
			}
			m.finish(p+1, true)
			return nil
		}
		if c == ' ' || c == '\t' {
			// A continuation line with no header before it.
			m.f.defects |= DefectFolding
			_, p = lineEnd(b, p)
			continue
		}
		// field-name, optional white space, colon: one pass over the name finds the colon.
		ne := p
		for ne < len(b) && isToken[b[ne]] {
			ne++
		}
		colon := ne
		for colon < len(b) && (b[colon] == ' ' || b[colon] == '\t') {
			colon++
		}
		if ne == p || colon == len(b) || b[colon] != ':' {
			m.f.defects |= DefectHeaderSyntax
			_, p = lineEnd(b, p)
			continue
		}
		id := lookupToken(b, p, ne)
		end, next := len(b), len(b)
		if lf := bytes.IndexByte(b[colon+1:], '\n'); lf >= 0 {
			end, next = colon+1+lf, colon+2+lf
		}
		if end > colon+1 && b[end-1] == '\r' {
			end--
		}
		for next < len(b) && (b[next] == ' ' || b[next] == '\t') {
			// Obsolete line folding: the line continues the header value.
			end, next = lineEnd(b, next)
		}

		// Store the field and note what Parse must know at once: presence and duplicates here,
		// the rest in eager.
		vs, ve := trimLWS(b, colon+1, end)
		h := header{name: mkspan(p, ne), value: mkspan(vs, ve), id: id}
		p = next
		stored := m.f.nh < MaxHeaders
		if stored {
			m.hdr[m.f.nh] = h
			m.f.nh++
		} else {
			m.f.defects |= DefectTooMany
		}
		if id == hdrOther {
			continue
		}
		bit := uint64(1) << id
		firstOne := m.f.present&bit == 0
		if firstOne {
			m.f.present |= bit
			m.first[id] = h.value
		} else if singleValue[id] {
			m.f.defects |= DefectDuplicate
		}
		if id == hdrVia {
			m.f.nVia += int32(countValues(b[vs:ve]))
		}
		if bit&eagerKinds != 0 || !stored {
			m.eager(h, firstOne, stored)
		}
	}
}

// lineEnd returns the end of the line holding b[p] without its CR LF or LF, and the start of
// the next line (len(b) when the line has no line feed: the message is cut there).
func lineEnd(b []byte, p int) (end, next int) {
	lf := bytes.IndexByte(b[p:], '\n')
	if lf < 0 {
		end, next = len(b), len(b)
	} else {
		end, next = p+lf, p+lf+1
	}
	if end > p && b[end-1] == '\r' {
		end--
	}
	return end, next
}

// eagerKinds are the known headers eager reads at once: Content-Length frames the body; the
// authorization flag is cheap. (The Via values are counted in parseHeaders.)
const eagerKinds = 1<<hdrContentLength | 1<<hdrAuthorization | 1<<hdrProxyAuthorization

// eager handles a known header Parse must read at once (eagerKinds) and any known header past
// MaxHeaders (stored is false): those are not kept for decode. firstOne tells whether it is
// the first of its kind. The other known headers are decoded by decode, on first use.
func (m *Message) eager(h header, firstOne, stored bool) {
	s, e := int(h.value.s), int(h.value.e)
	switch h.id {
	case hdrContentLength:
		if firstOne {
			n, i, ok := parseUint(m.b[s:e], 0, MaxBodyBytes+1)
			if !ok || i != e-s {
				m.f.defects |= DefectContentLength
			} else {
				m.f.contentLength = int32(n)
			}
		}
	case hdrAuthorization, hdrProxyAuthorization:
		m.f.auth = true
	}
	if !stored {
		// Decode what came before, in order, then this header at once, and so every later one.
		before := m.f.decoded
		m.decode() // reads this header too when it is the first of its kind
		if before || (1<<h.id)&everyValue != 0 {
			m.decodeHeader(h, firstOne)
		}
	}
}

// decoded returns m.f after decoding the known headers if that was not done yet for this
// parse. Every accessor of a decoded field goes through it.
func (m *Message) decoded() *fields {
	if !m.f.decoded {
		m.decode()
	}
	return &m.f
}

// Known headers decode reads every value of, in message order; of the others only the first
// value counts.
const everyValue = 1<<hdrReason | 1<<hdrWarning | 1<<hdrWWWAuthenticate | 1<<hdrProxyAuthenticate

// decode decodes the known headers: what the typed accessors return and the defects found
// inside header values. It runs once per parse, on the first call of an accessor that needs it.
func (m *Message) decode() {
	if m.f.decoded {
		return
	}
	m.f.decoded = true
	pr := m.f.present
	if pr&(1<<hdrVia) != 0 {
		m.parseVia(m.firstValue(hdrVia))
	}
	if pr&(1<<hdrCSeq) != 0 {
		m.parseCSeq(m.firstValue(hdrCSeq))
	}
	if pr&(1<<hdrFrom) != 0 {
		m.f.from = m.parseAddr(m.firstValue(hdrFrom))
	}
	if pr&(1<<hdrTo) != 0 {
		m.f.to = m.parseAddr(m.firstValue(hdrTo))
	}
	if pr&(1<<hdrMaxForwards|1<<hdrExpires|1<<hdrMinExpires|1<<hdrRetryAfter) != 0 {
		for _, id := range [...]hdrID{hdrMaxForwards, hdrExpires, hdrMinExpires, hdrRetryAfter} {
			if pr&(1<<id) != 0 {
				m.decodeHeader(header{value: m.first[id], id: id}, true)
			}
		}
	}
	if pr&everyValue != 0 {
		for i := 0; i < int(m.f.nh); i++ {
			if h := &m.hdr[i]; (1<<h.id)&everyValue != 0 {
				m.decodeHeader(*h, false)
			}
		}
	}
	m.checkCSeqMethod()
}

// firstValue returns the value of the first header of kind id and its offset.
func (m *Message) firstValue(id hdrID) ([]byte, int) {
	sp := m.first[id]
	return m.b[sp.s:sp.e], int(sp.s)
}

// decodeHeader decodes one known header; firstOne tells whether it is the first of its kind.
func (m *Message) decodeHeader(h header, firstOne bool) {
	s, e := int(h.value.s), int(h.value.e)
	v := m.b[s:e]
	switch h.id {
	case hdrReason:
		m.parseReasons(v, s)
		return
	case hdrWarning:
		m.parseWarnings(v, s)
		return
	case hdrWWWAuthenticate, hdrProxyAuthenticate:
		if !m.f.challenge {
			m.parseChallenge(v, s)
		}
		return
	}
	if !firstOne {
		return
	}
	switch h.id {
	case hdrVia:
		m.parseVia(v, s)
	case hdrCSeq:
		m.parseCSeq(v, s)
	case hdrMaxForwards:
		n, i, ok := parseUint(v, 0, 256)
		if !ok || i != len(v) {
			m.f.defects |= DefectMaxForwards
		} else {
			m.f.maxForwards = int32(n)
		}
	case hdrExpires:
		m.f.expires = m.delta(v)
	case hdrMinExpires:
		m.f.minExpires = m.delta(v)
	case hdrRetryAfter:
		m.f.retryAfter = m.delta(v) // the value may go on with a comment and parameters
	case hdrFrom:
		m.f.from = m.parseAddr(v, s)
	case hdrTo:
		m.f.to = m.parseAddr(v, s)
	}
}

// checkCSeqMethod records DefectCSeqMethod for a request whose CSeq method differs from the
// request-line method. It only ever adds the defect, so running it again later is harmless.
func (m *Message) checkCSeqMethod() {
	if m.f.request && m.f.present&(1<<hdrCSeq) != 0 && m.f.cseqMethod.e > m.f.cseqMethod.s &&
		!bytes.Equal(m.get(m.f.cseqMethod), m.get(m.f.method)) {
		m.f.defects |= DefectCSeqMethod
	}
}

// delta reads delta-seconds at the start of v (what follows, such as a Retry-After comment or
// parameters, is not checked). It returns -1 and records DefectNumber when there is no number
// or it does not fit 31 bits.
func (m *Message) delta(v []byte) int32 {
	n, i, ok := parseUint(v, 0, math.MaxInt32+1)
	if !ok || (i < len(v) && !isLWS(v[i]) && v[i] != ';' && v[i] != '(') {
		m.f.defects |= DefectNumber
		return -1
	}
	return int32(n)
}

// finish runs the checks that need the whole header section and locates the body at p.
// complete is false when the header section was cut short.
func (m *Message) finish(p int, complete bool) {
	const required = 1<<hdrVia | 1<<hdrFrom | 1<<hdrTo | 1<<hdrCallID | 1<<hdrCSeq
	if complete && m.f.present&required != required {
		m.f.defects |= DefectMissingHeader
	}
	if m.f.decoded {
		m.checkCSeqMethod() // decoding began before the end (more than MaxHeaders headers)
	}
	if !complete {
		return
	}
	e := len(m.b)
	if cl := int(m.f.contentLength); cl >= 0 {
		if p+cl <= e {
			e = p + cl
		} else {
			m.f.defects |= DefectBodyTruncated
		}
	}
	m.f.body = mkspan(p, e)
}

// get returns the bytes of sp, nil for the zero span, with capacity cut to the span so an
// append by the caller cannot overwrite the buffer.
func (m *Message) get(sp span) []byte {
	if sp == (span{}) {
		return nil
	}
	return m.b[sp.s:sp.e:sp.e]
}
