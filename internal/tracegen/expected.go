package tracegen

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// Expected holds the exact counts in a generated capture. Every count includes
// retransmissions, as tshark's SIP statistics and sipscan's report do.
type Expected struct {
	// Options the capture was made with.
	Options Options `json:"options"`
	// Bytes is the file size.
	Bytes int64 `json:"bytes"`
	// Packets counts every packet in the file.
	Packets int64 `json:"packets"`
	// RTPPackets counts the RTP packets among them.
	RTPPackets int64 `json:"rtp_packets"`
	// TCPPackets counts the TCP segments (with and without SIP).
	TCPPackets int64 `json:"tcp_packets"`
	// SIPMessages counts the SIP messages; each one is in a packet of its own.
	SIPMessages int64 `json:"sip_messages"`
	// Requests and Responses split SIPMessages.
	Requests  int64 `json:"requests"`
	Responses int64 `json:"responses"`
	// Retransmissions counts the messages sent again unchanged.
	Retransmissions int64 `json:"retransmissions"`
	// Methods counts requests by method, ordered by method.
	Methods []MethodCount `json:"methods"`
	// ResponseCodes counts responses by code and reason phrase, ordered by code and reason.
	ResponseCodes []ResponseCount `json:"response_codes"`
	// Calls counts INVITE dialogs by outcome. A call challenged and then answered is one
	// answered call; busy and other final failures count as failed.
	Calls CallCounts `json:"calls"`
	// Registrations counts registration attempts (one Call-ID each) by outcome.
	Registrations RegistrationCounts `json:"registrations"`

	methods map[string]int64
	codes   map[codeReason]int64
}

// MethodCount is the number of requests of one method.
type MethodCount struct {
	Method string `json:"method"`
	Count  int64  `json:"count"`
}

// ResponseCount is the number of responses with one code and reason phrase.
type ResponseCount struct {
	Code   int    `json:"code"`
	Reason string `json:"reason"`
	Count  int64  `json:"count"`
}

// CallCounts counts calls by outcome.
type CallCounts struct {
	Total     int64 `json:"total"`
	Answered  int64 `json:"answered"`
	Failed    int64 `json:"failed"`
	Cancelled int64 `json:"cancelled"`
	// Busy counts the failed calls answered 486 Busy Here (part of Failed).
	Busy int64 `json:"busy"`
}

// RegistrationCounts counts registration attempts by outcome.
type RegistrationCounts struct {
	Total     int64 `json:"total"`
	Succeeded int64 `json:"succeeded"`
	Failed    int64 `json:"failed"`
}

type codeReason struct {
	code   int
	reason string
}

func (e *Expected) addRequest(method string, retrans bool) {
	if e.methods == nil {
		e.methods = make(map[string]int64)
	}
	e.methods[method]++
	e.SIPMessages++
	e.Requests++
	if retrans {
		e.Retransmissions++
	}
}

func (e *Expected) addResponse(code int, reason string, retrans bool) {
	if e.codes == nil {
		e.codes = make(map[codeReason]int64)
	}
	e.codes[codeReason{code, reason}]++
	e.SIPMessages++
	e.Responses++
	if retrans {
		e.Retransmissions++
	}
}

// finish turns the maps into the ordered lists.
func (e *Expected) finish() {
	e.Methods = e.Methods[:0]
	for m, n := range e.methods {
		e.Methods = append(e.Methods, MethodCount{m, n})
	}
	slices.SortFunc(e.Methods, func(a, b MethodCount) int { return cmp.Compare(a.Method, b.Method) })
	e.ResponseCodes = e.ResponseCodes[:0]
	for k, n := range e.codes {
		e.ResponseCodes = append(e.ResponseCodes, ResponseCount{k.code, k.reason, n})
	}
	slices.SortFunc(e.ResponseCodes, func(a, b ResponseCount) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.Reason, b.Reason))
	})
}

// MethodCounts returns the requests per method.
func (e *Expected) MethodCounts() map[string]int64 {
	m := make(map[string]int64, len(e.Methods))
	for _, c := range e.Methods {
		m[c.Method] += c.Count
	}
	return m
}

// CodeCounts returns the responses per code, all reason phrases together.
func (e *Expected) CodeCounts() map[int]int64 {
	m := make(map[int]int64, len(e.ResponseCodes))
	for _, c := range e.ResponseCodes {
		m[c.Code] += c.Count
	}
	return m
}

// ReadExpected reads an expected-counts file written by WriteFile.
func ReadExpected(path string) (*Expected, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read expected counts: %w", err)
	}
	var e Expected
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("decode expected counts %s: %w", path, err)
	}
	return &e, nil
}
