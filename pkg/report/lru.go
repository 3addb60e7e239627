package report

// entry is one keyed value of a lruTable. Entries are pooled: after remove, the entry (and
// the buffers its value keeps) is reused by the next add, which keeps the steady path free
// of allocations.
type entry[T any] struct {
	hash  uint64 // the key (see tableKey)
	check uint64
	prev  *entry[T] // towards the most recently used end of its list
	next  *entry[T] // towards the least recently used end
	list  int
	last  int64 // capture time of the last activity, on the Collector's clock (see clockOf)
	val   T
}

// lruList is a doubly linked list of entries, most recently active first.
type lruList[T any] struct {
	head, tail *entry[T]
	n          int
}

// slot is one cell of a lruTable's index: the entry and its hash, so that probing compares
// hashes without loading the entries.
type slot[T any] struct {
	hash uint64
	e    *entry[T]
}

// lruTable maps keys (tableKey) to values, keeps the entries in a few activity-ordered lists (for
// timeouts that differ by state) and bounds their number. Its index is an open-addressing
// table with linear probing, at most half full, and backward-shift deletion (no tombstones,
// so probes stay short however much the entries churn): lookups touch one or two cache lines
// of the index and the entry they find, and neither lookups nor inserts of reused entries
// allocate.
type lruTable[T any] struct {
	slots []slot[T] // length a power of two
	lists []lruList[T]
	free  []*entry[T]
	n     int
	reset func(*T) // prepares a reused value; keeps its buffers
}

const minSlots = 1024

func newLRUTable[T any](lists int, reset func(*T)) *lruTable[T] {
	return &lruTable[T]{
		slots: make([]slot[T], minSlots),
		lists: make([]lruList[T], lists),
		reset: reset,
	}
}

// find returns the entry of k, or nil.
func (t *lruTable[T]) find(k tableKey) *entry[T] {
	mask := uint64(len(t.slots) - 1)
	for i := k.hash & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.e == nil {
			return nil
		}
		if s.hash == k.hash && s.e.check == k.check {
			return s.e
		}
	}
}

// add adds a new entry for k (which must not be present) at the front of list, with a reset
// value.
func (t *lruTable[T]) add(k tableKey, list int, now int64) *entry[T] {
	var e *entry[T]
	if n := len(t.free); n > 0 {
		e = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		e = new(entry[T])
	}
	e.hash, e.check = k.hash, k.check
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	t.insert(e)
	if t.reset != nil {
		t.reset(&e.val)
	}
	e.list = list
	e.last = now
	t.pushFront(e)
	t.n++
	return e
}

// insert puts e into the first free slot of its probe sequence.
func (t *lruTable[T]) insert(e *entry[T]) {
	mask := uint64(len(t.slots) - 1)
	i := e.hash & mask
	for t.slots[i].e != nil {
		i = (i + 1) & mask
	}
	t.slots[i] = slot[T]{hash: e.hash, e: e}
}

// grow doubles the index.
func (t *lruTable[T]) grow() {
	old := t.slots
	t.slots = make([]slot[T], 2*len(old))
	for _, s := range old {
		if s.e != nil {
			t.insert(s.e)
		}
	}
}

// touch marks e active at now and moves it to the front of list.
func (t *lruTable[T]) touch(e *entry[T], list int, now int64) {
	if now > e.last {
		e.last = now
	}
	t.unlink(e)
	e.list = list
	t.pushFront(e)
}

// remove drops e from the table; e is reused by a later put.
func (t *lruTable[T]) remove(e *entry[T]) {
	t.unlink(e)
	mask := uint64(len(t.slots) - 1)
	i := e.hash & mask
	for t.slots[i].e != e {
		i = (i + 1) & mask
	}
	// Backward-shift deletion: move later entries of the probe run into the hole unless
	// their home slot lies cyclically after the hole.
	for j := (i + 1) & mask; t.slots[j].e != nil; j = (j + 1) & mask {
		home := t.slots[j].hash & mask
		if (j-home)&mask >= (j-i)&mask {
			t.slots[i] = t.slots[j]
			i = j
		}
	}
	t.slots[i] = slot[T]{}
	t.n--
	t.free = append(t.free, e)
}

// oldest returns the least recently active entry of list, or nil.
func (t *lruTable[T]) oldest(list int) *entry[T] {
	return t.lists[list].tail
}

func (t *lruTable[T]) pushFront(e *entry[T]) {
	l := &t.lists[e.list]
	e.prev = nil
	e.next = l.head
	if l.head != nil {
		l.head.prev = e
	}
	l.head = e
	if l.tail == nil {
		l.tail = e
	}
	l.n++
}

func (t *lruTable[T]) unlink(e *entry[T]) {
	l := &t.lists[e.list]
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		l.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		l.tail = e.prev
	}
	e.prev, e.next = nil, nil
	l.n--
}

// warm loads the index cell of the key hashed h and the entry it points to, and returns the
// entry when its hash is h (so the caller can load more of it) and something of the loads,
// so that they are not optimised away. It changes nothing; see Collector.warm.
func (t *lruTable[T]) warm(h uint64) (*entry[T], uintptr) {
	s := &t.slots[h&uint64(len(t.slots)-1)]
	e := s.e
	if e == nil || s.hash != h {
		return nil, 0
	}
	return e, uintptr(e.check) + uintptr(e.list)
}
