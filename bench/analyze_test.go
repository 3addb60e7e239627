// Package bench holds the benchmark of the whole analysis on a generated capture, the one
// bench/run.sh times from the command line, for profiling:
//
//	go run ./cmd/sipgen -size 1GiB -rtp 0 -seed 1 -o /tmp/w1.pcap
//	SIPBENCH_FILE=/tmp/w1.pcap go test ./bench -run '^$' -bench Analyze -benchtime 3x -cpuprofile /tmp/cpu.out
//	go tool pprof -top bench.test /tmp/cpu.out
package bench

import (
	"context"
	"os"
	"runtime/metrics"
	"testing"

	"github.com/sipscan/sipscan/internal/hugeheap"
	"github.com/sipscan/sipscan/internal/tracegen"
	"github.com/sipscan/sipscan/pkg/report"
)

// TestMain backs the heap with huge pages where the system asks for madvise, as importing
// internal/hugeheap does for sipscan; more of it, as the benchmark's runs follow one another
// before their garbage is collected.
func TestMain(m *testing.M) {
	_, _ = hugeheap.AdviseHeap(256 << 20)
	os.Exit(m.Run())
}

// BenchmarkAnalyze runs report.Analyze on $SIPBENCH_FILE, or on a generated 32 MiB capture
// with 95% RTP when it is unset, and checks the counts against the expected-counts file.
func BenchmarkAnalyze(b *testing.B) {
	path := os.Getenv("SIPBENCH_FILE")
	if path == "" {
		path = b.TempDir() + "/w.pcap"
		if _, err := tracegen.WriteFile(path, tracegen.Options{Size: 32 << 20, RTPShare: 0.95, Seed: 2}); err != nil {
			b.Fatal(err)
		}
	}
	exp, err := tracegen.ReadExpected(tracegen.ExpectedPath(path))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(exp.Bytes)
	b.ReportAllocs()
	before := cpuClasses()
	for b.Loop() {
		r, err := report.Analyze(context.Background(), []string{path}, report.Config{})
		if err != nil {
			b.Fatal(err)
		}
		if r.Totals.SIPMessages != uint64(exp.SIPMessages) || r.Calls.Total != uint64(exp.Calls.Total) {
			b.Fatalf("%d SIP messages and %d calls, want %d and %d",
				r.Totals.SIPMessages, r.Calls.Total, exp.SIPMessages, exp.Calls.Total)
		}
	}
	b.ReportMetric(float64(exp.Packets)*float64(b.N)/b.Elapsed().Seconds(), "packets/s")
	// How the Ps' time went: the runtime's estimates, whose sum is GOMAXPROCS times the wall
	// time. Idle time is what the pipeline leaves of the cores while it waits on itself.
	after := cpuClasses()
	for i, name := range cpuClassNames {
		b.ReportMetric((after[i]-before[i])/float64(b.N), name+"-s/op")
	}
}

var cpuClassNames = [...]string{"user", "gc", "idle"}

// cpuClasses returns the runtime's user, GC and idle CPU seconds so far.
func cpuClasses() [len(cpuClassNames)]float64 {
	samples := []metrics.Sample{
		{Name: "/cpu/classes/user:cpu-seconds"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/idle:cpu-seconds"},
	}
	metrics.Read(samples)
	var out [len(cpuClassNames)]float64
	for i, s := range samples {
		if s.Value.Kind() == metrics.KindFloat64 {
			out[i] = s.Value.Float64()
		}
	}
	return out
}
