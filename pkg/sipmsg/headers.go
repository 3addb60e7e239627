package sipmsg

// hdrID identifies a header the parser knows by name; hdrOther is every other header.
type hdrID uint8

const (
	hdrOther hdrID = iota
	hdrCallID
	hdrCSeq
	hdrFrom
	hdrTo
	hdrVia
	hdrMaxForwards
	hdrContentLength
	hdrContentType
	hdrReason
	hdrWarning
	hdrRetryAfter
	hdrExpires
	hdrMinExpires
	hdrUserAgent
	hdrServer
	hdrAuthorization
	hdrProxyAuthorization
	hdrWWWAuthenticate
	hdrProxyAuthenticate
	hdrContact
	hdrSupported
	hdrSubject
	hdrContentEncoding
	hdrEvent
	hdrReferTo
	hdrAllowEvents
	hdrSessionExpires
	hdrIdentity
	hdrRejectContact
	hdrAcceptContact
	hdrReferredBy
	hdrRequestDisposition
	hdrCount
)

// singleValue marks headers that may appear only once.
var singleValue = [hdrCount]bool{
	hdrCallID: true, hdrCSeq: true, hdrFrom: true, hdrTo: true, hdrMaxForwards: true,
	hdrContentLength: true, hdrContentType: true, hdrRetryAfter: true, hdrExpires: true,
	hdrMinExpires: true, hdrUserAgent: true, hdrServer: true,
}

// lower maps ASCII upper-case letters to lower case and every other byte to itself.
var lower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

// eqLower reports whether name equals the lower-case constant c, ignoring ASCII case.
func eqLower[T string | []byte](name T, c string) bool {
	if len(name) != len(c) {
		return false
	}
	for i := 0; i < len(c); i++ {
		if lower[name[i]] != c[i] {
			return false
		}
	}
	return true
}

// lookupHeader maps a header name (any case, long or compact form) to its hdrID.
func lookupHeader[T string | []byte](n T) hdrID {
	switch len(n) {
	case 0:
		return hdrOther
	case 1:
		return compact[lower[n[0]]]
	}
	switch lower[n[0]] {
	case 'a':
		switch {
		case eqLower(n, "authorization"):
			return hdrAuthorization
		case eqLower(n, "allow-events"):
			return hdrAllowEvents
		case eqLower(n, "accept-contact"):
			return hdrAcceptContact
		}
	case 'c':
		switch len(n) {
		case 4:
			if eqLower(n, "cseq") {
				return hdrCSeq
			}
		case 7:
			switch {
			case eqLower(n, "call-id"):
				return hdrCallID
			case eqLower(n, "contact"):
				return hdrContact
			}
		case 12:
			if eqLower(n, "content-type") {
				return hdrContentType
			}
		case 14:
			if eqLower(n, "content-length") {
				return hdrContentLength
			}
		case 16:
			if eqLower(n, "content-encoding") {
				return hdrContentEncoding
			}
		}
	case 'e':
		switch {
		case eqLower(n, "expires"):
			return hdrExpires
		case eqLower(n, "event"):
			return hdrEvent
		}
	case 'f':
		if eqLower(n, "from") {
			return hdrFrom
		}
	case 'i':
		if eqLower(n, "identity") {
			return hdrIdentity
		}
	case 'm':
		switch {
		case eqLower(n, "max-forwards"):
			return hdrMaxForwards
		case eqLower(n, "min-expires"):
			return hdrMinExpires
		}
	case 'p':
		switch {
		case eqLower(n, "proxy-authorization"):
			return hdrProxyAuthorization
		case eqLower(n, "proxy-authenticate"):
			return hdrProxyAuthenticate
		}
	case 'r':
		switch {
		case eqLower(n, "reason"):
			return hdrReason
		case eqLower(n, "retry-after"):
			return hdrRetryAfter
		case eqLower(n, "refer-to"):
			return hdrReferTo
		case eqLower(n, "referred-by"):
			return hdrReferredBy
		case eqLower(n, "reject-contact"):
			return hdrRejectContact
		case eqLower(n, "request-disposition"):
			return hdrRequestDisposition
		}
	case 's':
		switch {
		case eqLower(n, "server"):
			return hdrServer
		case eqLower(n, "supported"):
			return hdrSupported
		case eqLower(n, "subject"):
			return hdrSubject
		case eqLower(n, "session-expires"):
			return hdrSessionExpires
		}
	case 't':
		if eqLower(n, "to") {
			return hdrTo
		}
	case 'u':
		if eqLower(n, "user-agent") {
			return hdrUserAgent
		}
	case 'v':
		if eqLower(n, "via") {
			return hdrVia
		}
	case 'w':
		switch {
		case eqLower(n, "warning"):
			return hdrWarning
		case eqLower(n, "www-authenticate"):
			return hdrWWWAuthenticate
		}
	}
	return hdrOther
}

// compact maps the compact header forms of RFC 3261 and its extensions to their hdrID.
var compact = [256]hdrID{
	'i': hdrCallID, 'f': hdrFrom, 't': hdrTo, 'v': hdrVia, 'l': hdrContentLength,
	'c': hdrContentType, 'm': hdrContact, 'k': hdrSupported, 's': hdrSubject,
	'e': hdrContentEncoding, 'o': hdrEvent, 'r': hdrReferTo, 'u': hdrAllowEvents,
	'x': hdrSessionExpires, 'y': hdrIdentity, 'j': hdrRejectContact, 'a': hdrAcceptContact,
	'b': hdrReferredBy, 'd': hdrRequestDisposition,
}

// isToken marks the characters of the RFC 3261 token rule.
var isToken = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-.!%*_+`'~" {
		t[c] = true
	}
	return t
}()
