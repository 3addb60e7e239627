package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	root := RepoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "module github.com/sipscan/sipscan"; len(data) < len(want) || string(data[:len(want)]) != want {
		t.Errorf("go.mod at %s starts %q, want %q", root, data[:min(len(data), 40)], want)
	}
}

func TestShared(t *testing.T) {
	path, ok := Shared(t, "no-such-file-here")
	if ok {
		t.Errorf("Shared says %s exists", path)
	}
	if filepath.Base(filepath.Dir(path)) != "shared" {
		t.Errorf("Shared path %s is not under a folder called shared", path)
	}
}
