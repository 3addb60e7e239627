package sipmsg

import "testing"

func TestAuthParam(t *testing.T) {
	tests := []struct {
		name, v, param string
		want           string
		ok             bool
	}{
		{"quoted", `Digest username="bob", realm="example.com", nonce="5af4", response="66"`, "response", "66", true},
		{"case-insensitive name", `Digest NONCE="n1"`, "nonce", "n1", true},
		{"empty quoted", `Digest username="u",nonce="",response=""`, "nonce", "", true},
		{"token value", `digest username=a,nonce=abc,response=def`, "response", "def", true},
		{"escaped quote", `Digest username="a\"b", nonce="x"`, "nonce", "x", true},
		{"comma in quoted value", `Digest username="a,b", nonce="x"`, "nonce", "x", true},
		{"white space around =", "Digest  nonce = \"x\" ,\r\n response = y", "response", "y", true},
		{"leading white space", `  Digest nonce="n"`, "nonce", "n", true},
		{"no value", `Digest algorithm, nonce="n"`, "algorithm", "", true},
		{"absent", `Digest username="u"`, "response", "", false},
		{"name only as a value", `Digest username="response"`, "response", "", false},
		{"unterminated quote", `Digest nonce="abc, response="`, "response", "", false},
		{"no scheme", `="x"`, "nonce", "", false},
		{"empty", ``, "nonce", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := AuthParam([]byte(tt.v), tt.param)
			if string(got) != tt.want || ok != tt.ok {
				t.Errorf("AuthParam(%q, %q) = %q, %v; want %q, %v", tt.v, tt.param, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzAuthParam(f *testing.F) {
	f.Add(`Digest username="a", nonce="x", response="y"`, "response")
	f.Add(`Digest nonce="\`, "nonce")
	f.Fuzz(func(t *testing.T, v, name string) {
		got, ok := AuthParam([]byte(v), name)
		if !ok && got != nil {
			t.Errorf("AuthParam(%q, %q) = %q without ok", v, name, got)
		}
	})
}
