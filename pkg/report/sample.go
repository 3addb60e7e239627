package report

import (
	"math"
	"slices"
	"time"
)

// maxSamples bounds the durations one sample keeps; beyond it reservoir sampling keeps a
// uniform subset, so percentiles stay representative while memory stays fixed.
const maxSamples = 1 << 16

// LatencySample collects durations in milliseconds for percentiles in bounded memory: the
// first 65,536 are kept, later ones replace kept ones by reservoir sampling with a fixed
// generator, so the same input always gives the same percentiles. The report uses it for
// latency, post-dial delay and setup time; pkg/report/policy uses it so that an unscoped
// delay assertion measures exactly the percentile the report shows. The zero value is empty.
type LatencySample struct {
	vals []float64 // milliseconds
	n    uint64
	rng  uint64
}

// Add adds a duration, at microsecond precision; negative durations are ignored.
func (s *LatencySample) Add(d time.Duration) {
	if d < 0 {
		return
	}
	s.AddMs(float64(d.Microseconds()) / 1000)
}

// AddMs adds a duration in milliseconds; negative values are ignored.
func (s *LatencySample) AddMs(ms float64) {
	if ms < 0 {
		return
	}
	s.n++
	if len(s.vals) < maxSamples {
		s.vals = append(s.vals, ms)
		return
	}
	// xorshift64*: deterministic, so that a report does not change between runs.
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

// Percentiles returns p50 and p95 by nearest rank, and how many durations were added.
func (s *LatencySample) Percentiles() Percentiles {
	if len(s.vals) == 0 {
		return Percentiles{}
	}
	v := slices.Clone(s.vals)
	slices.Sort(v)
	rank := func(p float64) float64 {
		i := int(math.Ceil(p/100*float64(len(v)))) - 1
		if i < 0 {
			i = 0
		}
		return v[i]
	}
	return Percentiles{P50: rank(50), P95: rank(95), N: s.n}
}

// interner returns one shared string per distinct byte sequence, so that methods, reason
// phrases and users seen again and again are allocated once. It is bounded: past maxEntries
// distinct values, or for long values, it returns a fresh string without keeping it.
type interner struct {
	m map[string]string
}

const (
	maxInterned    = 1 << 14
	maxInternedLen = 256
)

func (in *interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(b) <= maxInternedLen && len(in.m) < maxInterned {
		if in.m == nil {
			in.m = make(map[string]string)
		}
		in.m[s] = s
	}
	return s
}
