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
	if len(v) < 6 || !bytes.EqualFold(v[:6], []byte("digest")) {
		return len(v) > 0
	}
	nonce, hasNonce := authParam(v[6:], "nonce")
	response, hasResponse := authParam(v[6:], "response")
	return hasResponse && len(response) > 0 && !(hasNonce && len(nonce) == 0)
}

// authParam returns the value of the auth-param called name in a comma-separated list
// (RFC 3261 section 25.1: name LWS "=" LWS token / quoted-string), without its quotes.
func authParam(v []byte, name string) (value []byte, ok bool) {
	for len(v) > 0 {
		v = bytes.TrimLeft(v, " \t\r\n,")
		eq := bytes.IndexByte(v, '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimRight(v[:eq], " \t\r\n")
		v = bytes.TrimLeft(v[eq+1:], " \t\r\n")
		var val []byte
		if len(v) > 0 && v[0] == '"' {
			end := 1
			for end < len(v) && v[end] != '"' {
				if v[end] == '\\' {
					end++
				}
				end++
			}
			val = v[1:min(end, len(v))]
			v = v[min(end+1, len(v)):]
		} else {
			end := bytes.IndexByte(v, ',')
			if end < 0 {
				end = len(v)
			}
			val = bytes.TrimRight(v[:end], " \t\r\n")
			v = v[end:]
		}
		if bytes.EqualFold(key, []byte(name)) {
			return val, true
		}
		if c := bytes.IndexByte(v, ','); c >= 0 {
			v = v[c+1:]
		} else {
			v = nil
		}
	}
	return nil, false
}
