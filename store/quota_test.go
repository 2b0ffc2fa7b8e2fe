package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"testing"
)

// noise is n bytes of text zstd cannot shrink much.
func noise(n int) string {
	b := make([]byte, n/2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// TestStorageQuota: a deploy that would store more than MaxStoredBytes for
// its user first drops the oldest deployments, never the live one; when
// that is not enough it fails with a *QuotaError naming the limit, the use
// and the addition, and changes nothing; a deploy that stores nothing new
// always passes; another user is not affected.
func TestStorageQuota(t *testing.T) {
	ctx := context.Background()
	const limit = 200 << 10
	s := openStore(t, Config{Dir: t.TempDir(), KeepDeployments: 10, MaxStoredBytes: limit})
	mustUser(t, s, "alice")
	mustUser(t, s, "bob")
	// Each deploy replaces a.ts with ~40 KiB of stored blobs (source,
	// bundle and map: ~3 × 20 KiB of hex, compressed to about half).
	var lastTree Tree
	for i := range 8 {
		lastTree, _ = deploy(t, s, "alice", []FileContent{fc("a.ts", noise(20<<10)), shared("keep.ts", "keep")})
		used, err := s.StoredBytes(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		if used > limit {
			t.Fatalf("deploy %d: %d bytes stored, over the limit of %d", i, used, limit)
		}
		checkGC(t, s, "alice")
	}
	ds, err := s.Deployments(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) >= 8 || len(ds) < 2 {
		t.Fatalf("%d deployments kept: the oldest should have made room, and history should remain", len(ds))
	}
	// Bigger than the limit on its own: refused, nothing changes.
	used, _ := s.StoredBytes(ctx, "alice")
	_, _, err = s.Deploy(ctx, DeployRequest{User: "alice", By: "alice", Via: ViaAPI, ExpectVersion: -1,
		Put: []FileContent{fc("big.ts", noise(300<<10))}})
	var qe *QuotaError
	if !errors.As(err, &qe) || !errors.Is(err, ErrQuota) || qe.Limit != limit || qe.Adding < limit || qe.Used <= 0 {
		t.Fatalf("deploy over the limit: %v (%+v)", err, qe)
	}
	if tr, _ := s.Tree(ctx, "alice"); tr.Version != lastTree.Version {
		t.Fatalf("a refused deploy changed the tree: v%d → v%d", lastTree.Version, tr.Version)
	}
	if n, _ := s.StoredBytes(ctx, "alice"); n != used {
		t.Errorf("a refused deploy changed the stored bytes: %d → %d", used, n)
	}
	checkGC(t, s, "alice")
	// Nothing new to store: a delete passes.
	deploy(t, s, "alice", nil, "keep.ts")
	checkGC(t, s, "alice")
	// Bob has his own allowance.
	deploy(t, s, "bob", []FileContent{fc("a.ts", noise(40<<10))})
	if n, _ := s.StoredBytes(ctx, "bob"); n <= 0 || n > limit {
		t.Errorf("bob stores %d bytes", n)
	}
	checkGC(t, s, "bob")
}

// TestStoredBytesBeforeCounts: a gc/ value from before stored bytes were
// kept is not trusted; StoredBytes still answers, and the next deploy
// recounts and keeps the figure exact from then on.
func TestStoredBytesBeforeCounts(t *testing.T) {
	ctx := context.Background()
	s, logs := openLogged(t, Config{Dir: t.TempDir()})
	mustUser(t, s, "alice")
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a1"), fc("b.ts", "b1")})
	tr, _ := deploy(t, s, "alice", []FileContent{fc("a.ts", "a2")})
	old := gcFor(tr).encode()[:17] // the format before Bytes
	putRaw(t, s, map[string][]byte{string(keyGC("alice")): old})
	if n, err := s.StoredBytes(ctx, "alice"); err != nil || n != blobBytes(t, s, "alice") {
		t.Errorf("StoredBytes on old counts = %d, %v; the blobs take %d", n, err, blobBytes(t, s, "alice"))
	}
	deploy(t, s, "alice", []FileContent{fc("a.ts", "a3")})
	if n := logs.count("store: blob reference counts rebuilt"); n != 1 {
		t.Errorf("%d recounts, want 1", n)
	}
	checkGC(t, s, "alice")
	if _, err := s.StoredBytes(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("StoredBytes of an unknown user: %v", err)
	}
}

// TestQuotaAfterUpgrade: a user already over a newly set limit, on data
// from before stored bytes were kept, can still make the one deploy that
// rebuilds the counts; the next deploy that adds bytes is checked.
func TestQuotaAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{Dir: t.TempDir(), MaxStoredBytes: -1})
	mustUser(t, s, "alice")
	tr, _ := deploy(t, s, "alice", []FileContent{fc("a.ts", noise(60<<10))})
	putRaw(t, s, map[string][]byte{string(keyGC("alice")): gcFor(tr).encode()[:17]})
	s.cfg.MaxStoredBytes = 16 << 10
	deploy(t, s, "alice", []FileContent{fc("b.ts", "b1")})
	checkGC(t, s, "alice")
	_, _, err := s.Deploy(ctx, DeployRequest{User: "alice", By: "alice", Via: ViaAPI, ExpectVersion: -1, Put: []FileContent{fc("c.ts", "c1")}})
	var qe *QuotaError
	if !errors.As(err, &qe) || qe.Used < 60<<10 {
		t.Fatalf("a deploy adding bytes over the limit after the recount: %v", err)
	}
	// Deleting still works, and is how the user gets under the limit:
	// the next deploy drops the history that still holds a.ts.
	deploy(t, s, "alice", nil, "a.ts")
	deploy(t, s, "alice", []FileContent{fc("c.ts", "c1")})
	if n, _ := s.StoredBytes(ctx, "alice"); n > 16<<10 {
		t.Errorf("%d bytes stored after deleting the big file and deploying again", n)
	}
	checkGC(t, s, "alice")
}
