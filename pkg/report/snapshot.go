package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
)

// Snapshot returns the report so far without finishing anything, for live views that redraw
// while messages keep arriving: calls and registration attempts still open are not counted
// yet (Finish counts them). inputs are the capture statistics so far. The Collector stays
// usable; Snapshot costs time in proportion to the distinct methods, responses and outcomes,
// not to the messages seen.
func (c *Collector) Snapshot(inputs []capture.InputStats) *Report {
	r := c.summarize(inputs, true)
	r.Registrations.AddressesOfRecord = nil
	return r
}

// summarize builds what Finish and Snapshot report alike from the Collector's counters: the
// inputs, totals, methods, responses, categories, call and registration totals, transports
// and problems. A snapshot copies the inputs' errors, which a live capture keeps appending
// to, and spans the messages seen rather than the inputs.
func (c *Collector) summarize(inputs []capture.InputStats, snapshot bool) *Report {
	r := &Report{
		Schema:     Schema,
		Inputs:     []Input{},
		Methods:    []MethodCount{},
		Responses:  []ResponseCount{},
		Categories: []CategoryCount{},
	}
	var captureMalformed uint64
	for _, in := range inputs {
		errs := in.Errors
		if errs == nil {
			errs = []string{}
		}
		if snapshot {
			errs = slices.Clone(errs) // the live capture keeps appending to its statistics
		}
		r.Inputs = append(r.Inputs, Input{Name: in.Name, Packets: in.Packets, Bytes: in.Bytes,
			SIPMessages: in.SIPMessages, Errors: errs, First: in.First, Last: in.Last})
		r.Totals.Packets += in.Packets
		captureMalformed += in.Malformed
		if snapshot {
			continue // the span is the Collector's: the inputs' end moves on
		}
		if !in.First.IsZero() && (r.Overview.First.IsZero() || in.First.Before(r.Overview.First)) {
			r.Overview.First = in.First
		}
		if in.Last.After(r.Overview.Last) {
			r.Overview.Last = in.Last
		}
	}
	if snapshot || r.Overview.First.IsZero() {
		r.Overview.First, r.Overview.Last = c.first, c.now
	}
	r.Totals.SIPMessages = c.sipMessages
	r.Totals.Requests = c.requests
	r.Totals.Responses = c.responses
	r.Totals.Retransmissions = c.retrans
	r.Totals.Malformed = c.malformed + captureMalformed

	for m, a := range c.methods {
		if a.count == 0 {
			continue // only a response named it, or its requests were filtered out
		}
		r.Methods = append(r.Methods, MethodCount{Method: m, Count: a.count,
			Retransmissions: a.retrans, Latency: a.latency.Percentiles()})
	}
	slices.SortFunc(r.Methods, func(a, b MethodCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Method, b.Method))
	})

	cats := map[CategoryCount]uint64{}
	for k, a := range c.responsesAgg {
		r.Responses = append(r.Responses, ResponseCount{Code: k.code, Reason: k.reason,
			Class: codeClass(k.code), Category: k.category, Severity: k.severity,
			Count: a.count, Retransmissions: a.retrans})
		cats[CategoryCount{Category: k.category, Severity: k.severity}] += a.count
	}
	slices.SortFunc(r.Responses, func(a, b ResponseCount) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(b.Count, a.Count),
			cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Category, b.Category))
	})
	for k, n := range cats {
		k.Count = n
		if info, ok := classify.Info(k.Category); ok {
			k.Meaning, k.Fix = info.Meaning, info.Fix
		}
		r.Categories = append(r.Categories, k)
	}
	slices.SortFunc(r.Categories, func(a, b CategoryCount) int {
		return cmp.Or(cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)),
			cmp.Compare(b.Count, a.Count), cmp.Compare(a.Category, b.Category))
	})

	r.Calls = c.callTotals
	if t := r.Calls.Total; t > 0 {
		r.Calls.ASR = ratio(r.Calls.Answered, t)
		r.Calls.NER = ratio(r.Calls.Answered+r.Calls.Busy+r.Calls.Declined+r.Calls.NoAnswer+r.Calls.Cancelled, t)
	}
	r.Calls.PDD = c.pdd.Percentiles()
	r.Calls.Setup = c.setup.Percentiles()
	r.Calls.Duration = c.duration.Percentiles()
	r.Calls.Failures = outcomes(c.callOutcomes)

	r.Registrations = c.regTotals
	r.Registrations.Failures = outcomes(c.regOutcomes)

	for i, n := range c.transports {
		if n > 0 {
			r.Overview.Transports = append(r.Overview.Transports,
				TransportCount{Transport: capture.Transport(i).String(), Count: n})
		}
	}
	r.Overview.Defective = c.defective
	r.Overview.Orphans = c.orphans
	r.Problems = c.problems(inputs)
	r.MalformedMessages = slices.Clone(c.malformedKept)
	return r
}

// Advance moves the Collector's clock to t without a message, so that the calls and
// registration attempts whose timeouts have passed are finished (and handed to OnCall) while
// a live capture is idle. Times before the last message are ignored, and so is a call before
// the first message. t must not be later than the capture time of any message still to come.
func (c *Collector) Advance(t time.Time) {
	if c.first.IsZero() {
		return
	}
	c.advance(t)
}
