package classify

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// ReasonCause is one decoded Reason header (RFC 3326): "Reason: Q.850;cause=17;text=...".
type ReasonCause struct {
	Protocol string // "SIP", "Q.850", "STIR", any other protocol token as sent
	Cause    int
	Text     string
}

// Response is what the classifier knows about one SIP response: the response itself and what
// the request it answers tells.
type Response struct {
	Code     int
	Reason   string        // reason phrase as on the wire
	Method   string        // CSeq method of the response
	Reasons  []ReasonCause // decoded Reason headers of the response
	Warnings []int         // Warning codes (3xx warn-codes)

	// CredentialsSent: the request this answers carried Authorization or Proxy-Authorization.
	CredentialsSent bool
	// CancelSent: a CANCEL (or BYE) for this INVITE was seen before the response.
	CancelSent bool
	// PriorChallenges counts the 401/407 already seen in this dialog or registration.
	PriorChallenges int
	// StaleNonce: a 401/407 whose challenge says stale=true (the nonce expired, the password
	// was right).
	StaleNonce bool
}

// Diagnosis is the classifier's answer for one response.
type Diagnosis struct {
	Category Category
	Severity Severity
	Rule     string // id of the rule that decided, e.g. "phrase.billing.funds", "code.486", "q850.17"
	Class    string // "1xx".."6xx"
}

// Explanation is a diagnosis with the words an operator needs, for `sipscan explain`.
type Explanation struct {
	Code     int      `json:"code"`
	Reason   string   `json:"reason"`
	Class    string   `json:"class"`
	Category Category `json:"category"`
	Severity Severity `json:"severity"`
	Meaning  string   `json:"meaning"`
	Fix      string   `json:"fix"`
	Rule     string   `json:"rule"`
}

// Options configure a Classifier.
type Options struct {
	// RulesFile names a YAML rule file that adds to and overrides the built-in rules; empty
	// means built-in rules only. The format is described in the package documentation.
	RulesFile string
	// CacheSize bounds the number of remembered answers;
	// 0 means 4096. When the cache is full it is emptied and refilled.
	CacheSize int
}

// cacheKey is everything a cached answer depends on. Responses with more than one Reason
// or Warning header are rare and not cached.
type cacheKey struct {
	code       int
	reason     string
	method     string
	flags      uint8
	prior      uint8
	warning    int
	causeProto string
	cause      int
	causeText  string
}

const (
	flagCredentials = 1 << iota
	flagCancel
	flagStale
	flagWarning
	flagReason
)

// Classifier turns responses into diagnoses. It is safe for concurrent use by several
// goroutines: the rules are read-only after New, and the answer cache is guarded by a mutex.
type Classifier struct {
	rules     []rule
	stdNorm   map[int]string // normalised standard phrase of every code in the table
	codeCat   map[int]Category
	cacheSize int

	mu    sync.Mutex
	cache map[cacheKey]Diagnosis

	vocab vocabulary // the rules' words, for phrases whose words run together

	// ruleIndex is each rule's place in rules, for comparing two readings' precedence.
	ruleIndex map[string]int

	// seen holds the categories the labelled phrases of each well-labelled code have (see
	// seen.go).
	seen seenCategories
}

// New builds a classifier from the built-in rules and, if opts.RulesFile is set, the user's.
// A broken rule file is an error that names the file and the line.
func New(opts Options) (*Classifier, error) {
	rules, err := buildRules(opts.RulesFile)
	if err != nil {
		return nil, err
	}
	seen, err := parseCategoriesSeen(categoriesSeenFile)
	if err != nil {
		return nil, err
	}
	c := &Classifier{
		rules:     rules,
		stdNorm:   make(map[int]string, len(codeTable)),
		codeCat:   make(map[int]Category, len(codeTable)),
		cacheSize: opts.CacheSize,
		seen:      seen,
	}
	if c.cacheSize <= 0 {
		c.cacheSize = 4096
	}
	c.cache = make(map[cacheKey]Diagnosis, min(c.cacheSize, 1024))
	c.ruleIndex = make(map[string]int, len(rules)+1)
	for i := range rules {
		c.ruleIndex[rules[i].id] = i
	}
	if _, ok := c.ruleIndex["class.other"]; !ok {
		c.ruleIndex["class.other"] = len(rules) // decideOnce's answer when no rule matched
	}
	for _, e := range codeTable {
		c.stdNorm[e.code] = Normalize(e.code, e.phrase)
		c.codeCat[e.code] = e.category
	}
	return c, nil
}

// Classify diagnoses one response. Answers are cached: when (code, phrase, method, context,
// Reason header, Warning code) repeats, Classify does not allocate. Responses with several
// Reason or Warning headers are decided afresh every time.
func (c *Classifier) Classify(r *Response) Diagnosis {
	if r == nil {
		return Diagnosis{Category: CategoryProtocolError, Severity: SeverityFault, Rule: "class.other"}
	}
	if len(r.Reasons) > 1 || len(r.Warnings) > 1 {
		return c.decide(r)
	}
	key := cacheKey{code: r.Code, reason: r.Reason, method: r.Method, prior: uint8(min(max(r.PriorChallenges, 0), 255))}
	if len(r.Warnings) == 1 {
		key.flags |= flagWarning
		key.warning = r.Warnings[0]
	}
	if len(r.Reasons) == 1 {
		key.flags |= flagReason
		key.causeProto, key.cause, key.causeText = r.Reasons[0].Protocol, r.Reasons[0].Cause, r.Reasons[0].Text
	}
	if r.CredentialsSent {
		key.flags |= flagCredentials
	}
	if r.CancelSent {
		key.flags |= flagCancel
	}
	if r.StaleNonce {
		key.flags |= flagStale
	}
	c.mu.Lock()
	d, ok := c.cache[key]
	c.mu.Unlock()
	if ok {
		return d
	}
	d = c.decide(r)
	// The caller's strings may alias reused buffers; the cache keeps its own copies.
	key.reason = strings.Clone(key.reason)
	key.method = strings.Clone(key.method)
	key.causeProto = strings.Clone(key.causeProto)
	key.causeText = strings.Clone(key.causeText)
	c.mu.Lock()
	if len(c.cache) >= c.cacheSize {
		clear(c.cache)
	}
	c.cache[key] = d
	c.mu.Unlock()
	return d
}

// decide reads the response with decideSplit and, when its phrase has a label in brackets
// before it or a clause in brackets after it that the rules read nothing in, reads it without
// them as well (unwrap.go).
func (c *Classifier) decide(r *Response) Diagnosis {
	if strings.ContainsAny(r.Reason, "（）【】") {
		r = withReason(r, strings.TrimSpace(fullWidthBrackets.Replace(r.Reason)))
	}
	d := c.decideSplit(r)
	if !strings.ContainsAny(r.Reason, "[)]") {
		return d
	}
	core, trailing := c.unwrapped(r)
	if core == strings.TrimSpace(r.Reason) {
		return d
	}
	// A clause after the phrase that the rules read nothing in may still count together with
	// the phrase ("Server error on SCSCF Select (UAR)" is a database query failing): the
	// phrase without it is read only when an earlier rule reads it, one the clause kept from
	// matching ("Unsupported Media (after 32 s)" is the exact phrase, not the media keyword in
	// it).
	if dc := c.decideSplit(withReason(r, core)); !trailing || c.precedes(dc.Rule, d.Rule) {
		return dc
	}
	return d
}

// precedes reports whether the rule with id a comes before the one with id b.
func (c *Classifier) precedes(a, b string) bool {
	i, ok := c.ruleIndex[a]
	j, ok2 := c.ruleIndex[b]
	return ok && ok2 && i < j
}

// decideSplit reads the phrase with decideWords and, when that says no more than the code
// does and the phrase opens with a heading that only restates a status ("Ocupado: ..."),
// reads what follows the heading (heading.go).
func (c *Classifier) decideSplit(r *Response) Diagnosis {
	norm := Normalize(r.Code, r.Reason)
	d := c.decideWords(r, norm)
	// A heading that only restates a status before the cause (heading.go).
	if dr, ok := c.afterHeading(r, d); ok {
		return dr
	}
	return d
}

// decideWords runs the rules in order on norm; the first that matches decides. A phrase that
// is one run of letters is read again with the words that run together in it split
// ("NOROUTEFOUND"), when the rules' words cover them (segment.go); a state said with a verb
// again in the rules' short form (predicate.go); a typo again respelled (spell.go).
func (c *Classifier) decideWords(r *Response, norm string) Diagnosis {
	d := c.decideOnce(r, norm)
	// Also when a rule read the run whole: a keyword that allows a longer word reads only
	// its start ("trunk*" in "TRUNKDISABLED").
	if seg, ok := c.segmented(norm); ok {
		if d2 := c.decideOnceAs(r, seg); !isFallback(d2.Rule) {
			return d2
		}
	}
	// A state said with a verb or in other words than the rules' ("is not available" for
	// "unavailable", predicate.go).
	if short, ok := shortPredicates(norm); ok {
		if d2 := c.decideOnceAs(r, short); !isFallback(d2.Rule) && (isFallback(d.Rule) || c.precedes(d2.Rule, d.Rule)) {
			d = d2
		}
	}
	// A word one letter off a rules' word (spell.go); the code's standard phrase has none.
	if norm == c.stdNorm[r.Code] {
		return d
	}
	if fixed, ok := c.respelledPhrase(norm); ok {
		if d2 := c.decideOnceAs(r, fixed); !isFallback(d2.Rule) && (isFallback(d.Rule) || c.precedes(d2.Rule, d.Rule)) {
			return d2
		}
	}
	return d
}

// withReason returns a copy of r with phrase as its reason phrase.
func withReason(r *Response, phrase string) *Response {
	rr := *r
	rr.Reason = phrase
	return &rr
}

// decideOnceAs is decideOnce for r read with phrase as its reason phrase.
func (c *Classifier) decideOnceAs(r *Response, phrase string) Diagnosis {
	return c.decideOnce(withReason(r, phrase), Normalize(r.Code, phrase))
}

// decideOnce runs the rules in order on the response as it is; norm is its Normalize'd phrase.
func (c *Classifier) decideOnce(r *Response, norm string) Diagnosis {
	if len(r.Reasons) == 0 {
		// A Q.850 cause written into the phrase ("Service Unavailable (Cause: 41)") counts as
		// the Reason header the response did not carry; also in brackets, which normalising
		// drops as a vendor's tag ("[cause 41]"). Only here, on a cache miss, do the lower-case
		// phrase and the copy of the response cost allocations.
		cause, ok := phraseCause(norm)
		if !ok && strings.ContainsAny(r.Reason, "[]") {
			cause, ok = phraseCause(strings.ToLower(r.Reason))
		}
		if ok {
			rr := *r
			rr.Reasons = []ReasonCause{{Protocol: "Q.850", Cause: cause}}
			r = &rr
		}
	}
	pt := c.newPhraseText(r.Code, norm)
	restated := false
	for i := range c.rules {
		ru := &c.rules[i]
		if restated && ru.phraseOnly() {
			continue
		}
		cat, ok := c.match(ru, r, &pt)
		if !ok {
			continue
		}
		if ru.wideFor(r.Code) && c.seen.ruledOut(r.Code, cat) {
			continue // a word read in a sense the code rules out (seen.go)
		}
		if len(r.Reasons) > 0 && ru.phraseOnly() && cat == c.codeCat[r.Code] &&
			(cat == CategoryServerError || !unspecifiedCause(r.Reasons[0])) {
			// The phrase only restates the code ("暂时无法接通" is 480's "Temporarily
			// Unavailable" in Chinese): a Reason header names the cause more precisely. The
			// first phrase rule that matches is the phrase's reading; later ones would read
			// a word of it as another cause ("Unalloc Num (Q.850 1) - routed to SIT").
			// A cause that says only that something failed ("temporary failure", "resource
			// unavailable, unspecified") is no more precise than a phrase that names a cause:
			// "Insufficient funds" with cause 41 stays the money; it is more precise than a
			// server's failure ("Call failed (cause 47)" is a resource).
			restated = true
			continue
		}
		sev := ru.severity
		if sev == "" {
			info, _ := Info(cat)
			sev = info.Severity
		}
		return Diagnosis{Category: cat, Severity: sev, Rule: ru.id, Class: Class(r.Code)}
	}
	// Reached only when a user rule file disabled or replaced the catch-all rule class.other.
	return Diagnosis{Category: CategoryProtocolError, Severity: SeverityFault, Rule: "class.other", Class: Class(r.Code)}
}

// detail returns what a normalised phrase adds to the code's standard phrase: "busy here -
// channel limit exceeded" gives "channel limit exceeded" for a 486. The standard phrase says
// nothing the code does not, and its words ("busy", "unavailable", "forbidden") would otherwise
// outvote the detail that names the cause. Other phrases are returned whole.
func (c *Classifier) detail(code int, norm string) string {
	std := c.stdNorm[code]
	if std == "" || len(norm) <= len(std)+1 || !strings.HasPrefix(norm, std) {
		return norm
	}
	rest := norm[len(std):]
	if r := rest[0]; r != ' ' && r != ',' && r != ';' && r != ':' && r != '.' && r != '(' && r != '[' {
		return norm // the standard phrase is only the start of a longer word
	}
	lead := strings.TrimLeft(rest, " ")
	bracketed := lead != "" && (lead[0] == '(' || lead[0] == '[')
	rest = strings.TrimLeft(rest, " -:;,.([/|")
	if bracketed {
		// "service unavailable (no transport)": the detail is what the brackets hold.
		rest = strings.TrimRight(rest, ")] ")
	}
	if rest == "" {
		return norm
	}
	return rest
}

// tagWords are the words test suites and vendors put before a number to label a response
// without saying anything about its cause: "(scenario 2)", "[test 14]", "- case 7".
var tagWords = map[string]bool{
	"scenario": true, "test": true, "case": true, "step": true, "ref": true, "id": true,
	"node": true, "instance": true, "trace": true, "seq": true, "no": true, "no.": true, "nr": true,
	// A vendor's own code for the error ("(error 1234)", "(code 88)"); a Q.850 cause is
	// written with "cause" and read before labels are dropped.
	"code": true, "error": true, "err": true, "errno": true, "errcode": true,
	// Whose call it was ("(account 1234)", "(tenant 55)"): context, not the cause.
	"account": true, "acct": true, "customer": true, "tenant": true,
}

// onlyATag reports whether what a phrase adds to the standard phrase is only a label: a
// number, or one of tagWords and a number, in brackets or not. Such a phrase is the standard
// phrase, and the context rules that read a plain 403 to REGISTER apply to it.
func onlyATag(detail string) bool {
	f := strings.FieldsFunc(detail, func(r rune) bool {
		return r == ' ' || r == '(' || r == ')' || r == '#' || r == ':' || r == '-' || r == '='
	})
	if len(f) == 2 && tagWords[f[0]] {
		f = f[1:]
	}
	return len(f) == 1 && len(f[0]) <= 8 && isDigits(f[0])
}

// adviceClause matches the advice vendors add to a phrase ("please contact your
// administrator", "contact support for details"): it names no cause, and its words would read
// as one (a Contact header, an administrative prohibition). It takes a "please" or a
// determiner, or "contact" itself, so that "call operator busy" stays as it is, and it ends at
// the next punctuation, so that what follows ("...: account suspended") is kept.
var adviceClause = regexp.MustCompile(`(?:(?:please|pls|plz)\s+(?:contact|call|ask|consult|notify|inform|reach\s+out\s+to)\s+(?:(?:your|the|our|a|an)\s+)?|(?:contact|call|ask|consult|notify|inform)\s+(?:your|the|our)\s+|contact\s+)(?:\w+\s+){0,2}?(?:administrators?|admin|sysadmin|support|provider|operator|carrier|helpdesk|help\s+desk|service\s+desk|team|isp|vendor|it\s+department|account\s+manager|noc|customer\s+(?:service|care))\b(?:\s+(?:for|to|regarding|about|if)\b[^.;:!?()]*)?|(?:please\s+)?(?:see|check|consult)\s+(?:the\s+)?(?:server\s+)?(?:logs?|log\s+files?)\b(?:\s+for\s+(?:more\s+)?(?:details|information|info))?`)

// stripAdvice returns detail without the advice in it, if any, trimmed.
func stripAdvice(detail string) string {
	if !strings.Contains(detail, "contact") && !strings.Contains(detail, "please") &&
		!strings.Contains(detail, "call") && !strings.Contains(detail, "ask") &&
		!strings.Contains(detail, "consult") && !strings.Contains(detail, "notify") &&
		!strings.Contains(detail, "inform") && !strings.Contains(detail, "log") {
		return detail
	}
	stripped := adviceClause.ReplaceAllString(detail, " ")
	if stripped == detail {
		return detail
	}
	return strings.Join(strings.Fields(strings.TrimFunc(stripped, isTrimmable)), " ")
}

// match reports whether ru applies to r and which category it gives. Exact phrases are
// compared with the whole normalised phrase and with its detail, keywords and regular
// expressions with its detail.
func (c *Classifier) match(ru *rule, r *Response, pt *phraseText) (Category, bool) {
	if ru.catchAll {
		return ru.category, true
	}
	if !ru.codes.empty() && !ru.codes.has(r.Code) {
		return "", false
	}
	if len(ru.methods) > 0 && !containsFold(ru.methods, r.Method) {
		return "", false
	}
	if containsFold(ru.notMethods, r.Method) {
		return "", false
	}
	if ru.standard != nil && *ru.standard != pt.std {
		return "", false
	}
	if ru.credentials != nil && *ru.credentials != r.CredentialsSent {
		return "", false
	}
	if ru.cancel != nil && *ru.cancel != r.CancelSent {
		return "", false
	}
	if ru.stale != nil && *ru.stale != r.StaleNonce {
		return "", false
	}
	if ru.minPrior > 0 && r.PriorChallenges < ru.minPrior {
		return "", false
	}
	if !ru.warnings.empty() {
		found := false
		for _, w := range r.Warnings {
			if ru.warnings.has(w) {
				found = true
				break
			}
		}
		if !found {
			return "", false
		}
	}
	if (len(ru.phrases) > 0 || len(ru.keywords) > 0 || ru.re != nil) && !phraseMatches(ru, pt) {
		return "", false
	}
	cat := ru.category
	if ru.reason != nil {
		found := false
		for i := range r.Reasons {
			rc := &r.Reasons[i]
			if !ru.reason.matches(rc) {
				continue
			}
			if cat == categoryFromCause {
				// A cause naming the response's own code, or a non-failure, adds nothing.
				if rc.Cause == r.Code || rc.Cause < 400 || rc.Cause > 699 {
					continue
				}
				// The cause is classified as a response of its own, text as phrase, so that
				// "SIP;cause=480;text=\"No money left\"" reads as billing.
				inner := Response{Code: rc.Cause, Reason: rc.Text, Method: r.Method}
				cat = c.decide(&inner).Category
			}
			found = true
			break
		}
		if !found {
			return "", false
		}
	}
	return cat, true
}

// phraseMatches tries the phrase conditions of ru. Keywords and regular expressions are only
// tried on phrases that differ from the code's standard phrase: "403 Forbidden" carries no
// more than the code, and the context rules must get their turn.
func phraseMatches(ru *rule, pt *phraseText) bool {
	for _, p := range ru.phrases {
		// An exact phrase is the whole phrase or all that follows the standard one
		// ("Service Unavailable - No transport").
		if p == pt.norm || p == pt.detail || (pt.bare != "" && p == pt.bare) {
			return true
		}
	}
	if pt.std {
		return false
	}
	for i := range ru.keywords {
		k := &ru.keywords[i]
		if pt.grams.mayContain(&k.grams) && k.matches(pt.detail) {
			return true
		}
	}
	if ru.re == nil {
		return false
	}
	// bare is a part of detail, so detail's bigrams filter holds for it too.
	return ru.re.matchesText(pt.detail, &pt.grams) || (pt.bare != "" && ru.re.endAnchored && ru.re.matchesText(pt.bare, &pt.grams))
}

// newPhraseText returns norm, the Normalize'd phrase of a response with the code, as the rules see it.
func (c *Classifier) newPhraseText(code int, norm string) phraseText {
	// Labelled identifiers and parameters at the end name no cause, though their labels may
	// be words the rules read ("..., trunk=tg1", "...; call id 3a7f9c"); a Q.850 cause among
	// them ("cause=34") was read before.
	norm = withoutTrailingLabels(norm)
	std := norm == "" || norm == c.stdNorm[code]
	detail := c.detail(code, norm)
	if !std && detail != norm && onlyATag(detail) {
		std = true // "Forbidden (scenario 2)", "Busy Here #4": the standard phrase with a label
	}
	pt := phraseText{norm: norm, detail: stripAdvice(detail), std: std}
	pt.bare = withoutTrailingIDs(pt.detail)
	if pt.bare == "" {
		pt.bare = withoutEndCodes(pt.detail)
	}
	pt.grams = newBigrams(pt.detail)
	return pt
}

// phraseText is a response's phrase as the rules see it.
type phraseText struct {
	norm   string  // Normalize'd phrase, for exact phrases
	detail string  // what it adds to the standard phrase, without advice; for keywords and patterns
	bare   string  // detail without the identifiers and retry advice at its end, or "" when it has none
	std    bool    // the phrase is the code's standard phrase (or none)
	grams  bigrams // of detail
}

// phraseCause finds a Q.850 cause number written into a normalised phrase: "cause 41",
// "cause: 41", "cause=34", "q.850 cause 17", "(q.850;cause=16)", "causa 17", "Ursache 34",
// "причина 17", and the number right after the protocol's name, "q850:18", "q.850=1", "(q850
// 34)", also with the field named ("cause value 31", "cause code: 34") or in hex ("cause
// 0x22"). Numbers outside 1-127 are not Q.850 causes and are ignored.
func phraseCause(norm string) (int, bool) {
	for _, marker := range [...]string{"cause", "q.850", "q850", "causa", "ursache", "причина"} {
		if n, ok := numberAfter(norm, marker); ok {
			return n, true
		}
	}
	return 0, false
}

// numberAfter finds marker as the start of a word in norm, followed by separators and a
// number of 1-127 that ends a word, and returns the number.
func numberAfter(norm, marker string) (int, bool) {
	for off := 0; ; {
		i := strings.Index(norm[off:], marker)
		if i < 0 {
			return 0, false
		}
		i += off
		off = i + len(marker)
		if prev, _ := utf8.DecodeLastRuneInString(norm[:i]); i > 0 && isWordRune(prev) {
			continue // "because"
		}
		j := skipCauseSeparators(norm, off)
		// ISUP traces and switch logs name the field: "cause value 31", "cause code: 34".
		for _, word := range [...]string{"value", "code", "no."} {
			if strings.HasPrefix(norm[j:], word) && j > off {
				j = skipCauseSeparators(norm, j+len(word))
				break
			}
		}
		n, digits := 0, 0
		if strings.HasPrefix(norm[j:], "0x") {
			// Decoders of ISDN and ISUP print the cause octet's value in hex: "cause 0x22".
			j += 2
			for j < len(norm) && digits < 2 {
				d := hexDigit(norm[j])
				if d < 0 {
					break
				}
				n = n*16 + d
				j++
				digits++
			}
		} else {
			for j < len(norm) && '0' <= norm[j] && norm[j] <= '9' && digits < 4 {
				n = n*10 + int(norm[j]-'0')
				j++
				digits++
			}
		}
		if digits == 0 || j < len(norm) && isWordRune(rune(norm[j])) {
			continue
		}
		if j+1 < len(norm) && norm[j] == '.' && '0' <= norm[j+1] && norm[j+1] <= '9' {
			continue // a version or a decimal ("q.850 3.1"), not a cause
		}
		if n >= 1 && n <= 127 {
			return n, true
		}
	}
}

// skipCauseSeparators skips the spaces and punctuation between a cause's marker and its
// number: "cause: 41", "cause=34", "cause #41".
func skipCauseSeparators(norm string, j int) int {
	for j < len(norm) && (norm[j] == ' ' || norm[j] == ':' || norm[j] == '=' || norm[j] == '#') {
		j++
	}
	return j
}

// hexDigit is the value of a lower-case hexadecimal digit, or -1.
func hexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}

// codeDefault is the default category of a code, by table or by class.
func (c *Classifier) codeDefault(code int) Category {
	if cat, ok := c.codeCat[code]; ok {
		return cat
	}
	switch code / 100 {
	case 1, 2, 3:
		return CategoryOK
	case 5:
		return CategoryServerError
	case 6:
		return CategoryCalleeDeclined
	}
	return CategoryProtocolError
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Rules lists the active rules in the order they are tried.
func (c *Classifier) Rules() []RuleInfo {
	out := make([]RuleInfo, len(c.rules))
	for i := range c.rules {
		r := &c.rules[i]
		// The conditions are rendered here, not when the rules are read: only listings show them.
		out[i] = RuleInfo{ID: r.id, Source: r.source, Match: describe(r), Category: r.category, Severity: r.severity, Description: r.description}
	}
	return out
}

// Explain diagnoses a bare code and phrase (no request context) and adds the category's
// meaning and fix. An empty phrase stands for the code's standard phrase.
func (c *Classifier) Explain(code int, phrase string) Explanation {
	return c.ExplainResponse(&Response{Code: code, Reason: phrase})
}

// ExplainResponse is Explain for a response with its context: the method it answers, the
// credentials, CANCEL and challenges seen before it, its Reason and Warning headers. An empty
// reason phrase stands for the code's standard phrase.
func (c *Classifier) ExplainResponse(r *Response) Explanation {
	rr := *r
	rr.Reason = strings.TrimSpace(rr.Reason)
	if rr.Reason == "" {
		if e, ok := lookupCode(rr.Code); ok {
			rr.Reason = e.phrase
		}
	}
	d := c.Classify(&rr)
	info, _ := Info(d.Category)
	return Explanation{
		Code: rr.Code, Reason: rr.Reason, Class: d.Class, Category: d.Category, Severity: d.Severity,
		Meaning: info.Meaning, Fix: info.Fix, Rule: d.Rule,
	}
}

// unspecifiedCause reports a Q.850 cause that names no cause more precisely than its class:
// 41 temporary failure and the "unspecified" causes of the resource, service, implementation,
// message and protocol classes (47, 63, 79, 95, 111).
func unspecifiedCause(rc ReasonCause) bool {
	if !strings.EqualFold(rc.Protocol, "Q.850") {
		return false
	}
	switch rc.Cause {
	case 41, 47, 63, 79, 95, 111:
		return true
	}
	return false
}
