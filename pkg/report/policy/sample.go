package policy

import (
	"math"
	"slices"
)

// maxSamples bounds the durations one sample keeps. Beyond it reservoir sampling keeps a
// uniform subset, with the same deterministic generator as the report, so that an unscoped
// delay assertion measures the p95 the report shows.
const maxSamples = 1 << 16

// sample collects durations in milliseconds for percentiles.
type sample struct {
	vals []float64
	n    uint64
	rng  uint64
}

func (s *sample) add(ms float64) {
	if ms < 0 {
		return
	}
	s.n++
	if len(s.vals) < maxSamples {
		s.vals = append(s.vals, ms)
		return
	}
	// xorshift64*, as in pkg/report.
	if s.rng == 0 {
		s.rng = 0x9E3779B97F4A7C15
	}
	s.rng ^= s.rng >> 12
	s.rng ^= s.rng << 25
	s.rng ^= s.rng >> 27
	if j := (s.rng * 2685821657736338717) % s.n; j < maxSamples {
		s.vals[j] = ms
	}
}

// p95 returns the 95th percentile by nearest rank, 0 when empty.
func (s *sample) p95() float64 {
	if len(s.vals) == 0 {
		return 0
	}
	v := slices.Clone(s.vals)
	slices.Sort(v)
	i := int(math.Ceil(0.95*float64(len(v)))) - 1
	if i < 0 {
		i = 0
	}
	return v[i]
}
