package report

import (
	"math/rand/v2"
	"slices"
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

// TestSelectNthAgreesWithSort selects every rank of samples shaped to trouble a quickselect
// (sorted, reversed, one repeated value, few distinct values, an organ pipe, random) and
// requires the value a sort puts there.
func TestSelectNthAgreesWithSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := map[string]func(i, n int) float64{
		"sorted":   func(i, n int) float64 { return float64(i) },
		"reversed": func(i, n int) float64 { return float64(n - i) },
		"constant": func(i, n int) float64 { return 7 },
		"few":      func(i, n int) float64 { return float64(i % 3) },
		"organ":    func(i, n int) float64 { return float64(min(i, n-i)) },
		"random":   func(i, n int) float64 { return float64(rng.IntN(1000)) / 10 },
	}
	for name, shape := range shapes {
		for _, n := range []int{1, 2, 3, 5, 16, 101, 1000} {
			v := make([]float64, n)
			for i := range v {
				v[i] = shape(i, n)
			}
			sorted := slices.Sorted(slices.Values(v))
			for k := range n {
				w := slices.Clone(v)
				if got := selectNth(w, k); got != sorted[k] {
					t.Fatalf("%s n=%d: selectNth(%d) = %v, want %v", name, n, k, got, sorted[k])
				}
				for i := range k {
					if w[i] > w[k] {
						t.Fatalf("%s n=%d k=%d: v[%d] = %v above v[k] = %v", name, n, k, i, w[i], w[k])
					}
				}
				for i := k + 1; i < n; i++ {
					if w[i] < w[k] {
						t.Fatalf("%s n=%d k=%d: v[%d] = %v below v[k] = %v", name, n, k, i, w[i], w[k])
					}
				}
			}
		}
	}
}

// BenchmarkPercentiles is a full sample of latencies, as each method's, the post-dial
// delay's and the setup time's are on a large capture, when the report is summarised.
func BenchmarkPercentiles(b *testing.B) {
	var s LatencySample
	rng := rand.New(rand.NewPCG(3, 4))
	for range maxSamples * 4 {
		s.AddMs(rng.ExpFloat64() * 40)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.Percentiles()
	}
}
