package classify

import "testing"

func TestShortPredicates(t *testing.T) {
	tests := []struct {
		norm, want string
		changed    bool
	}{
		{"gateway is not available", "gateway unavailable", true},
		{"gateway not available", "gateway unavailable", true},
		{"carrier is currently not available", "carrier unavailable", true},
		{"trunks are down", "trunks down", true},
		{"account has been suspended, call support", "account suspended, call support", true},
		{"user could not be found", "user not found", true},
		{"the database is down and the cache is offline", "the database down and the cache offline", true},
		// Whole words only.
		{"service is downstream", "service is downstream", false},
		{"this island", "this island", false},
		{"not availableness", "not availableness", false},
		// An auxiliary before "not" or a participle, but not at the start.
		{"call was rejected", "call rejected", true},
		{"limit has been exceeded for this trunk", "limit exceeded for this trunk", true},
		{"service is not supported", "service not supported", true},
		{"destination is barred.", "destination barred.", true},
		{"was rejected", "was rejected", false},
		{"this is red", "this is red", false},
		{"who is ted", "who is ted", false},
		{"it is needless", "it is needless", false},
		// The number of a trunk or gateway, not at the end.
		{"trunk 3 down", "trunk down", true},
		{"gateway #12 is not reachable", "gateway unreachable", true},
		{"no route to trunk 3", "no route to trunk 3", false},
		{"cause 17 user busy", "cause 17 user busy", false},
		{"trunk 1234567 down", "trunk 1234567 down", false},
		// Already short, or one word.
		{"gateway unavailable", "gateway unavailable", false},
		{"unavailable", "unavailable", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, changed := shortPredicates(tt.norm)
		if got != tt.want || changed != tt.changed {
			t.Errorf("shortPredicates(%q) = %q, %v; want %q, %v", tt.norm, got, changed, tt.want, tt.changed)
		}
	}
}
