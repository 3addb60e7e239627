package classify

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Wrong Guess", "Send failed (477/SL)", "[CGR1] x", "403 Forbidden", "NO_ROUTE", "((477/SL))",
		"[", "(", "]]", "Абонент занят", "\xff\xfe", "  ", "a\u00a0b", "İ", "Gateway is not available", "Trunk #3 has been disabled"} {
		f.Add(403, s)
	}
	f.Fuzz(func(t *testing.T, code int, s string) {
		out := Normalize(code, s)
		if strings.Contains(out, "  ") || strings.TrimSpace(out) != out {
			t.Errorf("Normalize(%d, %q) = %q: stray spaces", code, s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("Normalize(%d, %q) = %q: invalid UTF-8 from valid input", code, s, out)
		}
		// The short form of a phrase only leaves words out or puts shorter ones in their place.
		if short, changed := shortPredicates(out); len(short) > len(out) || changed == (short == out) ||
			utf8.ValidString(out) && !utf8.ValidString(short) {
			t.Errorf("shortPredicates(%q) = %q, %v", out, short, changed)
		}
	})
}

func FuzzClassify(f *testing.F) {
	f.Add(480, "No money left", "INVITE", true, false, 0, "Q.850", 17, 301)
	f.Add(403, "Forbidden", "REGISTER", false, false, 2, "SIP", 486, 399)
	f.Add(-1, "\x00", "", false, true, -7, "", -3, -1)
	c, err := New(Options{CacheSize: 64})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, code int, phrase, method string, creds, cancel bool, prior int, proto string, cause, warning int) {
		for _, r := range []Response{
			{Code: code, Reason: phrase, Method: method, CredentialsSent: creds, CancelSent: cancel, PriorChallenges: prior},
			{Code: code, Reason: phrase, Method: method, Reasons: []ReasonCause{{Protocol: proto, Cause: cause, Text: phrase}}, Warnings: []int{warning}},
		} {
			d := c.Classify(&r)
			if _, ok := Info(d.Category); !ok || d.Rule == "" || (d.Severity != SeverityNormal && d.Severity != SeverityFault) {
				t.Errorf("%+v: diagnosis %+v", r, d)
			}
		}
	})
}

func FuzzRuleFile(f *testing.F) {
	f.Add([]byte("rules:\n  - id: a\n    code: [4xx, '!487', 480-489]\n    keywords: [x*]\n    category: ok\n"))
	f.Add([]byte("- {id: b, reason: {protocol: SIP, cause: 400-699}, category: cause-code}\n"))
	f.Add([]byte("rules:\n  - id: c\n    regex: '(a|b'\n    category: ok\n"))
	f.Add([]byte("rules: {a: b}\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := parseRuleFile(data, "fuzz", false)
		if err != nil {
			return
		}
		c := &Classifier{rules: make([]rule, 0, len(rules)+1), stdNorm: map[int]string{}, codeCat: map[int]Category{}}
		for _, pr := range rules {
			if !pr.disabled {
				c.rules = append(c.rules, pr.rule)
			}
		}
		c.rules = append(c.rules, generatedRules()...)
		c.cacheSize, c.cache = 4, map[cacheKey]Diagnosis{}
		c.Classify(&Response{Code: 480, Reason: "x y", Method: "INVITE", Reasons: []ReasonCause{{Protocol: "SIP", Cause: 486}}})
		c.Classify(&Response{Code: 403, Reason: "Forbidden"})
	})
}
