package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Storage quota.
//
// A user's stored bytes are the compressed sizes of the blobs their kept
// deployments reference, each blob once: gcState.Bytes, kept up to date by
// the transactions that change the reference counts (gc.go), so reading it
// costs one key. A deploy that would store new blobs beyond
// Config.MaxStoredBytes first drops the user's oldest deployments (the
// rollback history), one at a time, while more than the live one is kept;
// if the new blobs would not fit even beside the live deployment alone, the
// deploy fails with a *QuotaError and changes nothing (no history is
// dropped). A deploy that stores no new blob (it only deletes,
// or re-uses content the user has) is never refused, nor is the first
// deploy after an upgrade, which rebuilds the counts (gc.go).

// ErrQuota: a per-user limit would be passed. The error is a *QuotaError.
var ErrQuota = errors.New("store: quota exceeded")

// QuotaError says which limit a request would pass; it wraps ErrQuota.
type QuotaError struct {
	// Limit is Config.MaxStoredBytes; Used what the user stores now;
	// Adding what the request would add (compressed bytes).
	Limit, Used, Adding int64
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("store: storing %d more bytes would pass the limit of %d bytes per user (%d used)", e.Adding, e.Limit, e.Used)
}

func (e *QuotaError) Unwrap() error { return ErrQuota }

// DefaultMaxStoredBytes is Config.MaxStoredBytes's default.
const DefaultMaxStoredBytes = 256 << 20

// StoredBytes returns the compressed size of everything the user's kept
// deployments reference (sources, bundles, maps), each blob once.
func (b *Badger) StoredBytes(ctx context.Context, user string) (int64, error) {
	if err := b.enter(ctx); err != nil {
		return 0, err
	}
	defer b.leave()
	if !validName(user) {
		return 0, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	var n int64
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		live, err := b.loadTree(txn, user)
		if err != nil {
			return err
		}
		gc, err := loadGC(txn, user)
		if err != nil {
			return err
		}
		n, err = storedBytes(txn, user, live, gc)
		return err
	})
	return n, xlate("stored bytes", err)
}

// storedBytes is gc.Bytes when the counts hold for live, else the size of
// every blob the user has (the rare case before a recount; it includes
// blobs of a failed deploy).
func storedBytes(txn *badger.Txn, user string, live Tree, gc gcState) (int64, error) {
	if gc.counts(live) {
		return gc.Bytes, nil
	}
	var n int64
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	opt.Prefix = prefixBlob(user)
	it := txn.NewIterator(opt)
	defer it.Close()
	for it.Seek(opt.Prefix); it.ValidForPrefix(opt.Prefix); it.Next() {
		n += it.Item().ValueSize()
	}
	return n, nil
}

// makeRoom checks that the blobs a deploy would store fit under
// Config.MaxStoredBytes, dropping the user's oldest deployments (never the
// live one) while they do not; when they would not fit even with the live
// deployment alone, it drops nothing and returns a *QuotaError. It returns the gcState after any drop. The
// caller holds the user's mu; live and gc are what it read.
func (b *Badger) makeRoom(ctx context.Context, live Tree, gc gcState, blobs []blobWrite) (gcState, error) {
	limit := b.cfg.MaxStoredBytes
	if limit <= 0 || len(blobs) == 0 || !gc.counts(live) {
		// Without counts that hold (the first deploy after an upgrade),
		// the deploy goes through and recounts; the next one is checked.
		return gc, nil
	}
	user := live.User
	for {
		var adding, used int64
		var kept int
		err := b.db.View(func(txn *badger.Txn) error {
			for _, bw := range blobs {
				ok, err := exists(txn, keyBlob(user, bw.hash))
				if err != nil {
					return err
				}
				if !ok {
					adding += int64(len(bw.z))
				}
			}
			var err error
			if used, err = storedBytes(txn, user, live, gc); err != nil {
				return err
			}
			kept = len(deploymentIDs(txn, user))
			return nil
		})
		if err != nil {
			return gc, err
		}
		if adding == 0 || used+adding <= limit {
			return gc, nil
		}
		if kept <= 1 {
			return gc, &QuotaError{Limit: limit, Used: used, Adding: adding}
		}
		// Would it fit with the live deployment alone? If not, refuse
		// before dropping anything.
		var liveOnly, addingToLive int64
		err = b.db.View(func(txn *badger.Txn) error {
			inLive := map[string]bool{}
			for _, m := range live.Files {
				for _, h := range refsOf(m).appendTo(nil) {
					if inLive[h] {
						continue
					}
					inLive[h] = true
					n, err := blobLen(txn, user, h)
					if err != nil {
						return err
					}
					liveOnly += n
				}
			}
			for _, bw := range blobs {
				if !inLive[bw.hash] {
					addingToLive += int64(len(bw.z))
				}
			}
			return nil
		})
		if err != nil {
			return gc, err
		}
		if liveOnly+addingToLive > limit {
			return gc, &QuotaError{Limit: limit, Used: used, Adding: adding}
		}
		if err := ctx.Err(); err != nil {
			return gc, err
		}
		if err := b.trimTo(user, kept-1); err != nil {
			return gc, err
		}
		b.log.Info("store: dropped the oldest deployment to stay under the storage limit", "user", user, "used", used, "adding", adding, "limit", limit)
		if err := b.db.View(func(txn *badger.Txn) error {
			var err error
			gc, err = loadGC(txn, user)
			return err
		}); err != nil {
			return gc, err
		}
	}
}
