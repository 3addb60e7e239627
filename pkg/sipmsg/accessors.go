package sipmsg

// Accessors. Every []byte result is a sub-slice of the buffer given to Parse, valid until
// the next Parse; nil means absent. The accessors of decoded fields (Defects, CSeq, the From,
// To and Via accessors, Reason, Warning, Challenge, MaxForwards, Expires, MinExpires,
// RetryAfter and their counts) decode the known headers on the first call after Parse and
// keep the result in the Message, so later calls cost a field read.

// Defects returns the non-fatal problems found in the message: by Parse, and inside the
// values of the known headers, which the first call decodes.
func (m *Message) Defects() Defect { return m.decoded().defects }

// IsRequest reports whether the message is a request (false for a response).
func (m *Message) IsRequest() bool { return m.f.request }

// Method returns the request method as written (methods are case-sensitive); nil for a response.
func (m *Message) Method() []byte { return m.get(m.f.method) }

// RequestURI returns the Request-URI of a request; nil for a response.
func (m *Message) RequestURI() []byte { return m.get(m.f.uri) }

// Version returns the SIP version of the start line, normally "SIP/2.0".
func (m *Message) Version() []byte { return m.get(m.f.version) }

// StatusCode returns the status code of a response (100-699); 0 for a request.
func (m *Message) StatusCode() int { return int(m.f.code) }

// ReasonPhrase returns the reason phrase of a response exactly as written after the space
// that follows the status code: it may be empty, hold any UTF-8 text or extra spaces.
func (m *Message) ReasonPhrase() []byte {
	if m.f.request || m.f.code == 0 {
		return nil
	}
	return m.b[m.f.reason.s:m.f.reason.e:m.f.reason.e]
}

// CallID returns the Call-ID (or i) value.
func (m *Message) CallID() []byte { return m.get(m.firstOf(hdrCallID)) }

// CSeq returns the CSeq sequence number and method. num is 0 when the number is invalid
// (see DefectCSeq); method is nil when absent.
func (m *Message) CSeq() (num uint32, method []byte) {
	f := m.decoded()
	return f.cseqNum, m.get(f.cseqMethod)
}

// FromURI returns the URI of the From (or f) header, without angle brackets.
func (m *Message) FromURI() []byte { return m.get(m.decoded().from.uri) }

// FromTag returns the tag parameter of the From header; nil when absent.
func (m *Message) FromTag() []byte { return m.get(m.decoded().from.tag) }

// ToURI returns the URI of the To (or t) header, without angle brackets.
func (m *Message) ToURI() []byte { return m.get(m.decoded().to.uri) }

// ToTag returns the tag parameter of the To header; nil when absent.
func (m *Message) ToTag() []byte { return m.get(m.decoded().to.tag) }

// ViaBranch returns the branch parameter of the top Via value, Via().Branch without building
// the whole Via: a transaction key needs only the branch, and a five-slice result travels
// through memory where one slice stays in registers.
func (m *Message) ViaBranch() []byte { return m.get(m.decoded().via.branch) }

// Via returns the decoded top Via value (first value of the first Via or v header).
func (m *Message) Via() Via {
	v := &m.decoded().via
	return Via{
		Transport: m.get(v.transport),
		SentBy:    m.get(v.sentBy),
		Branch:    m.get(v.branch),
		Received:  m.get(v.received),
		RPort:     m.get(v.rport),
	}
}

// NumVia returns the number of Via values, counting comma-separated values separately.
func (m *Message) NumVia() int { return int(m.f.nVia) }

func optInt(n int32) (int, bool) { return int(n), n >= 0 }

// MaxForwards returns the Max-Forwards value; ok is false when absent or invalid.
func (m *Message) MaxForwards() (int, bool) { return optInt(m.decoded().maxForwards) }

// ContentLength returns the Content-Length (or l) value; ok is false when absent or invalid.
func (m *Message) ContentLength() (int, bool) { return optInt(m.f.contentLength) }

// ContentType returns the Content-Type (or c) value, parameters included.
func (m *Message) ContentType() []byte { return m.get(m.firstOf(hdrContentType)) }

// NumReasons returns the number of stored Reason values (each comma-separated value counts).
func (m *Message) NumReasons() int { return int(m.decoded().nReason) }

// Reason returns the i-th Reason value, 0 <= i < NumReasons(); the zero value otherwise.
func (m *Message) Reason(i int) ReasonValue {
	if i < 0 || i >= int(m.decoded().nReason) {
		return ReasonValue{}
	}
	r := &m.reasons[i]
	return ReasonValue{Protocol: m.get(r.protocol), Cause: int(r.cause), Text: m.get(r.text)}
}

// NumWarnings returns the number of stored Warning values (each comma-separated value counts).
func (m *Message) NumWarnings() int { return int(m.decoded().nWarning) }

// Warning returns the i-th Warning value, 0 <= i < NumWarnings(); the zero value otherwise.
func (m *Message) Warning(i int) WarningValue {
	if i < 0 || i >= int(m.decoded().nWarning) {
		return WarningValue{}
	}
	w := &m.warnings[i]
	return WarningValue{Code: int(w.code), Agent: m.get(w.agent), Text: m.get(w.text)}
}

// RetryAfter returns the delta-seconds of Retry-After; ok is false when absent or invalid.
func (m *Message) RetryAfter() (int, bool) { return optInt(m.decoded().retryAfter) }

// Expires returns the Expires header value; ok is false when absent or invalid.
func (m *Message) Expires() (int, bool) { return optInt(m.decoded().expires) }

// MinExpires returns the Min-Expires value; ok is false when absent or invalid.
func (m *Message) MinExpires() (int, bool) { return optInt(m.decoded().minExpires) }

// UserAgent returns the User-Agent value.
func (m *Message) UserAgent() []byte { return m.get(m.firstOf(hdrUserAgent)) }

// Server returns the Server value.
func (m *Message) Server() []byte { return m.get(m.firstOf(hdrServer)) }

// HasAuthorization reports whether an Authorization or Proxy-Authorization header is present.
func (m *Message) HasAuthorization() bool { return m.f.auth }

// Challenge returns the realm and stale flag of the first WWW-Authenticate or
// Proxy-Authenticate header; ok is false when there is none.
func (m *Message) Challenge() (realm []byte, stale bool, ok bool) {
	f := m.decoded()
	return m.get(f.realm), f.stale, f.challenge
}

// firstOf returns the value span of the first header with the given id; the zero span when
// there is none (first is not cleared by Parse: present says which entries are current).
func (m *Message) firstOf(id hdrID) span {
	if m.f.present&(1<<id) == 0 {
		return span{}
	}
	return m.first[id]
}

// Header returns the value of the first header called name, compared without regard to case,
// a compact form being the same as its long form ("i" finds Call-ID). The value has its
// surrounding white space removed; a folded value keeps its inner line breaks. nil when absent.
func (m *Message) Header(name string) []byte {
	if id := lookupHeader(name); id != hdrOther {
		return m.get(m.firstOf(id))
	}
	for i := 0; i < int(m.f.nh); i++ {
		h := &m.hdr[i]
		if h.id == hdrOther && eqFold(m.b[h.name.s:h.name.e], name) {
			return m.get(h.value)
		}
	}
	return nil
}

// eqFold compares a header name with name, ignoring ASCII case.
func eqFold(b []byte, name string) bool {
	if len(b) != len(name) {
		return false
	}
	for i := range b {
		if lower[b[i]] != lower[name[i]] {
			return false
		}
	}
	return true
}

// NumHeaders returns the number of stored header fields (at most MaxHeaders).
func (m *Message) NumHeaders() int { return int(m.f.nh) }

// HeaderAt returns the name as written and the trimmed value of the i-th header field in
// message order, 0 <= i < NumHeaders(); nil, nil otherwise.
func (m *Message) HeaderAt(i int) (name, value []byte) {
	if i < 0 || i >= int(m.f.nh) {
		return nil, nil
	}
	h := &m.hdr[i]
	return m.b[h.name.s:h.name.e:h.name.e], m.b[h.value.s:h.value.e:h.value.e]
}

// Body returns the message body: Content-Length bytes after the header section, or every
// remaining byte when Content-Length is absent or invalid, or fewer when the buffer ends
// early (DefectBodyTruncated). nil when the header section is incomplete.
func (m *Message) Body() []byte { return m.get(m.f.body) }
