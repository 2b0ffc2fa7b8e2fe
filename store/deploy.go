package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Tree implements Store.
func (b *Badger) Tree(ctx context.Context, user string) (Tree, error) {
	if err := b.enter(ctx); err != nil {
		return Tree{}, err
	}
	defer b.leave()
	if !validName(user) {
		return Tree{}, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	var t Tree
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		var err error
		t, err = b.loadTree(txn, user)
		return err
	})
	return t, xlate("tree", err)
}

// loadTree returns the live tree, or an empty one if there is none.
func (b *Badger) loadTree(txn *badger.Txn, user string) (Tree, error) {
	t := Tree{User: user}
	err := b.getZJSON(txn, keyTree(user), &t)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return Tree{}, err
	}
	if t.Files == nil {
		t.Files = map[string]FileMeta{}
	}
	return t, nil
}

// blobWrite is one compressed blob a deploy may have to store.
type blobWrite struct {
	hash string
	z    []byte
}

// Deploy implements Store.
func (b *Badger) Deploy(ctx context.Context, req DeployRequest) (Tree, Deployment, error) {
	if err := b.enter(ctx); err != nil {
		return Tree{}, Deployment{}, err
	}
	defer b.leave()
	if err := checkDeployRequest(req); err != nil {
		return Tree{}, Deployment{}, err
	}
	us := b.user(req.User)
	us.mu.Lock()
	defer us.mu.Unlock()

	var old Tree
	var gc gcState
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, req.User); err != nil {
			return err
		}
		var err error
		if old, err = b.loadTree(txn, req.User); err != nil {
			return err
		}
		gc, err = loadGC(txn, req.User)
		return err
	})
	if err != nil {
		return Tree{}, Deployment{}, xlate("deploy", err)
	}
	if req.ExpectVersion >= 0 && req.ExpectVersion != old.Version {
		return Tree{}, Deployment{}, fmt.Errorf("%w: expected version %d, live version is %d",
			ErrConflict, req.ExpectVersion, old.Version)
	}
	for _, p := range req.Delete {
		if _, ok := old.Files[p]; !ok {
			return Tree{}, Deployment{}, fmt.Errorf("%w: path %q is not deployed", ErrNotFound, p)
		}
	}

	version := old.Version + 1
	at := now()
	files := maps.Clone(old.Files)
	ch := Change{Added: []string{}, Changed: []string{}, Removed: append([]string{}, req.Delete...)}
	for _, p := range req.Delete {
		delete(files, p)
	}
	var blobs []blobWrite
	zsize := map[string]int64{} // hash → compressed size of content queued so far
	// put queues content for storing under hash h and returns its stored
	// size. h == "" (an empty bundle or map) means "none".
	put := func(h string, content []byte) int {
		if h == "" {
			return 0
		}
		if n, ok := zsize[h]; ok {
			return int(n)
		}
		z := b.compress(content)
		zsize[h] = int64(len(z))
		blobs = append(blobs, blobWrite{hash: h, z: z})
		return len(z)
	}
	for _, fc := range req.Put {
		p := fc.Meta.Path
		// An empty source is still content (an empty module) and gets a
		// hash; an empty bundle or map means "none".
		m := FileMeta{Path: p, SourceHash: sourceHash(fc.Source), BundleHash: hashOf(fc.Bundle), MapHash: hashOf(fc.Map),
			Deps: slices.Clone(fc.Meta.Deps), Limits: cloneLimits(fc.Meta.Limits)}
		prev, had := old.Files[p]
		if had && sameContent(prev, m) {
			// Unchanged: keep its meta and blobs; new deps replace the
			// old (a rebuild of a tree written before deps were kept).
			if m.Deps != nil && !slices.Equal(prev.Deps, m.Deps) {
				prev.Deps = m.Deps
				files[p] = prev
			}
			// Likewise limits recorded by a rebuild.
			if m.Limits != nil && (prev.Limits == nil || *prev.Limits != *m.Limits) {
				prev.Limits = m.Limits
				files[p] = prev
			}
			continue
		}
		m.Version, m.UpdatedAt = version, at
		stored := put(m.SourceHash, fc.Source) + put(m.BundleHash, fc.Bundle) + put(m.MapHash, fc.Map)
		m.Sizes = Sizes{Source: len(fc.Source), Bundle: len(fc.Bundle), Stored: stored}
		files[p] = m
		if had {
			ch.Changed = append(ch.Changed, p)
		} else {
			ch.Added = append(ch.Added, p)
		}
		if err := ctx.Err(); err != nil {
			return Tree{}, Deployment{}, err
		}
	}
	if gc, err = b.makeRoom(ctx, old, gc, blobs); err != nil {
		return Tree{}, Deployment{}, xlate("deploy", err)
	}
	if err := b.writeBlobs(ctx, old, gc, blobs); err != nil {
		return Tree{}, Deployment{}, xlate("deploy: write blobs", err)
	}
	t, d, err := b.flip(ctx, old, files, ch, version, at, req.By, req.Via, "", zsize)
	if err != nil {
		return Tree{}, Deployment{}, xlate("deploy", err)
	}
	return t, d, nil
}

// sourceHash returns the sha256 hex of a source, empty or not.
func sourceHash(p []byte) string {
	sum := sha256.Sum256(p)
	return hex.EncodeToString(sum[:])
}

// hashOf returns the sha256 hex of p, or "" for empty p.
func hashOf(p []byte) string {
	if len(p) == 0 {
		return ""
	}
	sum := sha256.Sum256(p)
	return hex.EncodeToString(sum[:])
}

// checkDeployRequest validates a request before any lock is taken.
func checkDeployRequest(req DeployRequest) error {
	if !validName(req.User) {
		return fmt.Errorf("%w: user %q", ErrNotFound, req.User)
	}
	switch req.Via {
	case ViaAPI, ViaPush, ViaConsole, ViaUpload:
	default:
		return fmt.Errorf("%w: via %q", ErrInvalid, req.Via)
	}
	if req.By == "" {
		return fmt.Errorf("%w: by is required", ErrInvalid)
	}
	put := make(map[string]bool, len(req.Put))
	for _, fc := range req.Put {
		p := fc.Meta.Path
		if !validPath(p) {
			return fmt.Errorf("%w: path %q", ErrInvalid, p)
		}
		if put[p] {
			return fmt.Errorf("%w: path %q put twice", ErrInvalid, p)
		}
		put[p] = true
	}
	del := make(map[string]bool, len(req.Delete))
	for _, p := range req.Delete {
		if !validPath(p) {
			return fmt.Errorf("%w: path %q", ErrInvalid, p)
		}
		if put[p] || del[p] {
			return fmt.Errorf("%w: path %q both put and deleted, or deleted twice", ErrInvalid, p)
		}
		del[p] = true
	}
	return nil
}

// writeBlobs stores the blobs the user does not have yet. A WriteBatch
// splits them over as many transactions as Badger's size limit needs.
// Blobs of an earlier failed deploy are deleted first, and the counts are
// marked pending before any blob is stored (see gc.go). The caller holds
// the user's mu; live and gc are what it read before.
func (b *Badger) writeBlobs(ctx context.Context, live Tree, gc gcState, blobs []blobWrite) error {
	user := live.User
	if gc.Pending && gc.counts(live) {
		if err := b.sweepOrphans(user); err != nil {
			return err
		}
	}
	if len(blobs) == 0 {
		return nil
	}
	var missing []blobWrite
	err := b.db.View(func(txn *badger.Txn) error {
		for _, bw := range blobs {
			ok, err := exists(txn, keyBlob(user, bw.hash))
			if err != nil {
				return err
			}
			if !ok {
				missing = append(missing, bw)
			}
		}
		return nil
	})
	if err != nil || len(missing) == 0 {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if !gc.Pending {
		if err := b.setPending(user, live); err != nil {
			return err
		}
	}
	wb := b.db.NewWriteBatch()
	defer wb.Cancel()
	for _, bw := range missing {
		if err := wb.Set(keyBlob(user, bw.hash), bw.z); err != nil {
			return err
		}
	}
	return wb.Flush()
}

// flip makes files the live tree at version in one small transaction and
// records the deployment, then syncs and trims old deployments. The caller
// holds the user's mu and has stored every blob files references; sizes
// has the stored size of those it knows (the rest are read).
//
// When the counts hold for the live tree, the same transaction adds the
// files new in this tree to them and records what it replaced (dr/); when
// they do not, or that makes the transaction too big for Badger, it flips
// without them and recount rebuilds them afterwards.
func (b *Badger) flip(ctx context.Context, old Tree, files map[string]FileMeta, ch Change,
	version int64, at time.Time, by, via, rollbackOf string, sizes map[string]int64) (Tree, Deployment, error) {
	if err := ctx.Err(); err != nil {
		return Tree{}, Deployment{}, err
	}
	user := old.User
	slices.Sort(ch.Added)
	slices.Sort(ch.Changed)
	slices.Sort(ch.Removed)
	t := Tree{User: user, Version: version, UpdatedAt: at, Files: files}
	d := Deployment{
		ID: deploymentID(version), User: user, Version: version, CreatedAt: at,
		By: by, Via: via, Files: ch, RollbackOf: rollbackOf,
	}
	treeVal, err := b.zjson(t)
	if err != nil {
		return Tree{}, Deployment{}, err
	}
	dVal, err := jsonBytes(d)
	if err != nil {
		return Tree{}, Deployment{}, err
	}
	dtVal, err := b.zjson(files)
	if err != nil {
		return Tree{}, Deployment{}, err
	}
	added, released := refDelta(old.Files, files, refsOf)
	var drVal []byte
	if len(released) > 0 {
		if drVal, err = b.zjson(released); err != nil {
			return Tree{}, Deployment{}, err
		}
	}
	commit := func(withCounts bool) (counted bool, err error) {
		err = b.update(func(txn *badger.Txn) error {
			counted = false
			// The user's mu makes this a formality; it guards against a
			// second process or a bug ever racing the flip.
			if err := userExists(txn, user); err != nil {
				return err
			}
			live, err := b.loadTree(txn, user)
			if err != nil {
				return err
			}
			if live.Version != old.Version {
				return fmt.Errorf("%w: live version moved from %d to %d", ErrConflict, old.Version, live.Version)
			}
			gc, err := loadGC(txn, user)
			if err != nil {
				return err
			}
			if withCounts && gc.counts(live) {
				_, grew, err := addRefs(txn, user, tally(added), 1, sizes)
				if err != nil {
					return err
				}
				if drVal != nil {
					if err := txn.Set(keyDeployRelease(user, d.ID), drVal); err != nil {
						return err
					}
				}
				st := gcFor(t)
				st.Bytes = gc.Bytes + grew
				if err := txn.Set(keyGC(user), st.encode()); err != nil {
					return err
				}
				counted = true
			} else if gc.ok {
				if err := txn.Delete(keyGC(user)); err != nil {
					return err
				}
			}
			if err := txn.Set(keyTree(user), treeVal); err != nil {
				return err
			}
			if err := txn.Set(keyDeploy(user, d.ID), dVal); err != nil {
				return err
			}
			return txn.Set(keyDeployTree(user, d.ID), dtVal)
		})
		return counted, err
	}
	counted, err := commit(true)
	if errors.Is(err, badger.ErrTxnTooBig) || errors.Is(err, errCounts) {
		b.log.Warn("store: deploying without blob reference counts; recounting",
			"user", user, "version", version, "added", len(added), "err", err)
		counted, err = commit(false)
	}
	if err != nil {
		return Tree{}, Deployment{}, err
	}
	if !b.cfg.SyncWrites && !b.cfg.InMemory {
		if err := b.db.Sync(); err != nil {
			b.log.Warn("store: sync after deploy failed", "user", user, "version", version, "err", err)
		}
	}
	if err := b.collect(user, counted); err != nil {
		// The deploy itself succeeded; the next deploy retries.
		b.log.Warn("store: trimming deployments failed", "user", user, "version", version, "err", err)
	}
	b.log.Info("store: deployed", "user", user, "version", version, "via", via,
		"added", len(ch.Added), "changed", len(ch.Changed), "removed", len(ch.Removed))
	d.Tree = maps.Clone(files)
	return t, d, nil
}

// Blob implements Store.
func (b *Badger) Blob(ctx context.Context, user, hash string) ([]byte, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	if !validName(user) || !validHex(hash) {
		return nil, fmt.Errorf("%w: blob %q of user %q", ErrNotFound, hash, user)
	}
	var out []byte
	err := b.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keyBlob(user, hash))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("%w: blob %q of user %q", ErrNotFound, hash, user)
		}
		if err != nil {
			return err
		}
		return item.Value(func(z []byte) error {
			var err error
			out, err = b.decompress(z)
			return err
		})
	})
	return out, xlate("blob", err)
}

// Deployments implements Store.
func (b *Badger) Deployments(ctx context.Context, user string) ([]Deployment, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	if !validName(user) {
		return nil, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	list := []Deployment{}
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		prefix := prefixDeploy(user)
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefix
		opt.Reverse = true
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Seek(upperBound(prefix)); it.ValidForPrefix(prefix); it.Next() {
			var d Deployment
			item := it.Item()
			if err := item.Value(func(v []byte) error { return unmarshal(item.Key(), v, &d) }); err != nil {
				return err
			}
			d.Tree = nil
			list = append(list, d)
		}
		return nil
	})
	if err != nil {
		return nil, xlate("deployments", err)
	}
	return list, nil
}

// Deployment implements Store.
func (b *Badger) Deployment(ctx context.Context, user, id string) (Deployment, error) {
	if err := b.enter(ctx); err != nil {
		return Deployment{}, err
	}
	defer b.leave()
	if !validName(user) {
		return Deployment{}, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	var d Deployment
	err := b.db.View(func(txn *badger.Txn) error {
		var err error
		d, err = b.loadDeployment(txn, user, id)
		return err
	})
	return d, xlate("deployment", err)
}

// loadDeployment reads a deployment with its tree; ErrNotFound if the user
// or the deployment does not exist.
func (b *Badger) loadDeployment(txn *badger.Txn, user, id string) (Deployment, error) {
	if err := userExists(txn, user); err != nil {
		return Deployment{}, err
	}
	notFound := fmt.Errorf("%w: deployment %q of user %q", ErrNotFound, id, user)
	if !validID(id) {
		return Deployment{}, notFound
	}
	var d Deployment
	if err := getJSON(txn, keyDeploy(user, id), &d); err != nil {
		if errors.Is(err, badger.ErrKeyNotFound) {
			return Deployment{}, notFound
		}
		return Deployment{}, err
	}
	if err := b.getZJSON(txn, keyDeployTree(user, id), &d.Tree); err != nil {
		return Deployment{}, err
	}
	if d.Tree == nil {
		d.Tree = map[string]FileMeta{}
	}
	return d, nil
}

// validID reports whether id looks like a deployment id (digits only).
func validID(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// Rollback implements Store.
func (b *Badger) Rollback(ctx context.Context, user, id, by string) (Tree, Deployment, error) {
	if err := b.enter(ctx); err != nil {
		return Tree{}, Deployment{}, err
	}
	defer b.leave()
	if !validName(user) {
		return Tree{}, Deployment{}, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	if by == "" {
		return Tree{}, Deployment{}, fmt.Errorf("%w: by is required", ErrInvalid)
	}
	us := b.user(user)
	us.mu.Lock()
	defer us.mu.Unlock()

	var old Tree
	var target Deployment
	var gc gcState
	err := b.db.View(func(txn *badger.Txn) error {
		var err error
		if target, err = b.loadDeployment(txn, user, id); err != nil {
			return err
		}
		if old, err = b.loadTree(txn, user); err != nil {
			return err
		}
		gc, err = loadGC(txn, user)
		return err
	})
	if err != nil {
		return Tree{}, Deployment{}, xlate("rollback", err)
	}
	// Blobs of an earlier failed deploy: the flip clears Pending.
	if err := b.writeBlobs(ctx, old, gc, nil); err != nil {
		return Tree{}, Deployment{}, xlate("rollback", err)
	}
	version := old.Version + 1
	at := now()
	files := make(map[string]FileMeta, len(target.Tree))
	ch := Change{Added: []string{}, Changed: []string{}, Removed: []string{}}
	for p, m := range target.Tree {
		live, ok := old.Files[p]
		switch {
		case ok && sameContent(live, m):
			// The deps recorded with the target tree describe its build.
			live.Deps = m.Deps
			if live.Limits == nil {
				live.Limits = m.Limits
			}
			files[p] = live
			continue
		case ok:
			ch.Changed = append(ch.Changed, p)
		default:
			ch.Added = append(ch.Added, p)
		}
		m.Version, m.UpdatedAt = version, at
		files[p] = m
	}
	for p := range old.Files {
		if _, ok := target.Tree[p]; !ok {
			ch.Removed = append(ch.Removed, p)
		}
	}
	// The target is a kept deployment, so every blob it references is
	// still stored: blobs are deleted only when no kept tree uses them.
	t, d, err := b.flip(ctx, old, files, ch, version, at, by, ViaRollback, target.ID, nil)
	if err != nil {
		return Tree{}, Deployment{}, xlate("rollback", err)
	}
	return t, d, nil
}

func cloneLimits(l *RouteLimits) *RouteLimits {
	if l == nil {
		return nil
	}
	c := *l
	return &c
}

func sameContent(a, b FileMeta) bool {
	return a.SourceHash == b.SourceHash && a.BundleHash == b.BundleHash && a.MapHash == b.MapHash
}
