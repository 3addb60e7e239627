package report

import (
	"hash/maphash"
	"time"
)

// entry is one keyed value of a lruTable. Entries are pooled: after remove, the entry and its
// key buffer are reused by the next put, which keeps the steady path free of allocations.
type entry[T any] struct {
	key   []byte
	hash  uint64
	chain *entry[T] // next entry with the same hash
	prev  *entry[T] // towards the most recently used end of its list
	next  *entry[T] // towards the least recently used end
	list  int
	last  time.Time // capture time of the last activity
	val   T
}

// lruList is a doubly linked list of entries, most recently active first.
type lruList[T any] struct {
	head, tail *entry[T]
	n          int
}

// lruTable maps byte keys to values, keeps the entries in a few activity-ordered lists (for
// timeouts that differ by state) and bounds their number. It uses a 64-bit hash as the map key
// with collision chains, so that neither lookups nor inserts of reused entries allocate.
type lruTable[T any] struct {
	seed  maphash.Seed
	m     map[uint64]*entry[T]
	lists []lruList[T]
	free  []*entry[T]
	n     int
	reset func(*T) // prepares a reused value; keeps its buffers
}

func newLRUTable[T any](lists int, reset func(*T)) *lruTable[T] {
	return &lruTable[T]{
		seed:  maphash.MakeSeed(),
		m:     make(map[uint64]*entry[T]),
		lists: make([]lruList[T], lists),
		reset: reset,
	}
}

func (t *lruTable[T]) get(key []byte) *entry[T] {
	h := maphash.Bytes(t.seed, key)
	for e := t.m[h]; e != nil; e = e.chain {
		if string(e.key) == string(key) {
			return e
		}
	}
	return nil
}

// put adds a new entry for key (which must not be present) at the front of list, with a reset
// value.
func (t *lruTable[T]) put(key []byte, list int, now time.Time) *entry[T] {
	var e *entry[T]
	if n := len(t.free); n > 0 {
		e = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		e = new(entry[T])
	}
	e.key = append(e.key[:0], key...)
	e.hash = maphash.Bytes(t.seed, key)
	e.chain = t.m[e.hash]
	t.m[e.hash] = e
	if t.reset != nil {
		t.reset(&e.val)
	}
	e.list = list
	e.last = now
	t.pushFront(e)
	t.n++
	return e
}

// touch marks e active at now and moves it to the front of list.
func (t *lruTable[T]) touch(e *entry[T], list int, now time.Time) {
	if now.After(e.last) {
		e.last = now
	}
	t.unlink(e)
	e.list = list
	t.pushFront(e)
}

// remove drops e from the table; e is reused by a later put.
func (t *lruTable[T]) remove(e *entry[T]) {
	t.unlink(e)
	if p := t.m[e.hash]; p == e {
		if e.chain == nil {
			delete(t.m, e.hash)
		} else {
			t.m[e.hash] = e.chain
		}
	} else {
		for ; p != nil; p = p.chain {
			if p.chain == e {
				p.chain = e.chain
				break
			}
		}
	}
	e.chain = nil
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
