package classify

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestBuiltinRulesGolden pins the listing of the built-in rules (what `sipscan rules` shows), so
// that a change of order or meaning shows up in review. Run with -update after an intended
// change.
func TestBuiltinRulesGolden(t *testing.T) {
	var b bytes.Buffer
	for _, r := range newTestClassifier(t).Rules() {
		fmt.Fprintf(&b, "%s\t%s\t%s", r.ID, r.Category, r.Match)
		if r.Severity != "" {
			fmt.Fprintf(&b, "\tseverity=%s", r.Severity)
		}
		b.WriteByte('\n')
	}
	path := filepath.Join("testdata", "rules.golden")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("built-in rules differ from %s; run go test -update if the change is intended\ngot:\n%s", path, b.String())
	}
}
