package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// conflictRetries is how often a transaction that lost a Badger conflict is
// retried before ErrConflict is returned.
const conflictRetries = 3

// update runs fn in a read-write transaction, retrying on Badger conflicts.
func (b *Badger) update(fn func(txn *badger.Txn) error) error {
	var err error
	for range conflictRetries {
		err = b.db.Update(fn)
		if !errors.Is(err, badger.ErrConflict) {
			return err
		}
	}
	return err
}

// getJSON reads key into v. It returns badger.ErrKeyNotFound if absent.
func getJSON(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return item.Value(func(val []byte) error { return unmarshal(key, val, v) })
}

// getZJSON reads zstd-compressed JSON at key into v.
func (b *Badger) getZJSON(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return item.Value(func(val []byte) error { return b.unzJSON(key, val, v) })
}

func (b *Badger) unzJSON(key, val []byte, v any) error {
	raw, err := b.decompress(val)
	if err != nil {
		return err
	}
	return unmarshal(key, raw, v)
}

func unmarshal(key, val []byte, v any) error {
	if err := json.Unmarshal(val, v); err != nil {
		return fmt.Errorf("store: corrupt value at %q: %v", key, err)
	}
	return nil
}

// zjson returns v as zstd-compressed JSON.
func (b *Badger) zjson(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return b.compress(raw), nil
}

// exists reports whether key is present.
func exists(txn *badger.Txn, key []byte) (bool, error) {
	_, err := txn.Get(key)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, badger.ErrKeyNotFound):
		return false, nil
	default:
		return false, err
	}
}

// userExists returns ErrNotFound (wrapped) if the user does not exist.
func userExists(txn *badger.Txn, name string) error {
	ok, err := exists(txn, keyUser(name))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: user %q", ErrNotFound, name)
	}
	return nil
}

// keysWithPrefix returns up to max keys starting with prefix (copies).
func keysWithPrefix(txn *badger.Txn, prefix []byte, max int) [][]byte {
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	opt.Prefix = prefix
	it := txn.NewIterator(opt)
	defer it.Close()
	var keys [][]byte
	for it.Seek(prefix); it.ValidForPrefix(prefix) && len(keys) < max; it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys
}

// deleteKeys deletes keys through a WriteBatch, which splits the work into
// as many transactions as Badger needs.
func (b *Badger) deleteKeys(keys [][]byte) error {
	if len(keys) == 0 {
		return nil
	}
	wb := b.db.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range keys {
		if err := wb.Delete(k); err != nil {
			return err
		}
	}
	return wb.Flush()
}

// purgePrefix deletes every key starting with prefix. For each key, also
// may name one more key to delete with it (nil for none).
func (b *Badger) purgePrefix(prefix []byte, also func(key []byte) []byte) error {
	for {
		var keys [][]byte
		if err := b.db.View(func(txn *badger.Txn) error {
			keys = keysWithPrefix(txn, prefix, purgeBatch)
			return nil
		}); err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil
		}
		n := len(keys)
		if also != nil {
			for _, k := range keys[:n] {
				if extra := also(k); extra != nil {
					keys = append(keys, extra)
				}
			}
		}
		if err := b.deleteKeys(keys); err != nil {
			return err
		}
		if n < purgeBatch {
			return nil
		}
	}
}

func jsonBytes(v any) ([]byte, error) { return json.Marshal(v) }
