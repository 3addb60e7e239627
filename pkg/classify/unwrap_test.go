package classify

import (
	"strings"
	"testing"
)

func TestUnwrappedPhrases(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		code   int
		method string
		phrase string
		want   Category
		rule   string // when not empty, the rule that must decide
	}{
		// A label or clause the rules read nothing in: the phrase reads as it does alone.
		{415, "INVITE", "Unsupported Media (after 32 s)", CategoryProtocolError, ""},
		{415, "INVITE", "[Vendor] Unsupported Media", CategoryProtocolError, ""},
		{403, "INVITE", "[Vendor] Try again later (X-Reason: 1234)", CategoryCapacityRateLimit, ""},
		{503, "INVITE", "No transport (after 32 s)", CategoryNetworkUnreachable, ""},
		// A clause that names a cause stays part of the phrase.
		{486, "INVITE", "Rejected (no credit)", CategoryBillingFunds, ""},
		{486, "INVITE", "Busy (cause 34)", CategoryCapacityOverload, ""},
		// A clause the whole is read by, together with the phrase: the whole stands.
		{500, "REGISTER", "Server error on SCSCF Select (UAR)", CategoryBackendDatabase, ""},
		// The standard phrase with a clause: the clause is the detail, not a wrapper.
		{403, "REGISTER", "Forbidden (Device not preallocated)", CategoryAuthCredentials, "context.register-forbidden-unread"},
		{403, "REGISTER", "[Vendor] Forbidden", CategoryAuthCredentials, ""},
	}
	for _, tt := range tests {
		d := c.Classify(&Response{Code: tt.code, Reason: tt.phrase, Method: tt.method})
		if d.Category != tt.want || tt.rule != "" && d.Rule != tt.rule {
			t.Errorf("%d %q = %s by %s, want %s %s", tt.code, tt.phrase, d.Category, d.Rule, tt.want, tt.rule)
		}
	}
}

func TestLeadingLabelAndTrailingClause(t *testing.T) {
	tests := []struct {
		fn           func(string) (string, string, bool)
		in           string
		core, clause string
		ok           bool
	}{
		{leadingLabel, "[Vendor] Try later", "Try later", "Vendor", true},
		{leadingLabel, "[Vendor]", "", "", false},
		{leadingLabel, "[12] 34", "", "", false},
		{leadingLabel, "Try [later]", "", "", false},
		{leadingLabel, "[unclosed Try later", "", "", false},
		{trailingClause, "Busy (line (2))", "Busy", "line (2)", true},
		{trailingClause, "Busy (after 32 s)", "Busy", "after 32 s", true},
		{trailingClause, "(only a clause)", "", "", false},
		{trailingClause, "Busy line 2)", "", "", false},
		{trailingClause, "Busy (x", "", "", false},
		{trailingClause, "Busy [2026-12-01 13:45:02]", "Busy", "2026-12-01 13:45:02", true},
		{trailingClause, "Busy [a (b]", "Busy", "a (b", true},
	}
	for _, tt := range tests {
		core, clause, ok := tt.fn(tt.in)
		if core != tt.core || clause != tt.clause || ok != tt.ok {
			t.Errorf("%q = %q, %q, %v; want %q, %q, %v", tt.in, core, clause, ok, tt.core, tt.clause, tt.ok)
		}
	}
}

// TestUnwrapIsBounded: a phrase made of many bracketed clauses is unwrapped maxWrappers times
// at most, so that a capture of such phrases cannot make every one cost a pass of the rules
// per clause.
func TestUnwrapIsBounded(t *testing.T) {
	c := newTestClassifier(t)
	phrase := "Unsupported Media" + strings.Repeat(" (x)", 50)
	got, trailing := c.unwrapped(&Response{Code: 415, Reason: phrase, Method: "INVITE"})
	if want := "Unsupported Media" + strings.Repeat(" (x)", 50-maxWrappers); got != want || !trailing {
		t.Errorf("unwrapped = %q, %v; want %q, true", got, trailing, want)
	}
}
