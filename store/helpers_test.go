package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// openStore opens a store in a fresh directory (or cfg.Dir if set) and
// closes it when the test ends.
func openStore(t testing.TB, cfg Config) *Badger {
	t.Helper()
	if cfg.Dir == "" && !cfg.InMemory {
		cfg.Dir = t.TempDir()
	}
	b, err := Open(cfg, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil && !errors.Is(err, ErrClosed) {
			t.Errorf("Close: %v", err)
		}
	})
	return b
}

func mustUser(t testing.TB, s Store, name string) {
	t.Helper()
	if err := s.CreateUser(context.Background(), User{Name: name, Role: RoleUser}); err != nil {
		t.Fatalf("CreateUser(%q): %v", name, err)
	}
}

// fc builds a function file whose bundle and map derive from src.
func fc(path, src string) FileContent {
	return FileContent{
		Meta:   FileMeta{Path: path},
		Source: []byte(src),
		Bundle: []byte("bundle(" + src + ")"),
		Map:    []byte("map(" + src + ")"),
	}
}

// shared builds a shared module: source only, no bundle or map.
func shared(path, src string) FileContent {
	return FileContent{Meta: FileMeta{Path: path}, Source: []byte(src)}
}

func deploy(t testing.TB, s Store, user string, put []FileContent, del ...string) (Tree, Deployment) {
	t.Helper()
	tr, d, err := s.Deploy(context.Background(), DeployRequest{
		User: user, By: user, Via: ViaAPI, Put: put, Delete: del, ExpectVersion: -1,
	})
	if err != nil {
		t.Fatalf("Deploy: %v", err)
	}
	return tr, d
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// dump returns every live key of the database with its raw value.
func dump(t testing.TB, b *Badger) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := b.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out[string(it.Item().Key())] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("dump: %v", err)
	}
	return out
}

// ownedBy reports whether key holds data of user (including tokens, whose
// t/ keys are recognised through the token hashes given).
func ownedBy(key, user string, tokens ...string) bool {
	for _, exact := range []string{"u/" + user, "tree/" + user, "ls/" + user, "gc/" + user} {
		if key == exact {
			return true
		}
	}
	for _, p := range []string{"tk/", "b/", "rc/", "d/", "dt/", "dr/", "l/"} {
		if strings.HasPrefix(key, p+user+"/") {
			return true
		}
	}
	for _, tok := range tokens {
		if key == "t/"+tok {
			return true
		}
	}
	return false
}

func paths(files map[string]FileMeta) []string { return slices.Sorted(maps.Keys(files)) }

// sameMeta compares two FileMetas field by field (Deps makes == unusable).
func sameMeta(a, b FileMeta) bool {
	return a.Path == b.Path && a.Version == b.Version && a.UpdatedAt.Equal(b.UpdatedAt) &&
		a.SourceHash == b.SourceHash && a.BundleHash == b.BundleHash && a.MapHash == b.MapHash &&
		a.Sizes == b.Sizes && slices.Equal(a.Deps, b.Deps)
}
