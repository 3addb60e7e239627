package live

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		expr    string
		wantErr string // substring; "" means valid
	}{
		{"", ""},
		{"udp", ""},
		{"tcp or udp", ""},
		{"udp port 5060", ""},
		{"tcp dst port 5061", ""},
		{"port 5060 or port 5080", ""},
		{"src portrange 5060-5080", ""},
		{"host 192.0.2.1 and not host 2001:db8::1", ""},
		{"dst net 10.0.0.0/8 || src net 2001:db8::/32", ""},
		{"!(udp && port 53)", ""},
		{"ip proto 132 or ip6 proto 44", ""},
		{"net 0.0.0.0/0", ""},
		{"(udp", "missing )"},
		{"udp)", `unexpected ")"`},
		{"port", "not a number"},
		{"port 70000", "not a number"},
		{"portrange 5080-5060", "want N-M"},
		{"host example.com", "host"},
		{"net 10.0.0.1", "net"},
		{"ether host 00:11:22:33:44:55", `unsupported "ether"`},
		{"udp host 10.0.0.1", `unexpected "host"`},
		{"udp src host 10.0.0.1", "after a protocol"},
		{"udp and", "unexpected end"},
		{"vlan 100", `unsupported "vlan"`},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			_, err := Compile(tt.expr, 65535)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Compile(%q) = %v, want no error", tt.expr, err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("Compile(%q) succeeded, want error containing %q", tt.expr, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("Compile(%q) = %v, want error containing %q", tt.expr, err, tt.wantErr)
			}
		})
	}
}

// TestCompileTooLong checks that a filter whose jumps do not fit classic BPF is refused
// rather than miscompiled.
func TestCompileTooLong(t *testing.T) {
	var parts []string
	for i := 0; i < 200; i++ {
		parts = append(parts, "host 2001:db8::1")
	}
	if _, err := Compile(strings.Join(parts, " or "), 65535); err == nil {
		t.Fatal("Compile of a 200-host filter succeeded; want a jump-length error")
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"udp port 5060", "not (host 10.0.0.1 or net ::/0)", "portrange 1-2", "!!(tcp&&udp)||ip"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 512 {
			return
		}
		prog, err := Compile(s, 65535)
		if err == nil && len(prog) == 0 {
			t.Fatalf("Compile(%q) returned an empty program", s)
		}
	})
}
