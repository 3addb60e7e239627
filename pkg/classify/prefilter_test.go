package classify

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func TestPrefilterOf(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`busy`, `"busy"`},
		{`\bno (route|gateway)s?\b`, `"no route" | "no gateway"`}, // "s?" adds superstrings
		{`(lnp|cnam) (failed|down)|no (answer|response)`, `"lnp failed" | "lnp down" | "cnam failed" | "cnam down" | "no answer" | "no response"`},
		// Past 16 strings, a product stops and its parts are required each.
		{`(a|b|c|d|e)(f|g|h|i) (failed|down)`, `("a" | "b" | "c" | "d" | "e") & ("f failed" | "f down" | "g failed" | "g down" | "h failed" | "h down" | "i failed" | "i down")`},
		{`\binvalid (\w+ ){0,2}(response|reply)s?\b`, `"invalid " & ("response" | "reply")`},
		{`\bnonce\b.{0,20}\b(expired|stale)\b`, `"nonce" & ("expired" | "stale")`},
		{`(limit|limits|limited)`, `"limit"`},
		{`(ab|cd)`, `"ab" | "cd"`},
		{`x+y?`, `"x"`},
		{`(ab){2,}`, `"ab" & "ab"`},
		{`(?i)Q\.850`, `"q.850"`},
		{`(?i)kelvin`, `"kelvin"`}, // every form of k lower-cases to k
		{`(?i)loss`, `"lo"`},       // "s" folds with the long s, which lower-casing keeps
		{`\x{FFFD}x`, `"x"`},       // U+FFFD also matches a byte that is not UTF-8
		// Nothing required.
		{`(a|b)`, `"a" | "b"`}, // a character class
		{`[a-z]`, `true`},      // a large one
		{`(ab)*`, `true`},
		{`(ab)?c?`, `true`},
		{`[abc]+`, `"a" | "b" | "c"`},
		{`\w+`, `true`},
		{`.`, `true`},
		{`\b`, `true`},
		{`(busy|.)`, `true`},
		{`(?i)σ`, `true`}, // and the final sigma
		{`(unclosed`, `true`},
	} {
		if got := newPrefilter(c.pattern).String(); got != c.want {
			t.Errorf("newPrefilter(%q) = %s, want %s", c.pattern, got, c.want)
		}
	}
}

func TestPrefilterBound(t *testing.T) {
	alts := make([]string, maxPrefilterStrings+1)
	for i := range alts {
		alts[i] = string(rune(0x4e00+i)) + "x" // no common prefix to factor out
	}
	if p := newPrefilter(strings.Join(alts, "|")); p != nil {
		t.Errorf("%d alternatives gave a prefilter of %d strings", len(alts), p.size())
	}
	if newPrefilter(strings.Join(alts[:maxPrefilterStrings], "|")) == nil {
		t.Errorf("%d alternatives gave no prefilter", maxPrefilterStrings)
	}
}

// TestPrefilterSound runs every built-in pattern on every labelled phrase of the package's
// test data and checks that no phrase the pattern matches lacks its required strings.
func TestPrefilterSound(t *testing.T) {
	rules, err := parseRuleFile(builtinRulesYAML, "builtin", false)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no phrase files: %v", err)
	}
	var texts []string
	for _, f := range files {
		for _, row := range readPhrases(t, f) {
			norm := Normalize(row.code, row.phrase)
			texts = append(texts, norm, stripAdvice(norm))
		}
	}
	filtered, matched := 0, 0
	for _, r := range rules {
		if r.re == nil {
			continue
		}
		cp := r.re.get()
		if cp.need == nil {
			continue
		}
		filtered++
		for _, s := range texts {
			if cp.re.MatchString(s) {
				matched++
				if g := newBigrams(s); !cp.need.holds(s, &g) {
					t.Errorf("rule %s matches %q, which fails its prefilter %s", r.id, s, cp.need)
				}
			}
		}
	}
	if filtered == 0 || matched == 0 {
		t.Errorf("%d prefiltered patterns matched %d phrases: the test checks nothing", filtered, matched)
	}
}

func FuzzPrefilter(f *testing.F) {
	f.Add(`\bno (route|gateway)s?\b`, "sorry, no gateways")
	f.Add(`(?i)Q\.850 ?(cause)?`, "q.850 17")
	f.Add(`(?i)ſ|k`, "K")
	f.Add(`(a+|b{2,3})c`, "bbc")
	f.Fuzz(func(t *testing.T, pattern, text string) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		// The text as Normalize leaves it: every rune lower-cased.
		text = strings.Map(unicode.ToLower, text)
		need := newPrefilter(pattern)
		g := newBigrams(text)
		if re.MatchString(text) && !need.holds(text, &g) {
			t.Errorf("%q matches %q, which fails its prefilter %s", pattern, text, need)
		}
	})
}

// TestBigramsNoFalseAbsence checks that the filter of a text never rules out a substring of
// it, and that it rules out most strings that are not in it.
func TestBigramsNoFalseAbsence(t *testing.T) {
	text := "no route to destination (cause 3) — маршрут не найден"
	g := newBigrams(text)
	for i := 0; i < len(text); i++ {
		for j := i; j <= len(text); j++ {
			s := sampleGrams(text[i:j])
			if !g.mayContain(&s) {
				t.Fatalf("filter of %q rules out its substring %q", text, text[i:j])
			}
		}
	}
	absent, ruledOut := 0, 0
	for _, w := range strings.Fields("billing credit balance codec quota overload gateway busy declined identity certificate") {
		if !strings.Contains(text, w) {
			absent++
			if s := sampleGrams(w); !g.mayContain(&s) {
				ruledOut++
			}
		}
	}
	if ruledOut < absent-1 {
		t.Errorf("the filter ruled out %d of %d absent words", ruledOut, absent)
	}
}
