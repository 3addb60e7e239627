package capture

import (
	"io"
)

// Reading ahead: a goroutine reads the next chunks of a file while the caller decodes the
// current one, so the read system calls (a copy out of the page cache) run on another core
// instead of between packets.
const (
	readAheadChunk  = 1 << 20
	readAheadChunks = 4
)

// readAhead is an io.Reader that is filled by a goroutine of its own. Close stops the
// goroutine; it must be called before the underlying reader is closed.
type readAhead struct {
	full   chan []byte // chunks read, in order; closed after the last one
	empty  chan []byte // chunks to read into
	stop   chan struct{}
	exited chan struct{}
	err    error // why the filling goroutine stopped: io.EOF or a read error; set before full is closed

	cur []byte // chunk being consumed
	off int
}

func newReadAhead(r io.Reader) *readAhead {
	ra := &readAhead{
		full:   make(chan []byte, readAheadChunks),
		empty:  make(chan []byte, readAheadChunks),
		stop:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	for range readAheadChunks {
		ra.empty <- make([]byte, readAheadChunk)
	}
	go ra.fill(r)
	return ra
}

func (ra *readAhead) fill(r io.Reader) {
	defer close(ra.exited)
	defer close(ra.full)
	for {
		var buf []byte
		select {
		case buf = <-ra.empty:
		case <-ra.stop:
			return
		}
		n, err := io.ReadFull(r, buf[:cap(buf)])
		if n > 0 {
			select {
			case ra.full <- buf[:n]:
			case <-ra.stop:
				return
			}
		}
		if err != nil {
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
			ra.err = err
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for ra.off == len(ra.cur) {
		if ra.cur != nil {
			ra.empty <- ra.cur[:cap(ra.cur)] // never blocks: there are only readAheadChunks chunks
			ra.cur, ra.off = nil, 0
		}
		b, ok := <-ra.full
		if !ok {
			return 0, ra.err
		}
		ra.cur = b
	}
	n := copy(p, ra.cur[ra.off:])
	ra.off += n
	return n, nil
}

// Close stops the filling goroutine and waits for it.
func (ra *readAhead) Close() {
	close(ra.stop)
	<-ra.exited
}
