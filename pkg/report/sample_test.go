package report

import (
	"testing"
	"time"
)

func TestLatencySample(t *testing.T) {
	tests := []struct {
		name string
		add  []time.Duration
		want Percentiles
	}{
		{"empty", nil, Percentiles{}},
		{"one", []time.Duration{1500 * time.Microsecond}, Percentiles{P50: 1.5, P95: 1.5, N: 1}},
		{"negative ignored", []time.Duration{-time.Nanosecond, -time.Second, 2 * time.Millisecond}, Percentiles{P50: 2, P95: 2, N: 1}},
		{"nearest rank", func() []time.Duration {
			var d []time.Duration
			for i := 20; i >= 1; i-- { // out of order on purpose
				d = append(d, time.Duration(i)*time.Millisecond)
			}
			return d
		}(), Percentiles{P50: 10, P95: 19, N: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s LatencySample
			for _, d := range tt.add {
				s.Add(d)
			}
			if got := s.Percentiles(); got != tt.want {
				t.Errorf("Percentiles() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Past maxSamples the reservoir keeps a fixed-size, deterministic subset: two samples fed the
// same values agree, memory stays bounded, and the percentiles stay close to the true ones.
func TestLatencySampleReservoir(t *testing.T) {
	var a, b LatencySample
	const n = 3 * maxSamples
	for i := range n {
		ms := float64(i % 1000) // uniform over 0..999
		a.AddMs(ms)
		b.AddMs(ms)
	}
	pa, pb := a.Percentiles(), b.Percentiles()
	if pa != pb {
		t.Fatalf("same input, different percentiles: %+v and %+v", pa, pb)
	}
	if len(a.vals) != maxSamples || pa.N != n {
		t.Errorf("kept %d values of %d (N %d), want %d kept", len(a.vals), n, pa.N, maxSamples)
	}
	if pa.P50 < 480 || pa.P50 > 520 || pa.P95 < 930 || pa.P95 > 970 {
		t.Errorf("percentiles %+v, want p50 near 500 and p95 near 950", pa)
	}
}
