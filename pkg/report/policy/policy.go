// Package policy turns a capture into a pass/fail verdict for CI pipelines: it holds the
// assertion model ("at most 0 5xx", "ASR at least 0.95", "every INVITE got a final
// response"), reads assertions from command-line expressions and YAML policy files, evaluates
// them against a report.Report and the messages and calls the analysis streams through
// report.Config.OnMessage and OnCall, and renders the verdict as a human summary, JSON, JUnit
// XML and GitHub Actions annotations.
//
// Assertions are evaluated per capture: Check analyses every input on its own, so that a CI
// system shows one test suite per capture, and the overall verdict is the worst of them.
package policy

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/report"
)

// Kind names what an assertion measures. The names are the flag names of `sipscan check` and
// the keys of a policy file, so they never change.
type Kind string

// The assertion kinds.
const (
	// KindFailOn fails on any response in the given categories (or of severity fault).
	KindFailOn Kind = "fail-on"
	// KindMax bounds the number of responses matching a selector.
	KindMax Kind = "max"
	// KindMaxRatio bounds the share of final responses matching a selector.
	KindMaxRatio Kind = "max-ratio"
	// KindMinASR sets the lowest answer-seizure ratio of the calls.
	KindMinASR Kind = "min-asr"
	// KindMaxPDDP95 bounds the 95th percentile of the post-dial delay.
	KindMaxPDDP95 Kind = "max-pdd-p95"
	// KindMaxSetupP95 bounds the 95th percentile of the call setup time (INVITE to 2xx).
	KindMaxSetupP95 Kind = "max-setup-p95"
	// KindRequireFinal requires a final response to every request (INVITE unless scoped).
	KindRequireFinal Kind = "require-final"
	// KindNoMalformed fails on any SIP message that could not be framed or parsed.
	KindNoMalformed Kind = "no-malformed"
)

// kinds lists the assertion kinds in the order the documentation shows them; read-only.
var kinds = []Kind{KindFailOn, KindMax, KindMaxRatio, KindMinASR, KindMaxPDDP95,
	KindMaxSetupP95, KindRequireFinal, KindNoMalformed}

// Kinds returns the assertion kinds in documentation order.
func Kinds() []Kind { return slices.Clone(kinds) }

// DefaultMaxEvidence is how many offending messages or calls an assertion keeps by default.
const DefaultMaxEvidence = 10

// Policy is a set of assertions and how to apply them.
type Policy struct {
	// Assertions are evaluated in order against every capture.
	Assertions []Assertion
	// AllowTruncated lets a capture with read errors (truncated, corrupt) be judged on what
	// was read. Without it such a capture is an error of the check (exit code 2).
	AllowTruncated bool
	// MaxEvidence bounds the offending messages or calls kept per assertion (0 means
	// DefaultMaxEvidence).
	MaxEvidence int
	// Source is the policy file's name, for annotations that point at an assertion's line;
	// empty for assertions from flags.
	Source string
}

// Assertion is one condition a capture must meet.
type Assertion struct {
	// Name is the short title shown in reports and test case names. Parse and ParseFlag
	// default it to the assertion's expression, e.g. "max 5xx=0".
	Name string
	// Description says why the assertion exists; optional.
	Description string
	// Kind is what is measured.
	Kind Kind
	// Select chooses the responses that fail-on, max and max-ratio count.
	Select Selector
	// Limit is the bound: a count for max, a ratio for max-ratio and min-asr, unused
	// otherwise.
	Limit float64
	// Duration is the bound of max-pdd-p95 and max-setup-p95.
	Duration time.Duration
	// Scope narrows what the assertion looks at.
	Scope Scope
	// ExcludeRetransmissions makes fail-on, max and max-ratio ignore retransmitted
	// responses, so that one rejection counts once whatever the packet loss. By default every
	// response message counts, as in the report's response table.
	ExcludeRetransmissions bool
	// Line is the line of the assertion in its policy file; 0 for flags.
	Line int
}

// Selector matches responses: a response matches when its code is in one of Codes, its
// category is one of Categories or its severity one of Severities (any term may match).
type Selector struct {
	Codes      []report.CodeRange
	Categories []classify.Category
	Severities []classify.Severity
}

// Scope narrows an assertion to some messages and calls. Empty fields select everything.
type Scope struct {
	// Methods holds upper-case method names: a request's method, a response's CSeq method.
	// Call assertions (min-asr, PDD, setup) accept only INVITE.
	Methods []string
	// Peers holds addresses and prefixes: a message matches when its source or destination
	// is in one of them, a call when the addresses of its first INVITE are.
	Peers []netip.Prefix
}

// Expr returns the assertion in the flag syntax, e.g. "max 5xx=0" or "min-asr 0.95".
func (a *Assertion) Expr() string {
	switch a.Kind {
	case KindFailOn:
		return string(a.Kind) + " " + a.Select.String()
	case KindMax:
		return fmt.Sprintf("%s %s=%s", a.Kind, a.Select, formatFloat(a.Limit))
	case KindMaxRatio:
		return fmt.Sprintf("%s %s=%s", a.Kind, a.Select, formatFloat(a.Limit))
	case KindMinASR:
		return fmt.Sprintf("%s %s", a.Kind, formatFloat(a.Limit))
	case KindMaxPDDP95, KindMaxSetupP95:
		return fmt.Sprintf("%s %s", a.Kind, a.Duration)
	}
	return string(a.Kind)
}

// String returns the selector in the flag syntax: "5xx,503,auth.credentials,fault".
func (s Selector) String() string {
	var parts []string
	for _, r := range s.Codes {
		switch {
		case r.Min == r.Max:
			parts = append(parts, strconv.Itoa(r.Min))
		case r.Min%100 == 0 && r.Max == r.Min+99:
			parts = append(parts, fmt.Sprintf("%dxx", r.Min/100))
		default:
			parts = append(parts, fmt.Sprintf("%d-%d", r.Min, r.Max))
		}
	}
	for _, c := range s.Categories {
		parts = append(parts, string(c))
	}
	for _, v := range s.Severities {
		parts = append(parts, string(v))
	}
	return strings.Join(parts, ",")
}

// Match reports whether a response with this code and diagnosis matches.
func (s *Selector) Match(code int, cat classify.Category, sev classify.Severity) bool {
	for _, r := range s.Codes {
		if code >= r.Min && code <= r.Max {
			return true
		}
	}
	for _, c := range s.Categories {
		if c == cat {
			return true
		}
	}
	for _, v := range s.Severities {
		if v == sev {
			return true
		}
	}
	return false
}

// String describes the scope for people: "INVITE to/from 198.51.100.0/24", or "" when the
// scope is empty.
func (s Scope) String() string {
	var parts []string
	if len(s.Methods) > 0 {
		parts = append(parts, strings.Join(s.Methods, ","))
	}
	if len(s.Peers) > 0 {
		ps := make([]string, len(s.Peers))
		for i, p := range s.Peers {
			ps[i] = formatPrefix(p)
		}
		parts = append(parts, "to/from "+strings.Join(ps, ","))
	}
	return strings.Join(parts, " ")
}

func formatPrefix(p netip.Prefix) string {
	if p.IsSingleIP() {
		return p.Addr().String()
	}
	return p.String()
}

// matchMessage reports whether a message with this method and addresses is in scope.
func (s *Scope) matchMessage(method string, src, dst netip.Addr) bool {
	if len(s.Methods) > 0 && !slices.Contains(s.Methods, method) {
		return false
	}
	return s.matchPeers(src, dst)
}

func (s *Scope) matchPeers(src, dst netip.Addr) bool {
	if len(s.Peers) == 0 {
		return true
	}
	src, dst = src.Unmap(), dst.Unmap()
	for _, p := range s.Peers {
		if p.Contains(src) || p.Contains(dst) {
			return true
		}
	}
	return false
}

// ParseSelector reads a comma-separated list of response codes ("503"), classes ("5xx"),
// diagnosis categories ("auth.credentials") and severities ("fault").
func ParseSelector(s string) (Selector, error) {
	var sel Selector
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if f[0] >= '0' && f[0] <= '9' {
			codes, err := report.ParseCodes(f)
			if err != nil {
				return sel, err
			}
			sel.Codes = append(sel.Codes, codes...)
			continue
		}
		switch sev := classify.Severity(strings.ToLower(f)); sev {
		case classify.SeverityFault, classify.SeverityNormal:
			sel.Severities = append(sel.Severities, sev)
			continue
		}
		c := classify.Category(strings.ToLower(f))
		if _, ok := classify.Info(c); !ok {
			return sel, fmt.Errorf("%q is not a response code, class (4xx), category (see `sipscan rules`) or severity (fault, normal)", f)
		}
		sel.Categories = append(sel.Categories, c)
	}
	if len(sel.Codes)+len(sel.Categories)+len(sel.Severities) == 0 {
		return sel, fmt.Errorf("nothing to match in %q", s)
	}
	return sel, nil
}

// ParseFlag reads one assertion in the flag syntax of `sipscan check`: kind is the flag name
// and value its argument ("5xx=0" for max, "0.95" for min-asr, "3s" for max-pdd-p95, "" or
// "true" for require-final and no-malformed).
func ParseFlag(kind Kind, value string) (Assertion, error) {
	a := Assertion{Kind: kind}
	value = strings.TrimSpace(value)
	var err error
	switch kind {
	case KindFailOn:
		a.Select, err = ParseSelector(value)
	case KindMax, KindMaxRatio:
		sel, lim, ok := cutLast(value, "=")
		if !ok {
			return a, fmt.Errorf("%q: want SELECTOR=LIMIT, e.g. 5xx=0 or 4xx=0.05", value)
		}
		if a.Select, err = ParseSelector(sel); err != nil {
			return a, err
		}
		a.Limit, err = parseLimit(kind, lim)
	case KindMinASR:
		a.Limit, err = parseLimit(kind, value)
	case KindMaxPDDP95, KindMaxSetupP95:
		d, perr := time.ParseDuration(value)
		switch {
		case perr != nil:
			err = fmt.Errorf("%q is not a duration (want e.g. 3s or 800ms)", value)
		case d <= 0:
			err = fmt.Errorf("%q: want a positive duration such as 3s or 800ms", value)
		}
		a.Duration = d
	case KindRequireFinal, KindNoMalformed:
		if value != "" && value != "true" {
			err = fmt.Errorf("%q: takes no value", value)
		}
	default:
		return a, fmt.Errorf("unknown assertion %q (want one of %s)", kind, kindList())
	}
	if err != nil {
		return a, err
	}
	a.Name = a.Expr()
	return a, nil
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):]), true
}

// parseLimit reads a count (max) or a ratio between 0 and 1 (max-ratio, min-asr); a ratio
// may also be written as a percentage ("5%").
func parseLimit(kind Kind, s string) (float64, error) {
	if kind == KindMax {
		n, err := strconv.ParseUint(s, 10, 63)
		if err != nil {
			return 0, fmt.Errorf("%q is not a count (want a whole number >= 0)", s)
		}
		return float64(n), nil
	}
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if pct {
		v /= 100
	}
	if err != nil || v < 0 || v > 1 || v != v {
		return 0, fmt.Errorf("%q is not a ratio (want 0 to 1, e.g. 0.05, or a percentage, e.g. 5%%)", s)
	}
	return v, nil
}

func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// validate checks what depends on the combination of kind and scope.
func (a *Assertion) validate() error {
	switch a.Kind {
	case KindMinASR, KindMaxPDDP95, KindMaxSetupP95:
		for _, m := range a.Scope.Methods {
			if m != "INVITE" {
				return fmt.Errorf("%s measures calls: methods may only be INVITE, not %s", a.Kind, m)
			}
		}
	case KindRequireFinal:
		for _, m := range a.Scope.Methods {
			if m == "ACK" {
				return fmt.Errorf("require-final: ACK has no response")
			}
		}
	case KindNoMalformed:
		if len(a.Scope.Methods) > 0 || len(a.Scope.Peers) > 0 {
			return fmt.Errorf("no-malformed counts over the whole capture: it takes no methods or peers")
		}
	}
	if a.ExcludeRetransmissions {
		switch a.Kind {
		case KindFailOn, KindMax, KindMaxRatio:
		default:
			return fmt.Errorf("exclude-retransmissions applies to fail-on, max and max-ratio only")
		}
	}
	return nil
}

// ParsePeer reads an IP address or prefix ("198.51.100.7", "198.51.100.0/24", "2001:db8::/32").
func ParsePeer(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return p, fmt.Errorf("%q is not an address or prefix", s)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an address or prefix", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}
