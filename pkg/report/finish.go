package report

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// maxListed bounds the rows of the peers, users and addresses-of-record tables in a Report.
const maxListed = 10

// Analyze reads the named captures, parses every SIP message, correlates and counts them, and
// returns the report. It is the one pipeline of the command line and the tests. Problems with
// single inputs are in Report.Inputs[].Errors; the error is non-nil only when no input could
// be read, the classifier could not be built, or ctx was cancelled.
func Analyze(ctx context.Context, names []string, cfg Config) (*Report, error) {
	return analyze(ctx, names, cfg, runtime.GOMAXPROCS(0) > 1)
}

// analyze is Analyze with the choice of loop: with parallel, reading and parsing run on
// goroutines of their own while the caller's goroutine correlates (see analyzeParallel).
// Both loops give the same report.
func analyze(ctx context.Context, names []string, cfg Config, parallel bool) (*Report, error) {
	if cfg.Classifier == nil {
		cl, err := classify.New(classify.Options{})
		if err != nil {
			return nil, fmt.Errorf("build classifier: %w", err)
		}
		cfg.Classifier = cl
	}
	c := NewCollector(cfg)
	var stats []capture.InputStats
	var err error
	if parallel {
		stats, err = analyzeParallel(ctx, names, cfg, c)
	} else {
		var msg sipmsg.Message
		stats, err = capture.ReadFiles(ctx, names, cfg.Capture, func(m *capture.Message) error {
			if perr := msg.Parse(m.Data); perr != nil {
				c.AddMalformed(m, perr)
				return nil
			}
			c.Add(m, &msg)
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	return c.Finish(stats), nil
}

// Finish finishes every open call and registration attempt and returns the report. inputs are
// the statistics capture.ReadFiles returned (nil when messages were added by hand). Call
// Finish once; the Collector must not be used afterwards.
func (c *Collector) Finish(inputs []capture.InputStats) *Report {
	for e := c.calls.oldest(callEnded); e != nil; e = c.calls.oldest(callEnded) {
		c.finishCall(e)
	}
	for _, list := range []int{callPending, callEstablished} {
		for e := c.calls.oldest(list); e != nil; e = c.calls.oldest(list) {
			c.finishCall(e)
		}
	}
	for e := c.regs.oldest(0); e != nil; e = c.regs.oldest(0) {
		c.finishReg(e)
	}

	r := c.summarize(inputs, false)
	for _, a := range c.aors {
		r.Registrations.AddressesOfRecord = append(r.Registrations.AddressesOfRecord, *a)
	}
	slices.SortFunc(r.Registrations.AddressesOfRecord, func(a, b AORCount) int {
		return cmp.Or(cmp.Compare(b.Failed, a.Failed), cmp.Compare(b.Attempts, a.Attempts), cmp.Compare(a.AOR, b.AOR))
	})
	r.Registrations.AddressesOfRecord = clip(r.Registrations.AddressesOfRecord, maxListed)

	for k, n := range c.peers {
		r.Peers = append(r.Peers, PeerCount{Client: k.client.String(), Server: k.server.String(), Count: n})
	}
	slices.SortFunc(r.Peers, func(a, b PeerCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Client, b.Client), cmp.Compare(a.Server, b.Server))
	})
	r.Peers = clip(r.Peers, maxListed)
	for u, n := range c.users {
		r.Users = append(r.Users, UserCount{User: u, Count: n})
	}
	slices.SortFunc(r.Users, func(a, b UserCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.User, b.User))
	})
	r.Users = clip(r.Users, maxListed)

	return r
}

// problems lists what went wrong, in a fixed order, leaving out what did not happen.
func (c *Collector) problems(inputs []capture.InputStats) []Problem {
	var sum capture.InputStats
	var inputErrors uint64
	for _, in := range inputs {
		sum.Malformed += in.Malformed
		sum.Gaps += in.Gaps
		sum.Snaplen += in.Snaplen
		sum.SkippedLinkType += in.SkippedLinkType
		sum.Encrypted += in.Encrypted
		inputErrors += uint64(len(in.Errors))
	}
	all := []Problem{
		{"input errors (truncated or unreadable files)", inputErrors},
		{"SIP messages rejected by the parser", c.malformed},
		{"SIP data that could not be framed or broke a capture limit", sum.Malformed},
		{"SIP messages with defects (accepted)", c.defective},
		{"TCP gaps (lost or uncaptured bytes)", sum.Gaps},
		{"packets cut by the snapshot length", sum.Snaplen},
		{"packets of unsupported link types", sum.SkippedLinkType},
		{"encrypted (TLS) flows not analysed", sum.Encrypted},
		{"responses without their request", c.orphans},
		{"transactions dropped at the limit", c.txEvicted},
		{"calls finished early at the limit", c.callsEvicted},
		{"registrations finished early at the limit", c.regsEvicted},
		{"methods, reasons, peers, users or addresses-of-record not itemised (limit)", c.notItemised},
	}
	if c.clErr != nil {
		all = append(all, Problem{"no diagnosis: " + c.clErr.Error(), 1})
	}
	var out []Problem
	for _, p := range all {
		if p.Count > 0 {
			out = append(out, p)
		}
	}
	return out
}

func outcomes(m map[outcomeKey]uint64) []OutcomeCount {
	var out []OutcomeCount
	for k, n := range m {
		out = append(out, OutcomeCount{Outcome: k.outcome, Code: k.code, Reason: k.reason,
			Category: k.category, Severity: k.severity, Count: n})
	}
	slices.SortFunc(out, func(a, b OutcomeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Outcome, b.Outcome))
	})
	return out
}

func clip[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// ratio returns a/b rounded to 4 decimals, so that JSON stays short and stable.
func ratio(a, b uint64) float64 {
	return float64(int64(float64(a)/float64(b)*10000+0.5)) / 10000
}

// severityRank sorts faults first.
func severityRank(s classify.Severity) int {
	if s == classify.SeverityFault {
		return 0
	}
	return 1
}

// codeClass returns "4xx" for 4xx codes, "" outside 100-999.
func codeClass(code int) string {
	if code < 100 || code > 999 {
		return ""
	}
	return string([]byte{byte('0' + code/100), 'x', 'x'})
}

// WriteJSON writes r as one indented JSON object per the v1 contract, followed by a newline.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

// span returns the time between the first and last packet.
func (o *Overview) span() time.Duration {
	if o.First.IsZero() || o.Last.Before(o.First) {
		return 0
	}
	return o.Last.Sub(o.First)
}
