package sipmsg

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestRFC4475 parses the SIP torture test messages of RFC 4475. Valid messages must parse
// without defects and with the right values; invalid ones must return an error or the
// defect that names what is wrong. A few messages of the "invalid" and "transaction layer"
// sections are only wrong in ways a syntax parser does not judge; the comments say why.
func TestRFC4475(t *testing.T) {
	type check func(t *testing.T, m *Message)
	tests := []struct {
		file    string
		err     error // nil, a sentinel, or malformedErr
		defects Defect
		check   check
	}{
		// 3.1.1 Valid messages.
		{"wsinv", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "method", m.Method(), "INVITE")
			eq(t, "ruri", m.RequestURI(), "sip:vivekg@chair-dnrc.example.com;unknownparam")
			eq(t, "to uri", m.ToURI(), "sip:vivekg@chair-dnrc.example.com")
			eq(t, "to tag", m.ToTag(), "1918181833n")
			eq(t, "from uri", m.FromURI(), "sip:jdrosen@example.com")
			eq(t, "from tag", m.FromTag(), "98asjd8")
			eq(t, "call-id", m.CallID(), "wsinv.ndaksdj@192.0.2.1")
			cseq(t, m, 9, "INVITE")
			mf, ok := m.MaxForwards()
			if !ok || mf != 68 {
				t.Errorf("Max-Forwards = %d, %v; want 68", mf, ok)
			}
			v := m.Via()
			eq(t, "via transport", v.Transport, "UDP")
			eq(t, "via sent-by", v.SentBy, "192.0.2.2")
			eq(t, "via branch", v.Branch, "390skdjuw")
			if m.NumVia() != 3 {
				t.Errorf("NumVia = %d, want 3", m.NumVia())
			}
			if cl, ok := m.ContentLength(); !ok || cl != 150 || len(m.Body()) != 150 {
				t.Errorf("Content-Length %d %v, body %d", cl, ok, len(m.Body()))
			}
			eq(t, "subject", m.Header("Subject"), "")
			if m.Header("s") == nil {
				t.Error("empty Subject reported absent")
			}
			eq(t, "content-type", m.ContentType(), "application/sdp")
			eq(t, "unknown", m.Header("unknownheaderwithunusualvalue"), ";;,,;;,;")
			eq(t, "folded", m.Header("NewFangledHeader"), "newfangled value\r\n continued newfangled value")
		}},
		{"intmeth", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "method", m.Method(), "!interesting-Method0123456789_*+`.%indeed'~")
			cseq(t, m, 139122385, "!interesting-Method0123456789_*+`.%indeed'~")
			eq(t, "call-id", m.CallID(), "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
			eq(t, "from tag", m.FromTag(), "_token~1'+`*%!-.")
			eq(t, "via branch", m.Via().Branch, "z9hG4bK-.!%66*_+`'~")
		}},
		{"esc01", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "ruri", m.RequestURI(), "sip:sips%3Auser%40example.com@example.net")
			eq(t, "from tag", m.FromTag(), "938")
		}},
		{"escnull", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "to uri", m.ToURI(), "sip:null-%00-null@example.com")
		}},
		{"esc02", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "method", m.Method(), "RE%47IST%45R")
			eq(t, "via branch", m.Via().Branch, "z9hG4bK209%fzsnel234")
		}},
		{"lwsdisp", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "from uri", m.FromURI(), "sip:caller@example.com")
			eq(t, "from tag", m.FromTag(), "323")
		}},
		{"longreq", nil, 0, func(t *testing.T, m *Message) {
			if m.NumVia() != 34 {
				t.Errorf("NumVia = %d, want 34", m.NumVia())
			}
			eq(t, "via sent-by", m.Via().SentBy, "sip33.example.com")
			if m.Via().Branch != nil {
				t.Errorf("top Via branch %q, want none", m.Via().Branch)
			}
			eq(t, "to uri", m.ToURI()[:28], "sip:user@example.com:6000;un")
		}},
		{"dblreq", nil, 0, func(t *testing.T, m *Message) {
			// Extra octets after Content-Length bytes are not part of the message.
			eq(t, "method", m.Method(), "REGISTER")
			if len(m.Body()) != 0 {
				t.Errorf("body %q, want empty", m.Body())
			}
		}},
		{"semiuri", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "ruri", m.RequestURI(), "sip:user;par=u%40example.net@example.com")
		}},
		{"transports", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "via transport", m.Via().Transport, "UDP")
			if m.NumVia() != 5 {
				t.Errorf("NumVia = %d, want 5", m.NumVia())
			}
		}},
		{"mpart01", nil, 0, func(t *testing.T, m *Message) {
			eq(t, "method", m.Method(), "MESSAGE")
			if cl, _ := m.ContentLength(); cl != 553 || len(m.Body()) != 553 {
				t.Errorf("Content-Length %d, body %d", cl, len(m.Body()))
			}
		}},
		{"unreason", nil, 0, func(t *testing.T, m *Message) {
			if m.StatusCode() != 200 {
				t.Errorf("code %d", m.StatusCode())
			}
			eq(t, "reason", m.ReasonPhrase(), "= 2**3 * 5**2 но сто девяносто девять - простое")
		}},
		{"noreason", nil, 0, func(t *testing.T, m *Message) {
			if m.StatusCode() != 100 {
				t.Errorf("code %d", m.StatusCode())
			}
			eq(t, "reason", m.ReasonPhrase(), "")
			eq(t, "to tag", m.ToTag(), "902jndnke3")
		}},

		// 3.1.2 Invalid messages.
		{"badinv01", nil, DefectVia, nil},        // extraneous header field separators
		{"clerr", nil, DefectBodyTruncated, nil}, // Content-Length larger than message
		{"ncl", nil, DefectContentLength, nil},   // negative Content-Length
		{"scalar02", nil, DefectCSeq | DefectMaxForwards | DefectNumber, nil},
		{"scalarlg", nil, DefectCSeq | DefectNumber | DefectWarning, nil},
		{"quotbal", nil, DefectAddress, nil},                 // unterminated quoted string in display name
		{"ltgtruri", nil, DefectRequestURI, nil},             // <> enclosing Request-URI
		{"lwsruri", nil, DefectRequestURI, nil},              // LWS inside the Request-URI
		{"lwsstart", nil, DefectRequestLine, nil},            // several SP between request-line elements
		{"trws", nil, DefectRequestLine, nil},                // SP at the end of the request line
		{"escruri", nil, DefectRequestURI, nil},              // escaped headers in a SIP Request-URI
		{"baddate", nil, 0, nil},                             // Date in a non-GMT zone: Date is not interpreted here
		{"regbadct", nil, 0, nil},                            // Contact with URI parameters outside <>: Contact is not decoded here
		{"badaspec", nil, DefectAddress, nil},                // spaces within an addr-spec
		{"baddn", nil, DefectAddress | DefectDuplicate, nil}, // non-token characters in a display name
		{"badvers", nil, DefectVersion, nil},                 // SIP/7.0
		{"mismatch01", nil, DefectCSeqMethod, nil},           // start line and CSeq method differ
		{"mismatch02", nil, DefectCSeqMethod, nil},           // unknown method, CSeq method differs
		{"bigcode", malformedErr, 0, nil},                    // status code 4294967301
		{"badbranch", nil, 0, func(t *testing.T, m *Message) {
			// A branch that is only the magic cookie is well-formed; whether it is unique is a
			// transaction-layer question.
			eq(t, "via branch", m.Via().Branch, "z9hG4bK")
		}},
		{"insuf", nil, DefectMissingHeader, nil},
		{"multi01", nil, DefectDuplicate, func(t *testing.T, m *Message) {
			// The first of duplicated single-value headers wins.
			eq(t, "call-id", m.CallID(), "multi01.98asdh@192.0.2.1")
			cseq(t, m, 5, "INVITE")
			eq(t, "from tag", m.FromTag(), "3413415")
		}},
		{"mcl01", nil, DefectDuplicate, func(t *testing.T, m *Message) {
			if cl, _ := m.ContentLength(); cl != 13 {
				t.Errorf("Content-Length %d, want the first value 13", cl)
			}
		}},

		// 3.3 Transaction-layer and 3.4 application-layer semantics: syntactically valid.
		{"unkscm", nil, 0, nil}, {"novelsc", nil, 0, nil}, {"unksm2", nil, 0, nil},
		{"bext01", nil, 0, nil}, {"invut", nil, 0, nil}, {"regaut01", nil, 0, func(t *testing.T, m *Message) {
			if !m.HasAuthorization() {
				t.Error("Authorization not seen")
			}
		}},
		{"bcast", nil, 0, nil}, {"cparam01", nil, 0, nil}, {"cparam02", nil, 0, nil},
		{"regescrt", nil, 0, nil}, {"sdp01", nil, 0, nil},
		{"zeromf", nil, 0, func(t *testing.T, m *Message) {
			if mf, ok := m.MaxForwards(); !ok || mf != 0 {
				t.Errorf("Max-Forwards %d %v", mf, ok)
			}
		}},
		{"inv2543", nil, 0, func(t *testing.T, m *Message) {
			// RFC 2543 syntax: no branch, no From tag.
			if m.FromTag() != nil || m.Via().Branch != nil {
				t.Errorf("from tag %q branch %q", m.FromTag(), m.Via().Branch)
			}
			eq(t, "from uri", m.FromURI(), "sip:+13035551111@ift.client.example.net;user=phone")
		}},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		seen[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "rfc4475", tc.file+".dat"))
			if err != nil {
				t.Fatal(err)
			}
			var m Message
			err = m.Parse(b)
			checkErr(t, err, tc.err)
			if m.Defects() != tc.defects {
				t.Errorf("defects %v, want %v", m.Defects(), tc.defects)
			}
			if tc.check != nil {
				tc.check(t, &m)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "rfc4475", "*.dat"))
	for _, f := range files {
		if name := filepath.Base(f); !seen[name[:len(name)-4]] {
			t.Errorf("%s has no test case", name)
		}
	}
}

// malformedErr in a test table stands for any *MalformedError.
var malformedErr = errors.New("any *MalformedError")

func checkErr(t *testing.T, got, want error) {
	t.Helper()
	switch want {
	case nil:
		if got != nil {
			t.Fatalf("Parse: %v", got)
		}
	case malformedErr:
		var me *MalformedError
		if !errors.As(got, &me) {
			t.Fatalf("Parse error %v, want *MalformedError", got)
		}
	default:
		if !errors.Is(got, want) {
			t.Fatalf("Parse error %v, want %v", got, want)
		}
	}
}

func eq(t *testing.T, what string, got []byte, want string) {
	t.Helper()
	if string(got) != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func cseq(t *testing.T, m *Message, num uint32, method string) {
	t.Helper()
	n, meth := m.CSeq()
	if n != num || string(meth) != method {
		t.Errorf("CSeq = %d %q, want %d %q", n, meth, num, method)
	}
}
