package capture

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"github.com/google/gopacket"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

func TestReadAhead(t *testing.T) {
	data := make([]byte, 3*readAheadChunk+12345)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for _, tt := range []struct {
		name string
		r    io.Reader
	}{
		{"plain", bytes.NewReader(data)},
		{"one byte at a time", iotest.OneByteReader(bytes.NewReader(data[:5000]))},
		{"half reads", iotest.HalfReader(bytes.NewReader(data))},
		{"empty", bytes.NewReader(nil)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ra := newReadAhead(tt.r)
			defer ra.Close()
			got, err := io.ReadAll(iotest.HalfReader(newChunkReader(ra, nil)))
			if err != nil {
				t.Fatal(err)
			}
			want := data
			switch tt.name {
			case "one byte at a time":
				want = data[:5000]
			case "empty":
				want = nil
			}
			if !bytes.Equal(got, want) {
				t.Errorf("read %d bytes, want %d", len(got), len(want))
			}
		})
	}
}

func TestReadAheadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(bytes.NewReader(make([]byte, 1000)), iotest.ErrReader(boom))
	ra := newReadAhead(r)
	defer ra.Close()
	got, err := io.ReadAll(newChunkReader(ra, nil))
	if len(got) != 1000 || !errors.Is(err, boom) {
		t.Errorf("read %d bytes, error %v; want 1000 and %v", len(got), err, boom)
	}
}

func TestReadAheadCloseEarly(t *testing.T) {
	ra := newReadAhead(bytes.NewReader(make([]byte, 10*readAheadChunk)))
	buf := make([]byte, 10)
	if _, err := newChunkReader(ra, nil).Read(buf); err != nil {
		t.Fatal(err)
	}
	ra.Close() // must not hang with the goroutine blocked on a full channel
}

// TestChunkReaderAgainstBufio applies the same random Peek, Discard and Read calls to a
// chunkReader over small chunks and to a bufio.Reader, and requires the same bytes and errors.
func TestChunkReaderAgainstBufio(t *testing.T) {
	data := make([]byte, 20000)
	for i := range data {
		data[i] = byte(i*13 + i>>8)
	}
	for _, size := range []struct{ chunk, spare int }{{1, 16}, {7, 16}, {100, 64}, {4096, 256}, {64, 4096}} {
		rng := rand.New(rand.NewPCG(uint64(size.chunk), uint64(size.spare)))
		var count atomic.Int64
		ra := newReadAheadSize(bytes.NewReader(data), size.chunk, size.spare)
		cr := newChunkReader(ra, &count)
		br := bufio.NewReaderSize(bytes.NewReader(data), size.spare)
		for step := 0; ; step++ {
			n := rng.IntN(size.spare + 1)
			var got, want []byte
			var gotErr, wantErr error
			op := rng.IntN(3)
			switch op {
			case 0:
				got, gotErr = cr.Peek(n)
				want, wantErr = br.Peek(n)
			case 1:
				var g, w int
				g, gotErr = cr.Discard(n)
				w, wantErr = br.Discard(n)
				got, want = data[:g], data[:w]
			case 2:
				p, q := make([]byte, n), make([]byte, n)
				var g, w int
				g, gotErr = io.ReadFull(cr, p)
				w, wantErr = io.ReadFull(br, q)
				got, want = p[:g], q[:w]
			}
			if !bytes.Equal(got, want) || gotErr != wantErr {
				t.Fatalf("chunks of %d, spare %d, step %d, op %d(%d): got %d bytes, %v; want %d bytes, %v",
					size.chunk, size.spare, step, op, n, len(got), gotErr, len(want), wantErr)
			}
			if wantErr == io.EOF {
				break
			}
		}
		if count.Load() != int64(len(data)) {
			t.Errorf("chunks of %d: counted %d bytes, want %d", size.chunk, count.Load(), len(data))
		}
		ra.Close()
	}
}

// TestChunkReaderCaptures reads captures with records of every size, some larger than the
// spare room, through chunkReaders over small chunks, and requires the packets that
// openCapture finds through a bufio.Reader, and the same error for a cut file.
func TestChunkReaderCaptures(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	for i := range 40 {
		b.UDP(alice, bob, capturetest.Request("INVITE", "c"+strconv.Itoa(i), 1, capturetest.SDP(i*37)))
	}
	var pc, ng bytes.Buffer
	capturetest.WritePcap(&pc, capturetest.PcapOptions{}, b.Packets())
	capturetest.WritePcapng(&ng, capturetest.PcapngOptions{}, b.Packets())
	type rec struct {
		ci   gopacket.CaptureInfo
		data string
		link uint32
	}
	readAllRecords := func(r io.Reader) ([]rec, error) {
		pr, release, err := openCapture(r, 1<<20)
		defer release()
		if err != nil {
			return nil, err
		}
		var out []rec
		for {
			var ci gopacket.CaptureInfo
			data, link, err := pr.next(&ci)
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return out, err
			}
			out = append(out, rec{ci, string(data), link})
		}
	}
	for _, file := range []struct {
		name string
		b    []byte
	}{
		{"pcap", pc.Bytes()}, {"pcapng", ng.Bytes()},
		{"pcap cut", pc.Bytes()[:pc.Len()-100]}, {"pcapng cut", ng.Bytes()[:ng.Len()-100]},
	} {
		want, wantErr := readAllRecords(bytes.NewReader(file.b))
		if len(want) < 30 {
			t.Fatalf("%s: only %d records", file.name, len(want))
		}
		for _, size := range []struct{ chunk, spare int }{{1, 64}, {100, 512}, {3000, 1024}, {1 << 16, 8192}} {
			ra := newReadAheadSize(bytes.NewReader(file.b), size.chunk, size.spare)
			got, err := readAllRecords(newChunkReader(ra, nil))
			ra.Close()
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("%s, chunks of %d, spare %d: error %v, want %v", file.name, size.chunk, size.spare, err, wantErr)
			}
			if len(got) != len(want) {
				t.Fatalf("%s, chunks of %d, spare %d: %d records, want %d", file.name, size.chunk, size.spare, len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("%s, chunks of %d, spare %d: record %d differs", file.name, size.chunk, size.spare, i)
				}
			}
		}
	}
}
