package classify

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the form of a reason phrase that rules match against:
//   - lower case, with typographic apostrophes and dashes made plain, and Latin letters without
//     their diacritics ("Número não atribuído" reads as "numero nao atribuido", as many stacks
//     send it);
//   - vendor tags removed: a bracketed tag such as "[CGR1]" or "[TESR]", and a parenthesised
//     code tag such as "(477/SL)", "(477/TM)" or "(1/SL)";
//   - "_" and "-" read as spaces, so "NO_ROUTE_DESTINATION" and "Time-out" become words;
//   - words joined in camel case split where a lower-case letter meets a capitalised word
//     ("SdpParsingFailure", "TimeOut" become "sdp parsing failure", "time out"); runs of
//     capitals stay whole, so "FreeSWITCH" and "iLBC" are one word;
//   - the response code itself removed where it is repeated as a word ("403 Forbidden",
//     "Forbidden (403)"), and a leading "SIP/2.0", a "SIP" or "Error" that only introduces the
//     code ("SIP 415 ...", "Error 503: ...") and a lead-in such as "Error:", "Call rejected:",
//     "Reason:" or "SBC:" before what the phrase says went wrong (none of them names a cause);
//   - runs of white space collapsed to one space, punctuation trimmed from both ends.
//
// code may be 0 when the phrase is not tied to a response (keywords in rules).
func Normalize(code int, phrase string) string {
	s := phrase
	if code > 0 {
		s = withoutReporterDash(s)
		s = standardPhraseFirst(code, s)
	}
	if strings.ContainsAny(s, "（）【】") {
		// Full-width brackets, as CJK phrases write them, are brackets.
		s = fullWidthBrackets.Replace(s)
	}
	if strings.ContainsAny(s, "[(") {
		s = withoutOuterParens(s)
		s = stripTags(s)
	}
	s = splitCamel(s)
	var codeBuf [20]byte
	codeStr := []byte(nil)
	if code > 0 {
		codeStr = strconv.AppendInt(codeBuf[:0], int64(code), 10)
	}
	// One pass: lower case, separators to spaces, runs of spaces collapsed; the words are
	// appended one at a time so that a repeated response code can be dropped.
	out := make([]byte, 0, len(s))
	word := make([]byte, 0, 32)
	// A leading "SIP" or "Error" is held back until the next word shows whether it only
	// introduces the code ("SIP 415 ...", "Error 503: ..."); a leading "Error:" introduces
	// what follows. Neither names a cause.
	var held []byte
	emit := func(w []byte) {
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, w...)
	}
	flush := func() {
		if len(word) == 0 {
			return
		}
		core := bytes.Trim(word, "()[]{}<>:;,.=#")
		isCode := codeStr != nil && bytes.Equal(core, codeStr)
		skip := bytes.Equal(core, []byte("sip/2.0")) || isCode || bytes.Equal(word, []byte("()"))
		switch {
		case held != nil:
			if !isCode {
				emit(held)
			}
			held = nil
		case len(out) == 0 && codeStr != nil && (bytes.Equal(word, []byte("sip")) || bytes.Equal(word, []byte("error"))):
			held = word[:len(word):len(word)]
			word = make([]byte, 0, 32)
			return
		}
		if !skip {
			emit(word)
		}
		word = word[:0]
	}
	for _, r := range s {
		switch r {
		case '_', '-', '\u2013', '\u2014':
			r = ' '
		case '\u2019', '\u2018', '`':
			r = '\''
		}
		if r == ' ' || unicode.IsSpace(r) {
			flush()
			continue
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			word = append(word, byte(r))
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := foldLatin(r); ok {
			word = append(word, f...)
			continue
		}
		word = utf8.AppendRune(word, r)
	}
	flush()
	if held != nil {
		emit(held)
	}
	if code > 0 {
		if n := leadInLen(out); n > 0 && n < len(out) {
			rest := out[n:]
			// A number after it is a cause ("cause: 41", "reason: 486"), read as such; an
			// identifier alone says less than the lead-in.
			if !('0' <= rest[0] && rest[0] <= '9') && !isIdentifier(string(bytes.TrimRight(rest, ".,;:!?"))) {
				out = rest
			}
		}
	}
	return strings.TrimFunc(string(out), isTrimmable)
}

// leadInLen returns the length of the lead-in a normalised phrase starts with, or 0: one of
// leadIns, or one of reporters and ": " ("sbc: subscriber unreachable").
func leadInLen(out []byte) int {
	for _, li := range leadIns {
		if bytes.HasPrefix(out, li) {
			return len(li)
		}
	}
	if w, _, ok := bytes.Cut(out, []byte(": ")); ok && (isReporter(string(w)) || isReporterInstance(string(w)) ||
		isFailedCallTo(string(w)) || isErrorNumber(string(w)) || isRejectedBy(string(w)) || isFailedRequest(string(w))) {
		return len(w) + 2
	}
	return 0
}

// fullWidthBrackets maps full-width brackets to ASCII ones.
var fullWidthBrackets = strings.NewReplacer("（", " (", "）", ") ", "【", " [", "】", "] ")

// standardPhraseFirst returns "Service Unavailable - No transport" for "No transport -
// Service Unavailable" (also after ":", ",", "/", "|" or in brackets): the code's standard
// phrase after the detail, as some stacks write it, put where the rules look for it. Only a
// separator tells it: in "Session Not Found" the standard phrase is part of what is said.
func standardPhraseFirst(code int, s string) string {
	std, ok := StandardPhrase(code)
	t := strings.TrimRight(s, " .!)")
	if !ok || len(t) <= len(std)+3 || !strings.EqualFold(t[len(t)-len(std):], std) {
		return s
	}
	head := strings.TrimRight(t[:len(t)-len(std)], " ")
	if head == "" || strings.IndexByte("-:;,/|(", head[len(head)-1]) < 0 {
		return s
	}
	head = strings.TrimSpace(strings.TrimRight(head, " -:;,/|("))
	if lower := []byte(strings.ToLower(head)); head == "" || leadInLen(lower) > 0 || leadInLen(append(lower, ": "...)) > 0 {
		// "Call rejected: Bye - Request Terminated", "Call to 1001 failed: Request
		// Terminated": a lead-in is read as such.
		return s
	}
	for _, w := range strings.Fields(head) {
		switch strings.ToLower(w) {
		case "sip", "sip/2.0", "error", "err", "code":
		default:
			if !isDigits(w) {
				return std + " - " + head
			}
		}
	}
	return s // "Error 404: Not Found": only the code's number before it
}

// withoutOuterParens returns s without the round brackets that hold all of it, "(No
// transport)"; a phrase with other brackets in it is returned as it is.
func withoutOuterParens(s string) string {
	t := strings.TrimSpace(s)
	if len(t) < 3 || t[0] != '(' || t[len(t)-1] != ')' || strings.Count(t, "(") != 1 || strings.Count(t, ")") != 1 {
		return s
	}
	return t[1 : len(t)-1]
}

// isErrorNumber reports whether w is an error's number and nothing else: "error 1234", "err
// 7", "sip error 1234", "code 88".
func isErrorNumber(w string) bool {
	f := strings.Fields(w)
	if len(f) == 3 && f[0] == "sip" {
		f = f[1:]
	}
	return len(f) == 2 && (f[0] == "error" || f[0] == "err" || f[0] == "code" || f[0] == "errno") && isDigits(f[1])
}

// rejectingParties name who refused a call without saying why: "rejected by carrier: ...".
var rejectingParties = map[string]bool{
	"carrier": true, "provider": true, "upstream": true, "downstream": true, "remote": true, "peer": true,
	"gateway": true, "trunk": true, "network": true, "far end": true, "remote side": true, "remote party": true,
	"remote end": true, "operator": true,
}

// isRejectedBy reports whether w says who refused the call and no more: "rejected by
// carrier", "refused by the upstream", "failed at remote side".
func isRejectedBy(w string) bool {
	verb, rest, ok := strings.Cut(w, " ")
	if !ok || (verb != "rejected" && verb != "refused" && verb != "declined" && verb != "failed") {
		return false
	}
	prep, party, ok := strings.Cut(rest, " ")
	if !ok || (prep != "by" && prep != "at") {
		return false
	}
	return rejectingParties[strings.TrimPrefix(party, "the ")]
}

// isFailedRequest reports whether w says only that a request or a call of some direction
// failed: "invite rejected", "register failed", "outbound call failed".
func isFailedRequest(w string) bool {
	f := strings.Fields(w)
	if len(f) < 2 || len(f) > 3 {
		return false
	}
	switch f[len(f)-1] {
	case "failed", "rejected", "refused":
	default:
		return false
	}
	if len(f) == 2 {
		switch f[0] {
		case "invite", "subscribe", "message", "refer", "options", "bye", "update", "publish", "notify", "info", "prack", "transfer", "dial", "dialing", "dialling":
			// Not "register refused:": a registration refused names the account as what
			// was refused, which the rules read.
			return true
		}
		return false
	}
	switch f[0] {
	case "outbound", "inbound", "outgoing", "incoming":
		return f[1] == "call" || f[1] == "request" || f[1] == "invite"
	}
	return false
}

// isFailedCallTo reports whether w says that a call or request to or from one party failed,
// naming the party but not why: "call to +14155550123 failed", "request from 1001 rejected".
func isFailedCallTo(w string) bool {
	f := strings.Fields(w)
	if len(f) != 4 || (f[0] != "call" && f[0] != "request" && f[0] != "invite") || (f[1] != "to" && f[1] != "from") {
		return false
	}
	switch f[3] {
	case "failed", "rejected", "refused":
		return strings.ContainsAny(f[2], "0123456789@")
	}
	return false
}

// isReporterInstance reports whether w names one instance of a reporter: the reporter with a
// number after it, joined or not ("sbc01", "sbc 01" as normalising leaves "sbc-01", "proxy 2",
// "sbc lon 2").
func isReporterInstance(w string) bool {
	f := strings.Fields(w)
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	name := strings.TrimRight(f[0], "0123456789")
	if name == "" || !isReporter(name) {
		return false
	}
	if len(f) == 1 {
		return name != f[0] // "sbc01"
	}
	last := f[len(f)-1]
	return strings.ContainsAny(last, "0123456789") && isLowerAlnum(strings.Join(f[1:], ""))
}

// leadIns introduce what a phrase says went wrong without saying it themselves: "Call
// rejected: number not in service" is a number that does not exist, not a callee who declined.
// A lead-in is only dropped when something other than a number follows it ("cause: 41" is a
// Q.850 cause the classifier reads). The reporters of a phrase ("SBC: ...") are lead-ins too.
var leadIns = [][]byte{
	[]byte("error: "), []byte("err: "), []byte("sip error: "), []byte("call error: "),
	[]byte("call rejected: "), []byte("call refused: "), []byte("call failed: "), []byte("call failure: "),
	[]byte("request rejected: "), []byte("request failed: "), []byte("rejected: "), []byte("failed: "),
	[]byte("failure: "), []byte("reason: "), []byte("cause: "),
	// The error or response of the far side a B2BUA relays ("Remote error: no route").
	[]byte("remote error: "), []byte("upstream error: "), []byte("downstream error: "), []byte("carrier error: "),
	[]byte("provider error: "), []byte("peer error: "), []byte("remote response: "), []byte("upstream response: "),
	[]byte("carrier response: "), []byte("provider response: "),
	// "Error:" in the languages of the labelled phrases.
	[]byte("fehler: "), []byte("erreur : "), []byte("erreur: "), []byte("erro: "), []byte("errore: "),
	[]byte("ошибка: "), []byte("błąd: "), []byte("hata: "), []byte("fout: "), []byte("오류: "),
	[]byte("错误："), []byte("错误: "), []byte("エラー："), []byte("エラー: "),
}

// splitCamel puts a space before each capital that starts a lower-case word inside another
// word (see camelBreak), the way vendors write diagnostic identifiers as phrases.
// It returns s itself when there is nothing to split.
func splitCamel(s string) string {
	first := camelBreak(s, 0)
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	last := 0
	for i := first; i >= 0; i = camelBreak(s, i+1) {
		b.WriteString(s[last:i])
		b.WriteByte(' ')
		last = i
	}
	b.WriteString(s[last:])
	return b.String()
}

// camelBreak returns the index, at or after from, of a capital letter that starts a
// lower-case word after a lower-case letter ("ParsingFailure") or after an acronym of two or
// more capitals ("DBConnection", "HLRLookup"), or -1. After an acronym the word must have three
// lower-case letters, so that plurals and mixed-case names stay whole ("IPs", "CPaaS", "NATed").
func camelBreak(s string, from int) int {
	for i := max(from, 1); i+1 < len(s); i++ {
		if !isUpper(s[i]) || !isLower(s[i+1]) {
			continue
		}
		if isLower(s[i-1]) {
			return i
		}
		if i >= 2 && isUpper(s[i-1]) && isUpper(s[i-2]) && acronymWordEnds(s, i) {
			return i
		}
	}
	return -1
}

// acronymWordEnds reports whether the capital at s[i] starts a word of three or more
// lower-case letters that ends the identifier or is followed by the next capitalised word:
// "DBConnectionPool" splits, "PASSporT" does not.
func acronymWordEnds(s string, i int) bool {
	j := i + 1
	for j < len(s) && isLower(s[j]) {
		j++
	}
	if j-i-1 < 3 {
		return false
	}
	if j == len(s) {
		return true
	}
	c := s[j]
	if isUpper(c) {
		return j+1 < len(s) && isLower(s[j+1])
	}
	return c < utf8.RuneSelf && !('0' <= c && c <= '9')
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// isTrimmable reports the characters trimmed from both ends of a normalised phrase. Closing
// brackets stay, since "Forbidden (ACL)" keeps its meaning in the bracket.
func isTrimmable(r rune) bool {
	switch r {
	case ' ', '.', ',', ';', ':', '!', '?', '*', '"', '\'', '~', '=', '|', '/', '\\':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// stripTags removes vendor tags: a "[...]" of up to 24 bytes that holds a code or a label,
// "(NNN/XX)" code tags and labels such as "(ref 12345)".
func stripTags(s string) string {
	if !strings.ContainsAny(s, "[(") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '[' {
			// A vendor's tag is a code ("[CGR1]", "[TESR]", "[HT-VPBX]") or a label ("[node
			// sbc-2]"); words in brackets ("[No transport]", "[Banned]", "[MEDIA_TIMEOUT]") are
			// what the phrase says.
			if j := strings.IndexByte(s[i:], ']'); j > 0 && j <= 25 && (isCodeLike(strings.TrimSpace(s[i+1:i+j])) || isLabelTag(s[i+1:i+j])) {
				b.WriteByte(' ')
				i += j + 1
				continue
			}
		}
		if c == '(' {
			if j := strings.IndexByte(s[i:], ')'); j > 0 && (isCodeTag(s[i+1:i+j]) || isLabelTag(s[i+1:i+j]) || isReporterTag(s[i+1:i+j])) {
				b.WriteByte(' ')
				i += j + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// isCodeTag reports a tag such as "477/SL", "408/TM" or "1/SL": one to three digits, a
// slash, one to four letters.
func isCodeTag(t string) bool {
	t = strings.TrimSpace(t)
	slash := strings.IndexByte(t, '/')
	if slash < 1 || slash > 3 || len(t) < slash+2 || len(t) > slash+5 {
		return false
	}
	for i := 0; i < slash; i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	for _, r := range t[slash+1:] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isLabelTag reports a label in brackets that names no cause: one of tagWords and an
// identifier with a digit in it ("ref 12345", "id: a7f3", "node sbc-2", "case #4"), or "#" and
// digits. Exact phrases and the patterns anchored on a phrase's end read the phrase without it.
func isLabelTag(t string) bool {
	t = strings.TrimSpace(t)
	// "error code 1234": the code is the tag word, "error" says whose.
	for _, whose := range [...]string{"error ", "err ", "Error ", "ERROR "} {
		if rest, ok := strings.CutPrefix(t, whose); ok && len(rest) > 4 && strings.EqualFold(rest[:4], "code") {
			t = rest
			break
		}
	}
	if strings.HasPrefix(t, "#") {
		return len(t) <= 13 && isDigits(t[1:])
	}
	isSep := func(c byte) bool { return c == ' ' || c == ':' || c == '=' || c == '#' }
	w := 0
	for w < len(t) && !isSep(t[w]) {
		w++
	}
	id := w
	for id < len(t) && isSep(t[id]) {
		id++
	}
	if w == 0 || id == w || id == len(t) || len(t)-id > 16 || !isTagWord(t[:w]) {
		return false
	}
	for i := id; i < len(t); i++ {
		if isSep(t[i]) {
			return false // more than one word after the tag word
		}
	}
	return strings.ContainsAny(t[id:], "0123456789")
}

// isTagWord reports whether w is one of tagWords, in any case, without allocating.
func isTagWord(w string) bool { return inLowerCase(tagWords, w) }

// inLowerCase reports whether w, with its ASCII capitals in lower case, is in set (whose words
// have at most 16 bytes), without allocating.
func inLowerCase(set map[string]bool, w string) bool {
	if len(w) > 16 {
		return false
	}
	var buf [16]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(w)])]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isWordRune reports letters and digits, the characters keywords must not be cut inside of.
// Scripts written without spaces between words (Han, kana, Thai) have no word boundaries to
// respect, so their characters do not count.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// containsWord reports whether kw occurs in s starting and ending at word boundaries. With
// prefix set, kw may be followed by more letters ("codec" in "codecs").
func containsWord(s, kw string, prefix bool) bool {
	return containsWordSequence(s, []keywordWord{{text: kw, prefix: prefix}})
}

// containsWordSequence reports whether s holds the words one after the other, separated by
// single spaces, the first starting at a word boundary and each ending at one unless it allows
// more letters. A word's edge that is not a word rune (a digit group's dot, a Han character)
// needs no boundary beside it.
func containsWordSequence(s string, words []keywordWord) bool {
	if len(words) == 0 || words[0].text == "" {
		return false
	}
	first := words[0].text
	firstRune, _ := utf8.DecodeRuneInString(first)
	for off := 0; off <= len(s)-len(first); {
		i := strings.Index(s[off:], first)
		if i < 0 {
			return false
		}
		i += off
		_, size := utf8.DecodeRuneInString(s[i:])
		off = i + size
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); isWordRune(r) && isWordRune(firstRune) {
				continue
			}
		}
		if wordsFrom(s, i, words) {
			return true
		}
	}
	return false
}

// wordsFrom reports whether the words follow one another in s from i.
func wordsFrom(s string, i int, words []keywordWord) bool {
	for n, w := range words {
		if n > 0 {
			if i >= len(s) || s[i] != ' ' {
				return false
			}
			i++
		}
		if !strings.HasPrefix(s[i:], w.text) {
			return false
		}
		i += len(w.text)
		if w.prefix {
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if !isWordRune(r) {
					break
				}
				i += size
			}
		} else if i < len(s) {
			r, _ := utf8.DecodeRuneInString(s[i:])
			last, _ := utf8.DecodeLastRuneInString(w.text)
			if isWordRune(r) && isWordRune(last) {
				return false
			}
		}
	}
	return true
}

// isCodeLike reports whether a bracketed word is a vendor's code rather than a word: letters,
// digits and hyphens only, with a digit in it or in capitals throughout ("CGR1", "TESR",
// "HT-VPBX"); "Banned", "SdpParsingFailure" and "MEDIA_TIMEOUT" are words, and so are the
// words of causeWords in capitals ("[SPAM]", "[BUSY]").
func isCodeLike(t string) bool {
	if t == "" || len(t) > 12 || isCauseWord(t) {
		return false
	}
	digit, lower := false, false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z', c == '-':
		default:
			return false
		}
	}
	return digit || !lower
}

// reporters are the signalling nodes and products that name themselves as the reporter of a
// phrase ("SBC: subscriber unreachable", "FreeSWITCH - no answer", "... (by SBC)"): what they
// report is the cause, not they. Back-ends and media servers are not among them: "Database:
// timeout" is the database's.
var reporters = []string{"sbc", "proxy", "pbx", "b2bua", "registrar", "softswitch", "kamailio", "opensips", "freeswitch", "asterisk"}

func isReporter(w string) bool {
	for _, r := range reporters {
		if strings.EqualFold(w, r) {
			return true
		}
	}
	return false
}

// withoutReporterDash removes a reporter that begins a phrase before a dash ("FreeSWITCH - no
// answer"); a dash reads as a space once normalised, so it is told here.
func withoutReporterDash(s string) string {
	w, rest, ok := strings.Cut(strings.TrimLeft(s, " "), " ")
	if !ok || !isReporter(w) {
		return s
	}
	for _, dash := range []string{"- ", "\u2013 ", "\u2014 "} {
		if after, ok := strings.CutPrefix(rest, dash); ok && strings.TrimSpace(after) != "" {
			return after
		}
	}
	return s
}

// isReporterTag reports whether a bracketed text names only who reported the phrase ("by SBC",
// "from proxy", "via Kamailio", "via proxy2.example.net").
func isReporterTag(t string) bool {
	w, rest, ok := strings.Cut(strings.TrimSpace(t), " ")
	if !ok || !(strings.EqualFold(w, "by") || strings.EqualFold(w, "from") || strings.EqualFold(w, "via")) {
		return false
	}
	rest = strings.TrimSpace(rest)
	return isReporter(rest) || isReporterInstance(strings.ToLower(rest)) || isHostName(strings.ToLower(rest))
}

// causeWords are the words that name a cause on their own, which vendors also write in
// capitals in brackets ("Declined [SPAM]", "Unavailable [DND]"); no node or product is named so.
var causeWords = map[string]bool{
	"spam": true, "fraud": true, "busy": true, "banned": true, "blocked": true, "barred": true,
	"blacklisted": true, "timeout": true, "congestion": true, "congested": true, "overload": true,
	"overloaded": true, "noanswer": true, "dnd": true, "rejected": true, "declined": true,
	"forbidden": true, "denied": true, "offline": true, "unavailable": true, "unreachable": true,
	"crash": true, "expired": true, "invalid": true, "nocredit": true, "nobalance": true,
	"nofunds": true, "noroute": true, "unallocated": true, "robocall": true, "scam": true,
}

// isCauseWord reports whether w, in any case, is one of causeWords, without allocating.
func isCauseWord(w string) bool { return inLowerCase(causeWords, w) }
