package report

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// TestLRUTableChurn checks the open-addressing index against a map under random inserts and
// removals, through several growths and long probe runs.
func TestLRUTableChurn(t *testing.T) {
	tbl := newLRUTable[int](1, func(v *int) { *v = 0 })
	ref := map[string]*entry[int]{}
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Unix(0, 0)
	for i := 0; i < 200000; i++ {
		k := []byte("key-" + strconv.Itoa(rng.IntN(3000)))
		e := tbl.get(k)
		if e != ref[string(k)] {
			t.Fatalf("step %d: get(%s) = %p, want %p", i, k, e, ref[string(k)])
		}
		switch {
		case e == nil:
			e = tbl.put(k, 0, now)
			e.val = i
			ref[string(k)] = e
		case rng.IntN(3) > 0:
			tbl.remove(e)
			delete(ref, string(k))
		}
		if tbl.n != len(ref) {
			t.Fatalf("step %d: n = %d, want %d", i, tbl.n, len(ref))
		}
	}
	for k, e := range ref {
		if got := tbl.get([]byte(k)); got != e || string(got.key) != k {
			t.Fatalf("final get(%s) = %v", k, got)
		}
	}
	if 2*tbl.n > len(tbl.slots) {
		t.Errorf("%d entries in %d slots", tbl.n, len(tbl.slots))
	}
}
