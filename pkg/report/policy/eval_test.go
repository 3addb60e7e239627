package policy

import (
	"context"
	"fmt"
	"math"
	"net/netip"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sipscan/sipscan/internal/testenv"
	"github.com/sipscan/sipscan/pkg/report"
)

// mixedTrace is a capture with a bit of everything:
//
//	c1, c2 answered via carrier A (PDD 0.5 s, 1 s; setup 1.5 s, 2 s)
//	c3 answered via carrier B (PDD 4 s, setup 5 s)
//	c4 503 from carrier A, sent twice (one retransmission)
//	c5 486 Busy Here from carrier B
//	c6 480 No money left from carrier A (billing.funds)
//	c7 INVITE to carrier B without a final response
//	r1 REGISTER 401 then 200; r2 REGISTER 401 then 403 Wrong Guess (auth.credentials)
//	one OPTIONS whose header section never ends (malformed)
func mixedTrace(t *testing.T) string {
	tr := newTrace()
	tr.register("r1", 200, "OK")
	tr.register("r2", 403, "Wrong Guess")
	tr.answered("c1", carrierA, 500*time.Millisecond)
	tr.answered("c2", carrierA, time.Second)
	tr.answered("c3", carrierB, 4*time.Second)
	tr.rejected("c4", carrierA, 503, "Service Unavailable", 2)
	tr.rejected("c5", carrierB, 486, "Busy Here", 1)
	tr.rejected("c6", carrierA, 480, "No money left", 1)
	tr.malformed()
	tr.unanswered("c7", carrierB)
	return tr.write(t, "mixed.pcap")
}

// cleanTrace is a capture where everything works: two answered calls, one registration.
func cleanTrace(t *testing.T) string {
	tr := newTrace()
	tr.register("r1", 200, "OK")
	tr.answered("c1", carrierA, 500*time.Millisecond)
	tr.answered("c2", carrierB, time.Second)
	return tr.write(t, "clean.pcap")
}

// registrationsOnly is a capture without calls.
func registrationsOnly(t *testing.T) string {
	tr := newTrace()
	tr.register("r1", 200, "OK")
	return tr.write(t, "registrations.pcap")
}

func TestAssertions(t *testing.T) {
	mixed, clean, regs := mixedTrace(t), cleanTrace(t), registrationsOnly(t)
	peerA := []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")}
	peerB := []netip.Prefix{netip.MustParsePrefix("100.64.0.0/10")}
	tests := []struct {
		name    string
		capture string
		kind    Kind
		value   string
		scope   Scope
		exclude bool
		pass    bool
		val     float64
		// offending and calls: how many broke the assertion and the Call-IDs of the evidence.
		offending uint64
		calls     []string
	}{
		{"fail-on fault fails", mixed, KindFailOn, "fault", Scope{}, false, false, 4, 4, []string{"r2", "c4", "c4", "c6"}},
		{"fail-on fault excluding retransmissions", mixed, KindFailOn, "fault", Scope{}, true, false, 3, 3, []string{"r2", "c4", "c6"}},
		{"fail-on fault passes", clean, KindFailOn, "fault", Scope{}, false, true, 0, 0, nil},
		{"fail-on categories fail", mixed, KindFailOn, "auth.credentials,billing.funds", Scope{}, false, false, 2, 2, []string{"r2", "c6"}},
		{"fail-on categories pass", mixed, KindFailOn, "security.identity,route.no-route", Scope{}, false, true, 0, 0, nil},
		{"fail-on scoped to REGISTER", mixed, KindFailOn, "fault", Scope{Methods: []string{"REGISTER"}}, false, false, 1, 1, []string{"r2"}},
		{"max 5xx=0 fails", mixed, KindMax, "5xx=0", Scope{}, false, false, 2, 2, []string{"c4", "c4"}},
		{"max 5xx=1 fails with retransmission", mixed, KindMax, "5xx=1", Scope{}, false, false, 2, 2, []string{"c4", "c4"}},
		{"max 5xx=1 passes without retransmission", mixed, KindMax, "5xx=1", Scope{}, true, true, 1, 1, []string{"c4"}},
		{"max 503=2 passes", mixed, KindMax, "503=2", Scope{}, false, true, 2, 2, []string{"c4", "c4"}},
		{"max 5xx=0 passes for carrier B", mixed, KindMax, "5xx=0", Scope{Peers: peerB}, false, true, 0, 0, nil},
		{"max 5xx=0 fails for carrier A", mixed, KindMax, "5xx=0", Scope{Methods: []string{"INVITE"}, Peers: peerA}, false, false, 2, 2, []string{"c4", "c4"}},
		{"max 4xx=0 on BYE passes", mixed, KindMax, "4xx=0", Scope{Methods: []string{"BYE"}}, false, true, 0, 0, nil},
		// Final responses: REGISTER 401 401 200 403, INVITE 200 200 200 503 503 486 480, BYE
		// 200 200 200: 4xx are 401 401 403 486 480 = 5 of 14.
		{"max-ratio 4xx fails", mixed, KindMaxRatio, "4xx=0.05", Scope{}, false, false, 0.3571, 5, []string{"r1", "r2", "r2", "c5", "c6"}},
		{"max-ratio 4xx passes", mixed, KindMaxRatio, "4xx=40%", Scope{}, false, true, 0.3571, 5, []string{"r1", "r2", "r2", "c5", "c6"}},
		// INVITE finals without the retransmission: 200 200 200 503 486 480: 3 faults... 2
		// (503, 480) of 6.
		{"max-ratio fault on INVITE", mixed, KindMaxRatio, "fault=0.3", Scope{Methods: []string{"INVITE"}}, true, false, 0.3333, 2, []string{"c4", "c6"}},
		{"max-ratio passes on clean", clean, KindMaxRatio, "4xx,5xx,6xx=0", Scope{Methods: []string{"INVITE"}}, false, true, 0, 0, nil},
		// Calls: c1 c2 c3 answered of 7.
		{"min-asr fails", mixed, KindMinASR, "0.5", Scope{}, false, false, 0.4286, 4, []string{"c4", "c5", "c6", "c7"}},
		{"min-asr passes", mixed, KindMinASR, "0.4", Scope{}, false, true, 0.4286, 0, nil},
		{"min-asr for carrier A", mixed, KindMinASR, "0.5", Scope{Peers: peerA}, false, true, 0.5, 0, nil},
		{"min-asr for carrier B fails", mixed, KindMinASR, "0.5", Scope{Peers: peerB}, false, false, 0.3333, 2, []string{"c5", "c7"}},
		{"min-asr without calls fails", regs, KindMinASR, "0.5", Scope{}, false, false, 0, 0, nil},
		{"min-asr 1 passes on clean", clean, KindMinASR, "1", Scope{}, false, true, 1, 0, nil},
		// PDD 0.5 s, 1 s, 4 s: p95 is 4 s.
		{"max-pdd-p95 fails", mixed, KindMaxPDDP95, "3s", Scope{}, false, false, 4000, 1, []string{"c3"}},
		{"max-pdd-p95 passes", mixed, KindMaxPDDP95, "4s", Scope{}, false, true, 4000, 0, nil},
		{"max-pdd-p95 for carrier A", mixed, KindMaxPDDP95, "3s", Scope{Peers: peerA}, false, true, 1000, 0, nil},
		{"max-pdd-p95 lists the slowest first", mixed, KindMaxPDDP95, "400ms", Scope{}, false, false, 4000, 3, []string{"c3", "c2", "c1"}},
		{"max-pdd-p95 without ringing passes", regs, KindMaxPDDP95, "1s", Scope{}, false, true, 0, 0, nil},
		{"max-setup-p95 fails", mixed, KindMaxSetupP95, "2s", Scope{}, false, false, 5000, 1, []string{"c3"}},
		{"max-setup-p95 passes", mixed, KindMaxSetupP95, "5s", Scope{}, false, true, 5000, 0, nil},
		{"require-final fails", mixed, KindRequireFinal, "", Scope{}, false, false, 1, 1, []string{"c7"}},
		{"require-final for carrier A", mixed, KindRequireFinal, "", Scope{Peers: peerA}, false, true, 0, 0, nil},
		{"require-final for REGISTER and BYE", mixed, KindRequireFinal, "", Scope{Methods: []string{"REGISTER", "BYE"}}, false, true, 0, 0, nil},
		{"require-final passes on clean", clean, KindRequireFinal, "", Scope{}, false, true, 0, 0, nil},
		{"no-malformed fails", mixed, KindNoMalformed, "", Scope{}, false, false, 1, 1, []string{""}}, // the rejected message, without a Call-ID
		{"no-malformed passes", clean, KindNoMalformed, "", Scope{}, false, true, 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustFlag(t, tt.kind, tt.value)
			a.Scope, a.ExcludeRetransmissions = tt.scope, tt.exclude
			if err := a.validate(); err != nil {
				t.Fatal(err)
			}
			res := check(t, &Policy{Assertions: []Assertion{a}}, tt.capture)
			if len(res.Captures) != 1 || len(res.Captures[0].Assertions) != 1 {
				t.Fatalf("want one capture with one assertion, got %+v", res)
			}
			c := res.Captures[0]
			got := c.Assertions[0]
			if got.Passed != tt.pass {
				t.Errorf("passed = %v, want %v (%s)", got.Passed, tt.pass, got.Measured)
			}
			if math.Abs(got.Value-tt.val) > 1e-9 {
				t.Errorf("value = %v, want %v (%s)", got.Value, tt.val, got.Measured)
			}
			if got.Offending != tt.offending {
				t.Errorf("offending = %d, want %d", got.Offending, tt.offending)
			}
			var ids []string
			for _, ev := range got.Evidence {
				ids = append(ids, ev.CallID)
			}
			if !slices.Equal(ids, tt.calls) {
				t.Errorf("evidence Call-IDs = %v, want %v", ids, tt.calls)
			}
			wantVerdict := VerdictPass
			if !tt.pass {
				wantVerdict = VerdictFail
			}
			if c.Verdict != wantVerdict || res.Verdict != wantVerdict {
				t.Errorf("verdicts %s (capture), %s (overall), want %s", c.Verdict, res.Verdict, wantVerdict)
			}
		})
	}
}

// TestEvidence checks what an offending message tells: time, frame, Call-ID, code, reason,
// category, addresses.
func TestEvidence(t *testing.T) {
	res := check(t, &Policy{Assertions: []Assertion{mustFlag(t, KindMax, "503=0")}}, mixedTrace(t))
	ev := res.Captures[0].Assertions[0].Evidence
	if len(ev) != 2 {
		t.Fatalf("got %d evidence items, want 2", len(ev))
	}
	e := ev[0]
	if e.CallID != "c4" || e.Code != 503 || e.Reason != "Service Unavailable" || e.Method != "INVITE" ||
		e.Category != "capacity.overload" || e.Severity != "fault" || e.Src != carrierA.String() ||
		e.Dst != sbc.String() || e.Frame == 0 || e.Time.IsZero() || e.Retransmission {
		t.Errorf("first evidence = %+v", e)
	}
	if !ev[1].Retransmission || ev[1].Frame != e.Frame+1 || !ev[1].Time.After(e.Time) {
		t.Errorf("second evidence = %+v, want the retransmission one frame later", ev[1])
	}
	if !strings.Contains(ev[1].line(), "retransmission") {
		t.Errorf("evidence line %q does not say retransmission", ev[1].line())
	}
}

// TestMaxEvidence checks that evidence is bounded while every offender is counted.
func TestMaxEvidence(t *testing.T) {
	tr := newTrace()
	for i := range 25 {
		tr.rejected(fmt.Sprintf("busy-%02d", i), carrierA, 486, "Busy Here", 1)
	}
	path := tr.write(t, "busy.pcap")
	for _, max := range []int{0, 1, 3} {
		p := &Policy{Assertions: []Assertion{mustFlag(t, KindMax, "486=0"), mustFlag(t, KindMinASR, "0.5")}, MaxEvidence: max}
		res := check(t, p, path)
		want := max
		if max == 0 {
			want = DefaultMaxEvidence
		}
		for _, a := range res.Captures[0].Assertions {
			if a.Offending != 25 || len(a.Evidence) != want {
				t.Errorf("MaxEvidence %d, %s: %d offending, %d evidence; want 25, %d", max, a.Name, a.Offending, len(a.Evidence), want)
			}
			if a.Evidence[0].CallID != "busy-00" {
				t.Errorf("MaxEvidence %d, %s: first evidence %s, want busy-00", max, a.Name, a.Evidence[0].CallID)
			}
		}
	}
}

// TestRequireFinalPendingLimit checks that requests beyond the pending limit are counted as
// offending rather than forgotten.
func TestRequireFinalPendingLimit(t *testing.T) {
	a := mustFlag(t, KindRequireFinal, "")
	e := NewEvaluator(&Policy{Assertions: []Assertion{a}})
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	n := maxPending + 50
	for i := range n {
		e.OnMessage(&report.MessageRecord{Time: base.Add(time.Duration(i) * time.Millisecond), Frame: i + 1,
			Src: sbc, Dst: carrierA, Kind: "request", Method: "INVITE", CallID: fmt.Sprintf("call-%d", i), CSeq: 1})
	}
	// Answer the last one: it must still be pending, not evicted.
	e.OnMessage(&report.MessageRecord{Time: base.Add(time.Hour), Src: carrierA, Dst: sbc, Kind: "response",
		Method: "INVITE", Code: 200, CallID: fmt.Sprintf("call-%d", n-1), CSeq: 1})
	got := e.Finish("x", &report.Report{}).Assertions[0]
	if got.Offending != uint64(n-1) || got.Passed {
		t.Errorf("offending = %d (passed %v), want %d", got.Offending, got.Passed, n-1)
	}
	if got.Evidence[0].CallID != "call-0" {
		t.Errorf("first evidence %s, want the oldest, call-0", got.Evidence[0].CallID)
	}
}

// TestAgreesWithReport checks that unscoped assertions measure what the report shows, on the
// project's sample capture.
func TestAgreesWithReport(t *testing.T) {
	path := filepath.Join(testenv.RepoRoot(t), "testdata", "pcaps", "sample.pcapng")
	p := &Policy{Assertions: []Assertion{
		mustFlag(t, KindMax, "4xx=0"),
		mustFlag(t, KindFailOn, "fault"),
		mustFlag(t, KindMinASR, "1"),
		mustFlag(t, KindMaxPDDP95, "1ms"),
		mustFlag(t, KindMaxSetupP95, "1ms"),
		mustFlag(t, KindNoMalformed, ""),
	}}
	res := check(t, p, path)
	rep, err := report.Analyze(context.Background(), []string{path}, report.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var n4xx, faults uint64
	for _, r := range rep.Responses {
		if r.Code >= 400 && r.Code < 500 {
			n4xx += r.Count
		}
	}
	for _, c := range rep.Categories {
		if c.Severity == "fault" {
			faults += c.Count
		}
	}
	want := []float64{float64(n4xx), float64(faults), rep.Calls.ASR, rep.Calls.PDD.P95, -1, float64(rep.Totals.Malformed)}
	for i, a := range res.Captures[0].Assertions {
		if want[i] < 0 {
			continue // setup is not in the report's JSON; the table shows it
		}
		if a.Value != want[i] {
			t.Errorf("%s measured %v, the report says %v", a.Name, a.Value, want[i])
		}
	}
	if n4xx == 0 || faults == 0 || rep.Calls.PDD.N == 0 {
		t.Fatalf("the sample capture no longer has 4xx, faults and PDDs to compare")
	}
	if got := res.Captures[0].Assertions[4].Value; got != rep.Calls.Setup.P95 {
		t.Errorf("setup p95 %v, the report says %v", got, rep.Calls.Setup.P95)
	}
}

// TestInputErrors covers truncated and unreadable captures, with and without allowance.
func TestInputErrors(t *testing.T) {
	truncated := mixedTrace(t)
	truncate(t, truncated, 20)
	clean := cleanTrace(t)
	missing := filepath.Join(t.TempDir(), "missing.pcap")
	fault := mustFlag(t, KindFailOn, "fault")

	res := check(t, &Policy{Assertions: []Assertion{fault}}, truncated)
	c := res.Captures[0]
	if c.Verdict != VerdictError || res.Verdict != VerdictError || len(c.Errors) == 0 || c.ErrorsAllowed {
		t.Errorf("truncated: verdict %s/%s, errors %v (allowed %v); want error", c.Verdict, res.Verdict, c.Errors, c.ErrorsAllowed)
	}
	if c.Assertions[0].Passed {
		t.Errorf("truncated: the faults read before the damage must still count: %+v", c.Assertions[0])
	}

	res = check(t, &Policy{Assertions: []Assertion{fault}, AllowTruncated: true}, truncated)
	if c := res.Captures[0]; c.Verdict != VerdictFail || !c.ErrorsAllowed || len(c.Errors) == 0 {
		t.Errorf("truncated, allowed: verdict %s, errors %v (allowed %v); want fail on the faults", c.Verdict, c.Errors, c.ErrorsAllowed)
	}

	res = check(t, &Policy{Assertions: []Assertion{fault}, AllowTruncated: true}, clean, missing)
	if res.Verdict != VerdictError || res.Captures[0].Verdict != VerdictPass || !res.Captures[1].Unreadable ||
		res.Captures[1].Verdict != VerdictError || len(res.Captures[1].Assertions) != 0 {
		t.Errorf("clean + missing: %+v", res)
	}
}

// TestPerCapture checks that several captures are judged one by one, with an overall verdict
// and totals.
func TestPerCapture(t *testing.T) {
	mixed, clean := mixedTrace(t), cleanTrace(t)
	p := &Policy{Assertions: []Assertion{mustFlag(t, KindFailOn, "fault"), mustFlag(t, KindMinASR, "0.9")}}
	res := check(t, p, clean, mixed, clean)
	var verdicts []string
	for _, c := range res.Captures {
		verdicts = append(verdicts, c.Verdict)
	}
	if !slices.Equal(verdicts, []string{VerdictPass, VerdictFail, VerdictPass}) || res.Verdict != VerdictFail {
		t.Errorf("verdicts %v, overall %s", verdicts, res.Verdict)
	}
	if res.Assertions != 6 || res.Failures != 2 {
		t.Errorf("assertions %d, failures %d; want 6, 2", res.Assertions, res.Failures)
	}
	if res.Captures[0].Calls != 2 || res.Captures[1].Calls != 7 {
		t.Errorf("calls per capture %d, %d; want 2, 7", res.Captures[0].Calls, res.Captures[1].Calls)
	}
}

func TestCheckRejectsCallbacks(t *testing.T) {
	_, err := Check(context.Background(), &Policy{}, nil, report.Config{OnCall: func(*report.CallRecord) {}})
	if err == nil {
		t.Error("Check accepted a Config with OnCall set")
	}
}

func TestCheckCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Check(ctx, &Policy{Assertions: []Assertion{mustFlag(t, KindNoMalformed, "")}},
		[]string{cleanTrace(t)}, report.Config{})
	if err == nil {
		t.Error("Check ignored a cancelled context")
	}
}

// TestRatioRounding checks limits that floating point cannot represent exactly: 29 of 100
// meets max-ratio 0.29 and min-asr 0.29; 30 of 100 does not meet max-ratio 0.29.
func TestRatioRounding(t *testing.T) {
	for _, tt := range []struct {
		kind           Kind
		value          string
		matched, total uint64
		pass           bool
	}{
		{KindMaxRatio, "4xx=0.29", 29, 100, true},
		{KindMaxRatio, "4xx=0.29", 30, 100, false},
		{KindMaxRatio, "4xx=0.57", 57, 100, true},
		{KindMinASR, "0.29", 29, 100, true},
		{KindMinASR, "0.57", 57, 100, true},
		{KindMinASR, "0.57", 56, 100, false},
		{KindMinASR, "0.95", 19, 20, true},
	} {
		a := mustFlag(t, tt.kind, tt.value)
		s := state{a: &a, max: 1, matched: tt.matched, total: tt.total}
		if got := s.result(&report.Report{}); got.Passed != tt.pass {
			t.Errorf("%s with %d of %d: passed %v, want %v", a.Expr(), tt.matched, tt.total, got.Passed, tt.pass)
		}
	}
}

func TestFormatMs(t *testing.T) {
	for ms, want := range map[float64]string{0: "0 ms", 1.234: "1.23 ms", 12.5: "12.5 ms", 850.4: "850 ms", 4210: "4.2 s"} {
		if got := formatMs(ms); got != want {
			t.Errorf("formatMs(%v) = %q, want %q", ms, got, want)
		}
	}
}
