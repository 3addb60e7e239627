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
// It selects the two ranks rather than sorting the sample: the report's summary is the
// serial end of a run, and its few samples of up to 65,536 values took tens of milliseconds to
// sort.
func (s *LatencySample) Percentiles() Percentiles {
	if len(s.vals) == 0 {
		return Percentiles{}
	}
	v := slices.Clone(s.vals)
	rank := func(p float64) int {
		return max(int(math.Ceil(p/100*float64(len(v))))-1, 0)
	}
	i50, i95 := rank(50), rank(95)
	p50 := selectNth(v, i50)
	// After selecting, v[i50+1:] holds the values at and above it: p95 is among them.
	p95 := p50
	if i95 > i50 {
		p95 = selectNth(v[i50+1:], i95-i50-1)
	}
	return Percentiles{P50: p50, P95: p95, N: s.n}
}

// selectNth reorders v so that v[k] is the value a sort would put there, every value before
// it no greater and every value after it no smaller, and returns v[k]. Quickselect with the
// median of three as pivot; a range that does not shrink fast enough (a sequence made to
// defeat the pivot) is sorted instead, so the time stays O(n log n) at worst.
func selectNth(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	budget := 2 * bitsLen(len(v))
	for hi > lo {
		if budget == 0 {
			slices.Sort(v[lo : hi+1])
			return v[k]
		}
		budget--
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		// Hoare partition: equal values are split between both sides, so a sample of one
		// repeated value still halves.
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k] // between j and i: equal to the pivot
		}
	}
	return v[k]
}

// bitsLen is the number of bits n takes.
func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
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
