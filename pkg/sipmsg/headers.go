package sipmsg

import "encoding/binary"

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

// knownNames lists the long form of every header the parser knows, in lower case.
var knownNames = [...]struct {
	name string
	id   hdrID
}{
	{"call-id", hdrCallID}, {"cseq", hdrCSeq}, {"from", hdrFrom}, {"to", hdrTo}, {"via", hdrVia},
	{"max-forwards", hdrMaxForwards}, {"content-length", hdrContentLength},
	{"content-type", hdrContentType}, {"reason", hdrReason}, {"warning", hdrWarning},
	{"retry-after", hdrRetryAfter}, {"expires", hdrExpires}, {"min-expires", hdrMinExpires},
	{"user-agent", hdrUserAgent}, {"server", hdrServer}, {"authorization", hdrAuthorization},
	{"proxy-authorization", hdrProxyAuthorization}, {"www-authenticate", hdrWWWAuthenticate},
	{"proxy-authenticate", hdrProxyAuthenticate}, {"contact", hdrContact},
	{"supported", hdrSupported}, {"subject", hdrSubject}, {"content-encoding", hdrContentEncoding},
	{"event", hdrEvent}, {"refer-to", hdrReferTo}, {"allow-events", hdrAllowEvents},
	{"session-expires", hdrSessionExpires}, {"identity", hdrIdentity},
	{"reject-contact", hdrRejectContact}, {"accept-contact", hdrAcceptContact},
	{"referred-by", hdrReferredBy}, {"request-disposition", hdrRequestDisposition},
}

// maxNameLen is the length of the longest known header name.
const maxNameLen = 19

// nameKey is a known name as up to three little-endian words: the first 8 bytes, then for
// names over 8 bytes the 8 bytes that end the name (or, over 16, the bytes 8-15 and the last
// 8), so every word is read from inside the name. Names under 8 bytes keep only their bytes.
type nameKey struct {
	w  [3]uint64
	n  uint8
	id hdrID
}

// nameHashMul makes nameSlot a perfect hash of the known names into 64 slots (found by search;
// TestLookupTokenEveryByte fails if two names share a slot).
const nameHashMul = 0x9e50e7b998a650f1

func nameSlot(w0 uint64, n int) uint64 { return ((w0 + uint64(n)) * nameHashMul) >> 58 }

// nameTable holds each known name in its slot.
var nameTable = func() (t [64]nameKey) {
	for _, k := range knownNames {
		n := []byte(k.name)
		w := nameWords(n, 0, len(n))
		t[nameSlot(w[0], len(n))] = nameKey{w: w, n: uint8(len(n)), id: k.id}
	}
	return t
}()

// le64 reads 8 bytes of b at i as a little-endian word; the caller ensures i+8 <= len(b).
func le64(b []byte, i int) uint64 { return binary.LittleEndian.Uint64(b[i:]) }

// nameWords returns the words of b[s:e] as nameKey stores them, bytes as they are.
func nameWords(b []byte, s, e int) (w [3]uint64) {
	n := e - s
	switch {
	case n < 8:
		var x uint64
		if s+8 <= len(b) {
			x = le64(b, s)
		} else {
			for i := n - 1; i >= 0; i-- {
				x = x<<8 | uint64(b[s+i])
			}
		}
		w[0] = x & (1<<(8*uint(n)) - 1)
	case n <= 16:
		w[0], w[1] = le64(b, s), le64(b, e-8)
	default:
		w[0], w[1], w[2] = le64(b, s), le64(b, s+8), le64(b, e-8)
	}
	return w
}

// fold8 maps the upper-case ASCII letters of a word to lower case: it sets bit 5 of every
// byte that has bit 6 set. That turns other bytes too ('@' into '`', '[' into '{', ...), but
// never into a lower-case letter or '-', and the known names hold nothing else; a byte
// without bit 6, such as '-' or '\r', is left as it is. So a folded word equals a known name
// exactly when the bytes spell it in any case.
func fold8(x uint64) uint64 { return x | (x>>1)&0x2020202020202020 }

// lowMask[n] keeps the n low bytes of a word.
var lowMask = [8]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff,
	0xffffffffffffff}

// lookupToken maps the header name b[s:e] (any bytes) to its hdrID, like lookupHeader.
func lookupToken(b []byte, s, e int) hdrID {
	n := e - s
	if n < 8 {
		if n <= 1 || len(b)-s < 8 {
			return lookupHeader(b[s:e])
		}
		w0 := fold8(binary.LittleEndian.Uint64(b[s:])) & lowMask[n&7]
		if k := &nameTable[nameSlot(w0, n)]; k.w[0] == w0 && int(k.n) == n {
			return k.id
		}
		return hdrOther
	}
	if n > maxNameLen {
		return hdrOther
	}
	t := b[s:e]
	w0 := fold8(binary.LittleEndian.Uint64(t))
	w1 := fold8(binary.LittleEndian.Uint64(t[len(t)-8:]))
	var w2 uint64
	if len(t) > 16 {
		w1, w2 = fold8(binary.LittleEndian.Uint64(t[8:])), w1
	}
	if k := &nameTable[nameSlot(w0, n)]; k.w[0] == w0 && k.w[1] == w1 && k.w[2] == w2 && int(k.n) == n {
		return k.id
	}
	return hdrOther
}
