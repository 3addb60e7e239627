package classify

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed rules.yaml
var builtinRulesYAML []byte

// builtinRules is the built-in rule file read once per process. Classifiers copy the rules out
// of it and never change them; their patterns compile on first use, safely from any goroutine.
var builtinRules = sync.OnceValues(func() ([]parsedRule, error) {
	return parseRuleFile(builtinRulesYAML, "builtin", true)
})

func init() {
	// Read the built-in rules in the background from the start: a program that builds a
	// Classifier first thing in main finds the work done, on the core that initialisation
	// leaves idle, instead of waiting 7-15 ms for it.
	go builtinRules()
}

// categoryFromCause is the pseudo-category of a rule whose result is the default category of
// the SIP response code carried in a Reason header ("Reason: SIP;cause=486").
const categoryFromCause Category = "cause-code"

// RuleInfo describes one active rule for listings (`sipscan rules`).
type RuleInfo struct {
	ID       string   `json:"id"`
	Source   string   `json:"source"` // "builtin" or "user FILE:LINE"
	Match    string   `json:"match"`  // the rule's conditions in words
	Category Category `json:"category"`
	Severity Severity `json:"severity,omitempty"` // set when the rule overrides the category's severity
	// Description says why the rule exists, as its file does.
	Description string `json:"description,omitempty"`
}

// span is an inclusive range of numbers, negated for exclusions.
type span struct {
	lo, hi int
	not    bool
}

// numSet matches numbers against include and exclude spans; empty means "any".
type numSet []span

func (s numSet) empty() bool { return len(s) == 0 }

func (s numSet) has(n int) bool {
	included, anyInclude := false, false
	for _, sp := range s {
		in := n >= sp.lo && n <= sp.hi
		if sp.not {
			if in {
				return false
			}
			continue
		}
		anyInclude = true
		if in {
			included = true
		}
	}
	return included || !anyInclude
}

// named reports whether n is in s by a code or a range of codes the set names, not only by a
// whole class ("4xx") it names.
func (s numSet) named(n int) bool {
	for _, sp := range s {
		if !sp.not && n >= sp.lo && n <= sp.hi && !(sp.hi-sp.lo == 99 && sp.lo%100 == 0) {
			return true
		}
	}
	return false
}

func (s numSet) String() string {
	parts := make([]string, 0, len(s))
	for _, sp := range s {
		p := ""
		switch {
		case sp.lo == sp.hi:
			p = strconv.Itoa(sp.lo)
		case sp.hi-sp.lo == 99 && sp.lo%100 == 0:
			p = strconv.Itoa(sp.lo/100) + "xx"
		default:
			p = strconv.Itoa(sp.lo) + "-" + strconv.Itoa(sp.hi)
		}
		if sp.not {
			p = "!" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ",")
}

// parseSpan reads "486", "4xx", "480-489" or one of them behind "!".
func parseSpan(s string) (span, error) {
	s = strings.TrimSpace(s)
	var sp span
	if strings.HasPrefix(s, "!") {
		sp.not = true
		s = strings.TrimSpace(s[1:])
	}
	ls := strings.ToLower(s)
	switch {
	case len(ls) == 3 && ls[1:] == "xx" && ls[0] >= '1' && ls[0] <= '9':
		d := int(ls[0] - '0')
		sp.lo, sp.hi = d*100, d*100+99
	case strings.Contains(ls, "-"):
		a, b, _ := strings.Cut(ls, "-")
		lo, err1 := strconv.Atoi(strings.TrimSpace(a))
		hi, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil || lo > hi {
			return sp, fmt.Errorf("bad range %q", s)
		}
		sp.lo, sp.hi = lo, hi
	default:
		n, err := strconv.Atoi(ls)
		if err != nil {
			return sp, fmt.Errorf("bad number %q (want e.g. 486, 4xx, 480-489, !420)", s)
		}
		sp.lo, sp.hi = n, n
	}
	return sp, nil
}

// parseNumSet reads a scalar or a sequence of spans; a scalar may hold a comma-separated list.
func parseNumSet(n *yaml.Node) (numSet, error) {
	if n == nil || n.Kind == 0 {
		return nil, nil
	}
	var items []string
	switch n.Kind {
	case yaml.ScalarNode:
		items = strings.Split(scalarText(n), ",")
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, lineErr(c, "want a number, class or range")
			}
			items = append(items, scalarText(c))
		}
	default:
		return nil, lineErr(n, "want a number, class, range or a list of them")
	}
	var set numSet
	for _, it := range items {
		sp, err := parseSpan(it)
		if err != nil {
			return nil, lineErr(n, err.Error())
		}
		set = append(set, sp)
	}
	return set, nil
}

// scalarText returns a scalar as written. YAML reads an unquoted "!487" as a local tag with
// an empty value; in a code list it can only mean an exclusion, so the tag is given back.
func scalarText(n *yaml.Node) string {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return n.Tag + n.Value
	}
	return n.Value
}

// parseStrings reads a scalar or a sequence of scalars.
func parseStrings(n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, lineErr(c, "want a string")
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, lineErr(n, "want a string or a list of strings")
}

func parseBool(n *yaml.Node) (bool, error) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		return false, lineErr(n, "want true or false")
	}
	return b, nil
}

// lineError is a rule-file error at a line.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return "line " + strconv.Itoa(e.line) + ": " + e.msg }

func lineErr(n *yaml.Node, msg string) error { return &lineError{line: n.Line, msg: msg} }

// keyword is a normalised keyword; prefix allows more letters after it.
type keyword struct {
	written string // as the rule file writes it, for listings
	text    string
	prefix  bool
	grams   gramSample // of text (of its longest word when words is set), for the phrase's bigrams filter
	// words is set for a keyword of several words with a "*" inside ("prywatn* adres*"): each
	// word allows more letters after it where it says so.
	words []keywordWord
}

// same reports whether k and o match the same texts.
func (k keyword) same(o keyword) bool {
	return k.text == o.text && k.prefix == o.prefix && slices.Equal(k.words, o.words)
}

// keywordWord is one word of a keyword of several words.
type keywordWord struct {
	text   string
	prefix bool
}

// newKeyword reads a keyword as written in a rule file: a trailing "*" allows a longer last
// word, and a "*" at the end of an inner word ("частн* ip") a longer word there.
//
// A word that ends in Hangul always allows more letters: Korean writes its particles and
// endings onto the word ("비밀번호가" is "비밀번호" with a subject particle).
func newKeyword(kw string) keyword {
	prefix := strings.HasSuffix(kw, "*")
	norm := Normalize(0, strings.TrimSuffix(kw, "*"))
	if !strings.Contains(strings.TrimSuffix(kw, "*"), "* ") {
		return keyword{written: kw, text: norm, prefix: prefix || endsInHangul(norm), grams: sampleGrams(norm)}
	}
	k := keyword{written: kw}
	var texts []string
	longest := ""
	for _, w := range strings.Fields(kw) {
		wn := Normalize(0, strings.TrimSuffix(w, "*"))
		if wn == "" {
			continue
		}
		k.words = append(k.words, keywordWord{text: wn, prefix: strings.HasSuffix(w, "*") || endsInHangul(wn)})
		texts = append(texts, wn)
		if len(wn) > len(longest) {
			longest = wn
		}
	}
	k.text = strings.Join(texts, " ")
	k.grams = sampleGrams(longest)
	return k
}

// endsInHangul reports whether s ends in a Hangul syllable or letter.
func endsInHangul(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.Is(unicode.Hangul, r)
}

// matches reports whether the keyword is in s on word boundaries.
func (k *keyword) matches(s string) bool {
	if k.words == nil {
		return containsWord(s, k.text, k.prefix)
	}
	return containsWordSequence(s, k.words)
}

// String is the keyword as the rule file wrote it, or, for a keyword made otherwise, as a
// rule file would write it.
func (k *keyword) String() string {
	if k.written != "" {
		if k.prefix && !strings.HasSuffix(k.written, "*") {
			return k.written + "*" // a word in Hangul allows more letters without one
		}
		return k.written
	}
	if k.words == nil {
		if k.prefix {
			return k.text + "*"
		}
		return k.text
	}
	ws := make([]string, len(k.words))
	for i, w := range k.words {
		ws[i] = w.text
		if w.prefix {
			ws[i] += "*"
		}
	}
	return strings.Join(ws, " ")
}

// reasonMatch matches one decoded Reason header.
type reasonMatch struct {
	protocol string // upper case; "" any
	causes   numSet
	text     *regexp.Regexp
}

func (m *reasonMatch) matches(rc *ReasonCause) bool {
	if m.protocol != "" && !strings.EqualFold(m.protocol, rc.Protocol) {
		return false
	}
	if !m.causes.empty() && !m.causes.has(rc.Cause) {
		return false
	}
	if m.text != nil && !m.text.MatchString(rc.Text) {
		return false
	}
	return true
}

// rule is a compiled rule. All conditions present must hold; the phrase conditions (phrase,
// keywords, regex) are alternatives of one another.
type rule struct {
	id          string
	category    Category
	severity    Severity // "" means the category's severity
	source      string
	description string

	codes          numSet
	methods        []string // one of these, when any
	notMethods     []string // none of these ("!REGISTER")
	phrases        []string // normalised
	phrasesWritten []string // as the rule file writes them, for listings
	keywords       []keyword
	re             *phraseRegexp
	reason         *reasonMatch
	warnings       numSet
	credentials    *bool
	cancel         *bool
	stale          *bool
	minPrior       int
	standard       *bool
	catchAll       bool // generated last-resort rule
}

// phraseOnly reports whether the rule decides by the reason phrase alone: it has a phrase
// condition and no Reason, Warning or request-context condition.
func (r *rule) phraseOnly() bool {
	return (len(r.phrases) > 0 || len(r.keywords) > 0 || r.re != nil) && r.reason == nil &&
		r.warnings.empty() && r.credentials == nil && r.cancel == nil && r.stale == nil && r.minPrior == 0
}

// ruleKeys are the keys a rule may have.
var ruleKeys = map[string]bool{
	"id": true, "category": true, "severity": true, "description": true, "disabled": true,
	"code": true, "method": true, "phrase": true, "keywords": true, "regex": true,
	"reason": true, "warning": true, "credentials": true, "cancel": true, "stale": true,
	"prior_challenges": true, "standard_phrase": true,
}

// parsedRule is a rule as read from a file, with its place.
type parsedRule struct {
	rule
	line     int
	disabled bool
}

// parseRuleFile reads a rule file: a mapping with a "rules" sequence, or a bare sequence.
// With lazy set, phrase patterns are checked for form but compiled on first use (see
// phraseRegexp); only the built-in rules, which the tests compile, are read so.
func parseRuleFile(data []byte, source string, lazy bool) ([]parsedRule, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	var list *yaml.Node
	switch root.Kind {
	case yaml.SequenceNode:
		list = root
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Value != "rules" {
				return nil, lineErr(k, fmt.Sprintf("unknown key %q (want \"rules\")", k.Value))
			}
			if v.Kind != yaml.SequenceNode {
				if v.Tag == "!!null" {
					return nil, nil
				}
				return nil, lineErr(v, "\"rules\" must be a list of rules")
			}
			list = v
		}
		if list == nil {
			return nil, nil
		}
	default:
		return nil, lineErr(root, "want a list of rules, or a mapping with key \"rules\"")
	}
	seen := map[string]int{}
	out := make([]parsedRule, 0, len(list.Content))
	for _, n := range list.Content {
		pr, err := parseRule(n, source, lazy)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[pr.id]; dup {
			return nil, lineErr(n, fmt.Sprintf("rule id %q already used at line %d", pr.id, prev))
		}
		seen[pr.id] = pr.line
		out = append(out, pr)
	}
	return out, nil
}

func parseRule(n *yaml.Node, source string, lazy bool) (parsedRule, error) {
	pr := parsedRule{line: n.Line}
	if n.Kind != yaml.MappingNode {
		return pr, lineErr(n, "a rule must be a mapping with at least id and category")
	}
	r := &pr.rule
	conditions := 0
	var catNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !ruleKeys[k.Value] {
			return pr, lineErr(k, fmt.Sprintf("unknown key %q", k.Value))
		}
		var err error
		switch k.Value {
		case "id":
			r.id = strings.TrimSpace(v.Value)
			if v.Kind != yaml.ScalarNode || r.id == "" {
				return pr, lineErr(v, "id must be a non-empty string")
			}
		case "category":
			catNode = v
			r.category = Category(strings.TrimSpace(v.Value))
		case "severity":
			s := Severity(strings.ToLower(strings.TrimSpace(v.Value)))
			if s != SeverityNormal && s != SeverityFault {
				return pr, lineErr(v, fmt.Sprintf("severity %q: want normal or fault", v.Value))
			}
			r.severity = s
		case "description":
			r.description = strings.Join(strings.Fields(v.Value), " ")
		case "disabled":
			pr.disabled, err = parseBool(v)
		case "code":
			r.codes, err = parseNumSet(v)
			conditions++
		case "method":
			var ms []string
			ms, err = parseStrings(v)
			for _, m := range ms {
				m = strings.ToUpper(strings.TrimSpace(m))
				if name, ok := strings.CutPrefix(m, "!"); ok {
					r.notMethods = append(r.notMethods, strings.TrimSpace(name))
				} else {
					r.methods = append(r.methods, m)
				}
			}
			conditions++
		case "phrase":
			var ps []string
			ps, err = parseStrings(v)
			for _, p := range ps {
				r.phrases = append(r.phrases, Normalize(0, p))
				r.phrasesWritten = append(r.phrasesWritten, strings.TrimSpace(p))
			}
			conditions++
		case "keywords":
			var ks []string
			ks, err = parseStrings(v)
			for _, kw := range ks {
				kw = strings.TrimSpace(kw)
				k := newKeyword(kw)
				if k.text == "" {
					return pr, lineErr(v, fmt.Sprintf("keyword %q is empty after normalisation", kw))
				}
				if slices.ContainsFunc(r.keywords, k.same) {
					// Two spellings that normalise alike ("indisponível", "indisponivel";
					// "call-waiting", "call waiting") are one keyword: checking it twice
					// can only repeat the answer.
					continue
				}
				r.keywords = append(r.keywords, k)
			}
			conditions++
		case "regex":
			if lazy {
				var src string
				if src, err = regexSource(v, true); err == nil {
					r.re = lazyRegexp(src)
				}
			} else {
				var re *regexp.Regexp
				if re, err = compileRegex(v, true); err == nil {
					r.re = compiledRegexp(re)
				}
			}
			conditions++
		case "reason":
			r.reason, err = parseReason(v)
			conditions++
		case "warning":
			r.warnings, err = parseNumSet(v)
			conditions++
		case "credentials", "cancel", "stale", "standard_phrase":
			var b bool
			b, err = parseBool(v)
			p := &b
			switch k.Value {
			case "credentials":
				r.credentials = p
			case "cancel":
				r.cancel = p
			case "stale":
				r.stale = p
			default:
				r.standard = p
			}
			conditions++
		case "prior_challenges":
			// The answer cache counts challenges up to 255.
			if v.Kind != yaml.ScalarNode || v.Decode(&r.minPrior) != nil || r.minPrior < 0 || r.minPrior > 255 {
				return pr, lineErr(v, "prior_challenges must be a number from 0 to 255 (the least count)")
			}
			conditions++
		}
		if err != nil {
			return pr, err
		}
	}
	if r.id == "" {
		return pr, lineErr(n, "rule without id")
	}
	if pr.disabled {
		return pr, nil
	}
	if catNode == nil {
		return pr, lineErr(n, fmt.Sprintf("rule %q has no category", r.id))
	}
	if _, ok := Info(r.category); !ok && r.category != categoryFromCause {
		return pr, lineErr(catNode, fmt.Sprintf("rule %q: unknown category %q", r.id, r.category))
	}
	if r.category == categoryFromCause && (r.reason == nil || !strings.EqualFold(r.reason.protocol, "SIP")) {
		return pr, lineErr(catNode, fmt.Sprintf("rule %q: category %q needs reason protocol SIP", r.id, categoryFromCause))
	}
	if conditions == 0 {
		return pr, lineErr(n, fmt.Sprintf("rule %q has no condition and would match every response", r.id))
	}
	r.source = source
	if source != "builtin" {
		r.source = source + ":" + strconv.Itoa(pr.line)
	}
	return pr, nil
}

// phraseRegexp is a rule's regular expression on the reason phrase. The built-in rules' are
// compiled when first tried: a phrase stops at the first rule that matches, so a run tries
// few of them, and compiling all of them took about 40% of building a Classifier, paid at
// the start of every run. TestBuiltinRegexpsCompile compiles them all. A user's are compiled
// when the file is read, so that a broken one is an error with its line.
type phraseRegexp struct {
	source string                 // the pattern as compiled, with its (?i) flag if any
	get    func() compiledPattern // re nil for a pattern that does not compile: it never matches
	// endAnchored: the pattern may hold "$", so it can match a phrase without the identifiers
	// and advice at its end (phraseText.bare) and not the phrase itself. A pattern without it
	// that matches the shorter text matches the whole one too.
	endAnchored bool
}

// compiledPattern is a compiled phrase pattern and its prefilter (see requiredStrings).
type compiledPattern struct {
	re   *regexp.Regexp
	need *prefilter // what a text the pattern matches contains; nil: nothing known
}

func compilePattern(re *regexp.Regexp, source string) compiledPattern {
	return compiledPattern{re: re, need: newPrefilter(source)}
}

// matches reports whether the pattern matches s, a normalised phrase.
func (p *phraseRegexp) matches(s string) bool {
	g := newBigrams(s)
	return p.matchesText(s, &g)
}

// matchesText is matches for a phrase whose bigrams filter is g.
func (p *phraseRegexp) matchesText(s string, g *bigrams) bool {
	cp := p.get()
	if cp.re == nil || !cp.need.holds(s, g) {
		return false
	}
	return cp.re.MatchString(s)
}

// compiledRegexp wraps a compiled pattern.
func compiledRegexp(re *regexp.Regexp) *phraseRegexp {
	cp := compilePattern(re, re.String())
	return &phraseRegexp{source: re.String(), get: func() compiledPattern { return cp }, endAnchored: strings.Contains(re.String(), "$")}
}

// lazyRegexp wraps a pattern to be compiled on first use. Any number of goroutines may call
// its get at once.
func lazyRegexp(source string) *phraseRegexp {
	return &phraseRegexp{source: source, endAnchored: strings.Contains(source, "$"), get: sync.OnceValue(func() compiledPattern {
		re, err := regexp.Compile(source)
		if err != nil {
			return compiledPattern{}
		}
		return compilePattern(re, source)
	})}
}

// regexSource checks a rule's regex value and returns the pattern to compile. Phrase
// patterns run on the normalised, lower-cased phrase (lowered): one without capital letters
// needs no case folding, which is most of the cost of a match; one with capitals (a user's
// `Q\.850`, or a class escape such as \W) keeps it. Reason texts are not lower-cased, so
// their patterns always fold.
func regexSource(v *yaml.Node, lowered bool) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Value == "" {
		return "", lineErr(v, "regex must be a non-empty string")
	}
	pattern := v.Value
	if !lowered || strings.IndexFunc(pattern, unicode.IsUpper) >= 0 {
		pattern = "(?i)" + pattern
	}
	if lowered {
		pattern = foldPattern(pattern)
	}
	return pattern, nil
}

func compileRegex(v *yaml.Node, lowered bool) (*regexp.Regexp, error) {
	pattern, err := regexSource(v, lowered)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, lineErr(v, fmt.Sprintf("regex: %v", err))
	}
	return re, nil
}

func parseReason(v *yaml.Node) (*reasonMatch, error) {
	if v.Kind != yaml.MappingNode {
		return nil, lineErr(v, "reason must be a mapping with protocol, cause and/or text")
	}
	m := &reasonMatch{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		var err error
		switch k.Value {
		case "protocol":
			m.protocol = strings.TrimSpace(val.Value)
		case "cause":
			m.causes, err = parseNumSet(val)
		case "text":
			m.text, err = compileRegex(val, false)
		default:
			return nil, lineErr(k, fmt.Sprintf("unknown reason key %q (want protocol, cause, text)", k.Value))
		}
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// describe renders the conditions of a rule for listings.
func describe(r *rule) string {
	if r.catchAll {
		return "any response"
	}
	var parts []string
	if !r.codes.empty() {
		parts = append(parts, "code="+r.codes.String())
	}
	if len(r.methods) > 0 || len(r.notMethods) > 0 {
		ms := slices.Clone(r.methods)
		for _, m := range r.notMethods {
			ms = append(ms, "!"+m)
		}
		parts = append(parts, "method="+strings.Join(ms, ","))
	}
	var alt []string
	if len(r.phrases) > 0 {
		alt = append(alt, "phrase="+quoteList(r.phrasesWritten))
	}
	if len(r.keywords) > 0 {
		ks := make([]string, len(r.keywords))
		for i := range r.keywords {
			ks[i] = r.keywords[i].String()
		}
		alt = append(alt, "keywords="+quoteList(ks))
	}
	if r.re != nil {
		alt = append(alt, "regex="+strconv.Quote(strings.TrimPrefix(r.re.source, "(?i)")))
	}
	if len(alt) > 0 {
		parts = append(parts, strings.Join(alt, " or "))
	}
	if r.reason != nil {
		var rp []string
		if r.reason.protocol != "" {
			rp = append(rp, "protocol="+r.reason.protocol)
		}
		if !r.reason.causes.empty() {
			rp = append(rp, "cause="+r.reason.causes.String())
		}
		if r.reason.text != nil {
			rp = append(rp, "text="+strconv.Quote(strings.TrimPrefix(r.reason.text.String(), "(?i)")))
		}
		parts = append(parts, "reason("+strings.Join(rp, " ")+")")
	}
	if !r.warnings.empty() {
		parts = append(parts, "warning="+r.warnings.String())
	}
	for _, b := range []struct {
		name string
		v    *bool
	}{{"credentials", r.credentials}, {"cancel", r.cancel}, {"stale", r.stale}, {"standard_phrase", r.standard}} {
		if b.v != nil {
			parts = append(parts, b.name+"="+strconv.FormatBool(*b.v))
		}
	}
	if r.minPrior > 0 {
		parts = append(parts, "prior_challenges>="+strconv.Itoa(r.minPrior))
	}
	return strings.Join(parts, " ")
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ",")
}

// generatedRules are the code defaults of the response-code table and the class fallbacks,
// tried after every rule of the rule file.
func generatedRules() []rule {
	entries := make([]codeEntry, len(codeTable))
	copy(entries, codeTable[:])
	sort.Slice(entries, func(i, j int) bool { return entries[i].code < entries[j].code })
	out := make([]rule, 0, len(entries)+8)
	for _, e := range entries {
		out = append(out, rule{
			id: "code." + strconv.Itoa(e.code), category: e.category, source: "builtin",
			codes: numSet{{lo: e.code, hi: e.code}},
		})
	}
	for _, f := range []struct {
		class int
		cat   Category
	}{{1, CategoryOK}, {2, CategoryOK}, {3, CategoryOK}, {4, CategoryProtocolError}, {5, CategoryServerError}, {6, CategoryCalleeDeclined}} {
		out = append(out, rule{
			id: "class." + strconv.Itoa(f.class) + "xx", category: f.cat, source: "builtin",
			codes: numSet{{lo: f.class * 100, hi: f.class*100 + 99}},
		})
	}
	out = append(out, rule{id: "class.other", category: CategoryProtocolError, source: "builtin", catchAll: true})
	return out
}

// buildRules merges the built-in rules with the user's: a user rule with a built-in id
// replaces that rule in place (or removes it when disabled); user rules with new ids are
// tried before all built-in rules, in file order.
func buildRules(userFile string) ([]rule, error) {
	builtin, err := builtinRules()
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	all := make([]rule, 0, len(builtin)+100)
	for _, pr := range builtin {
		all = append(all, pr.rule)
	}
	all = append(all, generatedRules()...)
	if userFile == "" {
		return all, nil
	}
	data, err := os.ReadFile(userFile)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	user, err := parseRuleFile(data, "user "+userFile, false)
	if err != nil {
		return nil, fmt.Errorf("rules %s: %w", userFile, err)
	}
	index := make(map[string]int, len(all))
	for i, r := range all {
		index[r.id] = i
	}
	removed := make(map[int]bool)
	var front []rule
	for _, pr := range user {
		if i, ok := index[pr.id]; ok {
			if pr.disabled {
				removed[i] = true
			} else {
				all[i] = pr.rule
			}
			continue
		}
		if pr.disabled {
			return nil, fmt.Errorf("rules %s: line %d: disabled rule %q is not a built-in rule", userFile, pr.line, pr.id)
		}
		front = append(front, pr.rule)
	}
	merged := make([]rule, 0, len(front)+len(all))
	merged = append(merged, front...)
	for i, r := range all {
		if !removed[i] {
			merged = append(merged, r)
		}
	}
	return merged, nil
}
