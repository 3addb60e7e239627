// Package testenv finds the files tests share: the module root, and the public captures and
// reason phrases kept beside the repository in ../shared.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the directory holding go.mod, walking up from the test's working
// directory (the package directory).
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Shared returns the path of elem under ../shared beside the repository, and whether it
// exists. Those files are not part of the project; tests skip or narrow down without them.
func Shared(tb testing.TB, elem ...string) (string, bool) {
	tb.Helper()
	path := filepath.Join(append([]string{RepoRoot(tb), "..", "shared"}, elem...)...)
	_, err := os.Stat(path)
	return path, err == nil
}
