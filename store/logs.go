package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// AppendLogs implements Store. It sets Seq, and Time where zero, on the
// records of recs in place, so the caller learns the sequence numbers.
// The batch may be split over several transactions when it is large; seqs
// are reserved first, so a failure can leave gaps but never reuses a seq.
func (b *Badger) AppendLogs(ctx context.Context, user string, recs []LogRecord) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) {
		return fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	us := b.user(user)
	us.logMu.Lock()
	defer us.logMu.Unlock()
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		if us.seqLoaded {
			return nil
		}
		item, err := txn.Get(keyLogSeq(user))
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
			us.seq = 0
		case err != nil:
			return err
		default:
			if err := item.Value(func(v []byte) error {
				if len(v) != 8 {
					return fmt.Errorf("store: corrupt log seq of %q", user)
				}
				us.seq = binary.BigEndian.Uint64(v)
				return nil
			}); err != nil {
				return err
			}
		}
		us.seqLoaded = true
		return nil
	})
	if err != nil || len(recs) == 0 {
		return xlate("append logs", err)
	}

	at := now()
	first := us.seq + 1
	last := us.seq + uint64(len(recs))
	entries := make([]*badger.Entry, len(recs))
	for i := range recs {
		r := &recs[i]
		r.Seq = first + uint64(i)
		if r.Time.IsZero() {
			r.Time = at
		} else {
			r.Time = r.Time.UTC()
		}
		val, err := jsonBytes(r)
		if err != nil {
			return xlate("append logs", err)
		}
		entries[i] = badger.NewEntry(keyLog(user, r.Seq), val).WithTTL(b.cfg.LogRetention)
	}
	var lastBuf [8]byte
	binary.BigEndian.PutUint64(lastBuf[:], last)

	// Reserve the seqs in the first transaction, then fill transactions up
	// to Badger's size limit. logMu keeps commits of one user in seq order,
	// so a reader polling with AfterSeq never skips a record.
	txn := b.db.NewTransaction(true)
	defer func() { txn.Discard() }()
	if err := txn.Set(keyLogSeq(user), lastBuf[:]); err != nil {
		return xlate("append logs", err)
	}
	reserved := false
	commit := func() error {
		if err := txn.Commit(); err != nil {
			return err
		}
		if !reserved {
			reserved = true
			us.seq = last
		}
		return nil
	}
	for _, e := range entries {
		err := txn.SetEntry(e)
		if errors.Is(err, badger.ErrTxnTooBig) {
			if err = commit(); err == nil {
				txn = b.db.NewTransaction(true)
				err = txn.SetEntry(e)
			}
		}
		if err != nil {
			return xlate("append logs", err)
		}
	}
	return xlate("append logs", commit())
}

// Logs implements Store.
func (b *Badger) Logs(ctx context.Context, user string, q LogQuery) ([]LogRecord, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	if !validName(user) {
		return nil, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLogLimit
	}
	limit = min(limit, b.cfg.MaxLogsPerUser)
	out := []LogRecord{}
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		prefix := prefixLog(user)
		opt := badger.DefaultIteratorOptions
		opt.PrefetchValues = false
		opt.Prefix = prefix
		opt.Reverse = true
		it := txn.NewIterator(opt)
		defer it.Close()
		scanned := 0
		// Newest first: stop at AfterSeq, at MaxLogsPerUser records seen,
		// or when limit records matched.
		for it.Seek(upperBound(prefix)); it.ValidForPrefix(prefix) && len(out) < limit; it.Next() {
			item := it.Item()
			k := item.Key()
			if len(k) != len(prefix)+8 {
				continue
			}
			if binary.BigEndian.Uint64(k[len(prefix):]) <= q.AfterSeq {
				break
			}
			if scanned++; scanned > b.cfg.MaxLogsPerUser {
				break
			}
			var r LogRecord
			if err := item.Value(func(v []byte) error { return unmarshal(k, v, &r) }); err != nil {
				return err
			}
			if q.Fn != "" && r.Fn != q.Fn {
				continue
			}
			if !q.Since.IsZero() && r.Time.Before(q.Since) {
				continue
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, xlate("logs", err)
	}
	slices.Reverse(out)
	return out, nil
}
