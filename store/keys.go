package store

// Invocation keys: ik/<user>/<hash> → JSON record. A key only ever invokes
// its owner's routes, so a call looks it up under the route owner's name:
// no global index, and deleting the user deletes the prefix.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Key is an invocation key's record: it may only invoke its user's
// routes (those matching Routes, when set). The secret is never stored:
// only its sha256 (Hash).
type Key struct {
	Hash string `json:"-"`
	// ID is Hash's first TokenIDLen hex digits.
	ID        string    `json:"id"`
	User      string    `json:"user"`
	Name      string    `json:"name,omitempty"`
	Routes    []string  `json:"routes,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"` // zero: never
}

func prefixKey(user string) []byte { return []byte("ik/" + user + "/") }

// PutKey implements Store.
func (b *Badger) PutKey(ctx context.Context, k Key) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validHex(k.Hash) || len(k.Hash) != 64 {
		return fmt.Errorf("%w: key hash must be sha256 lowercase hex", ErrInvalid)
	}
	if !validName(k.User) {
		return fmt.Errorf("%w: user %q", ErrNotFound, k.User)
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = now()
	}
	k.ID = k.Hash[:TokenIDLen]
	val, err := json.Marshal(k)
	if err != nil {
		return err
	}
	err = b.update(func(txn *badger.Txn) error {
		if err := userExists(txn, k.User); err != nil {
			return err
		}
		key := append(prefixKey(k.User), k.Hash...)
		if _, err := txn.Get(key); err == nil {
			return fmt.Errorf("%w: key", ErrExists)
		}
		return txn.Set(key, val)
	})
	return xlate("put key", err)
}

// Key implements Store.
func (b *Badger) Key(ctx context.Context, user, hash string) (Key, error) {
	if err := b.enter(ctx); err != nil {
		return Key{}, err
	}
	defer b.leave()
	if !validName(user) || !validHex(hash) || len(hash) != 64 {
		return Key{}, fmt.Errorf("%w: key", ErrNotFound)
	}
	var k Key
	err := b.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(append(prefixKey(user), hash...))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("%w: key", ErrNotFound)
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &k) })
	})
	if err != nil {
		return Key{}, xlate("get key", err)
	}
	k.Hash = hash
	return k, nil
}

// Keys implements Store.
func (b *Badger) Keys(ctx context.Context, user string) ([]Key, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	if !validName(user) {
		return nil, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	out := []Key{}
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		prefix := prefixKey(user)
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var k Key
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &k) }); err != nil {
				return err
			}
			k.Hash = string(it.Item().Key()[len(prefix):])
			out = append(out, k)
		}
		return nil
	})
	if err != nil {
		return nil, xlate("list keys", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// DeleteKey implements Store.
func (b *Badger) DeleteKey(ctx context.Context, user, id string) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) || len(id) != TokenIDLen || !validHex(id) {
		return fmt.Errorf("%w: key %q", ErrNotFound, id)
	}
	err := b.update(func(txn *badger.Txn) error {
		keys := keysWithPrefix(txn, append(prefixKey(user), id...), 2)
		if len(keys) == 0 {
			return fmt.Errorf("%w: key %q", ErrNotFound, id)
		}
		for _, k := range keys {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return xlate("delete key", err)
}
