package report

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/sipscan/sipscan/pkg/classify"
)

// Filter selects what a report lists and counts. Correlation always sees every message (a
// filtered-out request still pairs with its response); the filter decides only what is
// counted in Totals.Requests/Responses/Retransmissions, Methods, Responses and Categories,
// what OnMessage receives, which calls are counted in Calls and handed to OnCall, which
// registration attempts are counted, and the peers and users tables. Inputs, packets, SIP
// messages and malformed counts describe the inputs and are never filtered.
//
// Every non-empty field must match (AND); within a field any value may match (OR).
//
// For messages: Methods matches the request method or the response's CSeq method; CallIDs the
// Call-ID; Hosts the source or destination address; Since/Until the capture time. Codes,
// Categories and Severities select responses only: when any of them is set, no request is
// listed or counted.
//
// For calls and registration attempts: Methods must name INVITE (calls) or REGISTER
// (registrations); CallIDs matches the Call-ID; Hosts the addresses of the first request;
// Since/Until the time of the first request; Codes, Categories and Severities the final
// response (an attempt without one matches none of them).
type Filter struct {
	// Codes holds response codes and classes, as ParseCodes returns them.
	Codes []CodeRange
	// Categories holds diagnosis categories.
	Categories []classify.Category
	// Severities holds severities ("normal", "fault").
	Severities []classify.Severity
	// Methods holds method names in upper case.
	Methods []string
	// CallIDs holds Call-IDs, compared exactly.
	CallIDs []string
	// Hosts holds IP addresses; a message matches when its source or destination is one.
	Hosts []netip.Addr
	// Since, when not zero, drops what happened before it.
	Since time.Time
	// Until, when not zero, drops what happened at or after it.
	Until time.Time
}

// CodeRange is an inclusive range of response codes: one code (503-503) or a class
// (400-499).
type CodeRange struct {
	Min, Max int
}

// ParseCodes reads a comma-separated list of response codes ("503") and classes ("4xx"),
// such as "4xx,503".
func ParseCodes(s string) ([]CodeRange, error) {
	var out []CodeRange
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if len(f) == 3 && f[0] >= '1' && f[0] <= '6' && (f[1] == 'x' || f[1] == 'X') && (f[2] == 'x' || f[2] == 'X') {
			base := int(f[0]-'0') * 100
			out = append(out, CodeRange{base, base + 99})
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || len(f) != 3 || n < 100 || n > 699 {
			return nil, fmt.Errorf("%q is neither a response code (100-699) nor a class like 4xx", f)
		}
		out = append(out, CodeRange{n, n})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no response code in %q", s)
	}
	return out, nil
}

// hasResponseFilter reports whether the filter selects responses only.
func (f *Filter) hasResponseFilter() bool {
	return len(f.Codes) > 0 || len(f.Categories) > 0 || len(f.Severities) > 0
}

// empty reports whether the filter selects everything.
func (f *Filter) empty() bool {
	return !f.hasResponseFilter() && len(f.Methods) == 0 && len(f.CallIDs) == 0 &&
		len(f.Hosts) == 0 && f.Since.IsZero() && f.Until.IsZero()
}

func (f *Filter) matchCode(code int) bool {
	if len(f.Codes) == 0 {
		return true
	}
	for _, r := range f.Codes {
		if code >= r.Min && code <= r.Max {
			return true
		}
	}
	return false
}

func (f *Filter) matchDiagnosis(code int, cat classify.Category, sev classify.Severity) bool {
	if !f.matchCode(code) {
		return false
	}
	if len(f.Categories) > 0 {
		ok := false
		for _, c := range f.Categories {
			if c == cat {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(f.Severities) > 0 {
		ok := false
		for _, s := range f.Severities {
			if s == sev {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// matchMethod compares without allocating.
func (f *Filter) matchMethod(method []byte) bool {
	if len(f.Methods) == 0 {
		return true
	}
	for _, m := range f.Methods {
		if m == string(method) {
			return true
		}
	}
	return false
}

func (f *Filter) matchCallID(id []byte) bool {
	if len(f.CallIDs) == 0 {
		return true
	}
	for _, c := range f.CallIDs {
		if c == string(id) {
			return true
		}
	}
	return false
}

func (f *Filter) matchHosts(a, b netip.Addr) bool {
	if len(f.Hosts) == 0 {
		return true
	}
	a, b = a.Unmap(), b.Unmap()
	for _, h := range f.Hosts {
		h = h.Unmap()
		if h == a || h == b {
			return true
		}
	}
	return false
}

func (f *Filter) matchTime(t time.Time) bool {
	if !f.Since.IsZero() && t.Before(f.Since) {
		return false
	}
	if !f.Until.IsZero() && !t.Before(f.Until) {
		return false
	}
	return true
}
