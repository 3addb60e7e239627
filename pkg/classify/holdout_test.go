package classify

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sipscan/sipscan/internal/testenv"
)

// TestSharedPhrasesHoldOut estimates how the phrase rules fare on phrases they were not
// written from. phrases.tsv is split into five folds; for each fold, every keyword and exact
// phrase that matches rows of that fold only (and so could only have been written from them)
// is removed, and the fold is classified with what is left. Keywords that match no row at
// all stay: they come from other sources. A second, stricter pass also removes the
// regular-expression alternatives that match rows of the fold only. The scores are logged; the
// test fails below 85%, which would mean the rules memorise rows instead of generalising.
func TestSharedPhrasesHoldOut(t *testing.T) {
	path := filepath.Join(testenv.RepoRoot(t), "..", "shared", "phrases", "phrases.tsv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared phrase file not available: %v", err)
	}
	// The second pass also holds out the alternatives of each regular expression as keywords
	// are: an alternative that matches rows of the fold only is dropped. It is the stricter
	// figure, since a pattern can restate a word that was written from the fold.
	for _, strict := range []bool{false, true} {
		if acc := holdOut(t, path, strict); acc < 0.85 {
			t.Errorf("hold-out accuracy (strict %v) %.1f%% below 85%%", strict, 100*acc)
		}
	}
}

// holdOut classifies each of five folds of the phrase file with the rules minus the keywords
// and exact phrases (and, with strictRegex, the regular-expression alternatives) that match
// rows of that fold only, logs the score and returns the accuracy.
func holdOut(t *testing.T, path string, strictRegex bool) float64 {
	t.Helper()
	base := newTestClassifier(t)
	rows := readPhrases(t, path)
	norms := make([]string, len(rows))
	for i, r := range rows {
		norms[i] = Normalize(r.code, r.phrase)
	}
	const folds = 5
	right, total, removed := 0, 0, 0
	vendorRight, vendorTotal := 0, 0 // rows whose phrase is not the code's standard one
	for k := 0; k < folds; k++ {
		inFold := func(i int) bool { return i%folds == k }
		// usedOutside reports whether match hits a row outside the fold, or no row at all.
		usedOutside := func(match func(norm string) bool) bool {
			hitFold := false
			for i, n := range norms {
				if !match(n) {
					continue
				}
				if !inFold(i) {
					return true
				}
				hitFold = true
			}
			return !hitFold
		}
		c := &Classifier{stdNorm: base.stdNorm, codeCat: base.codeCat, cacheSize: 1, cache: map[cacheKey]Diagnosis{}}
		for _, r := range base.rules {
			r.keywords = filterKeywords(r.keywords, func(kw keyword) bool {
				keep := usedOutside(func(n string) bool { return kw.matches(n) })
				if !keep {
					removed++
				}
				return keep
			})
			var phrases []string
			for _, p := range r.phrases {
				if usedOutside(func(n string) bool { return n == p }) {
					phrases = append(phrases, p)
				} else {
					removed++
				}
			}
			r.phrases = phrases
			if strictRegex && r.re != nil {
				var n int
				var re *regexp.Regexp
				re, n = filterAlternatives(t, r.re.get().re, func(alt *regexp.Regexp) bool {
					return usedOutside(func(n string) bool { return alt.MatchString(n) })
				})
				r.re = nil
				if re != nil {
					r.re = compiledRegexp(re)
				}
				removed += n
			}
			if b := base.ruleByID(r.id); len(r.keywords) == 0 && len(r.phrases) == 0 && r.re == nil && (len(b.keywords) > 0 || len(b.phrases) > 0 || b.re != nil) {
				continue // nothing left of a phrase rule
			}
			c.rules = append(c.rules, r)
		}
		for i, row := range rows {
			if !inFold(i) {
				continue
			}
			total++
			vendor := norms[i] != "" && norms[i] != base.stdNorm[row.code]
			if vendor {
				vendorTotal++
			}
			d := c.Classify(&Response{Code: row.code, Reason: row.phrase, Method: row.method})
			if d.Category == row.category {
				right++
				if vendor {
					vendorRight++
				}
			} else {
				t.Logf("fold %d: %d %q = %s (rule %s), want %s", k, row.code, row.phrase, d.Category, d.Rule, row.category)
			}
		}
	}
	acc := float64(right) / float64(total)
	what := "keywords and phrases"
	if strictRegex {
		what = "keywords, phrases and regular-expression alternatives"
	}
	t.Logf("hold-out on phrases.tsv (%d folds, %d fold-only %s removed): %d/%d = %.1f%%; non-standard phrases only: %d/%d = %.1f%%",
		folds, removed, what, right, total, 100*acc, vendorRight, vendorTotal, 100*float64(vendorRight)/float64(vendorTotal))
	return acc
}

// filterAlternatives splits re at its top-level "|" and keeps the alternatives keep accepts,
// compiled with re's flags; it returns nil when none is kept, and how many were dropped.
func filterAlternatives(t *testing.T, re *regexp.Regexp, keep func(*regexp.Regexp) bool) (*regexp.Regexp, int) {
	t.Helper()
	pattern, flags := re.String(), ""
	if strings.HasPrefix(pattern, "(?i)") {
		pattern, flags = pattern[len("(?i)"):], "(?i)"
	}
	var kept []string
	dropped := 0
	for _, alt := range topLevelAlternatives(pattern) {
		a, err := regexp.Compile(flags + alt)
		if err != nil {
			t.Fatalf("alternative %q of %q: %v", alt, re, err)
		}
		if keep(a) {
			kept = append(kept, alt)
		} else {
			dropped++
		}
	}
	if len(kept) == 0 {
		return nil, dropped
	}
	return regexp.MustCompile(flags + strings.Join(kept, "|")), dropped
}

// topLevelAlternatives splits a pattern at the "|" outside groups, classes and escapes.
func topLevelAlternatives(p string) []string {
	var out []string
	depth, inClass, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(p) && p[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

func filterKeywords(kws []keyword, keep func(keyword) bool) []keyword {
	var out []keyword
	for _, k := range kws {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}

func (c *Classifier) ruleByID(id string) *rule {
	for i := range c.rules {
		if c.rules[i].id == id {
			return &c.rules[i]
		}
	}
	return nil
}
