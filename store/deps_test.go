package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// withDeps is fc with Meta.Deps set.
func withDeps(path, src string, deps ...string) FileContent {
	f := fc(path, src)
	f.Meta.Deps = deps
	return f
}

func TestDeps(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, Config{Dir: dir})
	mustUser(t, s, "alice")

	type want struct {
		deps    map[string][]string // path → Deps (nil: none)
		changed []string
		version map[string]int64
	}
	check := func(t *testing.T, tr Tree, d Deployment, w want) {
		t.Helper()
		for p, m := range tr.Files {
			if !slices.Equal(m.Deps, w.deps[p]) {
				t.Errorf("%s deps = %q, want %q", p, m.Deps, w.deps[p])
			}
			if v, ok := w.version[p]; ok && m.Version != v {
				t.Errorf("%s version = %d, want %d", p, m.Version, v)
			}
		}
		if w.changed != nil && !slices.Equal(d.Files.Changed, w.changed) {
			t.Errorf("changed = %q, want %q", d.Files.Changed, w.changed)
		}
		stored, err := s.Deployment(ctx, "alice", d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for p, m := range stored.Tree {
			if !slices.Equal(m.Deps, w.deps[p]) {
				t.Errorf("deployment tree: %s deps = %q, want %q", p, m.Deps, w.deps[p])
			}
		}
	}

	steps := []struct {
		name string
		put  []FileContent
		want want
	}{
		{"deps are stored with the route", []FileContent{withDeps("a.ts", "a1", "_x.ts", "a.ts"), fc("b.ts", "b1"), shared("_x.ts", "x1")},
			want{deps: map[string][]string{"a.ts": {"_x.ts", "a.ts"}}}},
		{"same content, new deps: replaced, not a change", []FileContent{withDeps("b.ts", "b1", "b.ts")},
			want{deps: map[string][]string{"a.ts": {"_x.ts", "a.ts"}, "b.ts": {"b.ts"}}, changed: []string{}, version: map[string]int64{"b.ts": 1}}},
		{"same content, no deps given: kept", []FileContent{fc("a.ts", "a1")},
			want{deps: map[string][]string{"a.ts": {"_x.ts", "a.ts"}, "b.ts": {"b.ts"}}, changed: []string{}}},
		{"new content, no deps given: none", []FileContent{fc("a.ts", "a2")},
			want{deps: map[string][]string{"b.ts": {"b.ts"}}, changed: []string{"a.ts"}, version: map[string]int64{"a.ts": 4}}},
		{"new content with deps", []FileContent{withDeps("a.ts", "a3", "_y.ts", "a.ts"), shared("_y.ts", "y")},
			want{deps: map[string][]string{"a.ts": {"_y.ts", "a.ts"}, "b.ts": {"b.ts"}}, changed: []string{"a.ts"}}},
	}
	var last Tree
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			tr, d := deploy(t, s, "alice", st.put)
			check(t, tr, d, st.want)
			live, err := s.Tree(ctx, "alice")
			if err != nil {
				t.Fatal(err)
			}
			check(t, live, d, st.want)
			last = live
		})
	}

	t.Run("shared modules carry no deps key", func(t *testing.T) {
		raw := dump(t, s)["tree/alice"]
		var tr map[string]any
		if err := s.unzJSON(nil, []byte(raw), &tr); err != nil {
			t.Fatal(err)
		}
		x := tr["files"].(map[string]any)["_x.ts"].(map[string]any)
		if _, ok := x["deps"]; ok {
			t.Errorf("_x.ts has a deps key: %v", x)
		}
	})

	t.Run("reopen keeps deps", func(t *testing.T) {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = openStore(t, Config{Dir: dir})
		tr, err := s.Tree(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		for p, m := range last.Files {
			if !sameMeta(tr.Files[p], m) {
				t.Errorf("%s after reopen = %+v, want %+v", p, tr.Files[p], m)
			}
		}
	})
}

func TestRollbackRestoresDeps(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	_, d1 := deploy(t, s, "alice", []FileContent{withDeps("a.ts", "a1", "a.ts", "_x.ts"), shared("_x.ts", "x")})
	// The same bundle later recorded with other deps.
	deploy(t, s, "alice", []FileContent{withDeps("a.ts", "a1", "a.ts")})
	tr, _, err := s.Rollback(ctx, "alice", d1.ID, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Files["a.ts"].Deps; !slices.Equal(got, []string{"a.ts", "_x.ts"}) {
		t.Errorf("deps after rollback = %q", got)
	}
}

// TestTreeWithoutDeps reads a tree written before deps were recorded: its
// routes have no deps, and the next deploy records them.
func TestTreeWithoutDeps(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), shared("_x.ts", "x")})
	old := `{"user":"alice","version":1,"updatedAt":"2026-01-02T03:04:05Z","files":{` +
		`"a.ts":{"path":"a.ts","version":1,"updatedAt":"2026-01-02T03:04:05Z","sourceHash":"` + sha("a1") +
		`","bundleHash":"` + sha("bundle(a1)") + `","mapHash":"` + sha("map(a1)") + `","sizes":{"source":2,"bundle":10,"stored":30}},` +
		`"_x.ts":{"path":"_x.ts","version":1,"updatedAt":"2026-01-02T03:04:05Z","sourceHash":"` + sha("x") + `","sizes":{"source":1,"bundle":0,"stored":10}}}}`
	if strings.Contains(old, "deps") {
		t.Fatal("the old tree must not mention deps")
	}
	err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyTree("alice"), s.compress([]byte(old))) })
	if err != nil {
		t.Fatal(err)
	}
	tr, err := s.Tree(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if a := tr.Files["a.ts"]; a.Deps != nil || a.BundleHash != sha("bundle(a1)") {
		t.Errorf("old a.ts = %+v", a)
	}
	tr, _ = deploy(t, s, "alice", []FileContent{withDeps("a.ts", "a1", "_x.ts", "a.ts")})
	if got := tr.Files["a.ts"]; !slices.Equal(got.Deps, []string{"_x.ts", "a.ts"}) || got.Version != 1 {
		t.Errorf("a.ts after a rebuild = %+v", got)
	}
}
