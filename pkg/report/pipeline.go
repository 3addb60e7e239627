package report

import (
	"context"
	"sync"

	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/sipmsg"
)

// The parallel pipeline of Analyze: one goroutine reads and decodes the captures, two parse
// SIP and derive the table keys of each message (msgKeys) on alternate batches, and the
// caller's goroutine classifies, correlates and counts. Messages travel in batches, in
// capture order, so the Collector sees exactly what the sequential loop would show it and the
// report is the same.
// Batches are allocated once and recycled: the steady state allocates nothing.
const (
	batchMessages = 256       // messages per batch
	batchArena    = 256 << 10 // bytes of message data per batch
	batchCount    = 12        // batches in flight
)

// batch is a run of consecutive messages with copies of their bytes and what the Collector
// needs of each (msgKeys), or why it could not be parsed. The parses themselves are not kept:
// each parse worker reuses one.
type batch struct {
	arena     []byte
	msgs      []capture.Message
	keys      []msgKeys
	errs      []error
	malformed []sipmsg.MalformedError // copies of the errors that belong to a worker's parse
}

func newBatch() *batch {
	return &batch{
		arena:     make([]byte, 0, batchArena),
		msgs:      make([]capture.Message, 0, batchMessages),
		keys:      make([]msgKeys, batchMessages),
		errs:      make([]error, batchMessages),
		malformed: make([]sipmsg.MalformedError, batchMessages),
	}
}

// add copies m into b, or reports that b is full. A message larger than the arena gets a
// buffer of its own.
func (b *batch) add(m *capture.Message) bool {
	if len(b.msgs) == cap(b.msgs) {
		return false
	}
	n := len(m.Data)
	var data []byte
	switch {
	case n <= cap(b.arena)-len(b.arena):
		off := len(b.arena)
		b.arena = append(b.arena, m.Data...)
		data = b.arena[off : off+n : off+n]
	case len(b.msgs) > 0:
		return false
	default:
		data = append([]byte(nil), m.Data...)
	}
	b.msgs = append(b.msgs, *m)
	b.msgs[len(b.msgs)-1].Data = data
	return true
}

func (b *batch) reset() {
	b.arena = b.arena[:0]
	clear(b.msgs)
	b.msgs = b.msgs[:0]
}

// parseWorkers is how many goroutines parse messages and derive their keys, each a batch at
// a time.
const parseWorkers = 2

// analyzeParallel is Analyze's loop spread over several goroutines: the reader hands the
// batches to the parse workers in turn (batch n to worker n mod parseWorkers); each worker
// parses its batch and derives what depends on each message alone, then waits for its turn,
// which the worker of the batch before passes on once it is done, to derive the rest with the
// shared deriver and hand the batch to the Collector. So the deriver numbers strings and
// shapes in capture order, and the Collector gets the batches in capture order.
func analyzeParallel(ctx context.Context, names []string, cfg Config, c *Collector) ([]capture.InputStats, error) {
	free := make(chan *batch, batchCount)
	toCollect := make(chan *batch, batchCount)
	var (
		toParse [parseWorkers]chan *batch
		turn    [parseWorkers]chan struct{}
	)
	for w := range parseWorkers {
		toParse[w] = make(chan *batch, batchCount)
		turn[w] = make(chan struct{}, 1)
	}
	for range batchCount {
		free <- newBatch()
	}
	var (
		stats   []capture.InputStats
		readErr error
	)
	go func() {
		defer func() {
			for _, ch := range toParse {
				close(ch)
			}
		}()
		next := 0
		send := func(b *batch) {
			toParse[next] <- b
			next = (next + 1) % parseWorkers
		}
		cur := <-free
		stats, readErr = capture.ReadFiles(ctx, names, cfg.Capture, func(m *capture.Message) error {
			if !cur.add(m) {
				send(cur)
				cur = <-free
				cur.add(m)
			}
			return nil
		})
		if len(cur.msgs) > 0 {
			send(cur)
		}
	}()
	dv := &c.dv // the parse workers' (whichever has the turn) until they are done
	seed := c.dv.seed
	var done sync.WaitGroup
	turn[0] <- struct{}{}
	for w := range parseWorkers {
		done.Go(func() {
			var msg sipmsg.Message // reused: what is kept of it is in the batch's keys
			for b := range toParse[w] {
				for i := range b.msgs {
					err := msg.Parse(b.msgs[i].Data)
					if me, ok := err.(*sipmsg.MalformedError); ok {
						// The error belongs to msg, which the next Parse overwrites.
						b.malformed[i] = *me
						err = &b.malformed[i]
					}
					b.errs[i] = err
					if err == nil {
						b.keys[i].deriveOwn(seed, &msg)
					}
				}
				<-turn[w]
				for i := range b.msgs {
					if b.errs[i] == nil {
						b.keys[i].deriveShared(dv)
					}
				}
				toCollect <- b
				turn[(w+1)%parseWorkers] <- struct{}{}
			}
		})
	}
	go func() {
		done.Wait()
		close(toCollect)
	}()
	for b := range toCollect {
		for i := range b.msgs {
			if i%warmAhead == 0 {
				j := min(i+warmAhead, len(b.msgs))
				c.warm(b.keys[i:j], b.errs[i:j])
			}
			if err := b.errs[i]; err != nil {
				c.AddMalformed(&b.msgs[i], err)
			} else {
				c.add(&b.msgs[i], &b.keys[i])
			}
			b.errs[i] = nil
		}
		b.reset()
		free <- b
	}
	// toCollect is closed only after the workers are done, which is after the reader closed
	// their channels when ReadFiles had returned: stats and readErr are set.
	return stats, readErr
}

// warmAhead is how many messages of a batch the Collector warms before adding them.
const warmAhead = 16

// warm loads what the lookups of the messages of keys will read from the tables, for a few
// messages at a time just before they are added: independent loads overlap, while each
// lookup of its own waits for its cache misses in turn. It changes nothing, so the report is
// the same with or without it.
func (c *Collector) warm(keys []msgKeys, errs []error) {
	var sink uintptr
	for i := range keys {
		if errs[i] != nil {
			continue
		}
		mk := &keys[i]
		e, v := c.txs.warm(mk.tx.hash)
		sink += v
		if e != nil {
			sink += uintptr(e.val.nsigs) + uintptr(e.val.prior) + uintptr(len(e.val.ruriUser))
		}
		if mk.txInvite.present() {
			e, v := c.txs.warm(mk.txInvite.hash)
			sink += v
			if e != nil {
				sink += uintptr(e.val.nsigs)
			}
		}
		if mk.callFrom.present() {
			e, v := c.calls.warm(mk.callFrom.hash)
			sink += v
			if e != nil {
				sink += uintptr(e.val.challenges) + uintptr(e.val.finalCode)
			}
		}
		if mk.reg.present() {
			e, v := c.regs.warm(mk.reg.hash)
			sink += v
			if e != nil {
				sink += uintptr(e.val.challenges)
			}
		}
	}
	c.warmSink += sink
}
