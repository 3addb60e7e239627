package capture

import (
	"bufio"
	"io"
	"sync/atomic"
)

// Reading ahead: a goroutine reads the next chunks of a file while the caller decodes the
// current one, so the read system calls (a copy out of the page cache) run on another core
// instead of between packets.
const (
	readAheadChunk  = 1 << 20
	readAheadChunks = 4
	// readAheadSpare is the room kept free before the data of each chunk, where a
	// chunkReader moves the unread end of the chunk before it, so that a record spanning
	// the two lies in one piece: records up to this size are returned without a copy of
	// their own.
	readAheadSpare = 256 << 10
)

// readAhead holds chunks of a file that a goroutine of its own reads ahead; a chunkReader
// reads them. Close stops the goroutine; it must be called before the underlying reader is
// closed.
type readAhead struct {
	full   chan []byte // chunks read, in order, with the spare room before the data; closed after the last one
	empty  chan []byte // chunks to read into
	spare  int         // bytes of room before the data of each chunk
	stop   chan struct{}
	exited chan struct{}
	err    error // why the filling goroutine stopped: io.EOF or a read error; set before full is closed
}

func newReadAhead(r io.Reader) *readAhead {
	return newReadAheadSize(r, readAheadChunk, readAheadSpare)
}

// newReadAheadSize is newReadAhead with chunks of chunk bytes of data, each with spare bytes
// of room before it (tests use small ones).
func newReadAheadSize(r io.Reader, chunk, spare int) *readAhead {
	ra := &readAhead{
		full:   make(chan []byte, readAheadChunks),
		empty:  make(chan []byte, readAheadChunks),
		spare:  spare,
		stop:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	for range readAheadChunks {
		ra.empty <- make([]byte, spare+chunk)
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
		n, err := io.ReadFull(r, buf[ra.spare:cap(buf)])
		if n > 0 {
			select {
			case ra.full <- buf[:ra.spare+n]:
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

// Close stops the filling goroutine and waits for it.
func (ra *readAhead) Close() {
	close(ra.stop)
	<-ra.exited
}

// chunkReader reads a readAhead's chunks in place, with the methods of a bufio.Reader that
// the capture readers use: Peek returns bytes of the chunk itself, so a record is copied
// from the file once, by the read system call, instead of once more into a buffer. A record
// that spans two chunks is made whole by moving the end of the first into the room before
// the data of the second. Peek and Discard are valid until the next call.
type chunkReader struct {
	ra    *readAhead
	chunk []byte // the chunk buf lies in, to be handed back to ra
	buf   []byte // the bytes at hand: buf[off:] are unread
	off   int
	err   error // set once ra has no more chunks
	count *atomic.Int64
}

func newChunkReader(ra *readAhead, count *atomic.Int64) *chunkReader {
	return &chunkReader{ra: ra, count: count}
}

// next makes the following chunk current, with the unread bytes moved in front of its data,
// and reports whether there was one. The unread bytes must fit the spare room.
func (c *chunkReader) next() bool {
	if c.err != nil {
		return false
	}
	b, ok := <-c.ra.full
	if !ok {
		c.err = c.ra.err
		return false
	}
	if c.count != nil {
		c.count.Add(int64(len(b) - c.ra.spare))
	}
	tail := c.buf[c.off:]
	start := c.ra.spare - len(tail)
	copy(b[start:], tail)
	if c.chunk != nil {
		c.ra.empty <- c.chunk[:cap(c.chunk)] // never blocks: there are only readAheadChunks chunks
	}
	c.chunk, c.buf, c.off = b, b[start:], 0
	return true
}

// Size returns the largest n Peek accepts.
func (c *chunkReader) Size() int { return c.ra.spare }

// Peek returns the next n bytes without consuming them. With fewer left, it returns those
// and the error that ended the input (io.EOF at its end); n above Size gives
// bufio.ErrBufferFull.
func (c *chunkReader) Peek(n int) ([]byte, error) {
	if n > c.ra.spare {
		return c.buf[c.off:], bufio.ErrBufferFull
	}
	for len(c.buf)-c.off < n {
		if !c.next() {
			return c.buf[c.off:], c.err
		}
	}
	return c.buf[c.off : c.off+n], nil
}

// Discard skips the next n bytes and returns how many it skipped.
func (c *chunkReader) Discard(n int) (int, error) {
	done := 0
	for {
		if avail := len(c.buf) - c.off; avail >= n-done {
			c.off += n - done
			return n, nil
		}
		done += len(c.buf) - c.off
		c.off = len(c.buf)
		if !c.next() {
			return done, c.err
		}
	}
}

// Read reads up to len(p) bytes.
func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for c.off == len(c.buf) {
		if !c.next() {
			return 0, c.err
		}
	}
	n := copy(p, c.buf[c.off:])
	c.off += n
	return n, nil
}
