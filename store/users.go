package store

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"
)

// CreateUser implements Store.
func (b *Badger) CreateUser(ctx context.Context, u User) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if err := checkName(u.Name); err != nil {
		return err
	}
	if u.Role != RoleAdmin && u.Role != RoleUser {
		return fmt.Errorf("%w: role %q", ErrInvalid, u.Role)
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = now()
	} else {
		u.CreatedAt = u.CreatedAt.UTC()
	}
	us := b.user(u.Name)
	us.mu.Lock()
	defer us.mu.Unlock()
	us.logMu.Lock()
	defer us.logMu.Unlock()

	err := b.db.View(func(txn *badger.Txn) error {
		ok, err := exists(txn, keyUser(u.Name))
		if err == nil && ok {
			err = fmt.Errorf("%w: user %q", ErrExists, u.Name)
		}
		return err
	})
	if err != nil {
		return xlate("create user", err)
	}
	// A DeleteUser interrupted by a crash may have left data under this
	// name; a new user must not inherit it.
	if err := b.purgeUserData(u.Name); err != nil {
		return xlate("create user", err)
	}
	us.seq, us.seqLoaded = 0, false
	val, err := jsonBytes(u)
	if err != nil {
		return xlate("create user", err)
	}
	err = b.update(func(txn *badger.Txn) error {
		ok, err := exists(txn, keyUser(u.Name))
		if err != nil {
			return err
		}
		if ok {
			return fmt.Errorf("%w: user %q", ErrExists, u.Name)
		}
		if err := txn.Set(keyUser(u.Name), val); err != nil {
			return err
		}
		// No deployments, no blobs: counts that hold for the empty tree.
		return txn.Set(keyGC(u.Name), gcFor(Tree{}).encode())
	})
	return xlate("create user", err)
}

// GetUser implements Store.
func (b *Badger) GetUser(ctx context.Context, name string) (User, error) {
	if err := b.enter(ctx); err != nil {
		return User{}, err
	}
	defer b.leave()
	if !validName(name) {
		return User{}, fmt.Errorf("%w: user %q", ErrNotFound, name)
	}
	var u User
	err := b.db.View(func(txn *badger.Txn) error { return b.getUser(txn, name, &u) })
	return u, xlate("get user", err)
}

func (b *Badger) getUser(txn *badger.Txn, name string, u *User) error {
	err := getJSON(txn, keyUser(name), u)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return fmt.Errorf("%w: user %q", ErrNotFound, name)
	}
	return err
}

// ListUsers implements Store.
func (b *Badger) ListUsers(ctx context.Context) ([]User, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	users := []User{}
	err := b.db.View(func(txn *badger.Txn) error {
		prefix := []byte(prefixUsers)
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefix
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			var u User
			item := it.Item()
			if err := item.Value(func(v []byte) error { return unmarshal(item.Key(), v, &u) }); err != nil {
				return err
			}
			users = append(users, u)
		}
		return nil
	})
	if err != nil {
		return nil, xlate("list users", err)
	}
	// Keys sort by name already; sort anyway so the contract does not
	// depend on the key encoding.
	sort.Slice(users, func(i, j int) bool { return users[i].Name < users[j].Name })
	return users, nil
}

// DeleteUser implements Store.
func (b *Badger) DeleteUser(ctx context.Context, name string) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(name) {
		return fmt.Errorf("%w: user %q", ErrNotFound, name)
	}
	us := b.user(name)
	us.mu.Lock()
	defer us.mu.Unlock()
	us.logMu.Lock()
	defer us.logMu.Unlock()

	// First the user record: from here on the user, and so every token of
	// theirs, is gone. Then the data, in as many transactions as it takes.
	err := b.update(func(txn *badger.Txn) error {
		if err := userExists(txn, name); err != nil {
			return err
		}
		return txn.Delete(keyUser(name))
	})
	if err != nil {
		return xlate("delete user", err)
	}
	us.seq, us.seqLoaded = 0, false
	if err := b.purgeUserData(name); err != nil {
		b.log.Error("store: delete user: data left behind (removed when the name is reused)", "user", name, "err", err)
		return xlate("delete user", err)
	}
	b.log.Info("store: user deleted", "user", name)
	return nil
}

// purgeUserData deletes everything of a user except u/<name>. The caller
// holds the user's mu and logMu.
func (b *Badger) purgeUserData(name string) error {
	if err := b.purgeTokens(name); err != nil {
		return err
	}
	// gc/ goes before the prefixes: counts a purge cut short leaves behind
	// are not trusted.
	if err := b.deleteKeys([][]byte{keyGC(name), keyTree(name), keyLogSeq(name), keyKVUsage(name)}); err != nil {
		return err
	}
	for _, p := range userPrefixes(name) {
		if err := b.purgePrefix(p, nil); err != nil {
			return err
		}
	}
	return nil
}

// purgeTokens deletes every token of a user and its index entry.
func (b *Badger) purgeTokens(name string) error {
	prefix := prefixTokenIndex(name)
	return b.purgePrefix(prefix, func(k []byte) []byte {
		return keyToken(string(k[len(prefix):]))
	})
}
