package classify

import (
	"regexp"
	"strings"
)

// withoutTrailingIDs returns a phrase's detail without the identifiers vendors append to it:
// the number, address, URI or extension the response is about, with the word that introduces
// it ("no transport for +14155550123", "try again later: sip:1001@pbx.example.com", "rejected
// (1001)"), and without advice to retry after it ("rejected, please try again later"). Exact
// phrases and anchored patterns are tried on it as well as on the detail, so that neither
// hides a phrase they know. It returns "" when there is nothing to remove, or when nothing
// would be left.
func withoutTrailingIDs(detail string) string {
	s := detail
	if strings.Contains(s, "try") { // the pattern runs only where it can match
		if loc := trailingRetryAdvice.FindStringIndex(s); loc != nil && loc[0] > 0 {
			s = s[:loc[0]] // "rejected, please try again later": the advice names no cause
		}
	}
	for range 3 {
		i, last, ok := lastWord(s)
		if !ok {
			break
		}
		if n := labelledIDLen(s, i, last); n > 0 {
			s = cutEnd(s, n)
			continue
		}
		if !isIdentifier(last) {
			break
		}
		s = strings.TrimRight(s[:i], " :-,;=")
		if isHostName(last) {
			// Normalize turned the hyphen of "sbc-2.example.net" into a space: the host's
			// first label is the word before, after a preposition.
			if j := strings.LastIndexByte(s, ' '); j >= 0 && isLabel(s[j+1:]) {
				if k := strings.LastIndexByte(s[:j], ' '); k >= 0 && idPrepositions[s[k+1:j]] {
					s = s[:j]
				}
			}
		}
		if j := strings.LastIndexByte(s, ' '); j >= 0 && idPrepositions[s[j+1:]] {
			s = strings.TrimRight(s[:j], " :-,;=")
		}
	}
	if s == detail || s == "" {
		return ""
	}
	return s
}

// trailingRetryAdvice is advice to retry at the end of a phrase, after what went wrong.
var trailingRetryAdvice = regexp.MustCompile(`[ ,;:.-]+(please |pls |kindly )?(re)?try( again| the call)?( later| shortly| soon| after \d+ ?(s|sec|secs|seconds|min|mins|minutes)| in (a few|\d+) ?(s|sec|secs|seconds|min|mins|minutes|moments))?$`)

// idPrepositions introduce an identifier at a phrase's end.
var idPrepositions = map[string]bool{
	"for": true, "to": true, "from": true, "on": true, "at": true, "by": true, "via": true, "of": true, "with": true,
}

// isIdentifier reports whether a word is a number of three or more digits (a leading "+"
// allowed), a SIP or tel URI, a host name of three or more labels, or an IPv4 address, with
// an optional port.
func isIdentifier(w string) bool {
	switch {
	case strings.HasPrefix(w, "sip:"), strings.HasPrefix(w, "sips:"), strings.HasPrefix(w, "tel:"):
		return len(w) > 5
	case strings.HasPrefix(w, "+"):
		return len(w) >= 4 && isDigits(w[1:])
	case len(w) >= 3 && isDigits(w):
		return true
	}
	host, _, _ := strings.Cut(w, ":")
	if isHostName(host) {
		return true
	}
	if strings.Count(host, ".") != 3 {
		return false
	}
	for range 4 {
		var part string
		part, host, _ = strings.Cut(host, ".")
		if len(part) > 3 || !isDigits(part) {
			return false
		}
	}
	return true
}

// isHostName reports whether w is a host name of three or more labels of letters and digits
// whose last is letters only ("pbx3.example.net"); "v1.2.3" and "e.164" are not.
func isHostName(w string) bool {
	labels := 0
	for w != "" {
		var label string
		label, w, _ = strings.Cut(w, ".")
		if !isLowerAlnum(label) {
			return false
		}
		labels++
		if w == "" && (labels < 3 || strings.ContainsAny(label, "0123456789")) {
			return false
		}
	}
	return labels >= 3
}

// idLabels name the identifier that follows them ("call id 3a7f9c", "ref: a7f3").
var idLabels = map[string]bool{
	"id": true, "callid": true, "ref": true, "reference": true, "ticket": true, "case": true, "trace": true, "session": true,
	"code": true, "errno": true, "errcode": true,
}

// paramKeys name, as key=value, where the call went or what handled it ("trunk=tg1"): a
// parameter, not a cause.
var paramKeys = map[string]bool{
	"trunk": true, "gw": true, "gateway": true, "route": true, "node": true, "host": true, "peer": true,
	"carrier": true, "account": true, "acc": true, "server": true, "sbc": true, "zone": true, "realm": true,
}

// labelledIDLen returns the length of the end of s, from its last word (which starts at i+1
// and reads last without punctuation) back to the label before it, when that word is an
// identifier named by its label: a word with a digit after "id", "ref", "call id", "error
// code", ..., or joined to it by "="; or 0.
// The label tells what the word is, so the word need not look like a number or an address.
func labelledIDLen(s string, i int, last string) int {
	if !strings.ContainsAny(last, "0123456789") || len(last) < 3 {
		return 0
	}
	if label, id, ok := strings.Cut(last, "="); ok && (idLabels[label] || paramKeys[label]) && len(id) >= 2 && strings.ContainsAny(id, "0123456789") {
		return len(s) - (i + 1) // "code=1234", "ref=a7f3" in one word
	}
	head := strings.TrimRight(s[:i], " :#=")
	j := strings.LastIndexByte(head, ' ')
	label := strings.TrimPrefix(head[j+1:], "(")
	if !idLabels[label] {
		return 0
	}
	if (label == "id" || label == "code") && j >= 0 {
		if k := strings.LastIndexByte(head[:j], ' '); idQualifiers[head[k+1:j]] {
			j = k // "call id", "session id", "error code"
		}
	}
	return len(s) - (j + 1)
}

// idQualifiers say whose identifier an "id" or a "code" is.
var idQualifiers = map[string]bool{"call": true, "session": true, "trace": true, "request": true, "correlation": true, "dialog": true, "transaction": true,
	"error": true, "err": true, "internal": true, "vendor": true}

// isLabel reports whether w is one label of a host name: letters and digits.
func isLabel(w string) bool { return len(w) <= 63 && isLowerAlnum(w) }

// isLowerLetters reports whether w is one or more lower-case ASCII letters.
func isLowerLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}

// isLowerAlnum reports whether w is one or more lower-case ASCII letters and digits.
func isLowerAlnum(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return w != ""
}

// withoutTrailingLabels returns detail without the labelled identifiers and parameters at its
// end ("...; call id 3a7f9c", "..., trunk=tg1", "... code=1234"): a label says what the value
// is, and neither names a cause, though the label's word may be one a rule reads ("trunk",
// "call id"). A parameter's value must have a digit, so that "reason=no_credit" stays. It
// returns detail itself when there is nothing to drop, or when nothing would be left.
func withoutTrailingLabels(detail string) string {
	s := detail
	for range 3 {
		i, last, ok := lastWord(s)
		if !ok {
			break
		}
		if n := placeLen(s, i, last); n > 0 {
			s = cutEnd(s, n)
			continue
		}
		n := labelledIDLen(s, i, last)
		if n == 0 || strings.HasPrefix(s[len(s)-n:], "id") && len(s) > n {
			// An "id" no word qualifies may name the phrase's subject: "caller id: ...",
			// "unverified outbound caller ID" is the calling number, not a call's identifier.
			break
		}
		s = cutEnd(s, n)
	}
	if s == "" {
		return detail
	}
	return s
}

// isVendorCode reports whether w is a vendor's code for an error: one to four letters and two
// to six digits ("e1234", "d26", "err42"), or a code with a sub-code ("503.1").
func isVendorCode(w string) bool {
	if a, b, ok := strings.Cut(w, "."); ok {
		return len(a) == 3 && isDigits(a) && b != "" && len(b) <= 3 && isDigits(b)
	}
	i := 0
	for i < len(w) && 'a' <= w[i] && w[i] <= 'z' {
		i++
	}
	digits := len(w) - i
	return i >= 1 && i <= 4 && digits >= 2 && digits <= 6 && isDigits(w[i:])
}

// withoutEndCodes returns s without a vendor's code as its first or last word ("e1234 no
// transport", "no transport d26"), or "" when it has none: exact phrases are also compared
// with it.
func withoutEndCodes(s string) string {
	t := s
	if first, rest, ok := strings.Cut(t, " "); ok && isVendorCode(first) {
		t = rest
	}
	if i := strings.LastIndexByte(t, ' '); i > 0 && isVendorCode(t[i+1:]) {
		t = t[:i]
	}
	if t == s {
		return ""
	}
	return t
}

// placeLen returns the length of the end of s that says where the call went, "on trunk 3",
// "via gateway gw2": one of placePrepositions, one of paramKeys and a short identifier with a
// digit (the last word, which starts at i+1); or 0.
func placeLen(s string, i int, last string) int {
	if len(last) > 8 || !isLowerAlnum(last) || !strings.ContainsAny(last, "0123456789") {
		return 0
	}
	head := strings.TrimRight(s[:i], " ")
	j := strings.LastIndexByte(head, ' ')
	if j < 0 || !paramKeys[head[j+1:]] || head[j+1:] == "host" {
		return 0 // "no route to host": the host is the phrase's
	}
	k := strings.LastIndexByte(head[:j], ' ')
	if k < 0 || !placePrepositions[head[k+1:j]] {
		return 0
	}
	return len(s) - (k + 1)
}

// placePrepositions put a call where it went or was handled ("on trunk 3"); "from trunk"
// says where it came from, which a rule may read ("not from trunk").
var placePrepositions = map[string]bool{"on": true, "via": true, "at": true, "through": true, "over": true}

// lastWord returns where the space before the last word of s is and that word without the
// punctuation and brackets around it; ok is false when s is one word.
func lastWord(s string) (i int, last string, ok bool) {
	i = strings.LastIndexByte(s, ' ')
	if i < 0 {
		return i, "", false
	}
	return i, strings.TrimLeft(strings.TrimRight(s[i+1:], ".,;:!?)>"), "(<"), true
}

// cutEnd returns s without its last n bytes and the separators left before them.
func cutEnd(s string, n int) string {
	return strings.TrimRight(s[:len(s)-n], " :-,;=(|/")
}
