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
		i := strings.LastIndexByte(s, ' ')
		if i < 0 {
			break
		}
		last := strings.TrimRight(s[i+1:], ".,;:!?)")
		if paren := strings.HasPrefix(last, "("); paren {
			last = last[1:]
		}
		if !isIdentifier(last) {
			break
		}
		s = strings.TrimRight(s[:i], " :-,;=")
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
		if label == "" {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
				return false
			}
		}
		labels++
		if w == "" && (labels < 3 || strings.ContainsAny(label, "0123456789")) {
			return false
		}
	}
	return labels >= 3
}
