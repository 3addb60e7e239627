package sample

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sipscan/sipscan/pkg/capture/capturetest"
)

// TestCommittedCaptureIsCurrent fails when the scenario changed but testdata/pcaps/sample.pcapng
// was not regenerated with `go generate ./internal/sample`.
func TestCommittedCaptureIsCurrent(t *testing.T) {
	committed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pcaps", "sample.pcapng"))
	if err != nil {
		t.Fatalf("read committed sample: %v", err)
	}
	tmp := filepath.Join(t.TempDir(), "sample.pcapng")
	if err := capturetest.WriteFile(tmp, Packets()); err != nil {
		t.Fatal(err)
	}
	fresh, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, fresh) {
		t.Fatalf("testdata/pcaps/sample.pcapng is stale (%d bytes, scenario makes %d): run go generate ./internal/sample",
			len(committed), len(fresh))
	}
}
