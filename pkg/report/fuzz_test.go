package report

import (
	"bytes"
	"io"
	"net/netip"
	"testing"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// FuzzCollector feeds arbitrary messages (split at NUL bytes, so that one input makes a
// conversation) through the parser into a Collector and renders every format: nothing may
// panic, and the report must stay consistent.
func FuzzCollector(f *testing.F) {
	var seed []byte
	for _, s := range sampleSteps() {
		seed = append(seed, s.msg.String()...)
		seed = append(seed, 0)
	}
	f.Add(seed)
	f.Add([]byte(answeredCall("x", 0)[0].msg.String()))
	f.Add([]byte("SIP/2.0 401 x\r\nCSeq: 1 REGISTER\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n\r\n\x00REGISTER sip:a SIP/2.0\r\nCSeq: 1 REGISTER\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n\r\n"))
	cl, err := classify.New(classify.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzOne(t, cl, data) })
}

func fuzzOne(t *testing.T, cl *classify.Classifier, data []byte) {
	var calls int
	c := NewCollector(Config{Classifier: cl, MaxOpenCalls: 4, MaxOpenTransactions: 8, MaxOpenRegistrations: 4, MaxItemised: 4,
		OnMessage: func(r *MessageRecord) {
			if _, err := r.MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		},
		OnCall: func(*CallRecord) { calls++ }})
	var msg sipmsg.Message
	src, dst := netip.MustParseAddrPort("192.0.2.1:5060"), netip.MustParseAddrPort("192.0.2.2:5060")
	for i, part := range bytes.Split(data, []byte{0}) {
		m := &capture.Message{Data: part, Time: t0.Add(time.Duration(i) * 20 * time.Second), Input: "fuzz", Frame: i + 1,
			Src: src, Dst: dst, Transport: capture.TransportUDP}
		if i%2 == 1 {
			m.Src, m.Dst = dst, src
		}
		if err := msg.Parse(part); err != nil {
			c.AddMalformed(m, err)
			continue
		}
		c.Add(m, &msg)
	}
	r := c.Finish(nil)
	var sum uint64
	for _, x := range r.Methods {
		sum += x.Count
	}
	if sum != r.Totals.Requests {
		t.Fatalf("methods sum %d, requests %d", sum, r.Totals.Requests)
	}
	sum = 0
	for _, x := range r.Responses {
		sum += x.Count
	}
	if sum != r.Totals.Responses {
		t.Fatalf("responses sum %d, responses %d", sum, r.Totals.Responses)
	}
	if r.Calls.Total != uint64(calls) || r.Calls.Answered+r.Calls.Failed+r.Calls.Cancelled != r.Calls.Total {
		t.Fatalf("calls %+v, %d handed out", r.Calls, calls)
	}
	if err := WriteJSON(io.Discard, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(io.Discard, r, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(io.Discard, r); err != nil {
		t.Fatal(err)
	}
}
