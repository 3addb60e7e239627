// Package report correlates the SIP messages of a capture into transactions, calls and
// registrations, summarises them into a plain Report and renders it as a table, JSON (the
// "sipscan.report/v1" contract), Markdown, and per-message or per-call listings.
//
// Correlation:
//
//   - A transaction is keyed by the top Via branch and the CSeq method (an ACK for a non-2xx
//     response and the CANCEL find their INVITE by its branch), with Call-ID and CSeq number
//     against devices that reuse branches; without an RFC 3261 branch ("z9hG4bK...") the From
//     tag stands in for it. Requests and responses of both directions meet in it.
//   - A retransmission is a request seen again in its transaction in the same direction, or a
//     response seen again with the same code and To tag (forked 18x with different tags are
//     not). It is flagged and still counted everywhere, as tshark -z sip,stat counts it.
//   - Latency is the time from a request to its first response, per method.
//   - A call is a dialog-creating INVITE (Call-ID and From tag) with its retries after a
//     challenge; a 2xx answers it, a CANCEL cancels it, otherwise the last final response and
//     its diagnosis decide (busy, declined, no answer, failed). See CallSummary for ASR and NER.
//   - A registration attempt is the REGISTER requests of one address-of-record and Call-ID up
//     to the final response that is not a challenge; see RegistrationSummary.
//   - The classifier gets its context from the correlated request: credentials sent, CANCEL
//     seen, earlier challenges in the call or registration, stale nonce.
//
// Memory grows with the transactions, calls and registrations that are open at one time, not
// with the size of the capture: finished calls and registrations are folded into aggregates and
// dropped, strings that repeat (methods, reason phrases, users) are interned, and every table
// has a limit beyond which the least recently active entry is evicted (and counted in
// Report.Problems).
package report

import (
	"net/netip"
	"time"

	"github.com/sipscan/sipscan/pkg/classify"
)

// Schema is the value of Report.Schema: the name and version of the JSON output contract.
const Schema = "sipscan.report/v1"

// Report is the summary of one analysis. It is plain data: renderers read it, scripts get it
// as JSON. The JSON keys and their order are the v1 contract; fields tagged json:"-" carry
// what only the table and Markdown views show.
type Report struct {
	// Schema is always "sipscan.report/v1".
	Schema string `json:"schema"`
	// Inputs describes each input in the order given.
	Inputs []Input `json:"inputs"`
	// Totals counts packets and messages over all inputs.
	Totals Totals `json:"totals"`
	// Methods counts requests per method, retransmissions included.
	Methods []MethodCount `json:"methods"`
	// Responses counts responses per code and reason phrase, retransmissions included.
	Responses []ResponseCount `json:"responses"`
	// Categories counts responses per diagnosis category, faults first.
	Categories []CategoryCount `json:"categories"`
	// Calls summarises the INVITE dialogs.
	Calls CallSummary `json:"calls"`
	// Registrations summarises the REGISTER attempts.
	Registrations RegistrationSummary `json:"registrations"`

	// Overview holds what the table view shows above the sections.
	Overview Overview `json:"-"`
	// Peers lists the address pairs with the most fault responses, most first.
	Peers []PeerCount `json:"-"`
	// Users lists the Request-URI users with the most fault responses, most first.
	Users []UserCount `json:"-"`
	// Problems lists what went wrong while reading and correlating, for people.
	Problems []Problem `json:"-"`
	// MalformedMessages describes the first SIP messages the parser rejected (at most
	// MaxMalformedKept), so that a check can show where they were. Data the capture layer
	// could not frame is only counted, in Totals.Malformed.
	MalformedMessages []MalformedMessage `json:"-"`
}

// MaxMalformedKept bounds Report.MalformedMessages.
const MaxMalformedKept = 100

// MalformedMessage is a SIP message the parser rejected, and why.
type MalformedMessage struct {
	Time      time.Time
	Input     string
	Frame     int
	Src, Dst  netip.AddrPort
	Transport string
	Error     string
}

// Input describes one input file.
type Input struct {
	// Name is the input's name as given ("-" for standard input).
	Name string `json:"name"`
	// Packets and Bytes count the packets read and their captured bytes.
	Packets uint64 `json:"packets"`
	Bytes   uint64 `json:"bytes"`
	// SIPMessages counts the SIP messages found.
	SIPMessages uint64 `json:"sip_messages"`
	// Errors describes problems with the input itself, such as a truncated file. It is never
	// nil, so that JSON shows an empty list.
	Errors []string `json:"errors"`
	// First and Last are the times of the first and last packet.
	First time.Time `json:"-"`
	Last  time.Time `json:"-"`
}

// Totals counts over all inputs. Packets, SIPMessages and Malformed describe the inputs and
// ignore the Filter; Requests, Responses and Retransmissions count the messages that pass it,
// so that they equal the sums of Methods and Responses.
type Totals struct {
	Packets         uint64 `json:"packets"`
	SIPMessages     uint64 `json:"sip_messages"`
	Requests        uint64 `json:"requests"`
	Responses       uint64 `json:"responses"`
	Retransmissions uint64 `json:"retransmissions"`
	// Malformed counts SIP data the capture layer could not frame plus messages the parser
	// rejected.
	Malformed uint64 `json:"malformed"`
}

// MethodCount counts the requests of one method.
type MethodCount struct {
	Method string `json:"method"`
	Count  uint64 `json:"count"`
	// Retransmissions says how many of Count were retransmissions.
	Retransmissions uint64 `json:"-"`
	// Latency is the time from a request to its first response, over the transactions of
	// this method that got one.
	Latency Percentiles `json:"-"`
}

// ResponseCount counts the responses with one code, reason phrase and diagnosis.
type ResponseCount struct {
	Code     int               `json:"code"`
	Reason   string            `json:"reason"`
	Class    string            `json:"class"`
	Category classify.Category `json:"category"`
	Severity classify.Severity `json:"severity"`
	Count    uint64            `json:"count"`
	// Retransmissions says how many of Count were retransmissions.
	Retransmissions uint64 `json:"-"`
}

// CategoryCount counts the responses of one diagnosis category.
type CategoryCount struct {
	Category classify.Category `json:"category"`
	Severity classify.Severity `json:"severity"`
	Count    uint64            `json:"count"`
	// Meaning and Fix come from the category table, for people.
	Meaning string `json:"-"`
	Fix     string `json:"-"`
}

// Percentiles holds the 50th and 95th percentile of a set of durations, in milliseconds
// (nearest rank). Both are 0 when the set is empty.
type Percentiles struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	// N is the number of durations measured.
	N uint64 `json:"-"`
}

// CallSummary summarises the calls: every dialog-creating INVITE (Call-ID and From tag),
// with its authentication retries, is one call.
//
// Total counts every call; Answered those with a 2xx; Cancelled those not answered that the
// caller cancelled (CANCEL seen, whatever the final response, or a request.cancelled one);
// Failed all the others: Failed = Total - Answered - Cancelled, so it includes busy, declined,
// unanswered and calls without any final response (Busy, Declined, NoAnswer and NoResponse
// break it down).
//
// ASR (answer-seizure ratio) = Answered / Total. NER (network effectiveness ratio) =
// (Answered + Busy + Declined + NoAnswer + Cancelled) / Total: the calls the network delivered
// to the user, whatever the user did. Both are 0 when there are no calls.
type CallSummary struct {
	Total     uint64  `json:"total"`
	Answered  uint64  `json:"answered"`
	Failed    uint64  `json:"failed"`
	Cancelled uint64  `json:"cancelled"`
	ASR       float64 `json:"asr"`
	NER       float64 `json:"ner"`
	// PDD is the post-dial delay: INVITE to first 18x, over the calls that rang. It starts at
	// the INVITE the 18x answers, which after an authentication challenge is the retried one.
	PDD Percentiles `json:"pdd_ms"`

	Busy       uint64 `json:"-"`
	Declined   uint64 `json:"-"`
	NoAnswer   uint64 `json:"-"`
	NoResponse uint64 `json:"-"`
	// Setup is INVITE to first 2xx (the INVITE the 2xx answers), over the answered calls.
	Setup Percentiles `json:"-"`
	// Duration is first 2xx to BYE, over the answered calls that were hung up in the capture.
	Duration Percentiles `json:"-"`
	// Failures counts the failed calls per final response, most first.
	Failures []OutcomeCount `json:"-"`
}

// RegistrationSummary summarises the REGISTER attempts. An attempt is one Call-ID's
// REGISTER requests for one address-of-record (To URI) up to the final response that is not a
// challenge: 401 or 407 followed by a retried REGISTER and 200 is one succeeded attempt. An
// attempt that ends with a challenge, another final response or no response at all failed.
type RegistrationSummary struct {
	Total     uint64 `json:"total"`
	Succeeded uint64 `json:"succeeded"`
	Failed    uint64 `json:"failed"`
	// Failures counts the failed attempts per final response, most first.
	Failures []OutcomeCount `json:"-"`
	// AddressesOfRecord lists the addresses-of-record with the most failed attempts first.
	AddressesOfRecord []AORCount `json:"-"`
}

// OutcomeCount counts the calls or registrations that ended with one final response; Code 0
// means no final response was seen.
type OutcomeCount struct {
	Outcome  Outcome
	Code     int
	Reason   string
	Category classify.Category
	Severity classify.Severity
	Count    uint64
}

// AORCount counts the registration attempts of one address-of-record.
type AORCount struct {
	AOR       string
	Attempts  uint64
	Succeeded uint64
	Failed    uint64
	// LastCode, LastReason and LastCategory describe the last failure, if any.
	LastCode     int
	LastReason   string
	LastCategory classify.Category
}

// PeerCount counts the fault responses between a client and a server address.
type PeerCount struct {
	Client, Server string
	Count          uint64
}

// UserCount counts the fault responses to requests for one Request-URI user.
type UserCount struct {
	User  string
	Count uint64
}

// Problem is one kind of trouble met while reading or correlating, with how often.
type Problem struct {
	What  string
	Count uint64
}

// Overview is what the table view shows first.
type Overview struct {
	// First and Last are the times of the first and last packet (or message).
	First, Last time.Time
	// Transports counts SIP messages per transport name ("udp", "tcp").
	Transports []TransportCount
	// Defective counts messages the parser accepted but found defects in.
	Defective uint64
	// Orphans counts responses whose request was not seen.
	Orphans uint64
}

// TransportCount counts the SIP messages carried on one transport.
type TransportCount struct {
	Transport string
	Count     uint64
}

// Outcome is how a call ended.
type Outcome string

// Call outcomes.
const (
	OutcomeAnswered   Outcome = "answered"
	OutcomeBusy       Outcome = "busy"
	OutcomeDeclined   Outcome = "declined"
	OutcomeNoAnswer   Outcome = "no-answer"
	OutcomeCancelled  Outcome = "cancelled"
	OutcomeFailed     Outcome = "failed"
	OutcomeNoResponse Outcome = "no-response"
	// OutcomeSucceeded and the failure outcomes describe registrations.
	OutcomeSucceeded Outcome = "succeeded"
)
