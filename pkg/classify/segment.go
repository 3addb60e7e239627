package classify

import (
	"strings"
	"sync"
)

// Some stacks send a cause as one word in capitals without separators ("NOROUTEFOUND",
// "SDPPARSINGFAILURE", Asterisk's "NOANSWER"), which normalising cannot split the way it
// splits camel case or snake case. Such a phrase is split into the words the rules know and
// read again; the split reading is taken when a rule reads it.

// minSegmentLen is the shortest phrase that is split: shorter ones are words.
const minSegmentLen = 8

// vocabulary is the set of words (ASCII letters, two or more) of the rules' keywords and
// exact phrases, built on first use: most classifiers never need it.
type vocabulary struct {
	once     sync.Once
	words    map[string]bool
	prefixes map[string]bool // words of keywords that allow a longer word ("declin*")
	max      int             // length of the longest word
}

func (v *vocabulary) build(rules []rule) {
	v.words = make(map[string]bool, 8192)
	v.prefixes = make(map[string]bool, 1024)
	isWord := func(w string) bool { return len(w) >= 2 && isLowerLetters(w) }
	add := func(text string) {
		for _, w := range strings.Fields(text) {
			if isWord(w) {
				v.words[w] = true
				v.max = max(v.max, len(w))
			}
		}
	}
	for i := range rules {
		for _, p := range rules[i].phrases {
			add(p)
		}
		if rules[i].re != nil {
			add(patternWords(rules[i].re.source))
		}
		for j := range rules[i].keywords {
			k := &rules[i].keywords[j]
			add(k.text)
			if k.words == nil && k.prefix {
				if f := strings.Fields(k.text); len(f) > 0 && isWord(f[len(f)-1]) {
					v.prefixes[f[len(f)-1]] = true
				}
			}
			for _, w := range k.words {
				if w.prefix && isWord(w.text) {
					v.prefixes[w.text] = true
				}
			}
		}
	}
	// Short words the rules rarely spell out alone but that join the words they know.
	for _, w := range []string{"no", "not", "is", "in", "on", "to", "of", "for", "by", "at", "all", "too", "many", "found", "user", "call"} {
		v.words[w] = true
	}
	// Words the classifier reads outside the rules (a Q.850 cause written in the phrase): known,
	// so that respelling leaves them alone.
	for _, w := range []string{"cause", "causa", "causes", "reason", "value", "protocol", "location"} {
		v.words[w] = true
	}
}

// patternWords returns the runs of lower-case ASCII letters a regular expression spells out,
// separated by spaces: `\b(unable|cannot) reach\b` gives "unable cannot reach". A letter
// after a backslash is an escape (`\b`, `\w`), not part of a word. Runs cut short by a
// character class ("authori[sz]ed" gives "authori" and "ed") are kept: a split uses a piece only
// when the pieces cover the whole run of letters.
func patternWords(pattern string) string {
	var b strings.Builder
	word := false
	for i := 0; i < len(pattern); i++ {
		ch := pattern[i]
		switch {
		case ch == '\\':
			i++ // the escaped character
			word = false
			b.WriteByte(' ')
		case ch >= 'a' && ch <= 'z':
			b.WriteByte(ch)
			word = true
		default:
			if word {
				b.WriteByte(' ')
			}
			word = false
		}
	}
	return b.String()
}

// segmented returns norm split into the words the rules know, and whether it was: only a
// phrase that is one run of letters ("noroutefound", as normalising leaves "NOROUTEFOUND") of
// at least minSegmentLen, that is no known word itself, and that known words (see piece)
// cover whole; of several ways, the one with the fewest words is taken, so that "noanswer" is
// "no answer". Words run together inside a longer phrase are left alone: there a run of
// letters is far more often a word the rules do not know ("raggiungibile") than words
// without spaces.
func (c *Classifier) segmented(norm string) (string, bool) {
	if len(norm) < minSegmentLen || len(norm) > 64 || !isLowerLetters(norm) {
		return norm, false
	}
	c.vocab.once.Do(func() { c.vocab.build(c.rules) })
	v := &c.vocab
	if v.piece(norm) {
		return norm, false
	}
	words := v.split(norm)
	if len(words) < 2 {
		return norm, false
	}
	return strings.Join(words, " "), true
}

// piece reports whether w may be one word of a split: a word of the rules, with a plural "s",
// or a keyword that allows a longer word with an ending after it ("reject*" in "rejected");
// any longer form would let one piece swallow the next ("rout*" in "routefound").
func (v *vocabulary) piece(w string) bool {
	if len(w) < 3 {
		return shortWords[w]
	}
	if v.words[w] || len(w) > 3 && w[len(w)-1] == 's' && v.words[w[:len(w)-1]] {
		return true
	}
	for _, end := range endings {
		if stem, ok := strings.CutSuffix(w, end); ok && len(stem) >= 3 && (v.prefixes[stem] || v.words[stem]) {
			return true
		}
	}
	return false
}

// shortWords are the words of fewer than three letters a split may use.
var shortWords = map[string]bool{"no": true, "to": true, "in": true, "on": true, "of": true, "by": true, "at": true, "is": true, "up": true, "db": true, "ip": true}

// endings are what a keyword that allows a longer word may have after it in a split.
var endings = []string{"e", "ed", "d", "es", "ing", "ion", "ions", "er", "ers", "able", "ment", "y", "ies"}

// maxEnding is the length of the longest of endings.
const maxEnding = 4

// split divides s into the fewest known words that cover it, or returns nil.
func (v *vocabulary) split(s string) []string {
	if len(s) > 64 {
		return nil
	}
	const none = 1 << 30
	var best [65]int  // fewest words covering s[:i]
	var start [65]int // where the last of them starts
	for i := 1; i <= len(s); i++ {
		best[i] = none
		for j := max(0, i-v.max-maxEnding); j <= i-2; j++ {
			if best[j] < none && best[j]+1 < best[i] && v.piece(s[j:i]) {
				best[i], start[i] = best[j]+1, j
			}
		}
	}
	if best[len(s)] == none {
		return nil
	}
	words := make([]string, best[len(s)])
	for i, k := len(s), len(words)-1; i > 0; i, k = start[i], k-1 {
		words[k] = s[start[i]:i]
	}
	return words
}

// isFallback reports a diagnosis by the code's default or its class alone.
func isFallback(rule string) bool {
	return strings.HasPrefix(rule, "code.") || strings.HasPrefix(rule, "class.")
}
