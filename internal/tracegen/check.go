package tracegen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
)

// report is the part of `sipscan report --format json` (schema sipscan.report/v1) that the
// expected counts cover.
type report struct {
	Schema string `json:"schema"`
	Totals struct {
		Packets         int64 `json:"packets"`
		SIPMessages     int64 `json:"sip_messages"`
		Requests        int64 `json:"requests"`
		Responses       int64 `json:"responses"`
		Retransmissions int64 `json:"retransmissions"`
	} `json:"totals"`
	Methods []struct {
		Method string `json:"method"`
		Count  int64  `json:"count"`
	} `json:"methods"`
	Responses []struct {
		Code   int    `json:"code"`
		Reason string `json:"reason"`
		Count  int64  `json:"count"`
	} `json:"responses"`
	Calls struct {
		Total     int64 `json:"total"`
		Answered  int64 `json:"answered"`
		Failed    int64 `json:"failed"`
		Cancelled int64 `json:"cancelled"`
	} `json:"calls"`
	Registrations struct {
		Total     int64 `json:"total"`
		Succeeded int64 `json:"succeeded"`
		Failed    int64 `json:"failed"`
	} `json:"registrations"`
}

// CheckReport compares a `sipscan report --format json` output with the expected counts and
// returns one line per disagreement.
func (e *Expected) CheckReport(data []byte) ([]string, error) {
	var r report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decode report: %w", err)
	}
	if r.Schema != "sipscan.report/v1" {
		return nil, fmt.Errorf("report schema %q: want sipscan.report/v1", r.Schema)
	}
	var d diffs
	d.num("totals.packets", e.Packets, r.Totals.Packets)
	d.num("totals.sip_messages", e.SIPMessages, r.Totals.SIPMessages)
	d.num("totals.requests", e.Requests, r.Totals.Requests)
	d.num("totals.responses", e.Responses, r.Totals.Responses)
	d.num("totals.retransmissions", e.Retransmissions, r.Totals.Retransmissions)
	methods := make(map[string]int64)
	for _, m := range r.Methods {
		methods[m.Method] += m.Count
	}
	d.counts("methods", e.MethodCounts(), methods)
	want := make(map[string]int64)
	for _, c := range e.ResponseCodes {
		want[strconv.Itoa(c.Code)+" "+c.Reason] += c.Count
	}
	got := make(map[string]int64)
	for _, c := range r.Responses {
		got[strconv.Itoa(c.Code)+" "+c.Reason] += c.Count
	}
	d.counts("responses", want, got)
	d.num("calls.total", e.Calls.Total, r.Calls.Total)
	d.num("calls.answered", e.Calls.Answered, r.Calls.Answered)
	d.num("calls.failed", e.Calls.Failed, r.Calls.Failed)
	d.num("calls.cancelled", e.Calls.Cancelled, r.Calls.Cancelled)
	d.num("registrations.total", e.Registrations.Total, r.Registrations.Total)
	d.num("registrations.succeeded", e.Registrations.Succeeded, r.Registrations.Succeeded)
	d.num("registrations.failed", e.Registrations.Failed, r.Registrations.Failed)
	return d, nil
}

var (
	tsharkTotal  = regexp.MustCompile(`^Number of SIP messages:\s*(\d+)`)
	tsharkResent = regexp.MustCompile(`^Number of resent SIP messages:\s*(\d+)`)
	tsharkCode   = regexp.MustCompile(`^\s*SIP (\d{3}) .*:\s*(\d+) Packets`)
	tsharkMethod = regexp.MustCompile(`^\s*([A-Z]+)\s*:\s*(\d+) Packets`)
)

// CheckTsharkSIPStat compares the output of `tshark -q -z sip,stat` with the expected counts
// (messages, requests per method, responses per code) and returns one line per disagreement.
// tshark's own resent count is not compared: it looks at CSeq numbers, not at branches.
func (e *Expected) CheckTsharkSIPStat(data []byte) ([]string, error) {
	var total int64 = -1
	methods := make(map[string]int64)
	codes := make(map[string]int64)
	inMethods := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if m := tsharkTotal.FindStringSubmatch(line); m != nil {
			total, _ = strconv.ParseInt(m[1], 10, 64)
			continue
		}
		if tsharkResent.MatchString(line) {
			continue
		}
		if bytes.Contains([]byte(line), []byte("Request methods")) {
			inMethods = true
			continue
		}
		if m := tsharkCode.FindStringSubmatch(line); m != nil && !inMethods {
			n, _ := strconv.ParseInt(m[2], 10, 64)
			codes[m[1]] += n
			continue
		}
		if m := tsharkMethod.FindStringSubmatch(line); m != nil && inMethods {
			n, _ := strconv.ParseInt(m[2], 10, 64)
			methods[m[1]] += n
		}
	}
	if total < 0 {
		return nil, fmt.Errorf("no \"Number of SIP messages\" line in the tshark output")
	}
	var d diffs
	d.num("tshark: SIP messages", e.SIPMessages, total)
	d.counts("tshark: methods", e.MethodCounts(), methods)
	want := make(map[string]int64)
	for c, n := range e.CodeCounts() {
		want[strconv.Itoa(c)] = n
	}
	d.counts("tshark: responses", want, codes)
	return d, nil
}

type diffs []string

func (d *diffs) num(what string, want, got int64) {
	if want != got {
		*d = append(*d, fmt.Sprintf("%s: got %d, want %d", what, got, want))
	}
}

func (d *diffs) counts(what string, want, got map[string]int64) {
	keys := slices.Sorted(maps.Keys(want))
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		d.num(what+" "+k, want[k], got[k])
	}
}
