package classify

import (
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkClassifyCached measures repeated (code, phrase, method, context) tuples, the
// common case in a capture.
func BenchmarkClassifyCached(b *testing.B) {
	c := newTestClassifier(b)
	rs := []Response{
		{Code: 480, Reason: "No money left", Method: "INVITE"},
		{Code: 401, Reason: "Unauthorized", Method: "REGISTER"},
		{Code: 200, Reason: "OK", Method: "INVITE"},
		{Code: 487, Reason: "Request Terminated", Method: "INVITE", CancelSent: true},
		{Code: 480, Reason: "Temporarily Unavailable", Method: "INVITE", Reasons: []ReasonCause{{Protocol: "Q.850", Cause: 17, Text: "USER_BUSY"}}},
		{Code: 488, Reason: "Not Acceptable Here", Method: "INVITE", Warnings: []int{305}},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Classify(&rs[i%len(rs)])
	}
}

// BenchmarkClassifyUncached measures phrases never seen before: every call runs the rules.
func BenchmarkClassifyUncached(b *testing.B) {
	c := newTestClassifier(b)
	phrases := make([]string, 1024)
	for i := range phrases {
		phrases[i] = "Temporarily unavailable (call limit " + strconv.Itoa(i) + ")"
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		// Responses with two Warning codes bypass the cache, so every call decides afresh.
		c.Classify(&Response{Code: 480, Reason: phrases[i%len(phrases)], Warnings: []int{392, 392}})
	}
}

// BenchmarkClassifyStandardPhrase measures an uncached standard phrase that falls through to
// the code default: the longest walk through the rules.
func BenchmarkClassifyStandardPhrase(b *testing.B) {
	c := newTestClassifier(b)
	r := Response{Code: 604, Reason: "Does Not Exist Anywhere", Warnings: []int{392, 392}}
	b.ReportAllocs()
	for b.Loop() {
		c.Classify(&r)
	}
}

// BenchmarkNew builds a Classifier from the built-in rules, which a process reads once.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBuiltinRules reads the built-in rule file, as each process does once.
func BenchmarkReadBuiltinRules(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseRuleFile(builtinRulesYAML, "builtin", true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassifyLabelledPhrases decides every phrase of the package's labelled files
// afresh, as a capture pays for each distinct phrase once: the mean over real and composed
// wordings rather than one phrase's path through the rules.
func BenchmarkClassifyLabelledPhrases(b *testing.B) {
	c := newTestClassifier(b)
	files, err := filepath.Glob(filepath.Join("testdata", "*.tsv"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no phrase files: %v", err)
	}
	var rs []Response
	for _, f := range files {
		for _, row := range readPhrases(b, f) {
			// Two Warning codes bypass the cache.
			rs = append(rs, Response{Code: row.code, Reason: row.phrase, Method: row.method, Warnings: []int{392, 392}})
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Classify(&rs[i%len(rs)])
	}
}
