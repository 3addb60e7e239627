package report

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/classify"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// benchTraffic is a prepared stream of messages: distinct calls of a few repeated shapes
// (answered, challenged then answered, busy, cancelled) and registrations, each call with
// its own Call-ID and branches as in real traffic.
type benchMsg struct {
	data     []byte
	at       time.Duration
	src, dst netip.AddrPort
}

func benchTraffic(calls int) ([]benchMsg, time.Duration) {
	var out []benchMsg
	const gap = 20 * time.Millisecond
	for i := 0; i < calls; i++ {
		id := fmt.Sprintf("bench-%06d", i)
		start := time.Duration(i) * gap
		var steps []step
		switch i % 4 {
		case 0:
			steps = answeredCall(id, start)
		case 1:
			steps = challengedCall(id, start)
		case 2:
			steps = failedCall(id, start, 486, "Busy Here")
		case 3:
			steps = registration(id, "sip:user"+id[len(id)-3:]+"@example.com", start, 200, "OK")
		}
		for _, s := range steps {
			out = append(out, benchMsg{[]byte(s.msg.String()), s.at, netip.MustParseAddrPort(s.src), netip.MustParseAddrPort(s.dst)})
		}
	}
	sortBench(out)
	return out, time.Duration(calls)*gap + 2*time.Minute
}

func sortBench(s []benchMsg) {
	// Insertion sort: the input is nearly sorted already.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].at < s[j-1].at; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// benchCollector runs the steady path: the traffic repeats with the clock moving on, so that
// finished calls and transactions are recycled. With preParsed, every message is parsed once
// before the timer starts (into its own Message) and only the collector is measured.
func benchCollector(b *testing.B, preParsed bool) {
	traffic, period := benchTraffic(1000)
	cl, err := classify.New(classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	c := NewCollector(Config{Classifier: cl})
	parsed := make([]sipmsg.Message, len(traffic))
	var size int64
	for i, t := range traffic {
		size += int64(len(t.data))
		if err := parsed[i].Parse(t.data); err != nil {
			b.Fatal(err)
		}
	}
	var msg sipmsg.Message
	m := capture.Message{Input: "bench", Transport: capture.TransportUDP}
	run := func(i int, round int) {
		t := &traffic[i]
		m.Data, m.Src, m.Dst, m.Frame = t.data, t.src, t.dst, i+1
		m.Time = t0.Add(time.Duration(round)*period + t.at)
		if preParsed {
			c.Add(&m, &parsed[i])
			return
		}
		if err := msg.Parse(m.Data); err != nil {
			b.Fatal(err)
		}
		c.Add(&m, &msg)
	}
	// Warm up: two rounds fill the pools, maps and the classifier's cache.
	for round := 0; round < 2; round++ {
		for i := range traffic {
			run(i, round)
		}
	}
	b.SetBytes(size / int64(len(traffic)))
	b.ReportAllocs()
	b.ResetTimer()
	round, i := 2, 0
	for n := 0; n < b.N; n++ {
		run(i, round)
		if i++; i == len(traffic) {
			i, round = 0, round+1
		}
	}
}

// BenchmarkCollectorAdd measures correlation and counting per message, parsing excluded.
func BenchmarkCollectorAdd(b *testing.B) { benchCollector(b, true) }

// BenchmarkCollectorParseAndAdd measures what Analyze does per message after capture:
// parsing plus correlation.
func BenchmarkCollectorParseAndAdd(b *testing.B) { benchCollector(b, false) }

// TestCollectorSteadyPathAllocs holds the collector to its allocation budget on repeated
// call shapes: once the pools are warm, adding a message allocates nothing.
func TestCollectorSteadyPathAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation measurement skipped in -short mode")
	}
	traffic, period := benchTraffic(200)
	parsed := make([]sipmsg.Message, len(traffic))
	for i, tr := range traffic {
		if err := parsed[i].Parse(tr.data); err != nil {
			t.Fatal(err)
		}
	}
	cl, err := classify.New(classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector(Config{Classifier: cl})
	m := capture.Message{Input: "bench", Transport: capture.TransportUDP}
	round := 0
	pass := func() {
		for i := range traffic {
			tr := &traffic[i]
			m.Data, m.Src, m.Dst = tr.data, tr.src, tr.dst
			m.Time = t0.Add(time.Duration(round)*period + tr.at)
			c.Add(&m, &parsed[i])
		}
		round++
	}
	pass()
	pass()
	allocs := testing.AllocsPerRun(5, pass) / float64(len(traffic))
	if allocs > 0.01 {
		t.Errorf("%.3f allocations per message on the steady path, want 0", allocs)
	}
}
