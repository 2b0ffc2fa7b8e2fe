package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// TokenIDLen is the length of a token's id: the first hex digits of its
// hash. An id names a token in listings and revocations without being
// usable as one.
const TokenIDLen = 16

// tokenRecord is the JSON stored under t/<hash>. Tokens written before
// records existed hold the bare user name instead (see decodeToken).
type tokenRecord struct {
	User       string    `json:"user"`
	Name       string    `json:"name,omitempty"`
	Kind       string    `json:"kind,omitempty"`
	CreatedAt  time.Time `json:"createdAt"`
	LastUsedAt time.Time `json:"lastUsedAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
}

func (t Token) record() tokenRecord {
	return tokenRecord{User: t.User, Name: t.Name, Kind: t.Kind, CreatedAt: t.CreatedAt.UTC(),
		LastUsedAt: t.LastUsedAt.UTC(), ExpiresAt: t.ExpiresAt.UTC()}
}

// decodeToken reads the value of t/<hash>: a JSON record, or the user name
// alone as stored before tokens had records (user names never start with
// '{').
func decodeToken(hash string, val []byte) (Token, error) {
	t := Token{Hash: hash, ID: hash[:TokenIDLen]}
	if len(val) > 0 && val[0] == '{' {
		var r tokenRecord
		if err := json.Unmarshal(val, &r); err != nil {
			return Token{}, fmt.Errorf("store: corrupt token record %.16s: %v", hash, err)
		}
		t.User, t.Name, t.Kind, t.CreatedAt, t.LastUsedAt, t.ExpiresAt = r.User, r.Name, r.Kind, r.CreatedAt, r.LastUsedAt, r.ExpiresAt
		return t, nil
	}
	t.User = string(val)
	t.Kind = TokenLegacy
	return t, nil
}

func getToken(txn *badger.Txn, hash string) (Token, error) {
	item, err := txn.Get(keyToken(hash))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return Token{}, fmt.Errorf("%w: token", ErrNotFound)
	}
	if err != nil {
		return Token{}, err
	}
	var t Token
	err = item.Value(func(v []byte) error {
		var err error
		t, err = decodeToken(hash, v)
		return err
	})
	return t, err
}

// PutToken implements Store.
func (b *Badger) PutToken(ctx context.Context, tokenHash string, t Token) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validHex(tokenHash) || len(tokenHash) < TokenIDLen {
		return fmt.Errorf("%w: token hash must be lowercase hex", ErrInvalid)
	}
	if !validName(t.User) {
		return fmt.Errorf("%w: user %q", ErrNotFound, t.User)
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = now()
	}
	err := b.update(func(txn *badger.Txn) error {
		if err := userExists(txn, t.User); err != nil {
			return err
		}
		old, err := getToken(txn, tokenHash)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return err
		case old.User != t.User:
			return fmt.Errorf("%w: token", ErrExists)
		default:
			// The same token again (the admin token at each start): keep
			// when it was made and last used.
			if !old.CreatedAt.IsZero() {
				t.CreatedAt = old.CreatedAt
			}
			t.LastUsedAt = old.LastUsedAt
		}
		val, err := json.Marshal(t.record())
		if err != nil {
			return err
		}
		if err := txn.Set(keyToken(tokenHash), val); err != nil {
			return err
		}
		return txn.Set(keyTokenIndex(t.User, tokenHash), nil)
	})
	return xlate("put token", err)
}

// LookupToken implements Store.
func (b *Badger) LookupToken(ctx context.Context, tokenHash string) (Token, User, error) {
	if err := b.enter(ctx); err != nil {
		return Token{}, User{}, err
	}
	defer b.leave()
	if !validHex(tokenHash) || len(tokenHash) < TokenIDLen {
		return Token{}, User{}, fmt.Errorf("%w: token", ErrNotFound)
	}
	var t Token
	var u User
	err := b.db.View(func(txn *badger.Txn) error {
		var err error
		if t, err = getToken(txn, tokenHash); err != nil {
			return err
		}
		return b.getUser(txn, t.User, &u)
	})
	if err != nil {
		return Token{}, User{}, xlate("lookup token", err)
	}
	return t, u, nil
}

// UserByToken implements Store.
func (b *Badger) UserByToken(ctx context.Context, tokenHash string) (User, error) {
	_, u, err := b.LookupToken(ctx, tokenHash)
	return u, err
}

// Tokens implements Store.
func (b *Badger) Tokens(ctx context.Context, user string) ([]Token, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	if !validName(user) {
		return nil, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	out := []Token{}
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		prefix := prefixTokenIndex(user)
		for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
			t, err := getToken(txn, string(k[len(prefix):]))
			if errors.Is(err, ErrNotFound) {
				continue // an index entry a purge cut short left behind
			}
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		return nil, xlate("list tokens", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// DeleteToken implements Store.
func (b *Badger) DeleteToken(ctx context.Context, user, id string) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) || len(id) != TokenIDLen || !validHex(id) {
		return fmt.Errorf("%w: token %q", ErrNotFound, id)
	}
	err := b.update(func(txn *badger.Txn) error {
		prefix := append(prefixTokenIndex(user), id...)
		keys := keysWithPrefix(txn, prefix, 2)
		if len(keys) == 0 {
			return fmt.Errorf("%w: token %q", ErrNotFound, id)
		}
		for _, k := range keys {
			hash := string(k[len(prefixTokenIndex(user)):])
			if err := txn.Delete(keyToken(hash)); err != nil {
				return err
			}
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return xlate("delete token", err)
}

// TouchToken implements Store.
func (b *Badger) TouchToken(ctx context.Context, tokenHash string, at time.Time) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validHex(tokenHash) || len(tokenHash) < TokenIDLen {
		return nil
	}
	err := b.update(func(txn *badger.Txn) error {
		t, err := getToken(txn, tokenHash)
		if errors.Is(err, ErrNotFound) {
			return nil // revoked meanwhile
		}
		if err != nil {
			return err
		}
		t.LastUsedAt = at.UTC()
		val, err := json.Marshal(t.record())
		if err != nil {
			return err
		}
		return txn.Set(keyToken(tokenHash), val)
	})
	return xlate("touch token", err)
}

// DeleteTokens implements Store.
func (b *Badger) DeleteTokens(ctx context.Context, user string) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) {
		return fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	err := b.db.View(func(txn *badger.Txn) error { return userExists(txn, user) })
	if err == nil {
		err = b.purgeTokens(user)
	}
	return xlate("delete tokens", err)
}

// SetPassword implements Store.
func (b *Badger) SetPassword(ctx context.Context, user string, passwordHash []byte) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) {
		return fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	us := b.user(user)
	us.mu.Lock()
	defer us.mu.Unlock()
	err := b.update(func(txn *badger.Txn) error {
		var u User
		if err := b.getUser(txn, user, &u); err != nil {
			return err
		}
		u.PasswordHash = passwordHash
		val, err := jsonBytes(u)
		if err != nil {
			return err
		}
		return txn.Set(keyUser(user), val)
	})
	if err == nil {
		err = b.purgeTokensExceptAdmin(user)
	}
	return xlate("set password", err)
}

// purgeTokensExceptAdmin deletes every token of user but the admin token
// (kind TokenAdmin: the server's configuration owns it and rotates it).
func (b *Badger) purgeTokensExceptAdmin(user string) error {
	var keys [][]byte
	err := b.db.View(func(txn *badger.Txn) error {
		prefix := prefixTokenIndex(user)
		for _, k := range keysWithPrefix(txn, prefix, 1<<31-1) {
			hash := string(k[len(prefix):])
			t, err := getToken(txn, hash)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			if err == nil && t.Kind == TokenAdmin {
				continue
			}
			keys = append(keys, keyToken(hash), k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return b.deleteKeys(keys)
}
