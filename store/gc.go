package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Blob garbage collection by reference counts.
//
// A user's kept deployments d1 < d2 < … < dk (oldest first, dk's tree is
// the live tree) have trees T1 … Tk. A file of Ti at path p is new in Ti
// when T(i-1) has no file at p or one with other content (sameContent);
// every file of T1 counts as new. For each blob hash h of the user:
//
//	rc/<user>/<h> = number of (i, p, field) such that Ti[p] is new in Ti
//	                and its source, bundle or map hash is h
//	dr/<user>/<di> = for i ≥ 2, the hashes of the files of T(i-1) that are
//	                 not in Ti unchanged (changed or removed by di), with
//	                 repeats; absent when empty
//
// rc[h] > 0 exactly when some kept tree references h: a file of Ti is
// either new in Ti or unchanged since some Tj, j < i, in which it is new.
// Every b/ key with rc > 0 is present.
//
// Deploying d(k+1) adds the new files of T(k+1), which are the files added
// and changed, and writes the hashes it replaced or removed as dr of d(k+1):
// O(files changed), in the transaction that makes T(k+1) live. Dropping
// d1 makes T2 count in full: the counts change by −T1 + (T2 − new in T2),
// and T2's files that are not new have T1's hashes at the same path, so the
// change is −dr(d2): O(files d2 changed). A count that reaches zero deletes
// its blob, in the transaction that drops d1.
//
// gc/<user> (gcState) says for which live tree the counts hold. Counts are
// trusted only when it matches the live tree's version and time: a data
// folder written before counts existed has none, and a build without counts
// that deploys (an older binary) moves the live tree on without updating
// it. Without a matching gcState the deploy flips without counts and
// recount rebuilds them from every kept tree, once (the cost every deploy
// paid before counts existed). Counts are built lazily, per user, on the
// first deploy or rollback after an upgrade, rather than at Open: the
// rebuild reads every kept tree of every user, which would delay start-up
// for users who may never deploy again.
//
// Blobs are stored before the flip, in as many transactions as they need,
// so a deploy that fails or crashes between the two leaves blobs no count
// covers. The deploy sets gcState.Pending before storing them and the flip
// clears it; the next deploy or rollback that finds it set deletes the
// blobs of the user without a count before it stores any of its own.

// gcState is the value of gc/<user>.
type gcState struct {
	ok      bool  // the key exists
	Version int64 // live tree version the counts describe
	At      int64 // that tree's UpdatedAt (stamp)
	// Pending: a deploy may have stored blobs that no count covers.
	Pending bool
	// Bytes is the stored (compressed) size of the blobs with a count
	// above zero: what the user's kept deployments take, each blob once.
	// It changes in the transactions that change the counts: a count that
	// leaves zero adds its blob's size, one that reaches zero takes it off.
	Bytes int64
}

// errCounts means the reference counts disagree with the deployments (a
// count would go below zero); recount repairs them.
var errCounts = errors.New("store: blob reference counts disagree with the deployments")

func keyGC(user string) []byte                { return []byte("gc/" + user) }
func keyRef(user, hash string) []byte         { return []byte("rc/" + user + "/" + hash) }
func keyDeployRelease(user, id string) []byte { return []byte("dr/" + user + "/" + id) }
func prefixRef(user string) []byte            { return []byte("rc/" + user + "/") }
func prefixDeployRelease(user string) []byte  { return []byte("dr/" + user + "/") }

// gcStateLen is the size of an encoded gcState. A gc/ value of another size
// (one written before Bytes existed, 17 bytes) is not trusted: the next
// deploy recounts, which rewrites it.
const gcStateLen = 25

// stamp is a tree time as stored in gcState (0 for none).
func stamp(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// counts reports whether st holds for the live tree t.
func (st gcState) counts(t Tree) bool {
	return st.ok && st.Version == t.Version && st.At == stamp(t.UpdatedAt)
}

func (st gcState) encode() []byte {
	v := make([]byte, gcStateLen)
	binary.BigEndian.PutUint64(v[0:], uint64(st.Version))
	binary.BigEndian.PutUint64(v[8:], uint64(st.At))
	if st.Pending {
		v[16] = 1
	}
	binary.BigEndian.PutUint64(v[17:], uint64(st.Bytes))
	return v
}

// gcFor is the gcState of counts that hold for tree t (set Bytes).
func gcFor(t Tree) gcState {
	return gcState{ok: true, Version: t.Version, At: stamp(t.UpdatedAt)}
}

// loadGC reads gc/<user>; a missing key is a zero gcState (ok false).
func loadGC(txn *badger.Txn, user string) (gcState, error) {
	item, err := txn.Get(keyGC(user))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return gcState{}, nil
	}
	if err != nil {
		return gcState{}, err
	}
	var st gcState
	err = item.Value(func(v []byte) error {
		if len(v) != gcStateLen {
			// Unreadable or from before Bytes: treat as no counts,
			// recount rewrites it.
			return nil
		}
		st = gcState{ok: true, Version: int64(binary.BigEndian.Uint64(v[0:])),
			At: int64(binary.BigEndian.Uint64(v[8:])), Pending: v[16] == 1,
			Bytes: int64(binary.BigEndian.Uint64(v[17:]))}
		return nil
	})
	return st, err
}

// blobRefs is the part of a FileMeta that references blobs: recount decodes
// only the hashes of every kept tree (not times, sizes or deps).
type blobRefs struct {
	SourceHash string `json:"sourceHash"`
	BundleHash string `json:"bundleHash"`
	MapHash    string `json:"mapHash"`
}

func refsOf(m FileMeta) blobRefs { return blobRefs{m.SourceHash, m.BundleHash, m.MapHash} }

// appendTo appends the hashes r references (empty bundle or map: none).
func (r blobRefs) appendTo(hs []string) []string {
	for _, h := range [...]string{r.SourceHash, r.BundleHash, r.MapHash} {
		if h != "" {
			hs = append(hs, h)
		}
	}
	return hs
}

// refDelta compares consecutive trees prev and next: added lists the hashes
// of the files new in next (added, or changed in content), released those
// of the files of prev that next changed or removed, with repeats.
func refDelta[M any](prev, next map[string]M, refs func(M) blobRefs) (added, released []string) {
	for p, m := range next {
		r := refs(m)
		if o, ok := prev[p]; !ok || refs(o) != r {
			added = r.appendTo(added)
		}
	}
	for p, o := range prev {
		r := refs(o)
		if m, ok := next[p]; !ok || refs(m) != r {
			released = r.appendTo(released)
		}
	}
	return added, released
}

// tally counts the repeats of each hash in hs.
func tally(hs []string) map[string]int64 {
	n := make(map[string]int64, len(hs))
	for _, h := range hs {
		n[h]++
	}
	return n
}

// addRefs adds sign×n[h] to each count of user in txn. A count that
// reaches zero is deleted with its blob; one that would go below zero is
// errCounts. It returns how many blobs it deleted and by how much the
// stored bytes of counted blobs changed (gcState.Bytes): a count that
// leaves zero adds its blob's size (sizes[h] when known, else read), one
// that reaches zero takes it off.
func addRefs(txn *badger.Txn, user string, n map[string]int64, sign int64, sizes map[string]int64) (int, int64, error) {
	deleted := 0
	var bytes int64
	for h, d := range n {
		k := keyRef(user, h)
		var c int64
		item, err := txn.Get(k)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return 0, 0, err
		default:
			if err := item.Value(func(v []byte) error {
				if len(v) != 8 {
					return fmt.Errorf("%w: %q", errCounts, k)
				}
				c = int64(binary.BigEndian.Uint64(v))
				return nil
			}); err != nil {
				return 0, 0, err
			}
		}
		was := c
		c += sign * d
		switch {
		case c < 0:
			return 0, 0, fmt.Errorf("%w: %q would be %d", errCounts, k, c)
		case c == 0:
			size, err := blobLen(txn, user, h)
			if err != nil {
				return 0, 0, err
			}
			bytes -= size
			if err := txn.Delete(k); err != nil {
				return 0, 0, err
			}
			if err := txn.Delete(keyBlob(user, h)); err != nil {
				return 0, 0, err
			}
			deleted++
		default:
			if was == 0 {
				size, ok := sizes[h]
				if !ok {
					var err error
					if size, err = blobLen(txn, user, h); err != nil {
						return 0, 0, err
					}
				}
				bytes += size
			}
			if err := txn.Set(k, countValue(c)); err != nil {
				return 0, 0, err
			}
		}
	}
	return deleted, bytes, nil
}

// blobLen is the stored (compressed) size of a blob of user; 0 if absent.
func blobLen(txn *badger.Txn, user, hash string) (int64, error) {
	item, err := txn.Get(keyBlob(user, hash))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n int64
	err = item.Value(func(v []byte) error {
		n = int64(len(v))
		return nil
	})
	return n, err
}

func countValue(c int64) []byte {
	v := make([]byte, 8)
	binary.BigEndian.PutUint64(v, uint64(c))
	return v
}

// deploymentIDs lists the user's deployment ids, oldest first.
func deploymentIDs(txn *badger.Txn, user string) []string {
	prefix := prefixDeploy(user)
	var ids []string
	for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
		ids = append(ids, string(k[len(prefix):]))
	}
	return ids
}

// collect runs after a flip: it drops deployments beyond KeepDeployments
// and the blobs only they referenced, by counts when the flip kept them
// (counted) and by recount otherwise or when that fails. The caller holds
// the user's mu.
func (b *Badger) collect(user string, counted bool) error {
	if counted {
		err := b.trim(user)
		if err == nil {
			return nil
		}
		b.log.Warn("store: trimming by reference counts failed; recounting", "user", user, "err", err)
	}
	return b.recount(user)
}

// deploymentIDsOf lists the user's kept deployment ids, oldest first.
func (b *Badger) deploymentIDsOf(user string) ([]string, error) {
	var ids []string
	err := b.db.View(func(txn *badger.Txn) error {
		ids = deploymentIDs(txn, user)
		return nil
	})
	return ids, err
}

// trim drops the deployments beyond KeepDeployments, oldest first, one
// transaction each: the deployment goes, the counts lose dr of the next one
// (which becomes the oldest and so counts in full), and blobs whose count
// reaches zero are deleted. The counts must hold: the caller made a counted
// flip and holds the user's mu.
func (b *Badger) trim(user string) error { return b.trimTo(user, b.cfg.KeepDeployments) }

// trimTo is trim keeping the newest keep deployments (keep ≥ 1).
func (b *Badger) trimTo(user string, keep int) error {
	ids, err := b.deploymentIDsOf(user)
	if err != nil {
		return err
	}
	drops := len(ids) - max(keep, 1)
	if drops <= 0 {
		return nil
	}
	blobs := 0
	for i := range drops {
		drop, next := ids[i], ids[i+1]
		var deleted int
		err := b.update(func(txn *badger.Txn) error {
			var released []string
			err := b.getZJSON(txn, keyDeployRelease(user, next), &released)
			if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
				return err
			}
			gc, err := loadGC(txn, user)
			if err != nil {
				return err
			}
			if !gc.ok {
				return fmt.Errorf("%w: no gc/ state to trim by", errCounts)
			}
			var freed int64
			if deleted, freed, err = addRefs(txn, user, tally(released), -1, nil); err != nil {
				return err
			}
			gc.Bytes += freed
			if err := txn.Set(keyGC(user), gc.encode()); err != nil {
				return err
			}
			for _, k := range [][]byte{keyDeploy(user, drop), keyDeployTree(user, drop),
				keyDeployRelease(user, drop), keyDeployRelease(user, next)} {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		blobs += deleted
	}
	b.log.Debug("store: trimmed", "user", user, "deployments", drops, "blobs", blobs)
	return nil
}

// recount rebuilds the user's counts from every kept tree: it drops the
// deployments beyond KeepDeployments, writes rc/ and dr/ as the kept trees
// define them, deletes every other rc/ and dr/ key and every blob no kept
// tree references, and finally gc/ for the live tree. gc/ is deleted first,
// so a recount cut short leaves no counts to trust and the next deploy
// recounts again. The caller holds the user's mu.
func (b *Badger) recount(user string) error {
	if err := b.deleteKeys([][]byte{keyGC(user)}); err != nil {
		return err
	}
	ids, err := b.deploymentIDsOf(user)
	if err != nil {
		return err
	}
	if drops := len(ids) - b.cfg.KeepDeployments; drops > 0 {
		var keys [][]byte
		for _, id := range ids[:drops] {
			keys = append(keys, keyDeploy(user, id), keyDeployTree(user, id), keyDeployRelease(user, id))
		}
		if err := b.deleteKeys(keys); err != nil {
			return err
		}
		ids = ids[drops:]
	}

	var (
		live     Tree
		counts   = map[string]int64{}
		releases = map[string][]string{} // deployment id → dr
		bytes    int64                   // stored size of the kept blobs
		stale    [][]byte                // rc/, dr/ and b/ keys to delete
	)
	err = b.db.View(func(txn *badger.Txn) error {
		var err error
		if live, err = b.loadTree(txn, user); err != nil {
			return err
		}
		var prev map[string]blobRefs
		for i, id := range ids {
			var files map[string]blobRefs
			if err := b.getZJSON(txn, keyDeployTree(user, id), &files); err != nil {
				return err
			}
			added, released := refDelta(prev, files, func(r blobRefs) blobRefs { return r })
			for _, h := range added {
				counts[h]++
			}
			if i > 0 && len(released) > 0 {
				releases[id] = released
			}
			prev = files
		}
		for h := range counts {
			n, err := blobLen(txn, user, h)
			if err != nil {
				return err
			}
			bytes += n
		}
		for _, prefix := range [][]byte{prefixRef(user), prefixBlob(user)} {
			for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
				if counts[string(k[len(prefix):])] == 0 {
					stale = append(stale, k)
				}
			}
		}
		prefix := prefixDeployRelease(user)
		for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
			if _, ok := releases[string(k[len(prefix):])]; !ok {
				stale = append(stale, k)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	wb := b.db.NewWriteBatch()
	defer wb.Cancel()
	for h, c := range counts {
		if err := wb.Set(keyRef(user, h), countValue(c)); err != nil {
			return err
		}
	}
	for id, released := range releases {
		v, err := b.zjson(released)
		if err != nil {
			return err
		}
		if err := wb.Set(keyDeployRelease(user, id), v); err != nil {
			return err
		}
	}
	for _, k := range stale {
		if err := wb.Delete(k); err != nil {
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	// The user's mu keeps the live tree where it was read.
	if err := b.update(func(txn *badger.Txn) error {
		st := gcFor(live)
		st.Bytes = bytes
		return txn.Set(keyGC(user), st.encode())
	}); err != nil {
		return err
	}
	b.log.Info("store: blob reference counts rebuilt", "user", user, "deployments", len(ids), "blobs", len(counts), "bytes", bytes)
	return nil
}

// sweepOrphans deletes the blobs of the user that no count covers: what a
// deploy stored before failing or crashing ahead of its flip. The counts
// must hold and the caller holds the user's mu; a deploy calls it before
// storing blobs of its own.
func (b *Badger) sweepOrphans(user string) error {
	var orphans [][]byte
	err := b.db.View(func(txn *badger.Txn) error {
		counted := map[string]bool{}
		prefix := prefixRef(user)
		for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
			counted[string(k[len(prefix):])] = true
		}
		prefix = prefixBlob(user)
		for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
			if !counted[string(k[len(prefix):])] {
				orphans = append(orphans, k)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.deleteKeys(orphans); err != nil {
		return err
	}
	b.log.Info("store: blobs of a failed deploy deleted", "user", user, "blobs", len(orphans))
	return nil
}

// setPending marks, before a deploy stores blobs, that blobs no count covers
// may exist. Only counts that hold for live are marked; without them the
// next recount deletes such blobs anyway.
func (b *Badger) setPending(user string, live Tree) error {
	return b.update(func(txn *badger.Txn) error {
		st, err := loadGC(txn, user)
		if err != nil || !st.counts(live) || st.Pending {
			return err
		}
		st.Pending = true
		return txn.Set(keyGC(user), st.encode())
	})
}
