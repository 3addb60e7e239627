package report

import (
	"net/netip"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
)

// MessageRecord describes one SIP message for `list`. Its JSON form is the `list --format
// jsonl` contract: code, reason, category and severity appear for responses only.
type MessageRecord struct {
	// Time is the capture time, in UTC.
	Time time.Time `json:"time"`
	// Input is the input's name; Frame the 1-based packet that completed the message.
	Input string `json:"input"`
	Frame int    `json:"frame"`
	// Src and Dst are the source and destination address and port.
	Src netip.AddrPort `json:"src"`
	Dst netip.AddrPort `json:"dst"`
	// Transport is "udp" or "tcp".
	Transport string `json:"transport"`
	// Kind is "request" or "response".
	Kind string `json:"kind"`
	// Method is the request's method, or the CSeq method of a response.
	Method string `json:"method"`
	// Code and Reason are the status code and reason phrase of a response.
	Code   int    `json:"code,omitempty"`
	Reason string `json:"reason,omitempty"`
	CallID string `json:"call_id"`
	CSeq   uint32 `json:"cseq"`
	// Category and Severity are a response's diagnosis.
	Category classify.Category `json:"category,omitempty"`
	Severity classify.Severity `json:"severity,omitempty"`
	// Retransmission tells whether the message repeats one seen before in its transaction.
	Retransmission bool `json:"retransmission"`
}

// MarshalJSON encodes the record per the contract. Unlike the struct tags alone, it keeps
// "reason" for a response with an empty reason phrase.
func (r *MessageRecord) MarshalJSON() ([]byte, error) {
	return r.appendJSON(nil), nil
}

func (r *MessageRecord) appendJSON(b []byte) []byte {
	b = append(b, `{"time":"`...)
	b = r.Time.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","input":`...)
	b = appendJSONString(b, r.Input)
	b = append(b, `,"frame":`...)
	b = strconv.AppendInt(b, int64(r.Frame), 10)
	b = append(b, `,"src":"`...)
	b = r.Src.AppendTo(b)
	b = append(b, `","dst":"`...)
	b = r.Dst.AppendTo(b)
	b = append(b, `","transport":`...)
	b = appendJSONString(b, r.Transport)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, r.Kind)
	b = append(b, `,"method":`...)
	b = appendJSONString(b, r.Method)
	if r.Kind == "response" {
		b = append(b, `,"code":`...)
		b = strconv.AppendInt(b, int64(r.Code), 10)
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, r.Reason)
	}
	b = append(b, `,"call_id":`...)
	b = appendJSONString(b, r.CallID)
	b = append(b, `,"cseq":`...)
	b = strconv.AppendUint(b, uint64(r.CSeq), 10)
	if r.Kind == "response" {
		b = append(b, `,"category":`...)
		b = appendJSONString(b, string(r.Category))
		b = append(b, `,"severity":`...)
		b = appendJSONString(b, string(r.Severity))
	}
	b = append(b, `,"retransmission":`...)
	b = strconv.AppendBool(b, r.Retransmission)
	return append(b, '}')
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// CallRecord describes one finished call for `calls`.
type CallRecord struct {
	CallID string `json:"call_id"`
	// From and To are the URIs of the first INVITE.
	From string `json:"from"`
	To   string `json:"to"`
	// Src and Dst are the addresses of the first INVITE.
	Src netip.AddrPort `json:"src"`
	Dst netip.AddrPort `json:"dst"`
	// Start is the time of the first INVITE, in UTC.
	Start time.Time `json:"start"`
	// Outcome is how the call ended.
	Outcome Outcome `json:"outcome"`
	// Code and Reason are the deciding final response: the first 2xx of an answered call,
	// otherwise the last final response; 0 and "" when there was none.
	Code     int               `json:"code"`
	Reason   string            `json:"reason"`
	Category classify.Category `json:"category"`
	Severity classify.Severity `json:"severity"`
	// PDDMs is INVITE to first 18x, SetupMs INVITE to first 2xx (from the INVITE those
	// answer: after a challenge, the retried one), DurationMs first 2xx to BYE, in
	// milliseconds; nil when not seen.
	PDDMs      *float64 `json:"pdd_ms"`
	SetupMs    *float64 `json:"setup_ms"`
	DurationMs *float64 `json:"duration_ms"`
	// Challenges counts the 401/407 answers to the call's INVITEs.
	Challenges int `json:"challenges"`
}

func msPtr(d time.Duration) *float64 {
	v := float64(d.Microseconds()) / 1000
	return &v
}

// emit hands one message to OnMessage.
func (c *Collector) emit(m *capture.Message, mk *msgKeys, retrans bool,
	code int, reason string, cat classify.Category, sev classify.Severity) {
	r := &c.rec
	*r = MessageRecord{
		Time:           m.Time.UTC(),
		Input:          m.Input,
		Frame:          m.Frame,
		Src:            m.Src,
		Dst:            m.Dst,
		Transport:      m.Transport.String(),
		Kind:           "request",
		Method:         mk.method,
		CallID:         string(mk.callID),
		CSeq:           mk.cseq,
		Retransmission: retrans,
	}
	if !mk.request {
		r.Kind = "response"
		r.Code, r.Reason, r.Category, r.Severity = code, reason, cat, sev
	}
	c.cfg.OnMessage(r)
}

// emitCall hands one finished call to OnCall.
func (c *Collector) emitCall(s *callState, callID []byte, outcome Outcome) {
	r := CallRecord{
		CallID:     string(callID),
		From:       string(s.from),
		To:         string(s.to),
		Src:        s.src,
		Dst:        s.dst,
		Start:      s.start.UTC(),
		Outcome:    outcome,
		Code:       s.finalCode,
		Reason:     s.reason,
		Category:   s.category,
		Severity:   s.severity,
		Challenges: s.challenges,
	}
	if !s.ringing.IsZero() {
		r.PDDMs = msPtr(s.pdd)
	}
	if !s.answered.IsZero() {
		r.SetupMs = msPtr(s.setup)
		if !s.bye.IsZero() {
			r.DurationMs = msPtr(s.bye.Sub(s.answered))
		}
	}
	c.callRec = r
	c.cfg.OnCall(&c.callRec)
}
