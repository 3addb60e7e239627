package classify

import (
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A phrase pattern is tried on every phrase seen for the first time, and most patterns are
// long alternations of words that the phrase does not contain: running them was nearly all
// the cost of an uncached classification. A pattern's prefilter is a condition on the strings
// a text contains that every text the pattern matches meets: "(lnp|cnam) (failed|down)"
// requires one of "lnp", "cnam" and one of "failed", "down". A phrase that does not meet it
// cannot match, and the pattern is not run. Looking for a string in a short phrase costs
// nanoseconds; running the pattern, microseconds.

// maxPrefilterStrings bounds the strings of one prefilter: a pattern that spreads over more
// is as cheap to run.
const maxPrefilterStrings = 512

// prefilter is a condition on the strings a text contains. With all set, every sub must hold;
// otherwise one of strs must be in the text or one of subs must hold. A nil *prefilter
// requires nothing.
type prefilter struct {
	all  bool
	strs []needle
	subs []*prefilter
}

// maxExact bounds the set of strings a part of a pattern is known to match exactly (see
// shape), so that cross products of alternatives stay small.
const maxExact = 16

// newPrefilter returns the prefilter of pattern, for a text that is lower case (as Normalize
// leaves it), or nil when the pattern requires nothing that can be checked so (it may match
// without any literal text, or the condition would be too large).
func newPrefilter(pattern string) *prefilter {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	p := shapeOf(re.Simplify()).prefilter()
	if p.size() > maxPrefilterStrings {
		return nil
	}
	return p
}

// shape is what a part of a pattern tells of the text it matches: either that the text is
// exactly one of a few strings ("(route|gateway)s?" matches "route", "routes", "gateway" or
// "gateways"), which concatenation can extend into longer and rarer strings, or a condition
// the text meets (nil: none).
type shape struct {
	exact   []string
	isExact bool
	need    *prefilter
}

func exactly(set ...string) shape { return shape{exact: set, isExact: true} }

// prefilter returns the condition a text matched by the shape meets.
func (sh shape) prefilter() *prefilter {
	if !sh.isExact {
		return sh.need
	}
	p := &prefilter{}
	for _, s := range sh.exact {
		if s == "" {
			return nil // the part may match the empty string: it requires nothing
		}
		p.strs = append(p.strs, newNeedle(s))
	}
	p.strs = dropSuperstrings(p.strs)
	return p
}

// shapeOf computes the shape of one node of a parsed pattern.
func shapeOf(re *syntax.Regexp) shape {
	switch re.Op {
	case syntax.OpLiteral:
		s, whole := literalText(re)
		switch {
		case whole:
			return exactly(s)
		case s != "":
			return shape{need: &prefilter{strs: []needle{newNeedle(s)}}}
		}
		return shape{}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactly("") // zero width: what is on either side is adjacent
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) == maxExact || r == utf8.RuneError {
					return shape{}
				}
				set = append(set, string(r))
			}
		}
		return exactly(set...)
	case syntax.OpCapture:
		return shapeOf(re.Sub[0])
	case syntax.OpQuest:
		sub := shapeOf(re.Sub[0])
		if sub.isExact && len(sub.exact) < maxExact {
			return exactly(append([]string{""}, sub.exact...)...)
		}
		return shape{}
	case syntax.OpPlus:
		return shape{need: shapeOf(re.Sub[0]).prefilter()}
	case syntax.OpRepeat:
		if re.Min < 1 {
			return shape{}
		}
		sub := shapeOf(re.Sub[0])
		if re.Min == 1 && re.Max == 1 {
			return sub
		}
		return shape{need: sub.prefilter()}
	case syntax.OpConcat:
		return concatShape(re.Sub)
	case syntax.OpAlternate:
		return alternateShape(re.Sub)
	}
	// Any character, and starred parts, require no particular text.
	return shape{}
}

// concatShape: every part is in the match, one after another. Runs of exact parts are
// multiplied out while the product stays small; each run and each other part adds a condition
// that must hold.
func concatShape(parts []*syntax.Regexp) shape {
	run := []string{""}
	var all []*prefilter
	inexact := false // a part or a run's end breaks the run: the whole is not exact
	add := func(p *prefilter) {
		switch {
		case p == nil:
		case p.all:
			all = append(all, p.subs...)
		default:
			all = append(all, p)
		}
	}
	flush := func() {
		add(exactly(run...).prefilter())
		run = []string{""}
	}
	for _, part := range parts {
		sh := shapeOf(part)
		switch {
		case !sh.isExact:
			flush()
			add(sh.need)
			inexact = true
			continue
		case len(sh.exact) > maxExact:
			flush()
			add(sh.prefilter())
			inexact = true
			continue
		case len(run)*len(sh.exact) > maxExact:
			flush()
			inexact = true
		}
		next := make([]string, 0, len(run)*len(sh.exact))
		for _, a := range run {
			for _, b := range sh.exact {
				next = append(next, a+b)
			}
		}
		run = next
	}
	if !inexact {
		return exactly(run...)
	}
	flush()
	switch len(all) {
	case 0:
		return shape{}
	case 1:
		return shape{need: all[0]}
	}
	return shape{need: &prefilter{all: true, subs: all}}
}

// alternateShape: one of the alternatives is the match. Exact alternatives stay exact while
// the union is small; otherwise each must require something, and one of those must hold.
func alternateShape(alts []*syntax.Regexp) shape {
	shapes := make([]shape, len(alts))
	exact := true
	var union []string
	for i, alt := range alts {
		shapes[i] = shapeOf(alt)
		if shapes[i].isExact {
			union = append(union, shapes[i].exact...)
		} else {
			exact = false
		}
	}
	if exact && len(union) <= maxExact {
		return exactly(union...)
	}
	or := &prefilter{}
	for _, sh := range shapes {
		p := sh.prefilter()
		switch {
		case p == nil:
			return shape{}
		case p.all:
			or.subs = append(or.subs, p)
		default:
			or.strs = append(or.strs, p.strs...)
			or.subs = append(or.subs, p.subs...)
		}
	}
	or.strs = dropSuperstrings(or.strs)
	return shape{need: or}
}

// holds reports whether text, whose bigrams filter is g, meets the condition.
func (p *prefilter) holds(text string, g *bigrams) bool {
	if p == nil {
		return true
	}
	if p.all {
		for _, sub := range p.subs {
			if !sub.holds(text, g) {
				return false
			}
		}
		return true
	}
	if containsNeedle(text, g, p.strs) {
		return true
	}
	for _, sub := range p.subs {
		if sub.holds(text, g) {
			return true
		}
	}
	return false
}

// size is the number of strings in the condition.
func (p *prefilter) size() int {
	if p == nil {
		return 0
	}
	n := len(p.strs)
	for _, sub := range p.subs {
		n += sub.size()
	}
	return n
}

// String renders the condition for tests: strings quoted, "|" for one of, "&" for all of.
func (p *prefilter) String() string {
	if p == nil {
		return "true"
	}
	var parts []string
	for _, n := range p.strs {
		parts = append(parts, strconv.Quote(n.text))
	}
	for _, sub := range p.subs {
		if sub.size() > 1 {
			parts = append(parts, "("+sub.String()+")")
		} else {
			parts = append(parts, sub.String())
		}
	}
	if p.all {
		return strings.Join(parts, " & ")
	}
	return strings.Join(parts, " | ")
}

// literalText returns the text a literal node matches in a lower-case text, whole true, or
// else the longest run of its runes that can be searched for as they are. A case-folded rune
// serves only when every form of it lower-cases to one rune ("K", "k" and the Kelvin sign to
// "k"); where they do not ("s" and the long s "ſ"), a lower-case text may hold either. U+FFFD
// in a pattern also matches a byte that is not UTF-8, which the text holds as it is.
func literalText(re *syntax.Regexp) (s string, whole bool) {
	var best, cur strings.Builder
	whole = true
	keep := func() {
		if cur.Len() > best.Len() {
			best.Reset()
			best.WriteString(cur.String())
		}
		cur.Reset()
	}
	for _, r := range re.Rune {
		if re.Flags&syntax.FoldCase != 0 {
			r = lowerFold(r)
		}
		if r == utf8.RuneError {
			keep()
			whole = false
			continue
		}
		cur.WriteRune(r)
	}
	keep()
	return best.String(), whole
}

// lowerFold returns the rune every case form of r lower-cases to, or utf8.RuneError when
// they lower-case to more than one.
func lowerFold(r rune) rune {
	lower := unicode.ToLower(r)
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if unicode.ToLower(f) != lower {
			return utf8.RuneError
		}
	}
	return lower
}

// dropSuperstrings removes duplicates and strings that contain another of the set: a text
// that contains the longer one contains the shorter.
func dropSuperstrings(set []needle) []needle {
	out := set[:0:0]
	for i, s := range set {
		keep := true
		for j, t := range set {
			if i != j && strings.Contains(s.text, t.text) && (len(t.text) < len(s.text) || j < i) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// Keywords and prefilter strings are tried one after another on the same short phrase, a
// thousand of them or more before a rule decides, and nearly all are absent. bigrams is a
// one-hash Bloom filter of the phrase's byte pairs, built once per decision: a string with a
// pair the filter lacks is not in the phrase, found with a few bit tests instead of a search
// of the phrase.
type bigrams [64]uint64

// gramOf hashes a byte pair to one of the filter's 4096 bits.
func gramOf(a, b byte) uint16 { return uint16((uint32(a)<<8 | uint32(b)) * 0x9e3779b1 >> 20) }

// newBigrams returns the filter of text's byte pairs.
func newBigrams(text string) bigrams {
	var g bigrams
	for i := 0; i+1 < len(text); i++ {
		h := gramOf(text[i], text[i+1])
		g[h>>6] |= 1 << (h & 63)
	}
	return g
}

// gramSample is the hashes of up to three byte pairs of a string: its first, middle and last.
type gramSample struct {
	h [3]uint16
	n uint8
}

func sampleGrams(s string) gramSample {
	var gs gramSample
	if len(s) < 2 {
		return gs
	}
	for _, i := range [3]int{0, (len(s) - 2) / 2, len(s) - 2} {
		h := gramOf(s[i], s[i+1])
		if gs.n > 0 && gs.h[gs.n-1] == h {
			continue
		}
		gs.h[gs.n] = h
		gs.n++
	}
	return gs
}

// mayContain reports whether a text whose filter is g may contain the string sampled as s:
// false is certain, true is to be checked.
func (g *bigrams) mayContain(s *gramSample) bool {
	for _, h := range s.h[:s.n] {
		if g[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// needle is a string to look for, with its sample.
type needle struct {
	text  string
	grams gramSample
}

func newNeedle(s string) needle { return needle{text: s, grams: sampleGrams(s)} }

// containsNeedle reports whether text, whose filter is g, contains one of set.
func containsNeedle(text string, g *bigrams, set []needle) bool {
	for i := range set {
		n := &set[i]
		if g.mayContain(&n.grams) && strings.Contains(text, n.text) {
			return true
		}
	}
	return false
}
