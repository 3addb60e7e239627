package classify

import (
	"strings"
	"testing"
)

func TestRespelled(t *testing.T) {
	c := newTestClassifier(t)
	c.vocab.once.Do(func() { c.vocab.build(c.rules) })
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"databse", "database", true},  // a letter missing
		{"databsae", "database", true}, // two neighbours swapped
		{"database", "", false},        // a word of the rules
		{"databasse", "", false},       // a letter too many: "router" is not "route"
		{"datobase", "", false},        // a letter replaced: "alocat" is not "blocat"
		{"databas", "", false},         // the last letter missing: "pause" is not "paused"
		{"cause", "", false},           // read outside the rules, not "clause"
		{"dtbs", "", false},            // too short
		{"databse1", "", false},        // not letters only
		{"xqzvwpl", "", false},         // nothing near
	}
	for _, tt := range tests {
		got, ok := c.vocab.respelled(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("respelled(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

// TestTyposKeepReadings drops a letter from the middle of the longest word (six letters or
// more) of every labelled phrase of the package's files the rules read right, as a typo
// would, and requires nearly all to keep their reading.
func TestTyposKeepReadings(t *testing.T) {
	c := newTestClassifier(t)
	n, kept := 0, 0
	forEachReadRight(t, c, func(_ string, r phraseRow, alone Diagnosis) {
		words := strings.Fields(r.phrase)
		longest := -1
		for i, w := range words {
			if len(w) >= 6 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" &&
				(longest < 0 || len(w) > len(words[longest])) {
				longest = i
			}
		}
		if longest < 0 {
			return
		}
		w := words[longest]
		words[longest] = w[:len(w)/2] + w[len(w)/2+1:]
		n++
		if d := c.Classify(&Response{Code: r.code, Reason: strings.Join(words, " "), Method: r.method}); d.Category == alone.Category {
			kept++
		}
	})
	t.Logf("%d of %d phrases keep their reading with a letter dropped from their longest word", kept, n)
	if n < 1000 || float64(kept) < 0.97*float64(n) {
		t.Fatalf("%d of %d phrases keep their reading with a letter dropped, want 97%%", kept, n)
	}
}
