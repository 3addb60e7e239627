package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/google/gopacket/pcapgo"
)

// pcapngWithTSResol returns a little-endian pcapng section with one Ethernet interface whose
// if_tsresol option is resol, and one packet on it.
func pcapngWithTSResol(resol byte) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	block := func(typ uint32, body []byte) {
		n := uint32(12 + len(body))
		var h [8]byte
		le.PutUint32(h[:], typ)
		le.PutUint32(h[4:], n)
		b.Write(h[:])
		b.Write(body)
		b.Write(h[4:8])
	}
	shb := make([]byte, 16)
	le.PutUint32(shb, 0x1A2B3C4D)
	le.PutUint16(shb[4:], 1)
	le.PutUint64(shb[8:], ^uint64(0))
	block(0x0A0D0D0A, shb)

	idb := make([]byte, 8, 20)
	le.PutUint16(idb, 1) // Ethernet
	le.PutUint32(idb[4:], 65535)
	idb = append(idb, 9, 0, 1, 0, resol, 0, 0, 0) // if_tsresol, padded to 4 bytes
	idb = append(idb, 0, 0, 0, 0)                 // opt_endofopt
	block(1, idb)

	frame := make([]byte, 60)
	epb := make([]byte, 20, 20+len(frame))
	le.PutUint32(epb[4:], 1) // timestamp high
	le.PutUint32(epb[8:], 2) // timestamp low
	le.PutUint32(epb[12:], uint32(len(frame)))
	le.PutUint32(epb[16:], uint32(len(frame)))
	block(6, append(epb, frame...))
	return b.Bytes()
}

// TestPcapgoDefect shows why the package has its own pcapng reader (see file.go): on an
// interface whose timestamp resolution is 2^-64, gopacket's pcapgo panics, while ReadFiles
// names the file and the problem. If this test fails because pcapgo stops panicking, the
// reason is gone: reconsider pcapgo's readers, as DESIGN.md prefers them.
func TestPcapgoDefect(t *testing.T) {
	data := pcapngWithTSResol(0x80 | 64)

	panicked := func() (p any) {
		defer func() { p = recover() }()
		r, err := pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return nil
		}
		for {
			if _, _, err := r.ReadPacketData(); err != nil {
				return nil
			}
		}
	}()
	if panicked == nil {
		t.Errorf("pcapgo read the 2^-64 resolution without panicking; its defect is gone")
	} else {
		t.Logf("pcapgo panics: %v", panicked)
	}

	path := writeBytes(t, "tsresol.pcapng", data)
	st, err := ReadFiles(context.Background(), []string{path}, Options{}, func(*Message) error { return nil })
	if err == nil && len(st) == 1 {
		err = errors.New(strings.Join(st[0].Errors, "; "))
	}
	if err == nil || !strings.Contains(err.Error(), "resolution") {
		t.Errorf("ReadFiles error = %v, want one naming the timestamp resolution", err)
	} else {
		t.Logf("ReadFiles: %v", err)
	}

	// The same file with microseconds reads cleanly in both.
	st, err = ReadFiles(context.Background(), []string{writeBytes(t, "usec.pcapng", pcapngWithTSResol(6))}, Options{}, func(*Message) error { return nil })
	if err != nil || len(st) != 1 || len(st[0].Errors) != 0 || st[0].Packets != 1 {
		t.Errorf("ReadFiles on a microsecond interface: %+v, %v; want 1 packet, no errors", st, err)
	}
}
