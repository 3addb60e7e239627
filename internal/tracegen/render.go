package tracegen

import (
	"strconv"
	"time"
)

const hexDigits = "0123456789abcdef"

// appendHex appends the n low hex digits of v.
func appendHex(b []byte, v uint64, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		b = append(b, hexDigits[(v>>(4*uint(i)))&0xf])
	}
	return b
}

func appendIP(b []byte, ip [4]byte) []byte {
	for i, x := range ip {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(x), 10)
	}
	return b
}

func appendHostPort(b []byte, a addr) []byte {
	b = appendIP(b, a.ip)
	b = append(b, ':')
	return strconv.AppendUint(b, uint64(a.port), 10)
}

func (s *scenario) transport(upper bool) string {
	switch {
	case s.conn != nil && upper:
		return "TCP"
	case s.conn != nil:
		return "tcp"
	case upper:
		return "UDP"
	}
	return "udp"
}

// appendVia appends the Via header of a request sent by the user agent (fromUA) or the proxy;
// a response echoes it with the received address.
func (s *scenario) appendVia(b []byte, fromUA bool, tx uint8, response bool) []byte {
	b = append(b, "Via: SIP/2.0/"...)
	b = append(b, s.transport(true)...)
	b = append(b, ' ')
	if fromUA {
		b = appendHostPort(b, s.ua)
		if response {
			b = append(b, ";rport="...)
			b = strconv.AppendUint(b, uint64(s.ua.port), 10)
			b = append(b, ";received="...)
			b = appendIP(b, s.ua.ip)
		} else {
			b = append(b, ";rport"...)
		}
		b = append(b, ";branch=z9hG4bK"...)
		b = appendHex(b, s.id, 16)
	} else {
		b = appendHostPort(b, proxyAddr())
		b = append(b, ";branch=z9hG4bKsbc"...)
		b = appendHex(b, ^s.id, 16)
	}
	b = append(b, '.')
	b = strconv.AppendUint(b, uint64(tx), 10)
	return append(b, "\r\n"...)
}

// appendParty appends a name-addr of a number in the carrier's domain.
func appendParty(b []byte, name string, number *[12]byte) []byte {
	if name != "" {
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, "\" "...)
	}
	b = append(b, "<sip:+"...)
	b = append(b, number[:]...)
	b = append(b, '@')
	b = append(b, domain...)
	return append(b, '>')
}

func appendTag(b []byte, tag uint64) []byte {
	b = append(b, ";tag="...)
	return appendHex(b, tag, 10)
}

// appendCallID appends the Call-ID value: its form depends on the user agent's make.
func (s *scenario) appendCallID(b []byte) []byte {
	if s.agent%2 == 0 {
		b = appendHex(b, s.id, 16)
		b = append(b, '@')
		return appendIP(b, s.ua.ip)
	}
	b = appendHex(b, s.id>>32, 8)
	b = append(b, '-')
	b = appendHex(b, s.id>>16, 4)
	b = append(b, '-')
	b = appendHex(b, s.id, 4)
	b = append(b, '-')
	b = appendHex(b, s.fromTag>>48, 4)
	b = append(b, '-')
	return appendHex(b, s.fromTag, 12)
}

func (s *scenario) appendContact(b []byte, fromUA bool, number *[12]byte) []byte {
	b = append(b, "Contact: <sip:+"...)
	b = append(b, number[:]...)
	b = append(b, '@')
	if fromUA {
		b = appendHostPort(b, s.ua)
	} else {
		b = appendHostPort(b, proxyAddr())
	}
	b = append(b, ";transport="...)
	b = append(b, s.transport(false)...)
	return append(b, ">\r\n"...)
}

// appendRequestURI appends the Request-URI of st.
func (s *scenario) appendRequestURI(b []byte, st *step) []byte {
	switch {
	case st.method == mREGISTER || st.method == mOPTIONS && st.fromUA:
		b = append(b, "sip:"...)
		return append(b, domain...)
	case st.method == mOPTIONS || st.dialog && !st.fromUA:
		b = append(b, "sip:+"...)
		b = append(b, s.caller[:]...)
		b = append(b, '@')
		b = appendHostPort(b, s.ua)
	case st.dialog:
		b = append(b, "sip:+"...)
		b = append(b, s.callee[:]...)
		b = append(b, '@')
		b = appendHostPort(b, proxyAddr())
	default:
		b = append(b, "sip:+"...)
		b = append(b, s.callee[:]...)
		b = append(b, '@')
		return append(b, domain...)
	}
	b = append(b, ";transport="...)
	return append(b, s.transport(false)...)
}

const allow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, PRACK\r\n"

// renderSIP appends the SIP message of step st to b.
func (g *generator) renderSIP(b []byte, s *scenario, st *step) []byte {
	reqFromUA := st.fromUA == st.req // who sent the request of this transaction
	m := st.method
	if st.req {
		b = append(b, m.String()...)
		b = append(b, ' ')
		b = s.appendRequestURI(b, st)
		b = append(b, " SIP/2.0\r\n"...)
	} else {
		b = append(b, "SIP/2.0 "...)
		b = strconv.AppendUint(b, uint64(st.code), 10)
		b = append(b, ' ')
		b = append(b, st.reason...)
		b = append(b, "\r\n"...)
	}
	b = s.appendVia(b, reqFromUA, st.tx, !st.req)
	if st.req {
		b = append(b, "Max-Forwards: 70\r\n"...)
	}

	// From and To as in the request; a response adds the To tag.
	switch {
	case m == mREGISTER || m == mOPTIONS && reqFromUA:
		b = append(b, "From: "...)
		b = appendParty(b, displayNames[s.name], &s.caller)
		b = appendTag(b, s.fromTag)
		b = append(b, "\r\nTo: "...)
		if m == mOPTIONS {
			b = append(b, "<sip:"...)
			b = append(b, domain...)
			b = append(b, '>')
		} else {
			b = appendParty(b, displayNames[s.name], &s.caller)
		}
	case m == mOPTIONS:
		b = append(b, "From: <sip:ping@"...)
		b = append(b, domain...)
		b = append(b, '>')
		b = appendTag(b, s.fromTag)
		b = append(b, "\r\nTo: <sip:+"...)
		b = append(b, s.caller[:]...)
		b = append(b, '@')
		b = appendHostPort(b, s.ua)
		b = append(b, '>')
	case !reqFromUA:
		// In-dialog request from the callee's side.
		b = append(b, "From: "...)
		b = appendParty(b, "", &s.callee)
		b = appendTag(b, s.toTag)
		b = append(b, "\r\nTo: "...)
		b = appendParty(b, displayNames[s.name], &s.caller)
		b = appendTag(b, s.fromTag)
	default:
		b = append(b, "From: "...)
		b = appendParty(b, displayNames[s.name], &s.caller)
		b = appendTag(b, s.fromTag)
		b = append(b, "\r\nTo: "...)
		b = appendParty(b, "", &s.callee)
	}
	if st.toTag && reqFromUA {
		b = appendTag(b, s.toTag)
	}
	b = append(b, "\r\nCall-ID: "...)
	b = s.appendCallID(b)
	b = append(b, "\r\nCSeq: "...)
	b = strconv.AppendUint(b, uint64(st.cseq), 10)
	b = append(b, ' ')
	b = append(b, m.String()...)
	b = append(b, "\r\n"...)

	switch {
	case st.req && (m == mINVITE || m == mREGISTER):
		b = s.appendContact(b, true, &s.caller)
	case !st.req && m == mINVITE && st.code >= 180 && st.code < 300:
		b = s.appendContact(b, false, &s.callee)
	case !st.req && m == mREGISTER && st.code == 200:
		b = append(b, "Contact: <sip:+"...)
		b = append(b, s.caller[:]...)
		b = append(b, '@')
		b = appendHostPort(b, s.ua)
		b = append(b, ";transport="...)
		b = append(b, s.transport(false)...)
		b = append(b, ">;expires=3600\r\n"...)
	}
	if st.auth {
		b = g.appendAuth(b, s, st)
	}
	if st.req && m == mREGISTER {
		b = append(b, "Expires: 3600\r\n"...)
	}
	if m == mINVITE && (st.req || st.code == 200) || m == mOPTIONS && !st.req {
		b = append(b, allow...)
		b = append(b, "Supported: replaces, timer, 100rel\r\n"...)
	}
	if st.req && m == mINVITE {
		b = append(b, "Session-Expires: 1800\r\n"...)
	}
	if st.fromUA {
		b = append(b, "User-Agent: "...)
		b = append(b, userAgents[s.agent]...)
	} else {
		b = append(b, "Server: "...)
		b = append(b, servers[s.server]...)
	}
	b = append(b, "\r\n"...)
	if st.q850 != 0 {
		b = append(b, "Reason: Q.850;cause="...)
		b = strconv.AppendUint(b, uint64(st.q850), 10)
		b = append(b, "\r\n"...)
	}
	if !st.req && m == mREGISTER && st.code == 200 {
		b = append(b, "Date: "...)
		b = time.Unix(0, s.begun).UTC().AppendFormat(b, time.RFC1123)
		b = append(b, "\r\n"...)
	}
	if !st.sdp {
		return append(b, "Content-Length: 0\r\n\r\n"...)
	}
	body := g.appendSDP(g.body[:0], s, st.fromUA)
	g.body = body
	b = append(b, "Content-Type: application/sdp\r\nContent-Length: "...)
	b = strconv.AppendInt(b, int64(len(body)), 10)
	b = append(b, "\r\n\r\n"...)
	return append(b, body...)
}

// appendAuth appends credentials to a request, or a challenge to a 401/407 response.
func (g *generator) appendAuth(b []byte, s *scenario, st *step) []byte {
	proxy := st.method != mREGISTER
	if !st.req {
		if proxy {
			b = append(b, "Proxy-Authenticate: "...)
		} else {
			b = append(b, "WWW-Authenticate: "...)
		}
		b = append(b, "Digest realm=\""...)
		b = append(b, domain...)
		b = append(b, "\", nonce=\""...)
		b = appendHex(b, s.password^s.id, 16)
		b = append(b, "\", algorithm=MD5, qop=\"auth\"\r\n"...)
		return b
	}
	if proxy {
		b = append(b, "Proxy-Authorization: "...)
	} else {
		b = append(b, "Authorization: "...)
	}
	b = append(b, "Digest username=\"+"...)
	b = append(b, s.caller[:]...)
	b = append(b, "\", realm=\""...)
	b = append(b, domain...)
	b = append(b, "\", nonce=\""...)
	b = appendHex(b, s.password^s.id, 16)
	b = append(b, "\", uri=\""...)
	b = s.appendRequestURI(b, st)
	b = append(b, "\", response=\""...)
	b = appendHex(b, mix(s.password), 16)
	b = appendHex(b, mix(s.password+1), 16)
	b = append(b, "\", algorithm=MD5, cnonce=\""...)
	b = appendHex(b, s.fromTag, 8)
	b = append(b, "\", qop=auth, nc=00000001\r\n"...)
	return b
}

// appendSDP appends the offer (from the user agent) or the answer (from the gateway).
func (g *generator) appendSDP(b []byte, s *scenario, fromUA bool) []byte {
	ip, port := ip4(gatewayIPv4), s.rtp.gwPort
	if fromUA {
		ip, port = s.ua.ip, s.rtp.uaPort
	}
	b = append(b, "v=0\r\no=- "...)
	b = strconv.AppendUint(b, uint64(s.sessID), 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(s.sessID)+1, 10)
	b = append(b, " IN IP4 "...)
	b = appendIP(b, ip)
	b = append(b, "\r\ns=-\r\nc=IN IP4 "...)
	b = appendIP(b, ip)
	b = append(b, "\r\nt=0 0\r\nm=audio "...)
	b = strconv.AppendUint(b, uint64(port), 10)
	if fromUA {
		b = append(b, " RTP/AVP 0 8 9 18 101\r\n"...)
		b = append(b, "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:9 G722/8000\r\n"...)
		b = append(b, "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\n"...)
	} else {
		b = append(b, " RTP/AVP "...)
		b = strconv.AppendUint(b, uint64(s.rtp.pt), 10)
		b = append(b, " 101\r\n"...)
		if s.rtp.pt == 0 {
			b = append(b, "a=rtpmap:0 PCMU/8000\r\n"...)
		} else {
			b = append(b, "a=rtpmap:8 PCMA/8000\r\n"...)
		}
	}
	b = append(b, "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n"...)
	return b
}
