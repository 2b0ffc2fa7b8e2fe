package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCommittedIndexNamesItsSource: engine/lib/intl was built from the
// committed package-lock.json and locale list.
func TestCommittedIndexNamesItsSource(t *testing.T) {
	lock, err := os.ReadFile("package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../lib/intl/index.json")
	if err != nil {
		t.Fatal(err)
	}
	var ix struct{ Source string }
	if err := json.Unmarshal(b, &ix); err != nil {
		t.Fatal(err)
	}
	if want := SourceHash(lock); ix.Source != want {
		t.Fatalf("engine/lib/intl is stale: built from %q, the sources are %q: rebuild it (see main.go)", ix.Source, want)
	}
}

// TestBuildIsFresh installs the pinned packages (npm ci, from the
// registry) and rebuilds engine/lib/intl in a temporary directory: every
// file must equal the committed one.
func TestBuildIsFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("needs npm ci; skipped with -short")
	}
	src := t.TempDir()
	for _, f := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci: %v\n%s", err, out)
	}
	out := filepath.Join(t.TempDir(), "intl")
	if err := Build(src, out); err != nil {
		t.Fatal(err)
	}
	committed := "../lib/intl"
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		got, _ := os.ReadFile(p)
		want, err := os.ReadFile(filepath.Join(committed, rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from the committed build: rebuild engine/lib/intl (see main.go)", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var m int
	_ = filepath.WalkDir(committed, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			m++
		}
		return nil
	})
	if n != m {
		t.Errorf("the build has %d files, the committed directory %d", n, m)
	}
}
