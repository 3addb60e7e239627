package sipmsg

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Decoders for the headers the parser knows. Each gets the trimmed value v and its offset
// base in the buffer, and records spans into m.f.

// parseCSeq reads CSeq = 1*DIGIT LWS Method.
func (m *Message) parseCSeq(v []byte, base int) {
	n, i, ok := parseUint(v, 0, 1<<31)
	if !ok || i == len(v) || !isLWS(v[i]) {
		m.f.defects |= DefectCSeq
		if !ok {
			n = 0
			for i < len(v) && !isLWS(v[i]) {
				i++
			}
		}
	}
	m.f.cseqNum = uint32(n)
	i = skipLWS(v, i)
	// The method runs to the end of the value; a non-token byte in it is a defect, but the
	// method is still reported whole.
	te := skipToken(v, i)
	e := te
	for e < len(v) && !isLWS(v[e]) {
		e++
	}
	if e == i || e != len(v) || te != e {
		m.f.defects |= DefectCSeq
	}
	if e > i {
		m.f.cseqMethod = mkspan(base+i, base+e)
	}
}

// parseVia decodes the first value of the first Via header:
// sent-protocol LWS sent-by *( SEMI via-params ).
func (m *Message) parseVia(v []byte, base int) {
	bad := func() { m.f.defects |= DefectVia }
	i := 0
	if len(v) >= 8 && fold8(binary.LittleEndian.Uint64(v)) == wordSIP20.w {
		// The usual "SIP/2.0/": what the loop below would accept, in one comparison.
		i = skipLWS(v, 8)
	} else {
		if !viaProtocol(v, &i) {
			bad()
			return
		}
	}
	e := skipToken(v, i)
	if e == i {
		bad()
		return
	}
	m.f.via.transport = mkspan(base+i, base+e)
	if e == len(v) || !isLWS(v[e]) {
		bad() // sent-by must follow after white space
		return
	}
	i = skipLWS(v, e)
	s := i
	i = indexSemiComma(v, i)
	ss, se := trimLWS(v, s, i)
	if ss == se {
		bad()
		return
	}
	m.f.via.sentBy = mkspan(base+ss, base+se)
	for i < len(v) && v[i] == ';' {
		p, next, ok := scanParam(v, i+1)
		if !ok {
			bad()
			return
		}
		var val span
		if p.vs >= 0 {
			val = mkspan(base+p.vs, base+p.ve)
		} else {
			val = mkspan(base+p.ne, base+p.ne) // present without a value
		}
		switch p.ne - p.ns {
		case len("branch"):
			if isWord(v, p.ns, p.ne, &wordBranch) && m.f.via.branch == (span{}) {
				m.f.via.branch = val
			}
		case len("received"):
			if isWord(v, p.ns, p.ne, &wordRecv) {
				m.f.via.received = val
			}
		case len("rport"):
			if isWord(v, p.ns, p.ne, &wordRPort) {
				m.f.via.rport = val
			}
		}
		i = next
	}
}

// viaProtocol reads protocol-name "/" protocol-version "/" at *i and moves *i past it and the
// white space that follows; false when the value does not start that way.
func viaProtocol(v []byte, i *int) bool {
	for part := 0; part < 2; part++ {
		e := skipToken(v, *i)
		if e == *i {
			return false
		}
		*i = skipLWS(v, e)
		if *i >= len(v) || v[*i] != '/' {
			return false
		}
		*i = skipLWS(v, *i+1)
	}
	return true
}

// parseAddr decodes From or To: ( name-addr / addr-spec ) *( SEMI param ). It records
// DefectAddress for what RFC 3261 does not allow, and DefectDuplicate when a comma starts a
// second value.
func (m *Message) parseAddr(v []byte, base int) (a addr) {
	bad := func() { m.f.defects |= DefectAddress }
	i := 0
	// Find '<' outside quotes before any ';' or ','. The usual forms, "<" first or one quoted
	// display name before it, are recognised first; the display name needs no more checks.
	lt := -1
	checkName := true
	j := 0
	if len(v) > 0 && v[0] == '"' {
		if e, ok := skipQuoted(v, 0); ok {
			if k := skipLWS(v, e); k < len(v) && v[k] == '<' {
				lt, checkName = k, false
			}
		}
	} else if len(v) > 0 && v[0] == '<' {
		lt, checkName = 0, false
	}
	if lt >= 0 {
		j = len(v) // found
	}
	for ; j < len(v); j++ {
		c := v[j]
		if c == '"' {
			e, ok := skipQuoted(v, j)
			if !ok {
				bad()
				return a
			}
			j = e - 1
			continue
		}
		if c == '<' {
			lt = j
			break
		}
		if c == ';' || c == ',' {
			break
		}
	}
	if lt >= 0 {
		if checkName && !validDisplayName(v[:lt]) {
			bad()
		}
		gt, lws := indexGT(v, lt+1)
		if gt < 0 {
			bad()
			return a
		}
		if lws || !validScheme(v[lt+1:gt]) {
			bad()
		}
		a.uri = mkspan(base+lt+1, base+gt)
		i = skipLWS(v, gt+1)
	} else {
		s := i
		for i < len(v) && v[i] != ';' && v[i] != ',' {
			i++
		}
		us, ue := trimLWS(v, s, i)
		if us == ue {
			bad()
			return a
		}
		// In an addr-spec, parameters belong to the header and a header part ("?") cannot be told apart.
		if uri := v[us:ue]; !validURI(uri) || bytes.IndexByte(uri, '"') >= 0 || bytes.IndexByte(uri, '?') >= 0 {
			bad()
		}
		a.uri = mkspan(base+us, base+ue)
	}
	for i < len(v) && v[i] == ';' {
		p, next, ok := scanParam(v, i+1)
		if !ok {
			bad()
			return a
		}
		if isWord(v, p.ns, p.ne, &wordTag) {
			if a.tag != (span{}) || p.vs < 0 || p.vs == p.ve {
				// A second tag or an empty one. The first non-empty tag is kept.
				bad()
			} else {
				a.tag = mkspan(base+p.vs, base+p.ve)
			}
		}
		i = next
	}
	if i < len(v) {
		if v[i] == ',' {
			m.f.defects |= DefectDuplicate
		} else {
			bad()
		}
	}
	return a
}

// indexGT returns the index of the first '>' at or after i (-1 when there is none) and
// whether linear white space comes before it.
func indexGT(v []byte, i int) (gt int, lws bool) {
	for i+8 <= len(v) {
		x := binary.LittleEndian.Uint64(v[i:])
		if f := bytesBelow(x, 0x21) | bytesEqual(x, '>'); f != 0 {
			i += bits.TrailingZeros64(f) >> 3
			break
		}
		i += 8
	}
	for ; i < len(v); i++ {
		switch c := v[i]; {
		case c == '>':
			return i, lws
		case isLWS(c):
			lws = true
		}
	}
	return -1, lws
}

// validScheme checks that u starts with a URI scheme and a colon.
func validScheme(u []byte) bool {
	colon := skipToken(u, 0) // ':' is not a token character: this is the first colon if any
	return colon > 0 && colon < len(u) && u[colon] == ':' && isAlpha(u[0])
}

// validURI checks what an address URI needs to be told apart from its surroundings: a scheme
// and no white space.
func validURI(u []byte) bool {
	colon := skipToken(u, 0) // ':' is not a token character: this is the first colon if any
	if colon == 0 || colon == len(u) || u[colon] != ':' || !isAlpha(u[0]) {
		return false
	}
	return !hasLWS(u[colon+1:])
}

// validDisplayName accepts an empty display name, one quoted string, or tokens separated by LWS.
func validDisplayName(d []byte) bool {
	i := skipLWS(d, 0)
	if i < len(d) && d[i] == '"' {
		e, ok := skipQuoted(d, i)
		return ok && skipLWS(d, e) == len(d)
	}
	for i < len(d) {
		e := skipToken(d, i)
		if e == i {
			return false
		}
		i = skipLWS(d, e)
	}
	return true
}

// parseReasons decodes the comma-separated values of one Reason header:
// protocol *( SEMI reason-params ), with cause and text parameters.
func (m *Message) parseReasons(v []byte, base int) {
	for i := 0; i < len(v); {
		i = skipLWS(v, i)
		e := skipToken(v, i)
		if e == i {
			m.f.defects |= DefectReason
			return
		}
		r := reasonSpans{protocol: mkspan(base+i, base+e), cause: -1}
		i = skipLWS(v, e)
		for i < len(v) && v[i] == ';' {
			p, next, ok := scanParam(v, i+1)
			if !ok {
				m.f.defects |= DefectReason
				return
			}
			switch {
			case isWord(v, p.ns, p.ne, &wordCause):
				if p.vs < 0 {
					m.f.defects |= DefectReason
					break
				}
				n, ce, ok := parseUint(v, p.vs, 1<<31)
				if !ok || ce != p.ve {
					m.f.defects |= DefectReason
				} else {
					r.cause = int32(n)
				}
			case isWord(v, p.ns, p.ne, &wordText):
				if p.vs >= 0 {
					r.text = mkspan(base+p.vs, base+p.ve)
				}
			}
			i = next
		}
		if i < len(v) && v[i] != ',' {
			m.f.defects |= DefectReason
			return
		}
		if m.f.nReason < MaxValues {
			m.reasons[m.f.nReason] = r
			m.f.nReason++
		} else {
			m.f.defects |= DefectTooMany
		}
		i++
	}
}

// parseWarnings decodes the comma-separated values of one Warning header:
// warn-code SP warn-agent SP warn-text.
func (m *Message) parseWarnings(v []byte, base int) {
	for i := 0; i < len(v); {
		i = skipLWS(v, i)
		code, e, ok := parseUint(v, i, 1000)
		if !ok || e-i != 3 || e >= len(v) || !isLWS(v[e]) {
			m.f.defects |= DefectWarning
			return
		}
		w := warningSpans{code: int32(code)}
		i = skipLWS(v, e)
		s := i
		i = skipAgent(v, i)
		if i == s {
			m.f.defects |= DefectWarning
			return
		}
		w.agent = mkspan(base+s, base+i)
		i = skipLWS(v, i)
		if i >= len(v) || v[i] != '"' {
			m.f.defects |= DefectWarning
			return
		}
		e, closed := skipQuotedLong(v, i)
		if !closed {
			m.f.defects |= DefectWarning
			return
		}
		w.text = mkspan(base+i+1, base+e-1)
		i = skipLWS(v, e)
		if i < len(v) && v[i] != ',' {
			m.f.defects |= DefectWarning
			return
		}
		if m.f.nWarning < MaxValues {
			m.warnings[m.f.nWarning] = w
			m.f.nWarning++
		} else {
			m.f.defects |= DefectTooMany
		}
		i++
	}
}

// skipAgent returns the index of the first byte at or after i that ends a warn-agent: linear
// white space, '"' or ','; len(v) when there is none.
func skipAgent(v []byte, i int) int {
	for i+8 <= len(v) {
		x := binary.LittleEndian.Uint64(v[i:])
		if f := bytesBelow(x, 0x21) | bytesEqual(x, '"') | bytesEqual(x, ','); f != 0 {
			i += bits.TrailingZeros64(f) >> 3 // a control byte that is not LWS is left to the loop
			break
		}
		i += 8
	}
	for i < len(v) && !isLWS(v[i]) && v[i] != '"' && v[i] != ',' {
		i++
	}
	return i
}

// parseChallenge reads realm and stale from the first challenge: auth-scheme LWS auth-param
// *( COMMA auth-param ).
func (m *Message) parseChallenge(v []byte, base int) {
	i := skipToken(v, 0)
	if i == 0 {
		return
	}
	m.f.challenge = true
	for i < len(v) {
		p, next, ok := scanParam(v, i+1)
		if !ok {
			return
		}
		switch {
		case isWord(v, p.ns, p.ne, &wordRealm):
			if p.vs >= 0 {
				m.f.realm = mkspan(base+p.vs, base+p.ve)
			}
		case isWord(v, p.ns, p.ne, &wordStale):
			m.f.stale = isWord(v, p.vs, p.ve, &wordTrue)
		}
		if next >= len(v) || v[next] != ',' {
			return
		}
		i = next
	}
}

// AuthParam returns the value of the auth-param called name (compared without regard to
// case) in a credentials or challenge value such as an Authorization header's: auth-scheme LWS
// auth-param *( COMMA auth-param ). A quoted value is returned without its quotes; ok is false
// when the parameter is absent or the list is malformed before it. The value is a sub-slice of
// v. It is for callers that need a parameter the Message does not decode.
func AuthParam(v []byte, name string) (value []byte, ok bool) {
	s := skipLWS(v, 0)
	i := skipToken(v, s)
	if i == s {
		return nil, false
	}
	for i < len(v) {
		p, next, ok := scanParam(v, i+1)
		if !ok {
			return nil, false
		}
		if eqFold(v[p.ns:p.ne], name) {
			if p.vs < 0 {
				return v[p.ne:p.ne], true
			}
			return v[p.vs:p.ve], true
		}
		if next >= len(v) || v[next] != ',' {
			return nil, false
		}
		i = next
	}
	return nil, false
}
