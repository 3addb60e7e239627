package report

import (
	"hash/maphash"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// TestLRUTableChurn checks the open-addressing index against a map under random inserts and
// removals, through several growths and long probe runs.
func TestLRUTableChurn(t *testing.T) {
	tbl := newLRUTable[int](1, func(v *int) { *v = 0 })
	seed := maphash.MakeSeed()
	keyOf := func(k []byte) tableKey {
		h := newKeyHasher(kindCall)
		h.add(maphash.Bytes(seed, k))
		return h.key()
	}
	ref := map[string]*entry[int]{}
	rng := rand.New(rand.NewPCG(1, 2))
	now := clockOf(time.Unix(0, 0))
	for i := 0; i < 200000; i++ {
		k := []byte("key-" + strconv.Itoa(rng.IntN(3000)))
		e := tbl.find(keyOf(k))
		if e != ref[string(k)] {
			t.Fatalf("step %d: get(%s) = %p, want %p", i, k, e, ref[string(k)])
		}
		switch {
		case e == nil:
			e = tbl.add(keyOf(k), 0, now)
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
		if got := tbl.find(keyOf([]byte(k))); got != e {
			t.Fatalf("final get(%s) = %v", k, got)
		}
	}
	if 2*tbl.n > len(tbl.slots) {
		t.Errorf("%d entries in %d slots", tbl.n, len(tbl.slots))
	}
}

// TestLRUTableCheck checks that keys with the same hash but different checks are different
// entries, found in either order, and that removing one leaves the other.
func TestLRUTableCheck(t *testing.T) {
	tbl := newLRUTable[int](1, nil)
	now := clockOf(time.Unix(0, 0))
	a := tableKey{hash: 7, check: 1}
	b := tableKey{hash: 7, check: 3}
	c := tableKey{hash: 7 + minSlots, check: 1} // same index cell, other hash
	ea := tbl.add(a, 0, now)
	if tbl.find(b) != nil || tbl.find(c) != nil {
		t.Fatal("found a key that was not added")
	}
	eb := tbl.add(b, 0, now)
	ec := tbl.add(c, 0, now)
	if tbl.find(a) != ea || tbl.find(b) != eb || tbl.find(c) != ec {
		t.Fatal("keys sharing an index cell are mixed up")
	}
	tbl.remove(ea)
	if tbl.find(a) != nil || tbl.find(b) != eb || tbl.find(c) != ec {
		t.Fatal("remove disturbed the other keys of the probe run")
	}
}

// TestKeyHasher checks that the pieces' order and kind matter and that no key is the zero
// tableKey.
func TestKeyHasher(t *testing.T) {
	keys := map[tableKey]string{}
	for _, tc := range []struct {
		name   string
		kind   uint64
		pieces []uint64
	}{
		{"a,b", kindCall, []uint64{1, 2}},
		{"b,a", kindCall, []uint64{2, 1}},
		{"a,b as reg", kindReg, []uint64{1, 2}},
		{"a", kindCall, []uint64{1}},
		{"a,0", kindCall, []uint64{1, 0}},
		{"none", kindCall, nil},
		{"zero", 0, nil},
	} {
		h := newKeyHasher(tc.kind)
		for _, p := range tc.pieces {
			h.add(p)
		}
		k := h.key()
		if !k.present() {
			t.Errorf("%s: key %v is no key", tc.name, k)
		}
		if other, ok := keys[k]; ok {
			t.Errorf("%s and %s give the same key", tc.name, other)
		}
		keys[k] = tc.name
	}
}

func TestClockOf(t *testing.T) {
	base := time.Date(2026, 11, 30, 15, 0, 0, 123456789, time.UTC)
	for _, c := range []struct {
		t    time.Time
		want int64
	}{
		{time.Unix(0, 0), 0},
		{base, base.UnixNano()},
		{base.Add(-time.Nanosecond), base.UnixNano() - 1},
		{time.Unix(1<<32-1, 999999999), (1<<32-1)*1e9 + 999999999}, // pcap's last second
		{time.Unix(-1, 0), -1e9},
		{time.Time{}, -clockMaxSec * 1e9},
		{time.Unix(1<<40, 0), clockMaxSec * 1e9},
	} {
		if got := clockOf(c.t); got != c.want {
			t.Errorf("clockOf(%v) = %d, want %d", c.t, got, c.want)
		}
	}
	// Readings keep the order of the times, and their difference never overflows.
	if lo, hi := clockOf(time.Time{}), clockOf(time.Unix(1<<62, 0)); hi-lo <= 0 {
		t.Errorf("clock range %d..%d overflows", lo, hi)
	}
	if clockOf(base) >= clockOf(base.Add(time.Microsecond)) {
		t.Error("clockOf does not keep the order of times")
	}
}
