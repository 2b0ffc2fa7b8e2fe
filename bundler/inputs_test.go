package bundler

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
)

func TestBuildInputs(t *testing.T) {
	fs := files(
		"a.ts", `import {x} from "./_lib/x"; import type {T} from "./_lib/types"; import {unused} from "./_lib/unused";
import {Buffer} from "node:buffer"; import data from "./_lib/data.json";
export default [{}, () => ({x, n: Buffer.from(data.s).length})]`,
		"_lib/x.ts", `import {y} from "./y.js"; export const x = y + 1`,
		"_lib/y.ts", `export const y = 41`,
		"_lib/types.ts", `export type T = string`,
		"_lib/unused.ts", `export const unused = 1`,
		"_lib/data.json", `{"s": "abc"}`,
		"b.ts", `export default [{}, () => 1]`,
		"c.ts", `import b from "./b"; export default [{}, () => b]`,
		"d.ts", `import {x} from "./_lib/x/"; export default [{}, () => x]`,
		"_lib/x/index.ts", `export const x = "dir"`,
	)
	tests := []struct {
		entry string
		want  []string
	}{
		// Type-only and unused imports are dropped unresolved; the built-in
		// is external.
		{"a.ts", []string{"_lib/data.json", "_lib/x.ts", "_lib/y.ts", "a.ts"}},
		{"b.ts", []string{"b.ts"}},
		// A route may import another route.
		{"c.ts", []string{"b.ts", "c.ts"}},
		{"d.ts", []string{"_lib/x/index.ts", "d.ts"}},
	}
	for _, opts := range []Options{{SourceMap: true}, {NoMinify: true}} {
		b := New(opts)
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/sourcemap=%v", tt.entry, opts.SourceMap), func(t *testing.T) {
				outs, err := b.Build(fs, []string{tt.entry})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(outs[0].Inputs, tt.want) {
					t.Errorf("Inputs = %q, want %q", outs[0].Inputs, tt.want)
				}
			})
		}
	}
}

func TestBuildDirInputs(t *testing.T) {
	dir := project(t)
	outs, err := New(Options{}).BuildDir(dir, []string{"orders/create.ts", "hello.ts"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"../node_modules/cjspkg/lib/helper.js",
		"../node_modules/cjspkg/lib/main.js",
		"../node_modules/events/events.js",
		"../node_modules/fakepkg/index.js",
		"../node_modules/fakepkg/sub.js",
		"_lib/db.ts",
		"orders/create.ts",
	}
	if !slices.Equal(outs[0].Inputs, want) {
		t.Errorf("orders/create.ts Inputs = %q, want %q", outs[0].Inputs, want)
	}
	if !slices.Equal(outs[1].Inputs, []string{"hello.ts"}) {
		t.Errorf("hello.ts Inputs = %q", outs[1].Inputs)
	}
}

func TestBuildLazy(t *testing.T) {
	fs := files(
		"a.ts", `import {x} from "./_lib/x"; export default [{}, () => x]`,
		"b.ts", `import {y} from "./_lib/y"; export default [{}, () => y]`,
		"_lib/x.ts", `export const x = "x"`,
		"_lib/y.ts", `export const y = "y"`,
		"_lib/broken.ts", `export const = ;`,
	)
	paths := make([]string, 0, len(fs))
	for p := range fs {
		paths = append(paths, p)
	}
	b := New(Options{SourceMap: true})
	var mu sync.Mutex
	var read []string
	reader := func(p string) ([]byte, error) {
		mu.Lock()
		read = append(read, p)
		mu.Unlock()
		return fs[p], nil
	}

	t.Run("reads only what the entry loads", func(t *testing.T) {
		read = nil
		outs, err := b.BuildLazy(paths, reader, []string{"a.ts"})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(read)
		if want := []string{"_lib/x.ts", "a.ts"}; !slices.Equal(read, want) {
			t.Errorf("read %q, want %q", read, want)
		}
		eager, err := b.Build(fs, []string{"a.ts"})
		if err != nil {
			t.Fatal(err)
		}
		if string(outs[0].Code) != string(eager[0].Code) || string(outs[0].Map) != string(eager[0].Map) || !slices.Equal(outs[0].Inputs, eager[0].Inputs) {
			t.Errorf("BuildLazy and Build differ:\n%s\n%s", outs[0].Code, eager[0].Code)
		}
	})

	t.Run("a path not listed does not resolve", func(t *testing.T) {
		_, err := b.BuildLazy([]string{"a.ts"}, reader, []string{"a.ts"})
		checkErrors(t, err, []wantErr{{file: "a.ts", line: 1, col: 17, text: `Could not resolve "./_lib/x"`}})
	})

	t.Run("a read error is returned as is", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := b.BuildLazy(paths, func(p string) ([]byte, error) {
			if p == "_lib/y.ts" {
				return nil, boom
			}
			return fs[p], nil
		}, []string{"a.ts", "b.ts"})
		var es Errors
		if !errors.Is(err, boom) || errors.As(err, &es) {
			t.Errorf("error = %v (%T), want the read error", err, err)
		}
	})
}

func TestImportKey(t *testing.T) {
	for p, want := range map[string]string{
		"_lib/x.ts":          "_lib/x",
		"_lib/x.js":          "_lib/x",
		"_lib/x.js.ts":       "_lib/x",
		"_lib/x/index.mjs":   "_lib/x",
		"_lib/x.js/index.ts": "_lib/x",
		"_lib/x":             "_lib/x",
		"_lib/x.txt":         "_lib/x.txt",
		"_lib/x.txt.ts":      "_lib/x.txt",
		"index.ts":           "index",
		"index":              "index",
		"_lib/index":         "_lib",
		"data.json":          "data",
		"a/b.c/d.ts":         "a/b.c/d",
	} {
		if got := ImportKey(p); got != want {
			t.Errorf("ImportKey(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestImportKeyCoversResolution checks ImportKey's promise exhaustively on
// a small universe: whenever adding a file changes what an import resolves
// to (or makes it fail), the new file has the ImportKey of the file the
// import resolved to before.
func TestImportKeyCoversResolution(t *testing.T) {
	const importer = "_lib/a.ts"
	universes := [][]string{
		{
			"_lib/x", "_lib/x.ts", "_lib/x.js", "_lib/x.mjs", "_lib/x.json", "_lib/x.js.ts",
			"_lib/x/index.ts", "_lib/x/index.js", "_lib/x/index", "_lib/y.ts", "_lib/x.txt", "_lib/x.txt.ts",
		},
		{"index.ts", "index.js", "index", "_lib/index.ts", "_lib/index.mts", "_lib/index", "_lib/y.ts", "_lib/index.json"},
	}
	specs := []string{
		"./x", "./x.js", "./x.ts", "./x.mjs", "./x/", "./x/index", "./x.txt", "./x.json",
		".", "./", "..", "../", "../index", "./index", "./index.js", "./y",
	}
	resolve := func(set map[string]bool, spec string) string {
		r := resolveRelative(func(p string) bool { return set[p] }, importer, spec)
		if len(r.Errors) > 0 {
			return "error"
		}
		return r.Path
	}
	checked, changed := 0, 0
	// Every subset of a universe as the existing files, every other file of
	// it as the one added.
	for _, universe := range universes {
		for mask := 0; mask < 1<<len(universe); mask++ {
			set := map[string]bool{importer: true}
			for i, p := range universe {
				if mask&(1<<i) != 0 {
					set[p] = true
				}
			}
			for _, spec := range specs {
				before := resolve(set, spec)
				if before == "error" {
					continue // no bundle was built
				}
				for i, added := range universe {
					if mask&(1<<i) != 0 {
						continue
					}
					set[added] = true
					after := resolve(set, spec)
					delete(set, added)
					checked++
					if after == before {
						continue
					}
					changed++
					if ImportKey(added) != ImportKey(before) {
						t.Fatalf("files %v: adding %q changes %q from %q to %q, but ImportKey(%q) = %q != ImportKey(%q) = %q",
							set, added, spec, before, after, added, ImportKey(added), before, ImportKey(before))
					}
				}
			}
		}
	}
	if changed == 0 {
		t.Fatalf("no addition changed a resolution in %d cases", checked)
	}
}
