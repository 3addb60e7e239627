package report

import "testing"

func TestDigestAnswered(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"full digest", `Digest username="bob", realm="example.com", nonce="5af46d23", uri="sip:example.com", response="6629fae49393a05397450978507c4ef1", algorithm=MD5`, true},
		{"IMS first REGISTER", `Digest username="upbsml",realm="upbsml.onsip.com",nonce="",uri="sip:upbsml.onsip.com",response=""`, false},
		{"empty response", `Digest username="a", nonce="abc", response=""`, false},
		{"no response", `Digest username="a", realm="r", nonce="abc"`, false},
		{"response without nonce", `Digest username="a", response="0"`, true},
		{"empty nonce", `Digest username="a", nonce="", response="0a"`, false},
		{"unquoted values", `digest username=a,nonce=abc,response=def`, true},
		{"escaped quote", `Digest username="a\"b", nonce="x", response="y"`, true},
		{"comma in quoted value", `Digest username="a,b", nonce="x", uri="sip:a", response="y"`, true},
		{"other scheme", `Bearer eyJhbGciOi`, true},
		{"leading space", `  Digest nonce="n", response="r"`, true},
		{"unterminated quote", `Digest nonce="abc, response="`, false},
		{"empty", ``, false},
		{"name as value", `Digest username="response", nonce="n"`, false},
		{"scheme that starts with digest", `DigestX nonce="", response=""`, true},
		{"bare digest", `Digest`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digestAnswered([]byte(tt.value)); got != tt.want {
				t.Errorf("digestAnswered(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

func FuzzDigestAnswered(f *testing.F) {
	f.Add(`Digest username="a", nonce="x", response="y"`)
	f.Add(`Digest nonce="\`)
	f.Fuzz(func(t *testing.T, v string) {
		digestAnswered([]byte(v))
	})
}

// A first INVITE with an empty Digest header (IMS style) is challenged as any first INVITE:
// the 407 that ends the call is a challenge left unanswered, not refused credentials.
func TestEmptyCredentialsGetAChallenge(t *testing.T) {
	for _, tt := range []struct {
		name string
		auth string
		want string
	}{
		{"empty nonce and response", `Proxy-Authorization: Digest username="a", realm="r", nonce="", uri="sip:b@r", response=""`, "auth.challenge"},
		{"answered challenge", `Proxy-Authorization: Digest username="a", realm="r", nonce="n", uri="sip:b@r", response="6629fae4"`, "auth.credentials"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var calls []CallRecord
			f := newFeeder(t, Config{OnCall: func(r *CallRecord) { calls = append(calls, *r) }})
			a := inv("c", "1", 1, tt.auth)
			f.feed(step{0, uac, uas, a}, step{ms(10), uas, uac, answer(a, 407, "Proxy Authentication Required", "t1")})
			f.finish()
			if len(calls) != 1 || string(calls[0].Category) != tt.want {
				t.Fatalf("calls = %+v, want one ending in %s", calls, tt.want)
			}
		})
	}
}
