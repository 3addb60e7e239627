package policy

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/report"
)

// Schema is the value of Result.Schema: the name and version of the JSON output of check.
const Schema = "sipscan.check/v1"

// Verdicts of a capture and of a whole check.
const (
	VerdictPass  = "pass"
	VerdictFail  = "fail"
	VerdictError = "error" // the capture could not be read (completely): the verdict cannot be trusted
)

// Result is the outcome of a check over one or more captures.
type Result struct {
	// Schema is always "sipscan.check/v1".
	Schema string `json:"schema"`
	// Verdict is "error" when any capture could not be read completely (and truncation was
	// not allowed), otherwise "fail" when any assertion failed, otherwise "pass".
	Verdict string `json:"verdict"`
	// Assertions and Failures count over all captures.
	Assertions int `json:"assertions"`
	Failures   int `json:"failures"`
	// Captures holds one result per input, in the order given.
	Captures []CaptureResult `json:"captures"`
}

// CaptureResult is the outcome of the assertions over one capture.
type CaptureResult struct {
	// Input is the capture's name as given.
	Input string `json:"input"`
	// Verdict is "pass", "fail" or "error" (see Result.Verdict).
	Verdict string `json:"verdict"`
	// Errors describes read problems (unreadable, truncated, corrupt); never nil.
	Errors []string `json:"errors"`
	// ErrorsAllowed tells that Errors did not decide the verdict (--allow-truncated).
	ErrorsAllowed bool `json:"errors_allowed"`
	// Unreadable tells that nothing could be read: no assertion was evaluated.
	Unreadable bool `json:"unreadable"`
	// SIPMessages and Calls say how much there was to judge.
	SIPMessages uint64 `json:"sip_messages"`
	Calls       uint64 `json:"calls"`
	// First and Last are the times of the first and last packet (zero when none).
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// Assertions holds one result per assertion, in policy order.
	Assertions []AssertionResult `json:"assertions"`
}

// AssertionResult is the outcome of one assertion over one capture.
type AssertionResult struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Kind        Kind   `json:"kind"`
	// Expr is the assertion in flag syntax, e.g. "max 5xx=0".
	Expr string `json:"expr"`
	// Scope describes the scope ("" for everything).
	Scope string `json:"scope,omitempty"`
	// Line is the assertion's line in the policy file (0 for flags).
	Line   int  `json:"line,omitempty"`
	Passed bool `json:"passed"`
	// Value is the measured value (a count, a ratio, milliseconds); Limit the bound in the
	// same unit. Measured says both for people: "3 responses (limit 0)".
	Value    float64 `json:"value"`
	Limit    float64 `json:"limit"`
	Measured string  `json:"measured"`
	// Offending counts the messages or calls that broke the assertion; Evidence holds the
	// first of them (the slowest, for delay assertions), at most Policy.MaxEvidence.
	Offending uint64     `json:"offending"`
	Evidence  []Evidence `json:"evidence"`
}

// Evidence is one message or call that broke an assertion.
type Evidence struct {
	// Time is the message's capture time or the call's start, in UTC.
	Time time.Time `json:"time"`
	// Frame is the message's packet number (0 for a call).
	Frame  int    `json:"frame,omitempty"`
	CallID string `json:"call_id"`
	Src    string `json:"src"`
	Dst    string `json:"dst"`
	Method string `json:"method"`
	// Code, Reason, Category and Severity describe the response (for a call: its deciding
	// final response; 0 when none).
	Code     int               `json:"code"`
	Reason   string            `json:"reason"`
	Category classify.Category `json:"category,omitempty"`
	Severity classify.Severity `json:"severity,omitempty"`
	// Retransmission marks a retransmitted response.
	Retransmission bool `json:"retransmission,omitempty"`
	// Note says what was wrong when the code does not: "no final response", "PDD 4.2 s".
	Note string `json:"note,omitempty"`

	ms float64 // the delay, to keep the slowest calls
}

// Evaluator evaluates a policy over one capture. Feed it every message and call of the
// analysis (pass OnMessage and OnCall in report.Config), then call Finish with the report.
// It keeps counters per assertion, the evidence, the durations of delay assertions and the
// requests still waiting for a final response; it is not safe for concurrent use.
type Evaluator struct {
	policy *Policy
	max    int
	states []state
}

// state is what one assertion has gathered so far.
type state struct {
	a   *Assertion
	max int // evidence kept
	// matched and total count responses (fail-on, max, max-ratio) or calls (min-asr).
	matched, total uint64
	evidence       []Evidence
	offending      uint64
	// durations collects PDD or setup times in milliseconds.
	durations report.LatencySample
	// pending holds the requests without a final response (require-final).
	pending map[pendingKey]Evidence
}

type pendingKey struct {
	callID string
	cseq   uint32
	method string
}

// maxPending bounds the requests require-final remembers; beyond it the oldest is dropped
// and counted as offending, because a request still unanswered after that many others is
// almost certainly lost.
const maxPending = 100000

// NewEvaluator returns an evaluator of p for one capture.
func NewEvaluator(p *Policy) *Evaluator {
	e := &Evaluator{policy: p, max: p.MaxEvidence}
	if e.max <= 0 {
		e.max = DefaultMaxEvidence
	}
	e.states = make([]state, len(p.Assertions))
	for i := range p.Assertions {
		e.states[i].a = &p.Assertions[i]
		e.states[i].max = e.max
		if p.Assertions[i].Kind == KindRequireFinal {
			e.states[i].pending = make(map[pendingKey]Evidence)
		}
	}
	return e
}

// OnMessage takes one message of the analysis; it has the signature of report.Config.OnMessage.
func (e *Evaluator) OnMessage(r *report.MessageRecord) {
	response := r.Kind == "response"
	for i := range e.states {
		s := &e.states[i]
		a := s.a
		switch a.Kind {
		case KindFailOn, KindMax, KindMaxRatio:
			if !response || (a.ExcludeRetransmissions && r.Retransmission) ||
				!a.Scope.matchMessage(r.Method, r.Src.Addr(), r.Dst.Addr()) {
				continue
			}
			if a.Kind == KindMaxRatio {
				if r.Code < 200 {
					continue
				}
				s.total++
			}
			if a.Select.Match(r.Code, r.Category, r.Severity) {
				s.matched++
				s.offending++
				if len(s.evidence) < s.max {
					s.evidence = append(s.evidence, messageEvidence(r, ""))
				}
			}
		case KindRequireFinal:
			e.trackFinal(s, r)
		}
	}
}

// trackFinal remembers requests in scope and forgets them when a final response comes.
func (e *Evaluator) trackFinal(s *state, r *report.MessageRecord) {
	a := s.a
	if r.Method == "ACK" || !a.Scope.matchMessage(r.Method, r.Src.Addr(), r.Dst.Addr()) {
		return
	}
	if len(a.Scope.Methods) == 0 && r.Method != "INVITE" {
		return
	}
	if r.Kind == "request" {
		if r.Retransmission {
			return
		}
		k := pendingKey{strings.Clone(r.CallID), r.CSeq, strings.Clone(r.Method)}
		if _, ok := s.pending[k]; ok {
			return
		}
		if len(s.pending) >= maxPending {
			s.evictPending()
		}
		s.total++
		s.pending[k] = messageEvidence(r, "no final response")
		return
	}
	if r.Code >= 200 {
		delete(s.pending, pendingKey{r.CallID, r.CSeq, r.Method})
	}
}

// evictPending drops the oldest tenth of the pending requests at once (so that the cost of
// sorting is shared by many requests), counting them as offending.
func (s *state) evictPending() {
	old := s.sortedPending()
	for _, p := range old[:len(old)/10+1] {
		delete(s.pending, p.key)
		s.offend(p.ev)
	}
}

type pendingEntry struct {
	key pendingKey
	ev  Evidence
}

// sortedPending returns the pending requests, oldest first.
func (s *state) sortedPending() []pendingEntry {
	out := make([]pendingEntry, 0, len(s.pending))
	for k, v := range s.pending {
		out = append(out, pendingEntry{k, v})
	}
	slices.SortFunc(out, func(x, y pendingEntry) int {
		return cmp.Or(x.ev.Time.Compare(y.ev.Time), cmp.Compare(x.ev.Frame, y.ev.Frame),
			cmp.Compare(x.key.callID, y.key.callID), cmp.Compare(x.key.cseq, y.key.cseq))
	})
	return out
}

// OnCall takes one finished call; it has the signature of report.Config.OnCall.
func (e *Evaluator) OnCall(c *report.CallRecord) {
	for i := range e.states {
		s := &e.states[i]
		a := s.a
		if !a.Scope.matchPeers(c.Src.Addr(), c.Dst.Addr()) {
			continue
		}
		switch a.Kind {
		case KindMinASR:
			s.total++
			if c.Outcome == report.OutcomeAnswered {
				s.matched++
			} else {
				s.offending++
				if len(s.evidence) < s.max {
					s.evidence = append(s.evidence, callEvidence(c, "outcome "+string(c.Outcome)))
				}
			}
		case KindMaxPDDP95, KindMaxSetupP95:
			ms, what := c.PDDMs, "PDD"
			if a.Kind == KindMaxSetupP95 {
				ms, what = c.SetupMs, "setup"
			}
			if ms == nil {
				continue
			}
			s.total++
			s.durations.AddMs(*ms)
			if *ms > float64(a.Duration.Microseconds())/1000 {
				s.offending++
				s.keepSlowest(c, what, *ms)
			}
		}
	}
}

// offend counts one offending message or call and keeps the first max as evidence.
func (s *state) offend(ev Evidence) {
	s.offending++
	if len(s.evidence) < s.max {
		s.evidence = append(s.evidence, ev)
	}
}

// keepSlowest keeps the max slowest calls, slowest first.
func (s *state) keepSlowest(c *report.CallRecord, what string, ms float64) {
	i, _ := slices.BinarySearchFunc(s.evidence, ms, func(e Evidence, v float64) int { return cmp.Compare(v, e.ms) })
	if i >= s.max {
		return
	}
	ev := callEvidence(c, fmt.Sprintf("%s %s", what, formatMs(ms)))
	ev.ms = ms
	s.evidence = slices.Insert(s.evidence, i, ev)
	if len(s.evidence) > s.max {
		s.evidence = s.evidence[:s.max]
	}
}

func messageEvidence(r *report.MessageRecord, note string) Evidence {
	return Evidence{
		Time:           r.Time,
		Frame:          r.Frame,
		CallID:         strings.Clone(r.CallID),
		Src:            r.Src.String(),
		Dst:            r.Dst.String(),
		Method:         strings.Clone(r.Method),
		Code:           r.Code,
		Reason:         strings.Clone(r.Reason),
		Category:       r.Category,
		Severity:       r.Severity,
		Retransmission: r.Retransmission,
		Note:           note,
	}
}

func callEvidence(c *report.CallRecord, note string) Evidence {
	return Evidence{
		Time:     c.Start,
		CallID:   strings.Clone(c.CallID),
		Src:      c.Src.String(),
		Dst:      c.Dst.String(),
		Method:   "INVITE",
		Code:     c.Code,
		Reason:   strings.Clone(c.Reason),
		Category: c.Category,
		Severity: c.Severity,
		Note:     note,
	}
}

// formatMs shows a duration in milliseconds as people read it: "1.25 ms", "850 ms", "4.2 s".
func formatMs(ms float64) string {
	if ms < 100 {
		// Short delays (lab runs on loopback) keep two decimals, so that a value just over
		// its limit does not print as equal to it.
		return formatFloat(math.Round(ms*100)/100) + " ms"
	}
	if ms < 1000 {
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.1f s", ms/1000)
}

// Finish evaluates every assertion and returns the capture's result. rep is the report of
// the same analysis; input names the capture.
func (e *Evaluator) Finish(input string, rep *report.Report) CaptureResult {
	cr := CaptureResult{Input: input, Errors: []string{}, Assertions: []AssertionResult{}}
	for _, in := range rep.Inputs {
		cr.Errors = append(cr.Errors, in.Errors...)
	}
	cr.SIPMessages = rep.Totals.SIPMessages
	cr.Calls = rep.Calls.Total
	cr.First, cr.Last = rep.Overview.First, rep.Overview.Last
	for i := range e.states {
		cr.Assertions = append(cr.Assertions, e.states[i].result(rep))
	}
	cr.Verdict = VerdictPass
	for _, ar := range cr.Assertions {
		if !ar.Passed {
			cr.Verdict = VerdictFail
		}
	}
	if len(cr.Errors) > 0 {
		if e.policy.AllowTruncated {
			cr.ErrorsAllowed = true
		} else {
			cr.Verdict = VerdictError
		}
	}
	return cr
}

// result turns the gathered state into the assertion's outcome.
func (s *state) result(rep *report.Report) AssertionResult {
	a := s.a
	ar := AssertionResult{Name: a.Name, Description: a.Description, Kind: a.Kind, Expr: a.Expr(),
		Scope: a.Scope.String(), Line: a.Line, Limit: a.Limit}
	what, excl := "responses", ""
	if a.ExcludeRetransmissions {
		excl = ", retransmissions excluded"
	}
	switch a.Kind {
	case KindFailOn:
		ar.Value = float64(s.matched)
		ar.Limit = 0
		ar.Passed = s.matched == 0
		ar.Measured = fmt.Sprintf("%d %s", s.matched, plural(s.matched, what))
		if excl != "" {
			ar.Measured += " (" + excl[2:] + ")"
		}
	case KindMax:
		ar.Value = float64(s.matched)
		ar.Passed = ar.Value <= a.Limit
		ar.Measured = fmt.Sprintf("%d %s (limit %s%s)", s.matched, plural(s.matched, what), formatFloat(a.Limit), excl)
	case KindMaxRatio:
		if s.total > 0 {
			ar.Value = roundRatio(float64(s.matched) / float64(s.total))
		}
		ar.Passed = float64(s.matched) <= a.Limit*float64(s.total)+ratioSlack
		ar.Measured = fmt.Sprintf("%s of final %s (%d of %d, limit %s%s)", formatRatio(ar.Value), what,
			s.matched, s.total, formatRatio(a.Limit), excl)
	case KindMinASR:
		if s.total > 0 {
			ar.Value = roundRatio(float64(s.matched) / float64(s.total))
		}
		// No call at all is a failure: a pipeline that asserts an ASR expects calls.
		ar.Passed = s.total > 0 && float64(s.matched) >= a.Limit*float64(s.total)-ratioSlack
		if s.total == 0 {
			ar.Measured = fmt.Sprintf("no calls (limit %s)", formatRatio(a.Limit))
		} else {
			ar.Measured = fmt.Sprintf("ASR %s (%d of %d calls answered, limit %s)", formatRatio(ar.Value),
				s.matched, s.total, formatRatio(a.Limit))
		}
	case KindMaxPDDP95, KindMaxSetupP95:
		limit := float64(a.Duration.Microseconds()) / 1000
		ar.Limit = limit
		what := "PDD"
		if a.Kind == KindMaxSetupP95 {
			what = "setup time"
		}
		if s.total == 0 {
			// No call rang (or was answered): there is no delay to judge; min-asr judges that.
			ar.Passed = true
			ar.Measured = fmt.Sprintf("no %s measured (limit %s)", what, formatMs(limit))
			break
		}
		ar.Value = s.durations.Percentiles().P95
		ar.Passed = ar.Value <= limit
		ar.Measured = fmt.Sprintf("%s p95 %s over %d %s (limit %s)", what, formatMs(ar.Value), s.total,
			plural(s.total, "calls"), formatMs(limit))
	case KindRequireFinal:
		for _, p := range s.sortedPending() {
			s.offend(p.ev)
		}
		ar.Value = float64(s.offending)
		ar.Passed = s.offending == 0
		ar.Measured = fmt.Sprintf("%d of %d %s without a final response", s.offending, s.total,
			plural(s.total, "requests"))
	case KindNoMalformed:
		ar.Value = float64(rep.Totals.Malformed)
		ar.Passed = rep.Totals.Malformed == 0
		ar.Measured = fmt.Sprintf("%d malformed SIP %s", rep.Totals.Malformed, plural(rep.Totals.Malformed, "messages"))
		// The measured value has the report's breakdown; the evidence lists the messages the
		// parser rejected (data that could not be framed is only counted).
		var breakdown []string
		for _, pr := range rep.Problems {
			if strings.Contains(pr.What, "rejected by the parser") || strings.Contains(pr.What, "could not be framed") {
				breakdown = append(breakdown, fmt.Sprintf("%s: %d", pr.What, pr.Count))
			}
		}
		if len(breakdown) > 0 {
			ar.Measured += " (" + strings.Join(breakdown, "; ") + ")"
		}
		s.offending = rep.Totals.Malformed
		for i := range rep.MalformedMessages {
			if len(s.evidence) >= s.max {
				break
			}
			mm := &rep.MalformedMessages[i]
			s.evidence = append(s.evidence, Evidence{Time: mm.Time, Frame: mm.Frame,
				Src: mm.Src.String(), Dst: mm.Dst.String(), Note: "malformed: " + mm.Error})
		}
	}
	ar.Offending, ar.Evidence = s.offending, s.evidence
	if ar.Passed && (a.Kind == KindMinASR || a.Kind == KindMaxPDDP95 || a.Kind == KindMaxSetupP95) {
		// Unanswered or slow calls are evidence only when they broke the bound.
		ar.Offending, ar.Evidence = 0, nil
	}
	if ar.Evidence == nil {
		ar.Evidence = []Evidence{}
	}
	return ar
}

func plural(n uint64, s string) string {
	if n != 1 {
		return s
	}
	switch {
	case strings.HasPrefix(s, "responses"):
		return "response" + strings.TrimPrefix(s, "responses")
	case strings.HasSuffix(s, "es") && strings.HasSuffix(s, "sses"):
		return strings.TrimSuffix(s, "es")
	}
	return strings.TrimSuffix(s, "s")
}

// ratioSlack absorbs the rounding of limit*total, so that 29 of 100 meets a limit of 0.29
// (0.29*100 is 28.999999999999996 in floating point). Counts are whole numbers, so any slack
// below 1 changes nothing else.
const ratioSlack = 1e-6

// roundRatio rounds to 4 decimals, as the report does, so that output stays short and stable.
func roundRatio(v float64) float64 { return math.Round(v*10000) / 10000 }

func formatRatio(v float64) string { return formatFloat(roundRatio(v)) }

// Check analyses every capture on its own with cfg and evaluates p over it. cfg's OnMessage
// and OnCall are replaced (and must be unset). The error is non-nil only when ctx was
// cancelled or cfg cannot be used; an unreadable capture gets an "error" result.
func Check(ctx context.Context, p *Policy, names []string, cfg report.Config) (*Result, error) {
	if cfg.OnMessage != nil || cfg.OnCall != nil {
		return nil, fmt.Errorf("check: report.Config.OnMessage and OnCall are set by Check")
	}
	if cfg.Classifier == nil {
		// One classifier for all captures: building it costs more than a small capture.
		cl, err := classify.New(classify.Options{})
		if err != nil {
			return nil, fmt.Errorf("check: build classifier: %w", err)
		}
		cfg.Classifier = cl
	}
	res := &Result{Schema: Schema, Captures: []CaptureResult{}}
	for _, name := range names {
		ev := NewEvaluator(p)
		cfg.OnMessage, cfg.OnCall = ev.OnMessage, ev.OnCall
		rep, err := report.Analyze(ctx, []string{name}, cfg)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		if err != nil {
			res.Captures = append(res.Captures, CaptureResult{Input: name, Verdict: VerdictError,
				Errors: []string{err.Error()}, Unreadable: true, Assertions: []AssertionResult{}})
			continue
		}
		res.Captures = append(res.Captures, ev.Finish(name, rep))
	}
	res.finish()
	return res, nil
}

// finish sets the overall counts and verdict.
func (r *Result) finish() {
	r.Verdict = VerdictPass
	r.Assertions, r.Failures = 0, 0
	failed, broken := false, false
	for _, c := range r.Captures {
		for _, a := range c.Assertions {
			r.Assertions++
			if !a.Passed {
				r.Failures++
			}
		}
		switch c.Verdict {
		case VerdictFail:
			failed = true
		case VerdictError:
			broken = true
		}
	}
	switch {
	case broken:
		r.Verdict = VerdictError
	case failed:
		r.Verdict = VerdictFail
	}
}
