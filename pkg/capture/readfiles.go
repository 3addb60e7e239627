package capture

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/google/gopacket"
)

// source is one open input taking part in the merge.
type source struct {
	idx     int // index into Decoder.inputs
	r       packetReader
	closeFn func()
	ci      gopacket.CaptureInfo
	data    []byte
	link    uint32
}

// sourceHeap orders the sources by the time of their next packet; ties go to the input named
// first, so one file's packets keep their order and equal times keep the command-line order.
type sourceHeap []*source

func (h sourceHeap) Len() int { return len(h) }
func (h sourceHeap) Less(i, j int) bool {
	if h[i].ci.Timestamp.Equal(h[j].ci.Timestamp) {
		return h[i].idx < h[j].idx
	}
	return h[i].ci.Timestamp.Before(h[j].ci.Timestamp)
}
func (h sourceHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *sourceHeap) Push(x any)   { *h = append(*h, x.(*source)) }
func (h *sourceHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	*h = old[:len(old)-1]
	return s
}

// ReadFiles reads every named input ("-" is standard input) and calls fn once per SIP
// message, in timestamp order across the inputs: rotated capture files are read as one
// capture, and a TCP stream or fragmented datagram may continue from one file into the next.
// Inputs may be pcap or pcapng, plain or gzip- or zstd-compressed, recognised by content.
//
// Problems with one input (not a capture, truncated, corrupt) go into that input's
// InputStats.Errors, everything read before them counts, and the other inputs are read on.
// The error is non-nil only when no input could be read at all, when fn returns an error, or
// when ctx is cancelled; the stats are returned in every case, one per name, in order.
func ReadFiles(ctx context.Context, names []string, opts Options, fn func(*Message) error) ([]InputStats, error) {
	d := newDecoder(opts, fn)
	var h sourceHeap
	var openErrs []string
	var all []*source
	defer func() {
		for _, s := range all {
			s.closeFn()
		}
	}()
	stdinUsed := false
	for _, name := range names {
		idx := d.addInput(name)
		in := d.inputs[idx]
		if name == "-" {
			if stdinUsed {
				in.stats.Errors = append(in.stats.Errors, "standard input is named more than once")
				openErrs = append(openErrs, "-: named more than once")
				continue
			}
			stdinUsed = true
		}
		s, err := openSource(name, idx, d.opts)
		if err != nil {
			in.stats.Errors = append(in.stats.Errors, err.Error())
			openErrs = append(openErrs, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		all = append(all, s)
		if s.advance(d) {
			h = append(h, s)
		}
	}
	if len(all) == 0 {
		if len(names) == 0 {
			return nil, errors.New("no input named")
		}
		return d.allStats(), fmt.Errorf("no input could be read: %s", strings.Join(openErrs, "; "))
	}
	heap.Init(&h)
	var err error
	for n := 0; h.Len() > 0; n++ {
		if n&1023 == 0 {
			if cerr := ctx.Err(); cerr != nil {
				err = cerr
				break
			}
		}
		s := h[0]
		d.cur = d.inputs[s.idx]
		if err = d.decodeLink(&s.ci, s.data, s.link); err != nil {
			break
		}
		if !s.advance(d) {
			heap.Pop(&h)
		} else if len(h) > 1 {
			heap.Fix(&h, 0)
		}
	}
	if err == nil {
		err = d.Flush()
	}
	return d.allStats(), err
}

func (d *Decoder) allStats() []InputStats {
	out := make([]InputStats, len(d.inputs))
	for i, in := range d.inputs {
		out[i] = in.stats
	}
	return out
}

func openSource(name string, idx int, opts Options) (*source, error) {
	r, closeFile, err := openFile(name, opts.BytesRead)
	if err != nil {
		return nil, err
	}
	pr, release, err := openCapture(r, readBufferSize)
	if err != nil {
		release()
		closeFile()
		return nil, err
	}
	return &source{idx: idx, r: pr, closeFn: func() { release(); closeFile() }}, nil
}

// advance reads the source's next packet; false means the source is done (end of file or an
// error, which is recorded in the input's stats).
func (s *source) advance(d *Decoder) bool {
	data, link, err := s.r.next(&s.ci)
	if err != nil {
		if err != io.EOF {
			in := d.inputs[s.idx]
			in.stats.Errors = append(in.stats.Errors, err.Error())
		}
		return false
	}
	s.data, s.link = data, link
	return true
}
