package store

import (
	"context"
	"testing"
	"time"
)

// TestRouteLimitsKept: a route's limits are stored with its meta, survive a
// reopen, are added by an unchanged redeploy that records them (a tree
// written before limits were), and a rollback keeps them.
func TestRouteLimitsKept(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, Config{Dir: dir})
	mustUser(t, s, "alice")
	lim := &RouteLimits{Timeout: 300 * time.Millisecond, BodyLimit: 100}

	// Written without limits, as before they were recorded.
	tr, _ := deploy(t, s, "alice", []FileContent{fc("a.ts", "A")})
	if tr.Files["a.ts"].Limits != nil {
		t.Fatalf("limits from nowhere: %+v", tr.Files["a.ts"].Limits)
	}
	// The same content, rebuilt with limits: they are recorded.
	with := fc("a.ts", "A")
	with.Meta.Limits = lim
	tr, _ = deploy(t, s, "alice", []FileContent{with})
	if got := tr.Files["a.ts"].Limits; got == nil || *got != *lim {
		t.Fatalf("unchanged redeploy with limits: %+v", got)
	}
	_, first := deploy(t, s, "alice", []FileContent{fc("b.ts", "B")})
	b2 := fc("b.ts", "B2")
	b2.Meta.Limits = &RouteLimits{BodyLimit: 7}
	deploy(t, s, "alice", []FileContent{b2})

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, Config{Dir: dir})
	tr, err := s.Tree(context.Background(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Files["a.ts"].Limits; got == nil || *got != *lim {
		t.Fatalf("after a reopen: %+v", got)
	}
	if got := tr.Files["b.ts"].Limits; got == nil || got.BodyLimit != 7 {
		t.Fatalf("b.ts after a reopen: %+v", got)
	}
	tr, _, err = s.Rollback(context.Background(), "alice", first.ID, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Files["a.ts"].Limits; got == nil || *got != *lim {
		t.Fatalf("after a rollback: %+v", got)
	}
	if got := tr.Files["b.ts"].Limits; got != nil {
		t.Fatalf("b.ts rolled back to a version without limits: %+v", got)
	}
}
