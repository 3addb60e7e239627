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
		{"service is downgraded", "service is downgraded", false},
		{"this island", "this island", false},
		{"not availableness", "not availableness", false},
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
