package classify

import "testing"

func TestHeadingAt(t *testing.T) {
	tests := []struct {
		phrase, heading, rest string
		ok                    bool
	}{
		{"ocupado: llamada rechazada", "ocupado", "llamada rechazada", true},
		{"besetzt – anruf abgewiesen", "besetzt", "anruf abgewiesen", true},
		{"forbidden - a: b", "forbidden", "a: b", true}, // the first separator ends the heading
		{"busy here [ocupado: llamada]", "ocupado", "llamada", true},
		{"被叫忙：请稍后再拨", "被叫忙", "请稍后再拨", true},
		{"no separator here", "", "", false},
		{": nothing before", "", "", false},
		{"nothing after: ", "", "", false},
	}
	for _, tt := range tests {
		h, r, _, ok := headingAt(tt.phrase, 0)
		if h != tt.heading || r != tt.rest || ok != tt.ok {
			t.Errorf("headingAt(%q, 0) = %q, %q, %v; want %q, %q, %v", tt.phrase, h, r, ok, tt.heading, tt.rest, tt.ok)
		}
	}
}
