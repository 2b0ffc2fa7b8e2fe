package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestDeploy(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")

	type want struct {
		err                     error
		version                 int64 // live version after the step
		added, changed, removed []string
		files                   map[string]int64 // path → FileMeta.Version
	}
	steps := []struct {
		name string
		req  DeployRequest
		want want
	}{
		{"first deploy adds", DeployRequest{Put: []FileContent{fc("a.ts", "a1"), fc("orders/b.ts", "b1"), shared("_lib.ts", "lib1")}},
			want{version: 1, added: []string{"_lib.ts", "a.ts", "orders/b.ts"}, files: map[string]int64{"_lib.ts": 1, "a.ts": 1, "orders/b.ts": 1}}},
		{"change one, put one unchanged", DeployRequest{Put: []FileContent{fc("a.ts", "a2"), fc("orders/b.ts", "b1")}},
			want{version: 2, changed: []string{"a.ts"}, files: map[string]int64{"_lib.ts": 1, "a.ts": 2, "orders/b.ts": 1}}},
		{"bundle-only change counts", DeployRequest{Put: []FileContent{{Meta: FileMeta{Path: "a.ts"}, Source: []byte("a2"), Bundle: []byte("rebuilt"), Map: []byte("map(a2)")}}},
			want{version: 3, changed: []string{"a.ts"}, files: map[string]int64{"_lib.ts": 1, "a.ts": 3, "orders/b.ts": 1}}},
		{"remove and add", DeployRequest{Put: []FileContent{fc("c.ts", "c1")}, Delete: []string{"orders/b.ts"}},
			want{version: 4, added: []string{"c.ts"}, removed: []string{"orders/b.ts"}, files: map[string]int64{"_lib.ts": 1, "a.ts": 3, "c.ts": 4}}},
		{"delete missing path", DeployRequest{Put: []FileContent{fc("d.ts", "d1")}, Delete: []string{"nope.ts"}},
			want{err: ErrNotFound, version: 4}},
		{"expect old version", DeployRequest{Put: []FileContent{fc("d.ts", "d1")}, ExpectVersion: 3},
			want{err: ErrConflict, version: 4}},
		{"expect never deployed", DeployRequest{Put: []FileContent{fc("d.ts", "d1")}, ExpectVersion: 0},
			want{err: ErrConflict, version: 4}},
		{"expect live version", DeployRequest{Put: []FileContent{fc("d.ts", "d1")}, ExpectVersion: 4},
			want{version: 5, added: []string{"d.ts"}, files: map[string]int64{"_lib.ts": 1, "a.ts": 3, "c.ts": 4, "d.ts": 5}}},
		{"nothing changes still versions", DeployRequest{Put: []FileContent{fc("d.ts", "d1")}},
			want{version: 6, files: map[string]int64{"_lib.ts": 1, "a.ts": 3, "c.ts": 4, "d.ts": 5}}},
		{"path escapes", DeployRequest{Put: []FileContent{fc("../x.ts", "x")}}, want{err: ErrInvalid, version: 6}},
		{"absolute path", DeployRequest{Put: []FileContent{fc("/x.ts", "x")}}, want{err: ErrInvalid, version: 6}},
		{"put twice", DeployRequest{Put: []FileContent{fc("x.ts", "1"), fc("x.ts", "2")}}, want{err: ErrInvalid, version: 6}},
		{"put and delete", DeployRequest{Put: []FileContent{fc("d.ts", "2")}, Delete: []string{"d.ts"}}, want{err: ErrInvalid, version: 6}},
		{"bad via", DeployRequest{Via: "rollback"}, want{err: ErrInvalid, version: 6}},
		{"unknown user", DeployRequest{User: "zed"}, want{err: ErrNotFound, version: 6}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			req := st.req
			if req.User == "" {
				req.User = "alice"
			}
			if req.Via == "" {
				req.Via = ViaPush
			}
			req.By = "admin"
			if req.ExpectVersion == 0 && st.name != "expect never deployed" {
				req.ExpectVersion = -1
			}
			tr, d, err := s.Deploy(ctx, req)
			if !errors.Is(err, st.want.err) || (st.want.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, st.want.err)
			}
			live, lerr := s.Tree(ctx, "alice")
			if lerr != nil {
				t.Fatal(lerr)
			}
			if live.Version != st.want.version {
				t.Fatalf("live version = %d, want %d", live.Version, st.want.version)
			}
			if err != nil {
				return
			}
			if tr.Version != st.want.version || d.Version != st.want.version || d.ID != fmt.Sprintf("%012d", st.want.version) {
				t.Errorf("tree v%d, deployment v%d id %q", tr.Version, d.Version, d.ID)
			}
			if d.By != "admin" || d.Via != ViaPush || d.User != "alice" || !d.CreatedAt.Equal(tr.UpdatedAt) {
				t.Errorf("deployment = %+v", d)
			}
			for _, c := range []struct {
				name      string
				got, want []string
			}{{"added", d.Files.Added, st.want.added}, {"changed", d.Files.Changed, st.want.changed}, {"removed", d.Files.Removed, st.want.removed}} {
				if !slices.Equal(c.got, c.want) || c.got == nil {
					t.Errorf("%s = %#v, want %v", c.name, c.got, c.want)
				}
			}
			got := map[string]int64{}
			for p, m := range live.Files {
				got[p] = m.Version
				if m.Path != p {
					t.Errorf("meta of %q has path %q", p, m.Path)
				}
			}
			if !maps.Equal(got, st.want.files) {
				t.Errorf("file versions = %v, want %v", got, st.want.files)
			}
			if !maps.EqualFunc(live.Files, tr.Files, sameMeta) ||
				!maps.EqualFunc(live.Files, d.Tree, sameMeta) {
				t.Errorf("returned tree/deployment tree differ from stored tree")
			}
		})
	}

	t.Run("metadata and blobs", func(t *testing.T) {
		live, err := s.Tree(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		a := live.Files["a.ts"]
		if a.SourceHash != sha("a2") || a.BundleHash != sha("rebuilt") || a.MapHash != sha("map(a2)") {
			t.Errorf("a.ts hashes = %+v", a)
		}
		if a.Sizes.Source != 2 || a.Sizes.Bundle != len("rebuilt") || a.Sizes.Stored <= 0 {
			t.Errorf("a.ts sizes = %+v", a.Sizes)
		}
		lib := live.Files["_lib.ts"]
		if lib.BundleHash != "" || lib.MapHash != "" || lib.Sizes.Bundle != 0 {
			t.Errorf("shared module meta = %+v", lib)
		}
		for hash, want := range map[string]string{a.SourceHash: "a2", a.BundleHash: "rebuilt", a.MapHash: "map(a2)", lib.SourceHash: "lib1"} {
			got, err := s.Blob(ctx, "alice", hash)
			if err != nil || string(got) != want {
				t.Errorf("Blob(%.8s) = %q, %v; want %q", hash, got, err, want)
			}
		}
		for _, c := range []struct{ user, hash string }{{"alice", sha("never")}, {"bob", a.SourceHash}, {"alice", "xyz"}} {
			if _, err := s.Blob(ctx, c.user, c.hash); !errors.Is(err, ErrNotFound) {
				t.Errorf("Blob(%s, %.8s) err = %v, want ErrNotFound", c.user, c.hash, err)
			}
		}
	})

	t.Run("deployments listing", func(t *testing.T) {
		list, err := s.Deployments(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range list {
			ids = append(ids, d.ID)
			if d.Tree != nil {
				t.Errorf("listing of %s carries a tree", d.ID)
			}
		}
		want := []string{"000000000006", "000000000005", "000000000004", "000000000003", "000000000002", "000000000001"}
		if !slices.Equal(ids, want) {
			t.Errorf("ids = %v, want %v", ids, want)
		}
		d, err := s.Deployment(ctx, "alice", "000000000004")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(paths(d.Tree), []string{"_lib.ts", "a.ts", "c.ts"}) || !slices.Equal(d.Files.Removed, []string{"orders/b.ts"}) {
			t.Errorf("deployment 4 = %+v", d)
		}
		for _, id := range []string{"000000000099", "x", "", "../1"} {
			if _, err := s.Deployment(ctx, "alice", id); !errors.Is(err, ErrNotFound) {
				t.Errorf("Deployment(%q) err = %v, want ErrNotFound", id, err)
			}
		}
	})

	t.Run("never deployed and unknown user", func(t *testing.T) {
		mustUser(t, s, "bob")
		tr, err := s.Tree(ctx, "bob")
		if err != nil || tr.Version != 0 || tr.Files == nil || len(tr.Files) != 0 || tr.User != "bob" {
			t.Errorf("Tree(bob) = %+v, %v", tr, err)
		}
		list, err := s.Deployments(ctx, "bob")
		if err != nil || list == nil || len(list) != 0 {
			t.Errorf("Deployments(bob) = %v, %v", list, err)
		}
		if _, err := s.Tree(ctx, "zed"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Tree(zed) err = %v", err)
		}
		if _, err := s.Deployments(ctx, "zed"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Deployments(zed) err = %v", err)
		}
	})
}

func TestFailedDeployChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), fc("b.ts", "b1")})
	before := dump(t, s)
	cases := []struct {
		name string
		req  DeployRequest
		want error
	}{
		{"delete missing with new content", DeployRequest{Put: []FileContent{fc("c.ts", "new content"), fc("a.ts", "a2")}, Delete: []string{"zzz.ts"}, ExpectVersion: -1}, ErrNotFound},
		{"version conflict with new content", DeployRequest{Put: []FileContent{fc("c.ts", "new content")}, ExpectVersion: 7}, ErrConflict},
		{"invalid path with new content", DeployRequest{Put: []FileContent{fc("c.ts", "new content"), fc("a//b.ts", "x")}, ExpectVersion: -1}, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.req.User, c.req.By, c.req.Via = "alice", "alice", ViaAPI
			if _, _, err := s.Deploy(ctx, c.req); !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			after := dump(t, s)
			if !maps.Equal(before, after) {
				for k := range after {
					if _, ok := before[k]; !ok {
						t.Errorf("new key %q", k)
					}
				}
				t.Fatalf("database changed: %d keys before, %d after", len(before), len(after))
			}
		})
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(Config{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustUser(t, s, "alice")
	if err := s.PutToken(ctx, sha("tok"), Token{User: "alice"}); err != nil {
		t.Fatal(err)
	}
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), shared("_x.ts", "x")})
	wantTree, _ := deploy(t, s, "alice", []FileContent{fc("a.ts", "a2")})
	wantList, err := s.Deployments(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AppendLogs(ctx, "alice", []LogRecord{{Kind: LogConsole, Msg: "hello"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openStore(t, Config{Dir: dir})
	u, err := s.UserByToken(ctx, sha("tok"))
	if err != nil || u.Name != "alice" {
		t.Fatalf("UserByToken after reopen = %+v, %v", u, err)
	}
	tr, err := s.Tree(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Version != wantTree.Version || !tr.UpdatedAt.Equal(wantTree.UpdatedAt) || !maps.EqualFunc(tr.Files, wantTree.Files, sameMeta) {
		t.Errorf("tree after reopen = %+v, want %+v", tr, wantTree)
	}
	list, err := s.Deployments(ctx, "alice")
	if err != nil || len(list) != len(wantList) {
		t.Fatalf("deployments after reopen = %d, %v", len(list), err)
	}
	for i := range list {
		if list[i].ID != wantList[i].ID || !slices.Equal(list[i].Files.Changed, wantList[i].Files.Changed) || !slices.Equal(list[i].Files.Added, wantList[i].Files.Added) {
			t.Errorf("deployment %d = %+v, want %+v", i, list[i], wantList[i])
		}
	}
	if b, err := s.Blob(ctx, "alice", tr.Files["a.ts"].BundleHash); err != nil || string(b) != "bundle(a2)" {
		t.Errorf("blob after reopen = %q, %v", b, err)
	}
	logs, err := s.Logs(ctx, "alice", LogQuery{})
	if err != nil || len(logs) != 1 || logs[0].Msg != "hello" {
		t.Errorf("logs after reopen = %+v, %v", logs, err)
	}
}

func TestRollback(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	_, d1 := deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), fc("b.ts", "b1"), fc("k.ts", "k")})
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a2"), fc("c.ts", "c1")}, "b.ts")

	tr, d, err := s.Rollback(ctx, "alice", d1.ID, "root")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Version != 3 || d.Version != 3 || d.Via != ViaRollback || d.RollbackOf != d1.ID || d.By != "root" {
		t.Errorf("rollback deployment = %+v", d)
	}
	if !slices.Equal(d.Files.Added, []string{"b.ts"}) || !slices.Equal(d.Files.Changed, []string{"a.ts"}) || !slices.Equal(d.Files.Removed, []string{"c.ts"}) {
		t.Errorf("change = %+v", d.Files)
	}
	live, err := s.Tree(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		src     string
		version int64
	}{"a.ts": {"a1", 3}, "b.ts": {"b1", 3}, "k.ts": {"k", 1}}
	if !slices.Equal(paths(live.Files), []string{"a.ts", "b.ts", "k.ts"}) {
		t.Fatalf("live paths = %v", paths(live.Files))
	}
	for p, w := range want {
		m := live.Files[p]
		if m.Version != w.version {
			t.Errorf("%s version = %d, want %d", p, m.Version, w.version)
		}
		if src, err := s.Blob(ctx, "alice", m.SourceHash); err != nil || string(src) != w.src {
			t.Errorf("%s source = %q, %v; want %q", p, src, err, w.src)
		}
	}
	got, err := s.Deployment(ctx, "alice", d.ID)
	if err != nil || got.RollbackOf != d1.ID || !maps.EqualFunc(got.Tree, live.Files, sameMeta) {
		t.Errorf("stored rollback deployment = %+v, %v", got, err)
	}
	for _, c := range []struct {
		user, id, by string
		want         error
	}{
		{"alice", "000000000042", "root", ErrNotFound},
		{"alice", "nope", "root", ErrNotFound},
		{"zed", d1.ID, "root", ErrNotFound},
		{"alice", d1.ID, "", ErrInvalid},
	} {
		if _, _, err := s.Rollback(ctx, c.user, c.id, c.by); !errors.Is(err, c.want) {
			t.Errorf("Rollback(%s, %s, %q) err = %v, want %v", c.user, c.id, c.by, err, c.want)
		}
	}
}

func blobKeys(t *testing.T, s *Badger, user string) []string {
	var ks []string
	for k := range dump(t, s) {
		if strings.HasPrefix(k, "b/"+user+"/") {
			ks = append(ks, strings.TrimPrefix(k, "b/"+user+"/"))
		}
	}
	slices.Sort(ks)
	return ks
}

func TestTrimDeploymentsAndBlobs(t *testing.T) {
	ctx := context.Background()
	const keep = 3
	s := openStore(t, Config{KeepDeployments: keep})
	mustUser(t, s, "alice")
	for v := 1; v <= 6; v++ {
		deploy(t, s, "alice", []FileContent{fc("a.ts", fmt.Sprintf("a%d", v)), fc("shared.ts", "same"), shared("_lib.ts", "lib")})
	}
	list, err := s.Deployments(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range list {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"000000000006", "000000000005", "000000000004"}) {
		t.Errorf("kept = %v", ids)
	}
	if _, err := s.Deployment(ctx, "alice", "000000000003"); !errors.Is(err, ErrNotFound) {
		t.Errorf("trimmed deployment err = %v", err)
	}
	if _, _, err := s.Rollback(ctx, "alice", "000000000001", "alice"); !errors.Is(err, ErrNotFound) {
		t.Errorf("rollback to trimmed err = %v", err)
	}
	// Kept: a4..a6 (source, bundle, map each), shared.ts (3), _lib.ts (1).
	var want []string
	for v := 4; v <= 6; v++ {
		src := fmt.Sprintf("a%d", v)
		want = append(want, sha(src), sha("bundle("+src+")"), sha("map("+src+")"))
	}
	want = append(want, sha("same"), sha("bundle(same)"), sha("map(same)"), sha("lib"))
	slices.Sort(want)
	if got := blobKeys(t, s, "alice"); !slices.Equal(got, want) {
		t.Errorf("blobs = %d %v\nwant %d %v", len(got), got, len(want), want)
	}
	for v := 1; v <= 6; v++ {
		_, err := s.Blob(ctx, "alice", sha(fmt.Sprintf("a%d", v)))
		if v <= 3 && !errors.Is(err, ErrNotFound) || v > 3 && err != nil {
			t.Errorf("blob of a%d: %v", v, err)
		}
	}
	// Rolling back to the oldest kept deployment works: its blobs are kept.
	tr, _, err := s.Rollback(ctx, "alice", "000000000004", "alice")
	if err != nil {
		t.Fatal(err)
	}
	if src, err := s.Blob(ctx, "alice", tr.Files["a.ts"].SourceHash); err != nil || string(src) != "a4" {
		t.Errorf("after rollback a.ts = %q, %v", src, err)
	}
}

func TestDeleteUser(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{KeepDeployments: 2})
	// "alice-b" shares the prefix "alice" with "alice" in every key family.
	users := []string{"alice", "alice-b"}
	for _, u := range users {
		mustUser(t, s, u)
		if err := s.PutToken(ctx, sha("tok-"+u), Token{User: u}); err != nil {
			t.Fatal(err)
		}
		for v := range 3 {
			deploy(t, s, u, []FileContent{fc("f.ts", fmt.Sprint(u, v)), fc("common.ts", "same for all")})
		}
		if err := s.AppendLogs(ctx, u, []LogRecord{{Kind: LogConsole, Msg: "m1"}, {Kind: LogConsole, Msg: "m2"}}); err != nil {
			t.Fatal(err)
		}
	}
	before := dump(t, s)
	for _, prefix := range []string{"u/alice", "t/" + sha("tok-alice"), "tk/alice/", "tree/alice", "b/alice/", "rc/alice/", "d/alice/", "dt/alice/", "dr/alice/", "l/alice/", "ls/alice", "gc/alice"} {
		found := false
		for k := range before {
			found = found || strings.HasPrefix(k, prefix) && ownedBy(k, "alice", sha("tok-alice"))
		}
		if !found {
			t.Fatalf("setup: no key %q… for alice", prefix)
		}
	}

	if err := s.DeleteUser(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	after := dump(t, s)
	for k := range after {
		if ownedBy(k, "alice", sha("tok-alice")) {
			t.Errorf("key %q of alice survived", k)
		}
	}
	for k, v := range before {
		if ownedBy(k, "alice", sha("tok-alice")) {
			continue
		}
		if after[k] != v {
			t.Errorf("key %q of another user changed or vanished", k)
		}
	}
	if len(after) == 0 {
		t.Fatal("everything deleted")
	}

	t.Run("name reused starts clean", func(t *testing.T) {
		mustUser(t, s, "alice")
		tr, err := s.Tree(ctx, "alice")
		if err != nil || tr.Version != 0 || len(tr.Files) != 0 {
			t.Errorf("tree = %+v, %v", tr, err)
		}
		if _, err := s.UserByToken(ctx, sha("tok-alice")); !errors.Is(err, ErrNotFound) {
			t.Errorf("old token err = %v", err)
		}
		recs := []LogRecord{{Kind: LogSystem, Msg: "fresh"}}
		if err := s.AppendLogs(ctx, "alice", recs); err != nil || recs[0].Seq != 1 {
			t.Errorf("first seq = %d, %v", recs[0].Seq, err)
		}
		if logs, err := s.Logs(ctx, "alice", LogQuery{}); err != nil || len(logs) != 1 {
			t.Errorf("logs = %+v, %v", logs, err)
		}
	})
}

// TestBigDeploy writes ~25 MiB of incompressible content in one deploy,
// about ten times what one Badger transaction may hold with our memtables.
func TestBigDeploy(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{})
	mustUser(t, s, "alice")
	var put []FileContent
	for i := range 30 {
		size := 1 << 20
		if i >= 20 {
			size = 512 << 10 // below Badger's value threshold: stored in the LSM tree
		}
		src := make([]byte, size)
		rand.Read(src)
		put = append(put, FileContent{Meta: FileMeta{Path: fmt.Sprintf("big/f%02d.ts", i)}, Source: src, Bundle: src[:size/2]})
	}
	tr, d, err := s.Deploy(ctx, DeployRequest{User: "alice", By: "alice", Via: ViaUpload, Put: put, ExpectVersion: 0})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Version != 1 || len(d.Files.Added) != 30 {
		t.Fatalf("version %d, added %d", tr.Version, len(d.Files.Added))
	}
	for _, i := range []int{0, 19, 20, 29} {
		m := tr.Files[put[i].Meta.Path]
		got, err := s.Blob(ctx, "alice", m.SourceHash)
		if err != nil || string(got) != string(put[i].Source) {
			t.Errorf("file %d: %d bytes, %v", i, len(got), err)
		}
		if m.Sizes.Stored < m.Sizes.Source {
			t.Errorf("file %d: stored %d < source %d for random bytes", i, m.Sizes.Stored, m.Sizes.Source)
		}
	}
}

func TestConcurrentDeploys(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{KeepDeployments: 4})
	const users, writers, rounds = 20, 2, 3
	for u := range users {
		mustUser(t, s, fmt.Sprintf("u%02d", u))
	}
	var wg sync.WaitGroup
	errs := make(chan error, users*writers*rounds*2)
	for u := range users {
		user := fmt.Sprintf("u%02d", u)
		for w := range writers {
			wg.Go(func() {
				for r := range rounds {
					_, _, err := s.Deploy(ctx, DeployRequest{
						User: user, By: user, Via: ViaPush, ExpectVersion: -1,
						Put: []FileContent{fc(fmt.Sprintf("w%d/r%d.ts", w, r), user), fc("common.ts", fmt.Sprint(w, r))},
					})
					if err != nil {
						errs <- err
					}
					if err := s.AppendLogs(ctx, user, []LogRecord{{Kind: LogSystem, Msg: "deployed"}}); err != nil {
						errs <- err
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for u := range users {
		user := fmt.Sprintf("u%02d", u)
		tr, err := s.Tree(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Version != writers*rounds || len(tr.Files) != writers*rounds+1 {
			t.Errorf("%s: version %d, %d files", user, tr.Version, len(tr.Files))
		}
		list, err := s.Deployments(ctx, user)
		if err != nil || len(list) != 4 || list[0].Version != writers*rounds {
			t.Errorf("%s: %d deployments, %v", user, len(list), err)
		}
		for p, m := range tr.Files {
			if _, err := s.Blob(ctx, user, m.SourceHash); err != nil {
				t.Errorf("%s: blob of live %s: %v", user, p, err)
			}
		}
		logs, err := s.Logs(ctx, user, LogQuery{})
		if err != nil || len(logs) != writers*rounds {
			t.Fatalf("%s: %d logs, %v", user, len(logs), err)
		}
		for i, r := range logs {
			if r.Seq != uint64(i+1) {
				t.Errorf("%s: log %d has seq %d", user, i, r.Seq)
			}
		}
	}
}
