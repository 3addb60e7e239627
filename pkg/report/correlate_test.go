package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/sipscan/sipscan/pkg/classify"
)

// inv returns an INVITE of call id with the given branch suffix and CSeq.
func inv(id, branch string, cseq int, extra ...string) sipText {
	return sipText{method: "INVITE", branch: "z9hG4bK" + id + branch, callID: id, fromTag: "f" + id, cseq: cseq, extra: extra}
}

// answer returns a response to req with code, reason and To tag.
func answer(req sipText, code int, reason, toTag string, extra ...string) sipText {
	r := req
	r.code, r.reason, r.toTag, r.extra = code, reason, toTag, extra
	return r
}

func withMethod(s sipText, method string, toTag string) sipText {
	s.method, s.toTag, s.extra = method, toTag, nil
	return s
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestCallOutcomes(t *testing.T) {
	a := inv("c", "1", 1)
	tests := []struct {
		name    string
		steps   []step
		outcome Outcome
		code    int
		cat     classify.Category
		pdd     float64 // 0: not measured
		setup   float64
		chal    int
	}{
		{"answered", answeredCall("c", 0), OutcomeAnswered, 200, classify.CategoryOK, 1500, 4000, 0},
		{"challenge then answer", challengedCall("c", 0), OutcomeAnswered, 200, classify.CategoryOK, 1500, 4000, 1}, // from the retried INVITE
		{"busy 486", failedCall("c", 0, 486, "Busy Here"), OutcomeBusy, 486, classify.CategoryCalleeBusy, 0, 0, 0},
		{"busy 600", failedCall("c", 0, 600, "Busy Everywhere"), OutcomeBusy, 600, classify.CategoryCalleeBusy, 0, 0, 0},
		{"busy by Q.850 cause 17", failedCall("c", 0, 480, "Temporarily Unavailable", "Reason: Q.850;cause=17;text=\"User busy\""),
			OutcomeBusy, 480, classify.CategoryCalleeBusy, 0, 0, 0},
		{"declined 603", failedCall("c", 0, 603, "Decline"), OutcomeDeclined, 603, classify.CategoryCalleeDeclined, 0, 0, 0},
		{"no answer 480", failedCall("c", 0, 480, "Temporarily Unavailable"), OutcomeNoAnswer, 480, classify.CategoryCalleeUnavailable, 0, 0, 0},
		{"cancelled", cancelledCall("c", 0), OutcomeCancelled, 487, classify.CategoryRequestCancelled, 2000, 0, 0},
		{"cancel without final response", []step{
			{0, uac, uas, a},
			{ms(1000), uas, uac, answer(a, 180, "Ringing", "t")},
			{ms(5000), uac, uas, withMethod(a, "CANCEL", "")},
		}, OutcomeCancelled, 0, "", 1000, 0, 0},
		{"failed 503", failedCall("c", 0, 503, "Service Unavailable"), OutcomeFailed, 503, classify.CategoryCapacityOverload, 0, 0, 0},
		{"credentials refused", []step{
			{0, uac, uas, a},
			{ms(10), uas, uac, answer(a, 407, "Proxy Authentication Required", "t1")},
			{ms(20), uac, uas, withMethod(a, "ACK", "t1")},
			{ms(30), uac, uas, inv("c", "2", 2, `Proxy-Authorization: Digest username="a", response="0"`)},
			{ms(40), uas, uac, answer(inv("c", "2", 2), 407, "Proxy Authentication Required", "t2")},
		}, OutcomeFailed, 407, classify.CategoryAuthCredentials, 0, 0, 2},
		{"no response", []step{{0, uac, uas, a}, {ms(500), uac, uas, a}}, OutcomeNoResponse, 0, "", 0, 0, 0},
		{"re-INVITE glare does not change the outcome", append(answeredCall("c", 0),
			step{ms(10000), uac, uas, sipText{method: "INVITE", branch: "z9hG4bKre", callID: "c", fromTag: "fc", toTag: "tc", cseq: 5}},
			step{ms(10010), uas, uac, sipText{method: "INVITE", code: 491, reason: "Request Pending", branch: "z9hG4bKre", callID: "c", fromTag: "fc", toTag: "tc", cseq: 5}},
		), OutcomeAnswered, 200, classify.CategoryOK, 1500, 4000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []CallRecord
			f := newFeeder(t, Config{OnCall: func(r *CallRecord) { calls = append(calls, *r) }})
			steps := append([]step(nil), tt.steps...)
			sortSteps(steps)
			f.feed(steps...)
			r := f.finish()
			if len(calls) != 1 {
				t.Fatalf("%d calls, want 1: %+v", len(calls), calls)
			}
			c := calls[0]
			if c.Outcome != tt.outcome || c.Code != tt.code || c.Category != tt.cat || c.Challenges != tt.chal {
				t.Errorf("call = %s %d %s challenges %d, want %s %d %s challenges %d",
					c.Outcome, c.Code, c.Category, c.Challenges, tt.outcome, tt.code, tt.cat, tt.chal)
			}
			checkMs(t, "pdd", c.PDDMs, tt.pdd)
			checkMs(t, "setup", c.SetupMs, tt.setup)
			if r.Calls.Total != 1 {
				t.Errorf("Calls.Total = %d", r.Calls.Total)
			}
			if got := r.Calls.Answered + r.Calls.Failed + r.Calls.Cancelled; got != r.Calls.Total {
				t.Errorf("answered+failed+cancelled = %d, total %d", got, r.Calls.Total)
			}
		})
	}
}

func checkMs(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	switch {
	case want == 0 && got != nil:
		t.Errorf("%s = %v, want none", what, *got)
	case want != 0 && got == nil:
		t.Errorf("%s missing, want %v", what, want)
	case want != 0 && *got != want:
		t.Errorf("%s = %v, want %v", what, *got, want)
	}
}

func TestASRAndNER(t *testing.T) {
	var s []step
	s = append(s, answeredCall("a1", 0)...)
	s = append(s, answeredCall("a2", ms(100))...)
	s = append(s, failedCall("b1", ms(200), 486, "Busy Here")...)
	s = append(s, failedCall("d1", ms(300), 603, "Decline")...)
	s = append(s, failedCall("n1", ms(400), 480, "Temporarily Unavailable")...)
	s = append(s, cancelledCall("x1", ms(500))...)
	s = append(s, failedCall("f1", ms(600), 503, "Service Unavailable")...)
	s = append(s, failedCall("f2", ms(700), 404, "Not Found")...)
	s = append(s, step{ms(800), uac, uas, inv("z1", "1", 1)}) // no response at all
	s = append(s, failedCall("f3", ms(900), 488, "Not Acceptable Here")...)
	sortSteps(s)
	f := newFeeder(t, Config{})
	f.feed(s...)
	c := f.finish().Calls
	want := CallSummary{Total: 10, Answered: 2, Failed: 7, Cancelled: 1, ASR: 0.2, NER: 0.6,
		Busy: 1, Declined: 1, NoAnswer: 1, NoResponse: 1}
	if c.Total != want.Total || c.Answered != want.Answered || c.Failed != want.Failed || c.Cancelled != want.Cancelled ||
		c.ASR != want.ASR || c.NER != want.NER || c.Busy != want.Busy || c.Declined != want.Declined ||
		c.NoAnswer != want.NoAnswer || c.NoResponse != want.NoResponse {
		t.Errorf("calls = %+v\nwant %+v", c, want)
	}
	// PDD over the three calls that rang: 1500, 1500, 2000 ms.
	if c.PDD.P50 != 1500 || c.PDD.P95 != 2000 || c.PDD.N != 3 {
		t.Errorf("PDD = %+v", c.PDD)
	}
	if c.Setup.P50 != 4000 || c.Setup.N != 2 {
		t.Errorf("Setup = %+v", c.Setup)
	}
}

func TestRetransmissions(t *testing.T) {
	a := inv("c", "1", 1)
	ok := answer(a, 200, "OK", "t1")
	tests := []struct {
		name              string
		steps             []step
		requests, retrans uint64 // retransmitted requests
		respRetrans       uint64
	}{
		{"request again, same direction", []step{{0, uac, uas, a}, {ms(500), uac, uas, a}}, 2, 1, 0},
		{"request on another hop is not one", []step{{0, uac, proxy, a}, {ms(5), proxy, uas, a}}, 2, 0, 0},
		{"2xx again", []step{{0, uac, uas, a}, {ms(10), uas, uac, ok}, {ms(510), uas, uac, ok}}, 1, 0, 1},
		{"forked 180s are not", []step{{0, uac, uas, a}, {ms(10), uas, uac, answer(a, 180, "Ringing", "x")},
			{ms(20), uas, uac, answer(a, 180, "Ringing", "y")}}, 1, 0, 0},
		{"ACK of a non-2xx joins the INVITE; a second one is a retransmission", []step{
			{0, uac, uas, a}, {ms(10), uas, uac, answer(a, 486, "Busy Here", "t")},
			{ms(20), uac, uas, withMethod(a, "ACK", "t")},
			{ms(520), uas, uac, answer(a, 486, "Busy Here", "t")},
			{ms(530), uac, uas, withMethod(a, "ACK", "t")}}, 3, 1, 1},
		{"a device reusing one branch for every call", []step{
			{0, uac, uas, sipText{method: "INVITE", branch: "z9hG4bKsame", callID: "x1", fromTag: "f1"}},
			{ms(500), uac, uas, sipText{method: "INVITE", branch: "z9hG4bKsame", callID: "x2", fromTag: "f2"}},
		}, 2, 0, 0},
		{"without an RFC 3261 branch", []step{
			{0, uac, uas, sipText{method: "OPTIONS", branch: "old1", callID: "o", fromTag: "f"}},
			{ms(500), uac, uas, sipText{method: "OPTIONS", branch: "old1", callID: "o", fromTag: "f"}},
			{ms(510), uas, uac, sipText{method: "OPTIONS", code: 200, reason: "OK", branch: "old1", callID: "o", fromTag: "f", toTag: "t"}},
			{ms(520), uas, uac, sipText{method: "OPTIONS", code: 200, reason: "OK", branch: "old1", callID: "o", fromTag: "f", toTag: "t"}},
		}, 2, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var flagged []bool
			f := newFeeder(t, Config{OnMessage: func(r *MessageRecord) { flagged = append(flagged, r.Retransmission) }})
			f.feed(tt.steps...)
			r := f.finish()
			if r.Totals.Requests != tt.requests {
				t.Errorf("requests = %d, want %d", r.Totals.Requests, tt.requests)
			}
			var reqRetrans, respRetrans uint64
			for _, m := range r.Methods {
				reqRetrans += m.Retransmissions
			}
			for _, x := range r.Responses {
				respRetrans += x.Retransmissions
			}
			if reqRetrans != tt.retrans || respRetrans != tt.respRetrans {
				t.Errorf("retransmitted requests %d, responses %d; want %d, %d", reqRetrans, respRetrans, tt.retrans, tt.respRetrans)
			}
			if r.Totals.Retransmissions != tt.retrans+tt.respRetrans {
				t.Errorf("Totals.Retransmissions = %d", r.Totals.Retransmissions)
			}
			n := 0
			for _, fl := range flagged {
				if fl {
					n++
				}
			}
			if uint64(n) != tt.retrans+tt.respRetrans || len(flagged) != len(tt.steps) {
				t.Errorf("OnMessage saw %d messages, %d flagged", len(flagged), n)
			}
			if r.Overview.Orphans != 0 {
				t.Errorf("%d orphan responses", r.Overview.Orphans)
			}
		})
	}
}

func TestLatency(t *testing.T) {
	a := inv("c", "1", 1)
	f := newFeeder(t, Config{})
	f.feed(step{0, uac, uas, a}, step{ms(700), uac, uas, a}, step{ms(900), uas, uac, answer(a, 100, "Trying", "")},
		step{ms(1000), uas, uac, answer(a, 180, "Ringing", "t")})
	r := f.finish()
	if len(r.Methods) != 1 || r.Methods[0].Latency.P50 != 900 || r.Methods[0].Latency.N != 1 {
		t.Errorf("methods = %+v, want INVITE latency 900 ms from the first copy to the first response", r.Methods)
	}
}

func TestRegistrations(t *testing.T) {
	reg := sipText{method: "REGISTER", ruri: "sip:example.com", to: "sip:dave@example.com", branch: "z9hG4bKr1", callID: "r", fromTag: "f"}
	tests := []struct {
		name                     string
		steps                    []step
		total, succeeded, failed uint64
		failCode                 int
		failCat                  classify.Category
	}{
		{"401 then 200", registration("r", "sip:alice@example.com", 0, 200, "OK"), 1, 1, 0, 0, ""},
		{"401 then 403", registration("r", "sip:alice@example.com", 0, 403, "Forbidden"), 1, 0, 1, 403, classify.CategoryAuthCredentials},
		{"200 at once", []step{{0, uac, proxy, reg}, {ms(20), proxy, uac, answer(reg, 200, "OK", "t")}}, 1, 1, 0, 0, ""},
		{"no response", []step{{0, uac, proxy, reg}, {ms(500), uac, proxy, reg}}, 1, 0, 1, 0, ""},
		{"challenge never answered", []step{{0, uac, proxy, reg}, {ms(20), proxy, uac, answer(reg, 401, "Unauthorized", "t")}},
			1, 0, 1, 401, classify.CategoryAuthChallenge},
		{"two refreshes", append(registration("r", "sip:alice@example.com", 0, 200, "OK"),
			registration("r", "sip:alice@example.com", time.Hour, 200, "OK")...), 2, 2, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFeeder(t, Config{})
			f.feed(tt.steps...)
			r := f.finish()
			g := r.Registrations
			if g.Total != tt.total || g.Succeeded != tt.succeeded || g.Failed != tt.failed {
				t.Fatalf("registrations %d/%d/%d, want %d/%d/%d", g.Total, g.Succeeded, g.Failed, tt.total, tt.succeeded, tt.failed)
			}
			if tt.failed > 0 {
				if len(g.Failures) != 1 || g.Failures[0].Code != tt.failCode || g.Failures[0].Category != tt.failCat {
					t.Errorf("failures = %+v, want code %d %s", g.Failures, tt.failCode, tt.failCat)
				}
			}
		})
	}
}

func TestFinishedCallsAreDropped(t *testing.T) {
	var s []step
	for i := 0; i < 50; i++ {
		s = append(s, failedCall("c"+string(rune('A'+i)), time.Duration(i)*time.Minute, 486, "Busy Here")...)
	}
	f := newFeeder(t, Config{})
	f.feed(s...)
	if n := f.c.calls.n; n > 2 {
		t.Errorf("%d calls held after their linger time, want at most 2", n)
	}
	if n := f.c.txs.n; n > 4 {
		t.Errorf("%d transactions held, want at most 4", n)
	}
	r := f.finish()
	if r.Calls.Total != 50 || r.Calls.Busy != 50 {
		t.Errorf("calls %+v", r.Calls)
	}
}

func TestLimits(t *testing.T) {
	var s []step
	for i := 0; i < 10; i++ {
		s = append(s, step{time.Duration(i) * time.Millisecond, uac, uas, inv("c"+string(rune('A'+i)), "1", 1)})
	}
	f := newFeeder(t, Config{MaxOpenCalls: 3, MaxOpenTransactions: 4})
	f.feed(s...)
	if f.c.calls.n > 3 || f.c.txs.n > 4 {
		t.Errorf("held %d calls, %d transactions over the limits", f.c.calls.n, f.c.txs.n)
	}
	r := f.finish()
	if r.Calls.Total != 10 || r.Calls.NoResponse != 10 {
		t.Errorf("calls %+v", r.Calls)
	}
	want := map[string]uint64{"calls finished early at the limit": 7, "transactions dropped at the limit": 6}
	for _, p := range r.Problems {
		if n, ok := want[p.What]; ok {
			if p.Count != n {
				t.Errorf("%s: %d, want %d", p.What, p.Count, n)
			}
			delete(want, p.What)
		}
	}
	if len(want) > 0 {
		t.Errorf("problems %+v lack %v", r.Problems, want)
	}
}

func TestFilter(t *testing.T) {
	codes, err := ParseCodes("4xx, 503")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                 string
		filter               Filter
		requests, responses  uint64
		calls, registrations uint64
	}{
		{"none", Filter{}, 24, 26, 7, 2},
		{"codes", Filter{Codes: codes}, 0, 10, 5, 1},
		{"severity fault", Filter{Severities: []classify.Severity{classify.SeverityFault}}, 0, 4, 2, 1},
		{"category", Filter{Categories: []classify.Category{classify.CategoryCalleeBusy}}, 0, 2, 2, 0},
		{"method", Filter{Methods: []string{"REGISTER"}}, 4, 4, 0, 2},
		{"call-id", Filter{CallIDs: []string{"call1"}}, 3, 4, 1, 0},
		{"host", Filter{Hosts: []netipAddr{mustAddr("198.51.100.1")}}, 5, 5, 0, 2},
		{"since", Filter{Since: t0.Add(7 * time.Second)}, 9, 9, 0, 2}, // registrations, OPTIONS, two BYEs, one CANCEL
		{"until", Filter{Until: t0.Add(time.Second)}, 1, 1, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var listed int
			f := newFeeder(t, Config{Filter: tt.filter, OnMessage: func(*MessageRecord) { listed++ }})
			f.feed(sampleSteps()...)
			r := f.finish()
			if r.Totals.Requests != tt.requests || r.Totals.Responses != tt.responses {
				t.Errorf("requests %d responses %d, want %d %d", r.Totals.Requests, r.Totals.Responses, tt.requests, tt.responses)
			}
			if uint64(listed) != tt.requests+tt.responses {
				t.Errorf("listed %d", listed)
			}
			if r.Calls.Total != tt.calls || r.Registrations.Total != tt.registrations {
				t.Errorf("calls %d registrations %d, want %d %d", r.Calls.Total, r.Registrations.Total, tt.calls, tt.registrations)
			}
			if r.Totals.SIPMessages != uint64(len(sampleSteps())) {
				t.Errorf("SIPMessages = %d is filtered", r.Totals.SIPMessages)
			}
			var sum uint64
			for _, m := range r.Methods {
				sum += m.Count
			}
			if sum != r.Totals.Requests {
				t.Errorf("methods sum %d != requests %d", sum, r.Totals.Requests)
			}
		})
	}
}

func TestParseCodes(t *testing.T) {
	got, err := ParseCodes("4xx,503, 6XX")
	if err != nil {
		t.Fatal(err)
	}
	want := []CodeRange{{400, 499}, {503, 503}, {600, 699}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	for _, bad := range []string{"", "4x", "7xx", "99", "1000", "abc", "40x"} {
		if _, err := ParseCodes(bad); err == nil {
			t.Errorf("ParseCodes(%q) accepted", bad)
		}
	}
}

func TestDistinctValuesAreBounded(t *testing.T) {
	var s []step
	for i := 0; i < 20; i++ {
		id := string(rune('a' + i))
		req := sipText{method: "X" + id, branch: "z9hG4bK" + id, callID: id, fromTag: "f"}
		s = append(s, step{ms(i), uac, uas, req}, step{ms(i) + 1, uas, uac, answer(req, 599, "Reason "+id, "t")})
	}
	f := newFeeder(t, Config{MaxItemised: 5})
	f.feed(s...)
	r := f.finish()
	if len(r.Methods) != 6 || len(r.Responses) != 6 {
		t.Errorf("%d methods, %d response rows; want 5 each plus one for the rest", len(r.Methods), len(r.Responses))
	}
	var reqs, resps uint64
	for _, m := range r.Methods {
		reqs += m.Count
	}
	for _, x := range r.Responses {
		resps += x.Count
	}
	if reqs != 20 || resps != 20 {
		t.Errorf("counted %d requests and %d responses, want 20 each", reqs, resps)
	}
}

func TestUnansweredCallsTimeOut(t *testing.T) {
	var s []step
	for i := 0; i < 30; i++ {
		s = append(s, step{time.Duration(i) * time.Minute, uac, uas, inv(fmt.Sprintf("scan%d", i), "1", 1)})
	}
	f := newFeeder(t, Config{})
	f.feed(s...)
	// PendingTimeout is 3 minutes: at most the last 4 calls are still waiting.
	if n := f.c.calls.n; n > 4 {
		t.Errorf("%d unanswered calls held, want at most 4", n)
	}
	r := f.finish()
	if r.Calls.Total != 30 || r.Calls.NoResponse != 30 || len(r.Problems) != 0 {
		t.Errorf("calls %+v, problems %+v", r.Calls, r.Problems)
	}
}

// TestSlowAuthenticationRetry: a person typing a password retries the INVITE 40 s after the
// 407, longer than CallLinger; it is still one call.
func TestSlowAuthenticationRetry(t *testing.T) {
	a := inv("c", "1", 1)
	b := inv("c", "2", 2, `Proxy-Authorization: Digest username="a", response="0"`)
	var calls []CallRecord
	f := newFeeder(t, Config{OnCall: func(r *CallRecord) { calls = append(calls, *r) }})
	f.feed(
		step{0, uac, uas, a},
		step{ms(100), uas, uac, answer(a, 407, "Proxy Authentication Required", "t1")},
		step{ms(110), uac, uas, withMethod(a, "ACK", "t1")},
		step{ms(20000), proxy, uas, sipText{method: "OPTIONS", branch: "z9hG4bKo1", callID: "o", fromTag: "o"}},
		step{ms(40000), uac, uas, b},
		step{ms(40100), uas, uac, answer(b, 403, "Forbidden", "t2")},
	)
	f.finish()
	if len(calls) != 1 || calls[0].Code != 403 || calls[0].Challenges != 1 || calls[0].Category != classify.CategoryAuthCredentials {
		t.Errorf("calls = %+v, want one call ending 403 auth.credentials after one challenge", calls)
	}
}

// TestCancelDecidesOverLateFinal: the caller's CANCEL makes the call cancelled even when the
// server answers the INVITE with 408 instead of 487.
func TestCancelDecidesOverLateFinal(t *testing.T) {
	a := inv("c", "1", 1)
	f := newFeeder(t, Config{})
	f.feed(
		step{0, uac, uas, a},
		step{ms(2000), uas, uac, answer(a, 100, "Trying", "")},
		step{ms(30000), uac, uas, withMethod(a, "CANCEL", "")},
		step{ms(32000), uas, uac, answer(a, 408, "Request Timeout", "t")},
	)
	r := f.finish()
	if r.Calls.Cancelled != 1 || r.Calls.Total != 1 {
		t.Errorf("calls %+v, want one cancelled", r.Calls)
	}
}
