package report

import (
	"context"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// TestAnalyzeCapture runs the whole pipeline on a pcap file of the sample traffic and expects
// the same counts, calls and registrations as feeding the Collector directly.
func TestAnalyzeCapture(t *testing.T) {
	b := capturetest.NewBuilder(capturetest.Ethernet)
	steps := sampleSteps()
	for _, s := range steps {
		p := b.UDP(netip.MustParseAddrPort(s.src), netip.MustParseAddrPort(s.dst), []byte(s.msg.String()))
		p.Time = t0.Add(s.at)
	}
	path := filepath.Join(t.TempDir(), "sample.pcap")
	if err := capturetest.WriteFile(path, b.Packets()); err != nil {
		t.Fatal(err)
	}
	got, err := Analyze(context.Background(), []string{path}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := sampleReport(t)
	if len(got.Inputs) != 1 || got.Inputs[0].Name != path || got.Inputs[0].Packets != uint64(len(steps)) ||
		got.Inputs[0].SIPMessages != uint64(len(steps)) || len(got.Inputs[0].Errors) != 0 {
		t.Errorf("inputs = %+v", got.Inputs)
	}
	if got.Totals.Packets != uint64(len(steps)) {
		t.Errorf("packets = %d, want %d", got.Totals.Packets, len(steps))
	}
	// Everything after the inputs must be what the Collector reports for the same messages.
	got.Inputs, want.Inputs = nil, nil
	got.Totals.Packets, want.Totals.Packets = 0, 0
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("Analyze report differs from the Collector's:\n got %s\nwant %s", gj, wj)
	}
	if got.Overview.First != t0 {
		t.Errorf("first packet at %v, want %v", got.Overview.First, t0)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	if _, err := Analyze(context.Background(), []string{filepath.Join(t.TempDir(), "missing.pcap")}, Config{}); err == nil {
		t.Error("Analyze of a missing file returned no error")
	}
	// A readable input and a broken one: the report counts the first, names the second's error.
	b := capturetest.NewBuilder(capturetest.Ethernet)
	for _, s := range answeredCall("ok", 0) {
		b.UDP(netip.MustParseAddrPort(s.src), netip.MustParseAddrPort(s.dst), []byte(s.msg.String())).Time = t0.Add(s.at)
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.pcap"), filepath.Join(dir, "bad.pcap")
	if err := capturetest.WriteFile(good, b.Packets()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("not a capture at all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Analyze(context.Background(), []string{good, bad}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Inputs) != 2 || len(r.Inputs[1].Errors) == 0 || r.Calls.Answered != 1 {
		t.Errorf("inputs %+v, calls %+v", r.Inputs, r.Calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyze(ctx, []string{good}, Config{}); err == nil {
		t.Error("Analyze with a cancelled context returned no error")
	}
}
