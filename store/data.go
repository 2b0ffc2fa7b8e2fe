package store

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
)

// A user's data: environment variables (secrets arrive encrypted: the
// store never sees one in clear) and the KV store. See "User data" in
// doc.go for the layout, the accounting and expiry.

// Limits of KV keys and values, fixed (not configurable) so that every
// implementation of Store accepts the same data.
const (
	// MaxKVKeyBytes is the longest KV key, in bytes of UTF-8.
	MaxKVKeyBytes = 512
	// MaxKVValueBytes is the largest KV value.
	MaxKVValueBytes = 1 << 20
	// MaxKVListLimit is the most keys one KVList answers.
	MaxKVListLimit = 1000
	// MaxEnvNameLen is the longest environment variable name.
	MaxEnvNameLen = 128
	// maxEnvValueBytes bounds a stored value (a secret's ciphertext is a
	// little longer than its value); callers cap values lower.
	maxEnvValueBytes = 256 << 10
	// inMemoryMaxValue is Badger's value threshold, the most an in-memory
	// database stores in one value.
	inMemoryMaxValue = 1 << 20
)

// Defaults of the per-user data limits (Config).
const (
	DefaultMaxEnvVars = 100
	DefaultMaxKVKeys  = 100000
	DefaultMaxKVBytes = 256 << 20
)

// EnvVar is one environment variable of a user. For a secret, Value is
// what the caller stored (the platform stores ciphertext).
type EnvVar struct {
	Name      string    `json:"name"`
	Value     []byte    `json:"value"`
	Secret    bool      `json:"secret,omitempty"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// KVEntry is one KV key. Version grows with every write of the user's KV
// store (it is unique per user, never reused); ExpiresAt zero: never.
type KVEntry struct {
	Key       string
	Value     []byte // nil in listings
	Version   uint64
	ExpiresAt time.Time
}

// KVWrite is one KVPut.
type KVWrite struct {
	Key   string
	Value []byte
	// ExpiresAt, when set, is when the key stops existing.
	ExpiresAt time.Time
	// CheckVersion makes the write conditional (compare-and-set): it
	// happens only if the key's version is still IfVersion, 0 meaning the
	// key must not exist.
	CheckVersion bool
	IfVersion    uint64
}

// KVListQuery selects keys for KVList.
type KVListQuery struct {
	Prefix string
	// Cursor is a previous page's KVPage.Cursor; "" starts at the first key.
	Cursor string
	// Limit is the most keys answered: default and max MaxKVListLimit.
	Limit int
}

// KVPage is one page of a listing: keys in byte order, without values.
type KVPage struct {
	Keys []KVEntry
	// Cursor continues the listing; "" when it is complete.
	Cursor string
}

// KVUsage is what a user's KV store holds: keys and bytes (key + value),
// expired keys counted until they are swept.
type KVUsage struct {
	Keys  int64 `json:"keys"`
	Bytes int64 `json:"bytes"`
}

// LimitError says which per-user count or size a write would pass; it
// wraps ErrQuota.
type LimitError struct {
	// What is "env vars", "kv keys" or "kv bytes".
	What                string
	Limit, Used, Adding int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("store: %s: adding %d would pass the limit of %d per user (%d used)", e.What, e.Adding, e.Limit, e.Used)
}

func (e *LimitError) Unwrap() error { return ErrQuota }

// ---- keys ----

func keyEnv(user, name string) []byte   { return []byte("env/" + user + "/" + name) }
func prefixEnv(user string) []byte      { return []byte("env/" + user + "/") }
func keyKV(user, key string) []byte     { return []byte("kv/" + user + "/" + key) }
func prefixKV(user string) []byte       { return []byte("kv/" + user + "/") }
func prefixKVExpiry(user string) []byte { return []byte("kvx/" + user + "/") }
func keyKVUsage(user string) []byte     { return []byte("kvu/" + user) }
func keySecretCheck() []byte            { return []byte("skc") }
func keyKVExpiry(user string, at int64, key string) []byte {
	p := prefixKVExpiry(user)
	k := make([]byte, 0, len(p)+8+len(key))
	k = append(k, p...)
	k = binary.BigEndian.AppendUint64(k, uint64(at))
	return append(k, key...)
}

// ---- validation ----

// ValidEnvName reports whether s is an environment variable name:
// ^[A-Z_][A-Z0-9_]*$, at most MaxEnvNameLen bytes.
func ValidEnvName(s string) bool {
	if len(s) == 0 || len(s) > MaxEnvNameLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// CheckKVKey says what is wrong with a KV key, or nil: 1 to
// MaxKVKeyBytes bytes of UTF-8 without control characters, not "." or "..".
func CheckKVKey(k string) error {
	switch {
	case k == "":
		return fmt.Errorf("%w: the key is empty", ErrInvalid)
	case len(k) > MaxKVKeyBytes:
		return fmt.Errorf("%w: the key has %d bytes; at most %d", ErrInvalid, len(k), MaxKVKeyBytes)
	case k == "." || k == "..":
		return fmt.Errorf("%w: the key may not be %q", ErrInvalid, k)
	case !utf8.ValidString(k):
		return fmt.Errorf("%w: the key is not valid UTF-8", ErrInvalid)
	}
	for _, r := range k {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%w: the key holds a control character", ErrInvalid)
		}
	}
	return nil
}

// ---- env ----

// PutEnv implements Store.
func (b *Badger) PutEnv(ctx context.Context, user string, v EnvVar) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) {
		return fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	if !ValidEnvName(v.Name) {
		return fmt.Errorf("%w: env name %q", ErrInvalid, v.Name)
	}
	if len(v.Value) > maxEnvValueBytes {
		return fmt.Errorf("%w: env value of %d bytes", ErrInvalid, len(v.Value))
	}
	if v.UpdatedAt.IsZero() {
		v.UpdatedAt = now()
	}
	val, err := jsonBytes(v)
	if err != nil {
		return err
	}
	us := b.user(user)
	us.dataMu.Lock()
	defer us.dataMu.Unlock()
	err = b.update(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		ok, err := exists(txn, keyEnv(user, v.Name))
		if err != nil {
			return err
		}
		if !ok && b.cfg.MaxEnvVars > 0 {
			n := int64(len(keysWithPrefix(txn, prefixEnv(user), b.cfg.MaxEnvVars+1)))
			if n >= int64(b.cfg.MaxEnvVars) {
				return &LimitError{What: "env vars", Limit: int64(b.cfg.MaxEnvVars), Used: n, Adding: 1}
			}
		}
		return txn.Set(keyEnv(user, v.Name), val)
	})
	return xlate("put env", err)
}

// Env implements Store.
func (b *Badger) Env(ctx context.Context, user string) ([]EnvVar, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	if !validName(user) {
		return nil, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	vars := []EnvVar{}
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefixEnv(user)
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Seek(opt.Prefix); it.ValidForPrefix(opt.Prefix); it.Next() {
			var v EnvVar
			item := it.Item()
			if err := item.Value(func(val []byte) error { return unmarshal(item.Key(), val, &v) }); err != nil {
				return err
			}
			vars = append(vars, v)
		}
		return nil
	})
	return vars, xlate("env", err)
}

// DeleteEnv implements Store.
func (b *Badger) DeleteEnv(ctx context.Context, user, name string) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) || !ValidEnvName(name) {
		return fmt.Errorf("%w: env %q", ErrNotFound, name)
	}
	us := b.user(user)
	us.dataMu.Lock()
	defer us.dataMu.Unlock()
	err := b.update(func(txn *badger.Txn) error {
		ok, err := exists(txn, keyEnv(user, name))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: env %q", ErrNotFound, name)
		}
		return txn.Delete(keyEnv(user, name))
	})
	return xlate("delete env", err)
}

// SecretKeyCheck implements Store.
func (b *Badger) SecretKeyCheck(ctx context.Context) ([]byte, error) {
	if err := b.enter(ctx); err != nil {
		return nil, err
	}
	defer b.leave()
	var out []byte
	err := b.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keySecretCheck())
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	return out, xlate("secret key check", err)
}

// SetSecretKeyCheck implements Store.
func (b *Badger) SetSecretKeyCheck(ctx context.Context, check []byte) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	err := b.update(func(txn *badger.Txn) error {
		ok, err := exists(txn, keySecretCheck())
		if err != nil {
			return err
		}
		if ok {
			return fmt.Errorf("%w: secret key check", ErrExists)
		}
		return txn.Set(keySecretCheck(), check)
	})
	return xlate("set secret key check", err)
}

// ---- KV ----

// kvHeader is the size of the header of a stored KV value: a format byte,
// the version and the expiry (unix nanoseconds, 0: never).
const kvHeader = 1 + 8 + 8

func encodeKV(version uint64, exp int64, value []byte) []byte {
	out := make([]byte, kvHeader+len(value))
	out[0] = 1
	binary.BigEndian.PutUint64(out[1:], version)
	binary.BigEndian.PutUint64(out[9:], uint64(exp))
	copy(out[kvHeader:], value)
	return out
}

// kvMeta reads a stored value's header.
func kvMeta(key, val []byte) (version uint64, exp int64, err error) {
	if len(val) < kvHeader || val[0] != 1 {
		return 0, 0, fmt.Errorf("store: corrupt KV value at %q", key)
	}
	return binary.BigEndian.Uint64(val[1:]), int64(binary.BigEndian.Uint64(val[9:])), nil
}

func expTime(exp int64) time.Time {
	if exp == 0 {
		return time.Time{}
	}
	return time.Unix(0, exp).UTC()
}

func live(exp int64, at int64) bool { return exp == 0 || exp > at }

// kvUsage is the stored accounting of a user's KV store: keys, bytes and
// the last version handed out.
type kvUsage struct{ keys, bytes, seq uint64 }

func loadKVUsage(txn *badger.Txn, user string) (kvUsage, error) {
	item, err := txn.Get(keyKVUsage(user))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return kvUsage{}, nil
	}
	if err != nil {
		return kvUsage{}, err
	}
	var u kvUsage
	err = item.Value(func(v []byte) error {
		if len(v) != 24 {
			return fmt.Errorf("store: corrupt KV usage of %q", user)
		}
		u = kvUsage{binary.BigEndian.Uint64(v), binary.BigEndian.Uint64(v[8:]), binary.BigEndian.Uint64(v[16:])}
		return nil
	})
	return u, err
}

func (u kvUsage) encode() []byte {
	b := make([]byte, 24)
	binary.BigEndian.PutUint64(b, u.keys)
	binary.BigEndian.PutUint64(b[8:], u.bytes)
	binary.BigEndian.PutUint64(b[16:], u.seq)
	return b
}

// storedKV is what a key holds in the database (expired or not).
type storedKV struct {
	found   bool
	version uint64
	exp     int64
	size    int64 // key + value bytes, as counted
}

func loadStoredKV(txn *badger.Txn, user, key string) (storedKV, []byte, error) {
	k := keyKV(user, key)
	item, err := txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return storedKV{}, nil, nil
	}
	if err != nil {
		return storedKV{}, nil, err
	}
	val, err := item.ValueCopy(nil)
	if err != nil {
		return storedKV{}, nil, err
	}
	v, exp, err := kvMeta(k, val)
	if err != nil {
		return storedKV{}, nil, err
	}
	return storedKV{found: true, version: v, exp: exp, size: int64(len(key) + len(val) - kvHeader)}, val[kvHeader:], nil
}

// KVGet implements Store.
func (b *Badger) KVGet(ctx context.Context, user, key string) (KVEntry, error) {
	if err := b.enter(ctx); err != nil {
		return KVEntry{}, err
	}
	defer b.leave()
	if !validName(user) {
		return KVEntry{}, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	if err := CheckKVKey(key); err != nil {
		return KVEntry{}, err
	}
	var e KVEntry
	err := b.db.View(func(txn *badger.Txn) error {
		s, val, err := loadStoredKV(txn, user, key)
		if err != nil {
			return err
		}
		if !s.found || !live(s.exp, time.Now().UnixNano()) {
			return fmt.Errorf("%w: key", ErrNotFound)
		}
		e = KVEntry{Key: key, Value: val, Version: s.version, ExpiresAt: expTime(s.exp)}
		return nil
	})
	return e, xlate("kv get", err)
}

// KVPut implements Store. written is false when w.CheckVersion failed;
// then the entry is the key's current one (Version 0: none), value
// included.
func (b *Badger) KVPut(ctx context.Context, user string, w KVWrite) (KVEntry, bool, error) {
	if err := b.enter(ctx); err != nil {
		return KVEntry{}, false, err
	}
	defer b.leave()
	if !validName(user) {
		return KVEntry{}, false, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	if err := CheckKVKey(w.Key); err != nil {
		return KVEntry{}, false, err
	}
	if len(w.Value) > MaxKVValueBytes {
		return KVEntry{}, false, fmt.Errorf("%w: the value has %d bytes; at most %d", ErrInvalid, len(w.Value), MaxKVValueBytes)
	}
	if b.cfg.InMemory && kvHeader+len(w.Value) > inMemoryMaxValue {
		// Badger in memory holds no value over its value threshold (and
		// its error would quote the whole value).
		return KVEntry{}, false, fmt.Errorf("%w: the value has %d bytes; an in-memory store holds at most %d", ErrInvalid, len(w.Value), inMemoryMaxValue-kvHeader)
	}
	var exp int64
	if !w.ExpiresAt.IsZero() {
		exp = max(w.ExpiresAt.UnixNano(), 1)
	}
	us := b.user(user)
	us.dataMu.Lock()
	defer us.dataMu.Unlock()
	var out KVEntry
	var written bool
	swept := false
	for {
		var quota *LimitError
		err := b.update(func(txn *badger.Txn) error {
			quota = nil
			if err := userExists(txn, user); err != nil {
				return err
			}
			at := time.Now().UnixNano()
			old, oldVal, err := loadStoredKV(txn, user, w.Key)
			if err != nil {
				return err
			}
			if w.CheckVersion {
				cur := uint64(0)
				if old.found && live(old.exp, at) {
					cur = old.version
				}
				if cur != w.IfVersion {
					written = false
					out = KVEntry{Key: w.Key}
					if cur != 0 {
						out = KVEntry{Key: w.Key, Value: oldVal, Version: cur, ExpiresAt: expTime(old.exp)}
					}
					return nil
				}
			}
			u, err := loadKVUsage(txn, user)
			if err != nil {
				return err
			}
			size := int64(len(w.Key) + len(w.Value))
			keys, bytes := int64(u.keys), int64(u.bytes)
			if old.found {
				keys--
				bytes -= old.size
			}
			if lim := b.cfg.MaxKVKeys; lim > 0 && keys+1 > lim {
				quota = &LimitError{What: "kv keys", Limit: lim, Used: int64(u.keys), Adding: 1}
				return quota
			}
			if lim := b.cfg.MaxKVBytes; lim > 0 && bytes+size > lim {
				quota = &LimitError{What: "kv bytes", Limit: lim, Used: int64(u.bytes), Adding: size}
				return quota
			}
			u.seq++
			u.keys, u.bytes = uint64(keys+1), uint64(bytes+size)
			if old.found && old.exp != 0 {
				if err := txn.Delete(keyKVExpiry(user, old.exp, w.Key)); err != nil {
					return err
				}
			}
			if exp != 0 {
				if err := txn.Set(keyKVExpiry(user, exp, w.Key), nil); err != nil {
					return err
				}
			}
			if err := txn.Set(keyKV(user, w.Key), encodeKV(u.seq, exp, w.Value)); err != nil {
				return err
			}
			written = true
			out = KVEntry{Key: w.Key, Version: u.seq, ExpiresAt: expTime(exp)}
			return txn.Set(keyKVUsage(user), u.encode())
		})
		if quota != nil && !swept {
			// Expired keys count until swept: sweep, then try once more.
			swept = true
			if n, serr := b.sweepKV(user, 0); serr == nil && n > 0 {
				continue
			}
		}
		return out, written, xlate("kv put", err)
	}
}

// KVDelete implements Store. Deleting a key that does not exist is not an
// error.
func (b *Badger) KVDelete(ctx context.Context, user, key string) error {
	if err := b.enter(ctx); err != nil {
		return err
	}
	defer b.leave()
	if !validName(user) {
		return fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	if err := CheckKVKey(key); err != nil {
		return err
	}
	us := b.user(user)
	us.dataMu.Lock()
	defer us.dataMu.Unlock()
	err := b.update(func(txn *badger.Txn) error {
		old, _, err := loadStoredKV(txn, user, key)
		if err != nil || !old.found {
			return err
		}
		return b.dropKV(txn, user, key, old)
	})
	return xlate("kv delete", err)
}

// dropKV deletes a stored key, its expiry entry, and takes it off the
// usage.
func (b *Badger) dropKV(txn *badger.Txn, user, key string, old storedKV) error {
	u, err := loadKVUsage(txn, user)
	if err != nil {
		return err
	}
	u.keys = sub(u.keys, 1)
	u.bytes = sub(u.bytes, uint64(old.size))
	if old.exp != 0 {
		if err := txn.Delete(keyKVExpiry(user, old.exp, key)); err != nil {
			return err
		}
	}
	if err := txn.Delete(keyKV(user, key)); err != nil {
		return err
	}
	return txn.Set(keyKVUsage(user), u.encode())
}

func sub(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}

// KVList implements Store. The cursor is the last key answered, encoded:
// it only ever positions a listing inside the caller's own keyspace.
func (b *Badger) KVList(ctx context.Context, user string, q KVListQuery) (KVPage, error) {
	if err := b.enter(ctx); err != nil {
		return KVPage{}, err
	}
	defer b.leave()
	if !validName(user) {
		return KVPage{}, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	if len(q.Prefix) > MaxKVKeyBytes {
		return KVPage{}, fmt.Errorf("%w: the prefix has %d bytes; at most %d", ErrInvalid, len(q.Prefix), MaxKVKeyBytes)
	}
	if q.Limit <= 0 || q.Limit > MaxKVListLimit {
		q.Limit = MaxKVListLimit
	}
	after := ""
	if q.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(q.Cursor)
		if err != nil || len(raw) < 2 || raw[0] != 'k' || !strings.HasPrefix(string(raw[1:]), q.Prefix) {
			return KVPage{}, fmt.Errorf("%w: the cursor is not one a listing with this prefix gave", ErrInvalid)
		}
		after = string(raw[1:])
	}
	base := prefixKV(user)
	page := KVPage{Keys: []KVEntry{}}
	err := b.db.View(func(txn *badger.Txn) error {
		at := time.Now().UnixNano()
		opt := badger.DefaultIteratorOptions
		opt.PrefetchValues = false
		opt.Prefix = append(slices.Clone(base), q.Prefix...)
		it := txn.NewIterator(opt)
		defer it.Close()
		seek := opt.Prefix
		if after != "" {
			seek = append(append(slices.Clone(base), after...), 0)
		}
		for it.Seek(seek); it.ValidForPrefix(opt.Prefix); it.Next() {
			item := it.Item()
			var version uint64
			var exp int64
			if err := item.Value(func(v []byte) error {
				var err error
				version, exp, err = kvMeta(item.Key(), v)
				return err
			}); err != nil {
				return err
			}
			if !live(exp, at) {
				continue
			}
			if len(page.Keys) == q.Limit {
				last := page.Keys[len(page.Keys)-1].Key
				page.Cursor = base64.RawURLEncoding.EncodeToString([]byte("k" + last))
				return nil
			}
			page.Keys = append(page.Keys, KVEntry{Key: string(item.Key()[len(base):]), Version: version, ExpiresAt: expTime(exp)})
		}
		return nil
	})
	return page, xlate("kv list", err)
}

// KVUsage implements Store.
func (b *Badger) KVUsage(ctx context.Context, user string) (KVUsage, error) {
	if err := b.enter(ctx); err != nil {
		return KVUsage{}, err
	}
	defer b.leave()
	if !validName(user) {
		return KVUsage{}, fmt.Errorf("%w: user %q", ErrNotFound, user)
	}
	var u kvUsage
	err := b.db.View(func(txn *badger.Txn) error {
		if err := userExists(txn, user); err != nil {
			return err
		}
		var err error
		u, err = loadKVUsage(txn, user)
		return err
	})
	return KVUsage{Keys: int64(u.keys), Bytes: int64(u.bytes)}, xlate("kv usage", err)
}

// kvSweepBatch is how many expired keys one sweep transaction deletes.
const kvSweepBatch = 500

// sweepKV deletes a user's expired keys, at most limit (0: all), and
// returns how many. The caller holds the user's dataMu, or none of the
// user's locks (sweepAllKV takes it).
func (b *Badger) sweepKV(user string, limit int) (int, error) {
	total := 0
	for {
		n, more := 0, false
		err := b.update(func(txn *badger.Txn) error {
			n, more = 0, false
			at := time.Now().UnixNano()
			p := prefixKVExpiry(user)
			var due [][]byte
			opt := badger.DefaultIteratorOptions
			opt.PrefetchValues = false
			opt.Prefix = p
			it := txn.NewIterator(opt)
			for it.Seek(p); it.ValidForPrefix(p) && len(due) < kvSweepBatch; it.Next() {
				k := it.Item().Key()
				if int64(binary.BigEndian.Uint64(k[len(p):])) > at {
					break
				}
				due = append(due, it.Item().KeyCopy(nil))
			}
			it.Close()
			for _, xk := range due {
				key := string(xk[len(p)+8:])
				old, _, err := loadStoredKV(txn, user, key)
				if err != nil {
					return err
				}
				if !old.found || old.exp != int64(binary.BigEndian.Uint64(xk[len(p):])) {
					// An index entry the key no longer matches.
					if err := txn.Delete(xk); err != nil {
						return err
					}
					continue
				}
				if err := b.dropKV(txn, user, key, old); err != nil {
					return err
				}
				n++
			}
			more = len(due) == kvSweepBatch
			return nil
		})
		if err != nil {
			return total, err
		}
		total += n
		if !more || (limit > 0 && total >= limit) {
			return total, nil
		}
	}
}

// sweepAllKV sweeps every user's expired keys (the GC loop runs it).
func (b *Badger) sweepAllKV() error {
	var users []string
	if err := b.db.View(func(txn *badger.Txn) error {
		for _, k := range keysWithPrefix(txn, []byte(prefixUsers), 1<<30) {
			users = append(users, string(k[len(prefixUsers):]))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, u := range users {
		select {
		case <-b.stopGC:
			return nil
		default:
		}
		us := b.user(u)
		us.dataMu.Lock()
		_, err := b.sweepKV(u, 0)
		us.dataMu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}
