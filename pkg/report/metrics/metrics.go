// Package metrics exports what a live capture sees as Prometheus metrics: SIP messages by
// kind and method, responses by code, class, category and severity, retransmissions, calls by
// outcome, and the capture's packet and kernel drop counters.
//
// Labels are bounded: methods outside the RFC-registered set are counted as "other", codes
// outside 100-699 as "other", and categories come from the classifier's fixed set. Reason
// phrases are not labels (they are free text).
package metrics

import (
	"strconv"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sipscan/sipscan/pkg/report"
)

// Metrics holds the collectors. ObserveMessage and ObserveCall are called from the capture
// loop; scrapes may run at the same time.
type Metrics struct {
	messages  *prometheus.CounterVec
	responses *prometheus.CounterVec
	retrans   prometheus.Counter
	calls     *prometheus.CounterVec

	packets, dropped atomic.Uint64

	cache map[respKey]prometheus.Counter
}

type respKey struct {
	code     int
	category string
	severity string
}

// knownMethods are the methods that get their own label value.
var knownMethods = map[string]bool{
	"INVITE": true, "ACK": true, "BYE": true, "CANCEL": true, "REGISTER": true, "OPTIONS": true,
	"PRACK": true, "SUBSCRIBE": true, "NOTIFY": true, "PUBLISH": true, "INFO": true,
	"REFER": true, "MESSAGE": true, "UPDATE": true,
}

// New creates the collectors and registers them with reg.
func New(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sipscan_sip_messages_total",
			Help: "SIP messages seen, by kind (request or response) and method (the CSeq method for responses).",
		}, []string{"kind", "method"}),
		responses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sipscan_sip_responses_total",
			Help: "SIP responses seen, retransmissions included, by code, class, diagnosis category and severity.",
		}, []string{"code", "class", "category", "severity"}),
		retrans: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "sipscan_sip_retransmissions_total",
			Help: "SIP messages that repeated one seen before in their transaction.",
		}),
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sipscan_calls_total",
			Help: "Finished calls by outcome (answered, busy, declined, no-answer, cancelled, failed, no-response).",
		}, []string{"outcome"}),
		cache: make(map[respKey]prometheus.Counter),
	}
	packets := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "sipscan_capture_packets_total",
		Help: "Packets the kernel passed through the capture filter, dropped ones included.",
	}, func() float64 { return float64(m.packets.Load()) })
	dropped := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "sipscan_capture_dropped_packets_total",
		Help: "Packets the kernel dropped because sipscan did not read them in time (PACKET_STATISTICS).",
	}, func() float64 { return float64(m.dropped.Load()) })
	for _, c := range []prometheus.Collector{m.messages, m.responses, m.retrans, m.calls, packets, dropped} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// ObserveMessage counts one message; it is meant for report.Config.OnMessage.
func (m *Metrics) ObserveMessage(r *report.MessageRecord) {
	method := r.Method
	if !knownMethods[method] {
		method = "other"
	}
	m.messages.WithLabelValues(r.Kind, method).Inc()
	if r.Retransmission {
		m.retrans.Inc()
	}
	if r.Kind != "response" {
		return
	}
	k := respKey{code: r.Code, category: string(r.Category), severity: string(r.Severity)}
	if k.code < 100 || k.code > 699 {
		k.code = 0
	}
	c, ok := m.cache[k]
	if !ok {
		code, class := "other", "other"
		if k.code != 0 {
			code = strconv.Itoa(k.code)
			class = code[:1] + "xx"
		}
		c = m.responses.WithLabelValues(code, class, k.category, k.severity)
		m.cache[k] = c
	}
	c.Inc()
}

// ObserveCall counts one finished call; it is meant for report.Config.OnCall.
func (m *Metrics) ObserveCall(r *report.CallRecord) {
	m.calls.WithLabelValues(string(r.Outcome)).Inc()
}

// SetCapture records the capture's cumulative counters: packets passed by the filter and
// packets the kernel dropped.
func (m *Metrics) SetCapture(packets, dropped uint64) {
	m.packets.Store(packets)
	m.dropped.Store(dropped)
}
