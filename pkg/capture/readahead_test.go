package capture

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
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
			got, err := io.ReadAll(iotest.HalfReader(ra))
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
	got, err := io.ReadAll(ra)
	if len(got) != 1000 || !errors.Is(err, boom) {
		t.Errorf("read %d bytes, error %v; want 1000 and %v", len(got), err, boom)
	}
}

func TestReadAheadCloseEarly(t *testing.T) {
	ra := newReadAhead(bytes.NewReader(make([]byte, 10*readAheadChunk)))
	buf := make([]byte, 10)
	if _, err := ra.Read(buf); err != nil {
		t.Fatal(err)
	}
	ra.Close() // must not hang with the goroutine blocked on a full channel
}
