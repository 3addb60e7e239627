package report

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sipscan/sipscan/internal/tracegen"
	"github.com/sipscan/sipscan/pkg/capture"
	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// TestParallelMatchesSequential runs both loops of Analyze on the same inputs and expects the
// same report and the same message records in the same order.
func TestParallelMatchesSequential(t *testing.T) {
	dir := t.TempDir()
	gen := func(name string, o tracegen.Options) string {
		path := filepath.Join(dir, name)
		if _, err := tracegen.WriteFile(path, o); err != nil {
			t.Fatal(err)
		}
		return path
	}
	mixed := gen("mixed.pcap", tracegen.Options{Size: 3 << 20, Seed: 1, RTPShare: 0.5, TCPShare: 0.3, RetransmitShare: 0.1})
	tcp := gen("tcp.pcapng", tracegen.Options{Size: 1 << 20, Seed: 2, TCPShare: 1, Format: tracegen.FormatPcapNG})
	udp := gen("udp.pcap", tracegen.Options{Size: 2 << 20, Seed: 3})

	// Malformed and oversized messages between good ones.
	b := capturetest.NewBuilder(capturetest.Ethernet)
	src, dst := netip.MustParseAddrPort("192.0.2.1:5060"), netip.MustParseAddrPort("192.0.2.2:5060")
	for i, s := range answeredCall("odd", 0) {
		b.UDP(netip.MustParseAddrPort(s.src), netip.MustParseAddrPort(s.dst), []byte(s.msg.String())).Time = t0.Add(s.at)
		if i == 1 {
			b.UDP(src, dst, []byte("INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\n")).Time = t0.Add(s.at)
			big := "OPTIONS sip:x@y SIP/2.0\r\nCall-ID: big\r\nCSeq: 1 OPTIONS\r\nX-Pad: " + strings.Repeat("a", 60000) + "\r\n\r\n"
			b.UDP(src, dst, []byte(big)).Time = t0.Add(s.at)
		}
	}
	odd := filepath.Join(dir, "odd.pcap")
	if err := capturetest.WriteFile(odd, b.Packets()); err != nil {
		t.Fatal(err)
	}

	for _, names := range [][]string{{mixed}, {tcp}, {udp, odd}, {odd}} {
		t.Run(filepath.Base(names[0]), func(t *testing.T) {
			run := func(parallel bool) ([]byte, []byte) {
				var recs bytes.Buffer
				enc := json.NewEncoder(&recs)
				cfg := Config{OnMessage: func(r *MessageRecord) {
					if err := enc.Encode(r); err != nil {
						t.Fatal(err)
					}
				}}
				r, err := analyze(context.Background(), names, cfg, parallel)
				if err != nil {
					t.Fatal(err)
				}
				j, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				return j, recs.Bytes()
			}
			seqReport, seqRecs := run(false)
			parReport, parRecs := run(true)
			if !bytes.Equal(seqReport, parReport) {
				t.Errorf("reports differ:\nsequential %s\nparallel   %s", seqReport, parReport)
			}
			if !bytes.Equal(seqRecs, parRecs) {
				t.Errorf("message records differ (%d and %d bytes)", len(seqRecs), len(parRecs))
			}
			if bytes.Count(seqRecs, []byte("\n")) < 8 {
				t.Errorf("only %d message records", bytes.Count(seqRecs, []byte("\n")))
			}
		})
	}
}

func TestBatchAdd(t *testing.T) {
	b := newBatch()
	data := []byte("OPTIONS sip:a@b SIP/2.0\r\n\r\n")
	m := capture.Message{Data: data, Frame: 1}
	if !b.add(&m) {
		t.Fatal("empty batch refused a message")
	}
	data[0] = 'X' // the batch holds a copy
	if b.msgs[0].Data[0] != 'O' || b.msgs[0].Frame != 1 {
		t.Errorf("batch message = %q frame %d", b.msgs[0].Data, b.msgs[0].Frame)
	}
	big := capture.Message{Data: make([]byte, batchArena+1)}
	if b.add(&big) {
		t.Error("a message larger than the arena joined a batch that has messages")
	}
	b.reset()
	if !b.add(&big) || len(b.msgs[0].Data) != batchArena+1 {
		t.Error("an empty batch refused a message larger than the arena")
	}
	b.reset()
	for i := 0; i < batchMessages; i++ {
		if !b.add(&m) {
			t.Fatalf("message %d refused", i+1)
		}
	}
	if b.add(&m) {
		t.Errorf("batch took more than %d messages", batchMessages)
	}
	// Appending to one message's data must not overwrite the next one's.
	b.reset()
	b.add(&m)
	b.add(&m)
	_ = append(b.msgs[0].Data, 'Z')
	if b.msgs[1].Data[0] != 'X' {
		t.Error("messages share capacity in the arena")
	}
}
