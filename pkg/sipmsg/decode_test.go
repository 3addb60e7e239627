package sipmsg

import (
	"fmt"
	"strings"
	"testing"
)

// decodedView renders everything the decoded accessors return.
func decodedView(m *Message) string {
	n, method := m.CSeq()
	v := m.Via()
	if b := m.ViaBranch(); string(b) != string(v.Branch) {
		return fmt.Sprintf("ViaBranch %q, Via().Branch %q", b, v.Branch)
	}
	mf, mfOK := m.MaxForwards()
	ex, exOK := m.Expires()
	realm, stale, chal := m.Challenge()
	s := fmt.Sprintf("defects=%v cseq=%d %q from=%q %q to=%q %q via=%q %q %q %q %q n=%d mf=%d %v ex=%d %v chal=%q %v %v",
		m.Defects(), n, method, m.FromURI(), m.FromTag(), m.ToURI(), m.ToTag(),
		v.Transport, v.SentBy, v.Branch, v.Received, v.RPort, m.NumVia(), mf, mfOK, ex, exOK, realm, stale, chal)
	for i := 0; i < m.NumReasons(); i++ {
		r := m.Reason(i)
		s += fmt.Sprintf(" reason=%q %d %q", r.Protocol, r.Cause, r.Text)
	}
	for i := 0; i < m.NumWarnings(); i++ {
		w := m.Warning(i)
		s += fmt.Sprintf(" warning=%d %q %q", w.Code, w.Agent, w.Text)
	}
	return s
}

// TestDecodeOrder checks that what the decoded accessors return does not depend on which one
// is called first after Parse, nor on the message parsed before.
func TestDecodeOrder(t *testing.T) {
	firsts := map[string]func(m *Message){
		"Defects":   func(m *Message) { _ = m.Defects() },
		"CSeq":      func(m *Message) { _, _ = m.CSeq() },
		"ToTag":     func(m *Message) { _ = m.ToTag() },
		"Via":       func(m *Message) { _ = m.Via() },
		"ViaBranch": func(m *Message) { _ = m.ViaBranch() },
		"Warning":   func(m *Message) { _ = m.Warning(0) },
		"Reasons":   func(m *Message) { _ = m.NumReasons() },
		"Expires":   func(m *Message) { _, _ = m.Expires() },
		"Challenge": func(m *Message) { _, _, _ = m.Challenge() },
	}
	msgs := append([]string{bench403, benchInvite, benchTrying, bench100Via}, seedMessages...)
	for _, msg := range msgs {
		var ref Message
		_ = ref.Parse([]byte(msg))
		want := decodedView(&ref)
		for name, first := range firsts {
			var m Message
			_ = m.Parse([]byte(bench403)) // decoded state of another message must not leak
			_ = m.Defects()
			_ = m.Parse([]byte(msg))
			first(&m)
			if got := decodedView(&m); got != want {
				t.Errorf("%s first:\ngot  %s\nwant %s", name, got, want)
			}
		}
	}
}

// TestDecodePastMaxHeaders checks that known headers past MaxHeaders are decoded in message
// order with the stored ones.
func TestDecodePastMaxHeaders(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("INVITE sip:a@b SIP/2.0\r\nReason: SIP;cause=1\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n")
	for i := 0; i < MaxHeaders; i++ {
		fmt.Fprintf(&sb, "X-H%d: v\r\n", i)
	}
	sb.WriteString("Reason: Q.850;cause=2\r\nVia: SIP/2.0/TCP g, SIP/2.0/TCP k\r\nCSeq: 7 BYE\r\nFrom: <sip:x@y>;tag=f\r\n\r\n")
	var m Message
	if err := m.Parse([]byte(sb.String())); err != nil {
		t.Fatal(err)
	}
	if m.NumReasons() != 2 || m.Reason(0).Cause != 1 || m.Reason(1).Cause != 2 {
		t.Errorf("reasons %d: %+v %+v", m.NumReasons(), m.Reason(0), m.Reason(1))
	}
	if n, method := m.CSeq(); n != 7 || string(method) != "BYE" {
		t.Errorf("cseq %d %q", n, method)
	}
	eq(t, "from tag", m.FromTag(), "f")
	eq(t, "branch", m.Via().Branch, "z9hG4bK1")
	if m.NumVia() != 3 {
		t.Errorf("%d Via values, want 3", m.NumVia())
	}
	if want := DefectTooMany | DefectCSeqMethod | DefectMissingHeader; m.Defects() != want {
		t.Errorf("defects %v, want %v", m.Defects(), want)
	}
}
