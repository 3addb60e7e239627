package policy

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sipscan/sipscan/internal/testenv"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/report"
)

// benchPolicy holds one assertion of every kind that looks at messages or calls.
func benchPolicy(tb testing.TB) *Policy {
	return &Policy{Assertions: []Assertion{
		mustFlag(tb, KindFailOn, "fault"),
		mustFlag(tb, KindMax, "5xx=0"),
		mustFlag(tb, KindMaxRatio, "4xx=0.05"),
		mustFlag(tb, KindMinASR, "0.95"),
		mustFlag(tb, KindMaxPDDP95, "3s"),
		mustFlag(tb, KindRequireFinal, ""),
	}}
}

// TestOnMessageAllocs keeps the per-message path free of allocations once the evidence is
// full: a check over a large capture allocates per request it tracks, not per message.
func TestOnMessageAllocs(t *testing.T) {
	e := NewEvaluator(benchPolicy(t))
	resp := &report.MessageRecord{Time: time.Unix(1, 0), Src: carrierA, Dst: sbc, Kind: "response", Method: "INVITE",
		Code: 503, Reason: "Service Unavailable", CallID: "c1", CSeq: 1, Category: "capacity.overload", Severity: "fault"}
	for range DefaultMaxEvidence {
		e.OnMessage(resp)
	}
	ack := &report.MessageRecord{Time: time.Unix(1, 0), Src: sbc, Dst: carrierA, Kind: "request", Method: "ACK", CallID: "c1", CSeq: 1}
	if n := testing.AllocsPerRun(100, func() { e.OnMessage(resp); e.OnMessage(ack) }); n != 0 {
		t.Errorf("%v allocations per message, want 0", n)
	}
}

// BenchmarkCheck measures a whole check (analysis and evaluation) of the sample capture; see
// BenchmarkAnalyze for the analysis alone.
func BenchmarkCheck(b *testing.B) {
	path := filepath.Join(testenv.RepoRoot(b), "testdata", "pcaps", "sample.pcapng")
	p := benchPolicy(b)
	cl, err := classify.New(classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(context.Background(), p, []string{path}, report.Config{Classifier: cl}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOnMessage measures the evaluation of one response against six assertions.
func BenchmarkOnMessage(b *testing.B) {
	e := NewEvaluator(benchPolicy(b))
	r := &report.MessageRecord{Time: time.Unix(1, 0), Src: carrierA, Dst: sbc, Kind: "response", Method: "INVITE",
		Code: 486, Reason: "Busy Here", CallID: "c1", CSeq: 1, Category: "callee.busy", Severity: "normal"}
	b.ReportAllocs()
	for b.Loop() {
		e.OnMessage(r)
	}
}

// BenchmarkAnalyze is the analysis of BenchmarkCheck without the evaluation.
func BenchmarkAnalyze(b *testing.B) {
	path := filepath.Join(testenv.RepoRoot(b), "testdata", "pcaps", "sample.pcapng")
	cl, err := classify.New(classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Analyze(context.Background(), []string{path}, report.Config{Classifier: cl}); err != nil {
			b.Fatal(err)
		}
	}
}
