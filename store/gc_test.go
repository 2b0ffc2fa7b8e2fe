package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// gcSnapshot is a user's garbage-collection state: every count, every
// release list (sorted) and every blob hash.
type gcSnapshot struct {
	counts   map[string]int64
	releases map[string][]string
	blobs    []string
	gc       gcState
}

func snapshotGC(t testing.TB, s *Badger, user string) gcSnapshot {
	t.Helper()
	snap := gcSnapshot{counts: map[string]int64{}, releases: map[string][]string{}}
	err := s.db.View(func(txn *badger.Txn) error {
		for k, v := range dumpPrefix(t, txn, prefixRef(user)) {
			if len(v) != 8 {
				t.Errorf("count %s: %d bytes", k, len(v))
				continue
			}
			snap.counts[k] = int64(binary.BigEndian.Uint64(v))
		}
		for k, v := range dumpPrefix(t, txn, prefixDeployRelease(user)) {
			var hs []string
			if err := s.unzJSON(nil, v, &hs); err != nil {
				return err
			}
			slices.Sort(hs)
			snap.releases[k] = hs
		}
		snap.blobs = slices.Sorted(maps.Keys(dumpPrefix(t, txn, prefixBlob(user))))
		var err error
		snap.gc, err = loadGC(txn, user)
		return err
	})
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return snap
}

// dumpPrefix returns the keys under prefix, without it, with their values.
func dumpPrefix(t testing.TB, txn *badger.Txn, prefix []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	opt := badger.DefaultIteratorOptions
	opt.Prefix = prefix
	it := txn.NewIterator(opt)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			t.Fatal(err)
		}
		out[string(it.Item().Key()[len(prefix):])] = v
	}
	return out
}

// referenced returns every blob hash a kept deployment's tree or the live
// tree references, read through the public API.
func referenced(t testing.TB, s *Badger, user string) []string {
	t.Helper()
	ctx := context.Background()
	used := map[string]bool{}
	add := func(files map[string]FileMeta) {
		for _, m := range files {
			for _, h := range []string{m.SourceHash, m.BundleHash, m.MapHash} {
				if h != "" {
					used[h] = true
				}
			}
		}
	}
	live, err := s.Tree(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	add(live.Files)
	list, err := s.Deployments(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		full, err := s.Deployment(ctx, user, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		add(full.Tree)
	}
	return slices.Sorted(maps.Keys(used))
}

// checkGC asserts the invariant of gc.go for user: the stored blobs are
// exactly those a kept or live tree references, each has a count and
// nothing else has one, gc/ holds for the live tree with nothing pending,
// and the counts and release lists are what a recount from the trees
// writes.
func checkGC(t testing.TB, s *Badger, user string) {
	t.Helper()
	ctx := context.Background()
	want := referenced(t, s, user)
	got := snapshotGC(t, s, user)
	if !slices.Equal(got.blobs, want) {
		t.Errorf("blobs = %d %.8s\nreferenced %d %.8s", len(got.blobs), got.blobs, len(want), want)
	}
	if counted := slices.Sorted(maps.Keys(got.counts)); !slices.Equal(counted, want) {
		t.Errorf("counted = %d %.8s\nreferenced %d %.8s", len(counted), counted, len(want), want)
	}
	live, err := s.Tree(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	if !got.gc.counts(live) || got.gc.Pending {
		t.Errorf("gc state %+v for live v%d", got.gc, live.Version)
	}
	us := s.user(user)
	us.mu.Lock()
	err = s.recount(user)
	us.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	fresh := snapshotGC(t, s, user)
	if !maps.Equal(got.counts, fresh.counts) {
		t.Errorf("counts = %v\nrecount %v", got.counts, fresh.counts)
	}
	if !maps.EqualFunc(got.releases, fresh.releases, slices.Equal) {
		t.Errorf("releases = %v\nrecount %v", got.releases, fresh.releases)
	}
	// The stored bytes kept up to date by deploys and trims are the size
	// of the blobs, and what a recount finds.
	if stored := blobBytes(t, s, user); got.gc.Bytes != stored || fresh.gc.Bytes != stored {
		t.Errorf("stored bytes = %d, after a recount %d; the blobs take %d", got.gc.Bytes, fresh.gc.Bytes, stored)
	}
}

// blobBytes sums the stored size of every blob of user.
func blobBytes(t testing.TB, s *Badger, user string) int64 {
	t.Helper()
	var n int64
	err := s.db.View(func(txn *badger.Txn) error {
		for _, v := range dumpPrefix(t, txn, prefixBlob(user)) {
			n += int64(len(v))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func hasBlob(t testing.TB, s *Badger, user, content string) bool {
	t.Helper()
	_, err := s.Blob(context.Background(), user, sha(content))
	return err == nil
}

// TestBlobLifetimes runs deploys and rollbacks with blobs shared between
// files and deployments: after every step the stored blobs are exactly the
// referenced ones and the counts equal a recount's.
func TestBlobLifetimes(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{KeepDeployments: 3})
	mustUser(t, s, "alice")
	// same has its source as its bundle: one file, the same hash twice.
	same := FileContent{Meta: FileMeta{Path: "same.ts"}, Source: []byte("self"), Bundle: []byte("self")}
	rollback := func(id string) func(t *testing.T) {
		return func(t *testing.T) {
			if _, _, err := s.Rollback(ctx, "alice", id, "alice"); err != nil {
				t.Fatal(err)
			}
		}
	}
	put := func(files []FileContent, del ...string) func(t *testing.T) {
		return func(t *testing.T) { deploy(t, s, "alice", files, del...) }
	}
	steps := []struct {
		name    string
		run     func(t *testing.T)
		present []string // contents whose blob must exist after the step
		absent  []string // and must not
	}{
		{"v1 a=A, lib, same", put([]FileContent{fc("a.ts", "A"), shared("_lib.ts", "L"), same}),
			[]string{"A", "bundle(A)", "map(A)", "L", "self"}, nil},
		{"v2 a=B, copy of A at b", put([]FileContent{fc("a.ts", "B"), fc("b.ts", "A")}),
			[]string{"A", "B"}, nil},
		{"v3 b removed, a back to A", put([]FileContent{fc("a.ts", "A")}, "b.ts"),
			[]string{"A", "B"}, nil},
		{"v4 a=C trims v1", put([]FileContent{fc("a.ts", "C")}),
			[]string{"A", "B", "C", "L", "self"}, nil},
		{"v5 a=D trims v2: B only there", put([]FileContent{fc("a.ts", "D")}),
			[]string{"A", "C", "D", "L"}, []string{"B", "bundle(B)", "map(B)"}},
		{"v6 rollback to v3 trims v3: A live again", rollback("000000000003"),
			[]string{"A", "C", "D"}, []string{"B"}},
		{"v7 a unchanged, new deps trims v4: C only there", put([]FileContent{withDeps("a.ts", "A", "a.ts", "_lib.ts")}),
			[]string{"A", "D", "self"}, []string{"C"}},
		{"v8 lib changed trims v5", put([]FileContent{shared("_lib.ts", "L2")}),
			[]string{"A", "L", "L2"}, []string{"D"}},
		{"v9 trims v6", put([]FileContent{fc("n.ts", "N")}),
			[]string{"A", "L", "L2", "N"}, nil},
		{"v10 trims v7: old lib only up to v7", put([]FileContent{fc("n.ts", "N2")}),
			[]string{"A", "L2", "N", "N2"}, []string{"L"}},
		{"v11 rollback to v8 removes n", rollback("000000000008"),
			[]string{"A", "L2", "N", "N2"}, nil},
		{"v12 delete everything", put(nil, "a.ts", "_lib.ts", "same.ts"),
			[]string{"A", "L2", "N2", "self"}, []string{"N"}},
		{"v13", put([]FileContent{fc("z.ts", "Z")}),
			[]string{"Z", "A", "L2", "self"}, []string{"N2"}},
		{"v14: only an empty tree keeps nothing", put([]FileContent{fc("z.ts", "Z2")}),
			[]string{"Z", "Z2"}, []string{"A", "bundle(A)", "map(A)", "L2", "self"}},
		{"v15", put([]FileContent{fc("z.ts", "Z3")}),
			[]string{"Z", "Z2", "Z3"}, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.run(t)
			for _, c := range st.present {
				if !hasBlob(t, s, "alice", c) {
					t.Errorf("blob of %q is gone", c)
				}
			}
			for _, c := range st.absent {
				if hasBlob(t, s, "alice", c) {
					t.Errorf("blob of %q survived", c)
				}
			}
			checkGC(t, s, "alice")
		})
	}
}

// TestKeepDeploymentsLowered reopens a store with fewer deployments kept:
// the next deploy drops several at once.
func TestKeepDeploymentsLowered(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, Config{Dir: dir, KeepDeployments: 6})
	mustUser(t, s, "alice")
	for v := range 6 {
		deploy(t, s, "alice", []FileContent{fc("a.ts", fmt.Sprint("a", v)), fc(fmt.Sprintf("f%d.ts", v), "f")})
	}
	checkGC(t, s, "alice")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, Config{Dir: dir, KeepDeployments: 2})
	deploy(t, s, "alice", []FileContent{fc("a.ts", "last")})
	list, err := s.Deployments(context.Background(), "alice")
	if err != nil || len(list) != 2 {
		t.Fatalf("%d deployments, %v", len(list), err)
	}
	for v := range 5 {
		if hasBlob(t, s, "alice", fmt.Sprint("a", v)) {
			t.Errorf("a%d survived", v)
		}
	}
	checkGC(t, s, "alice")
}

// stripCounts turns a data folder into one written before counts existed:
// that layout is this one without rc/, dr/ and gc/.
func stripCounts(t testing.TB, s *Badger) {
	t.Helper()
	var keys [][]byte
	for k := range dump(t, s) {
		if strings.HasPrefix(k, "rc/") || strings.HasPrefix(k, "dr/") || strings.HasPrefix(k, "gc/") {
			keys = append(keys, []byte(k))
		}
	}
	if len(keys) == 0 {
		t.Fatal("no counts to strip")
	}
	if err := s.deleteKeys(keys); err != nil {
		t.Fatal(err)
	}
}

// putRaw writes keys as they are, outside any store method.
func putRaw(t testing.TB, s *Badger, kv map[string][]byte) {
	t.Helper()
	err := s.db.Update(func(txn *badger.Txn) error {
		for k, v := range kv {
			if err := txn.Set([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpgradeWithoutCounts opens data written before counts existed (with
// a leftover blob of a failed deploy and more deployments than kept): the
// first deploy or rollback of each user builds the counts, and from then on
// they are kept by deploys.
func TestUpgradeWithoutCounts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, Config{Dir: dir, KeepDeployments: 5})
	for _, u := range []string{"alice", "bob", "carol"} {
		mustUser(t, s, u)
		for v := range 5 {
			deploy(t, s, u, []FileContent{fc("a.ts", fmt.Sprint("a", v)), fc("b.ts", fmt.Sprint("b", v%2)), shared("_lib.ts", "lib")})
		}
	}
	mustUser(t, s, "dave") // never deployed
	stripCounts(t, s)
	putRaw(t, s, map[string][]byte{
		string(keyBlob("alice", sha("orphan"))): s.compress([]byte("orphan")),
		string(keyBlob("bob", sha("orphan"))):   s.compress([]byte("orphan")),
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, logs := openLogged(t, Config{Dir: dir, KeepDeployments: 3})
	const rebuilt = "store: blob reference counts rebuilt"
	// Reads need no counts.
	if !hasBlob(t, s, "alice", "a0") || !hasBlob(t, s, "alice", "orphan") {
		t.Fatal("blobs before the first deploy")
	}
	t.Run("first deploy recounts", func(t *testing.T) {
		deploy(t, s, "alice", []FileContent{fc("a.ts", "a5")})
		if n := logs.count(rebuilt); n != 1 {
			t.Errorf("%d recounts, want 1", n)
		}
		for _, c := range []string{"orphan", "a0", "a1", "a2"} {
			if hasBlob(t, s, "alice", c) {
				t.Errorf("%s survived", c)
			}
		}
		checkGC(t, s, "alice")
	})
	t.Run("then counts", func(t *testing.T) {
		for v := 6; v < 10; v++ {
			deploy(t, s, "alice", []FileContent{fc("a.ts", fmt.Sprint("a", v)), fc("b.ts", fmt.Sprint("b", v%3))})
			checkGC(t, s, "alice")
		}
		// Only checkGC recounted, once per call: 1 above, 4 here.
		if n := logs.count(rebuilt); n != 1+1+4 {
			t.Errorf("%d recounts, want 6", n)
		}
	})
	t.Run("first rollback recounts", func(t *testing.T) {
		before := logs.count(rebuilt)
		if _, _, err := s.Rollback(ctx, "bob", "000000000003", "bob"); err != nil {
			t.Fatal(err)
		}
		if n := logs.count(rebuilt) - before; n != 1 {
			t.Errorf("%d recounts, want 1", n)
		}
		if hasBlob(t, s, "bob", "orphan") || hasBlob(t, s, "bob", "a1") || !hasBlob(t, s, "bob", "a2") {
			t.Error("bob's blobs after the rollback")
		}
		checkGC(t, s, "bob")
	})
	t.Run("never deployed", func(t *testing.T) {
		deploy(t, s, "dave", []FileContent{fc("a.ts", "d")})
		checkGC(t, s, "dave")
	})
	t.Run("not deployed since", func(t *testing.T) {
		if snap := snapshotGC(t, s, "carol"); snap.gc.ok || len(snap.counts) != 0 {
			t.Errorf("carol has counts: %+v", snap)
		}
		if !hasBlob(t, s, "carol", "a4") {
			t.Error("carol's live blob")
		}
	})
	t.Run("delete user", func(t *testing.T) {
		if err := s.DeleteUser(ctx, "alice"); err != nil {
			t.Fatal(err)
		}
		for k := range dump(t, s) {
			if ownedBy(k, "alice") {
				t.Errorf("key %q survived", k)
			}
		}
	})
}

// TestStaleCounts: counts that do not hold for the live tree (an older
// binary deployed since they were written) are not trusted, whatever they
// say.
func TestStaleCounts(t *testing.T) {
	s, logs := openLogged(t, Config{Dir: t.TempDir(), KeepDeployments: 2})
	mustUser(t, s, "alice")
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), fc("b.ts", "b1")})
	tr, _ := deploy(t, s, "alice", []FileContent{fc("a.ts", "a2")})
	// Counts for another tree, and a count of a live blob at 1 where it
	// is 2: trusted, the next trim would delete b1's blobs.
	putRaw(t, s, map[string][]byte{
		string(keyGC("alice")):               gcState{Version: tr.Version - 1, At: stamp(tr.UpdatedAt)}.encode(),
		string(keyRef("alice", sha("b1"))):   countValue(1),
		string(keyRef("alice", sha("gone"))): countValue(3),
	})
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a3")})
	if n := logs.count("store: blob reference counts rebuilt"); n != 1 {
		t.Errorf("%d recounts, want 1", n)
	}
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a4")})
	if !hasBlob(t, s, "alice", "b1") {
		t.Error("b1 deleted")
	}
	checkGC(t, s, "alice")

	t.Run("a count below zero recounts", func(t *testing.T) {
		putRaw(t, s, map[string][]byte{string(keyRef("alice", sha("a3"))): countValue(0)})
		deploy(t, s, "alice", []FileContent{fc("a.ts", "a5")})
		if n := logs.count("store: trimming by reference counts failed; recounting"); n != 1 {
			t.Errorf("%d failed trims, want 1", n)
		}
		checkGC(t, s, "alice")
	})
}

// TestFailedDeployBlobs: blobs stored by a deploy that never flipped (a
// crash, a cancelled context) are deleted by the user's next deploy or
// rollback, and blobs it shares with the tree are not.
func TestFailedDeployBlobs(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), fc("b.ts", "b1")})
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a2")})
	// The first half of a deploy, as Deploy does it, then nothing.
	crash := func(t *testing.T, contents ...string) {
		t.Helper()
		var live Tree
		var gc gcState
		err := s.db.View(func(txn *badger.Txn) error {
			var err error
			if live, err = s.loadTree(txn, "alice"); err != nil {
				return err
			}
			gc, err = loadGC(txn, "alice")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var blobs []blobWrite
		for _, c := range contents {
			blobs = append(blobs, blobWrite{hash: sha(c), z: s.compress([]byte(c))})
		}
		if err := s.writeBlobs(ctx, live, gc, blobs); err != nil {
			t.Fatal(err)
		}
		if snap := snapshotGC(t, s, "alice"); !snap.gc.Pending {
			t.Fatal("not pending")
		}
	}
	crash(t, "lost1", "b1")
	deploy(t, s, "alice", []FileContent{fc("c.ts", "c1")})
	if hasBlob(t, s, "alice", "lost1") || !hasBlob(t, s, "alice", "b1") {
		t.Error("after the next deploy")
	}
	checkGC(t, s, "alice")

	crash(t, "lost2")
	if _, _, err := s.Rollback(ctx, "alice", "000000000001", "alice"); err != nil {
		t.Fatal(err)
	}
	if hasBlob(t, s, "alice", "lost2") {
		t.Error("lost2 after the next rollback")
	}
	checkGC(t, s, "alice")

	t.Run("the next deploy stores the same content", func(t *testing.T) {
		crash(t, "c2", "bundle(c2)")
		deploy(t, s, "alice", []FileContent{fc("c.ts", "c2")})
		if !hasBlob(t, s, "alice", "c2") {
			t.Error("c2 deleted")
		}
		checkGC(t, s, "alice")
	})
}

// TestBigDeployCounts: a deploy whose counts do not fit in its Badger
// transaction flips without them and recounts. The memtable is shrunk to
// 1 MiB, so a transaction holds at most 1,638 entries.
func TestBigDeployCounts(t *testing.T) {
	logs := &logRecorder{}
	s, err := open(Config{Dir: t.TempDir(), KeepDeployments: 1}, slog.New(logs), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	mustUser(t, s, "alice")
	files := func(n int, tag string) []FileContent {
		out := make([]FileContent, n)
		for i := range out {
			out[i] = fc(fmt.Sprintf("f%04d.ts", i), fmt.Sprint(tag, i))
		}
		return out
	}
	deploy(t, s, "alice", files(50, "x"))
	checkGC(t, s, "alice")
	// 600 files: 1,800 new counts.
	deploy(t, s, "alice", files(600, "y"))
	if n := logs.count("store: deploying without blob reference counts; recounting"); n != 1 {
		t.Fatalf("%d uncounted deploys, want 1; log: %q", n, logs.all())
	}
	if hasBlob(t, s, "alice", "x1") || !hasBlob(t, s, "alice", "y599") {
		t.Error("after the big deploy")
	}
	checkGC(t, s, "alice")
	before := logs.count("store: blob reference counts rebuilt")
	deploy(t, s, "alice", files(1, "z"))
	if hasBlob(t, s, "alice", "y0") || !hasBlob(t, s, "alice", "y1") {
		t.Error("after the next deploy")
	}
	if logs.count("store: blob reference counts rebuilt") != before {
		t.Error("the deploy after the big one recounted")
	}
	checkGC(t, s, "alice")
}

// logRecorder is a slog.Handler that keeps every message.
type logRecorder struct {
	mu   sync.Mutex
	msgs []string
}

func (*logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecorder) WithAttrs([]slog.Attr) slog.Handler     { return l }
func (l *logRecorder) WithGroup(string) slog.Handler          { return l }
func (l *logRecorder) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, r.Message)
	return nil
}

func (l *logRecorder) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, m := range l.msgs {
		if m == msg {
			n++
		}
	}
	return n
}

func (l *logRecorder) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.msgs)
}

// openLogged is openStore with a logRecorder.
func openLogged(t testing.TB, cfg Config) (*Badger, *logRecorder) {
	t.Helper()
	logs := &logRecorder{}
	s, err := Open(cfg, slog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, logs
}
