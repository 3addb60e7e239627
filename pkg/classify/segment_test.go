package classify

import (
	"strings"
	"testing"
)

func TestSegmented(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct{ norm, want string }{
		{"noroutefound", "no route found"},
		{"noanswer", "no answer"},
		{"sdpparsingfailure", "sdp parsing failure"},
		{"dbconnectionpooltimeout", "db connection pool timeout"},
		{"insufficientfunds", "insufficient funds"},
		{"calldeclined", "call declined"},  // "declin*" with an ending
		{"decline", "decline"},             // shorter than minSegmentLen
		{"declined", "declined"},           // "declin*" with an ending is a word
		{"raggiungibile", "raggiungibile"}, // a word of the rules
		{"routefound", "route found"},
		{"no route", "no route"},                             // several words: nothing run together
		{"noanswer 17", "noanswer 17"},                       // not one run of letters
		{"xqzvwkjhgf", "xqzvwkjhgf"},                         // no cover by known words
		{"crankshafts", "crankshafts"},                       // "crank shafts"? not both known
		{"unparseable", "unparseable"},                       // "un" is no word of a split
		{strings.Repeat("no", 40), strings.Repeat("no", 40)}, // longer than a phrase is split
	}
	for _, e := range endings {
		if len(e) > maxEnding {
			t.Fatalf("ending %q is longer than maxEnding", e)
		}
	}
	for _, tt := range tests {
		got, ok := c.segmented(tt.norm)
		if got != tt.want || ok != (tt.want != tt.norm) {
			t.Errorf("segmented(%q) = %q, %v; want %q", tt.norm, got, ok, tt.want)
		}
	}
}

// TestConcatenatedPhrasesKeepReadings writes the short ASCII phrases of the labelled files the
// rules read right as one word in capitals ("NOMONEYLEFT"), as some stacks send their causes,
// and requires most to keep their reading. Not all can: a phrase whose words the rules do not
// all know stays one word and falls back to its code, and a split may find other words.
func TestConcatenatedPhrasesKeepReadings(t *testing.T) {
	c := newTestClassifier(t)
	n, kept := 0, 0
	forEachReadRight(t, c, func(_ string, r phraseRow, _ Diagnosis) {
		words := strings.Fields(r.phrase)
		if len(words) < 2 || len(words) > 4 || strings.Trim(r.phrase, " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return
		}
		n++
		joined := strings.ToUpper(strings.Join(words, ""))
		if d := c.Classify(&Response{Code: r.code, Reason: joined, Method: r.method}); d.Category == r.category {
			kept++
		}
	})
	t.Logf("%d of %d short phrases keep their reading written as one word in capitals", kept, n)
	if n < 1000 || float64(kept) < 0.9*float64(n) {
		t.Fatalf("%d of %d short phrases keep their reading written as one word in capitals, want 90%%", kept, n)
	}
}

func TestPatternWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{`\b(unable|cannot) reach\b`, "unable cannot reach"},
		{`\bauthori[sz]ed\b`, "authori sz ed"},
		{`(?i)^no route$`, "i no route"},
		{`\w+ handler`, "handler"},
		{`tarificaci[oó]n`, "tarificaci o n"},
	}
	for _, tt := range tests {
		if got := strings.Join(strings.Fields(patternWords(tt.in)), " "); got != tt.want {
			t.Errorf("patternWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
