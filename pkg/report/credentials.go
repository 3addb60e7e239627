package report

import (
	"bytes"

	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// carriesCredentials tells whether a request's Authorization or Proxy-Authorization header
// holds an answer to a challenge. IMS phones (3GPP TS 24.229) and some softphones send their
// first REGISTER with a Digest header whose nonce and response are empty, only to announce the
// user name; the 401 to such a request is the normal first challenge, not a wrong password.
// Only headers that are present are read, so requests without credentials cost one flag test.
func carriesCredentials(msg *sipmsg.Message) bool {
	if !msg.HasAuthorization() {
		return false
	}
	for _, name := range [...]string{"Authorization", "Proxy-Authorization"} {
		if v := msg.Header(name); v != nil && digestAnswered(v) {
			return true
		}
	}
	return false
}

// digestAnswered reports whether a credentials value answers a challenge: any scheme other
// than Digest counts as an answer; a Digest value needs a non-empty response, and a nonce
// that is not empty when it is there.
func digestAnswered(v []byte) bool {
	v = bytes.TrimLeft(v, " \t")
	digest := len(v) >= 6 && bytes.EqualFold(v[:6], []byte("digest")) &&
		(len(v) == 6 || v[6] == ' ' || v[6] == '\t' || v[6] == '\r' || v[6] == '\n')
	if !digest { // "DigestX" is another scheme
		return len(v) > 0
	}
	nonce, hasNonce := sipmsg.AuthParam(v, "nonce")
	response, hasResponse := sipmsg.AuthParam(v, "response")
	return hasResponse && len(response) > 0 && !(hasNonce && len(nonce) == 0)
}
