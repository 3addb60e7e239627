package report

import (
	"fmt"
	"testing"
)

// TestDeriverNumbers checks that the deriver hands out one number per distinct string and
// response shape, whatever its direct-mapped caches hold: strings and shapes are asked for
// in an order that makes many of them share a slot and evict each other.
func TestDeriverNumbers(t *testing.T) {
	var dv deriver
	strID := map[string]uint32{}
	for round := 0; round < 3; round++ {
		for i := 0; i < 500; i++ {
			for _, s := range []string{fmt.Sprintf("Phrase %d", i), fmt.Sprintf("P%d", i%37), "OK", "Ringing"} {
				got, id := dv.intern([]byte(s))
				if got != s {
					t.Fatalf("intern(%q) = %q", s, got)
				}
				if want, ok := strID[s]; ok && id != want {
					t.Fatalf("round %d: intern(%q) = %d, earlier %d", round, s, id, want)
				}
				strID[s] = id
			}
		}
	}
	seen := map[uint32]string{}
	for s, id := range strID {
		if id < 2+uint32(len(commonMethods)) {
			t.Errorf("intern(%q) = %d, a number kept for the empty string or the common methods", s, id)
		}
		if other, dup := seen[id]; dup {
			t.Errorf("intern gave %d to both %q and %q", id, s, other)
		}
		seen[id] = s
	}
	if _, id := dv.intern(nil); id != 1 {
		t.Errorf("intern(empty) = %d, want 1", id)
	}
	for i, m := range commonMethods {
		if got, id := dv.internMethod([]byte(m)); got != m || id != 2+uint32(i) {
			t.Errorf("internMethod(%q) = %q, %d; want %d", m, got, id, 2+i)
		}
	}
	if got, id := dv.internMethod([]byte("Phrase 7")); got != "Phrase 7" || id != strID["Phrase 7"] {
		t.Errorf("internMethod of an interned string = %q, %d; want %d", got, id, strID["Phrase 7"])
	}

	shapeID := map[respShape]uint32{}
	for round := 0; round < 3; round++ {
		for code := int32(400); code < 600; code++ { // 3,600 shapes, under maxShapes
			for reason := uint32(1); reason < 4; reason++ {
				// Shapes that differ only in fields the slot index does not read share a slot.
				for _, stale := range []bool{false, true} {
					for cause := int32(0); cause < 3; cause++ {
						k := respShape{code: code, reason: reason, method: 2 + reason%2, warning: code % 3, stale: stale, cause: cause}
						id := dv.shape(k)
						if want, ok := shapeID[k]; ok && id != want {
							t.Fatalf("round %d: shape(%+v) = %d, earlier %d", round, k, id, want)
						}
						shapeID[k] = id
					}
				}
			}
		}
	}
	ids := map[uint32]bool{}
	for k, id := range shapeID {
		if id == 0 || ids[id] {
			t.Fatalf("shape(%+v) = %d: zero or given twice", k, id)
		}
		ids[id] = true
	}
}
