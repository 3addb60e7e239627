package metrics

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/report"
)

// gather returns every sample of reg as "name{label=value,...} value", sorted.
func gather(t *testing.T, reg *prometheus.Registry) []string {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			v := m.GetCounter().GetValue()
			out = append(out, mf.GetName()+"{"+strings.Join(labels, ",")+"} "+strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	sort.Strings(out)
	return out
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m, err := New(reg)
	if err != nil {
		t.Fatal(err)
	}
	msgs := []report.MessageRecord{
		{Kind: "request", Method: "INVITE"},
		{Kind: "request", Method: "INVITE", Retransmission: true},
		{Kind: "response", Method: "INVITE", Code: 100, Category: "ok", Severity: classify.SeverityNormal},
		{Kind: "response", Method: "INVITE", Code: 403, Reason: "Insufficient funds", Category: "billing.funds", Severity: classify.SeverityFault},
		{Kind: "response", Method: "INVITE", Code: 403, Reason: "No money", Category: "billing.funds", Severity: classify.SeverityFault},
		{Kind: "request", Method: "FOO"},
		{Kind: "response", Method: "FOO", Code: 99, Category: "protocol.malformed", Severity: classify.SeverityFault},
	}
	for i := range msgs {
		m.ObserveMessage(&msgs[i])
	}
	m.ObserveCall(&report.CallRecord{Outcome: report.OutcomeAnswered})
	m.ObserveCall(&report.CallRecord{Outcome: report.OutcomeFailed})
	m.ObserveCall(&report.CallRecord{Outcome: report.OutcomeFailed})
	m.SetCapture(1000, 7)

	want := []string{
		"sipscan_calls_total{outcome=answered} 1",
		"sipscan_calls_total{outcome=failed} 2",
		"sipscan_capture_dropped_packets_total{} 7",
		"sipscan_capture_packets_total{} 1000",
		"sipscan_sip_messages_total{kind=request,method=INVITE} 2",
		"sipscan_sip_messages_total{kind=request,method=other} 1",
		"sipscan_sip_messages_total{kind=response,method=INVITE} 3",
		"sipscan_sip_messages_total{kind=response,method=other} 1",
		"sipscan_sip_responses_total{category=billing.funds,class=4xx,code=403,severity=fault} 2",
		"sipscan_sip_responses_total{category=ok,class=1xx,code=100,severity=normal} 1",
		"sipscan_sip_responses_total{category=protocol.malformed,class=other,code=other,severity=fault} 1",
		"sipscan_sip_retransmissions_total{} 1",
	}
	got := gather(t, reg)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("metrics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := New(reg); err == nil {
		t.Error("registering twice succeeded; want a duplicate-registration error")
	}
}

func BenchmarkObserveMessage(b *testing.B) {
	m, err := New(prometheus.NewRegistry())
	if err != nil {
		b.Fatal(err)
	}
	req := &report.MessageRecord{Kind: "request", Method: "INVITE"}
	resp := &report.MessageRecord{Kind: "response", Method: "INVITE", Code: 486, Category: "callee.busy", Severity: classify.SeverityNormal}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.ObserveMessage(req)
		m.ObserveMessage(resp)
	}
}
