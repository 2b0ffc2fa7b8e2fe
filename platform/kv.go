package platform

// The KV store of a user: functions reach it through engine.Host's KV
// (import { kv } from "tarsus:kv"), people through the API, the CLI and
// the console. Keys are 1 to 512 bytes of UTF-8 without control
// characters; values have at most 1 MiB; a TTL is at least a millisecond
// and at most MaxKVTTL. The per-user quotas on keys and bytes are the
// store's (store.Config.MaxKVKeys, MaxKVBytes). Every call names its user
// and the store keeps each user's keys under their own prefix: no key,
// value or cursor of one user reaches another.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

// MaxKVTTL is the longest TTL a key may be given.
const MaxKVTTL = 10 * 365 * 24 * time.Hour

// KVItem is one key with its value.
type KVItem struct {
	Key       string
	Value     []byte
	Version   uint64
	ExpiresAt time.Time // zero: never
}

// KVKeyInfo is one key of a listing.
type KVKeyInfo struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
}

// KVListing is one page of keys; Cursor continues it ("" at the end).
type KVListing struct {
	Keys   []KVKeyInfo `json:"keys"`
	Cursor string      `json:"cursor,omitempty"`
}

// kvErr maps a store error of a KV call to the answer.
func kvErr(err error) error {
	var le *store.LimitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &le):
		what := "keys"
		if le.What == "kv bytes" {
			return errf(507, "TARSUS_KV_QUOTA", "the KV store would pass its limit of %s per user (keys and values; %s used, this write adds %s): delete keys or give them a TTL", sizeText(le.Limit), sizeText(le.Used), sizeText(le.Adding))
		}
		return errf(507, "TARSUS_KV_QUOTA", "the KV store would pass its limit of %d %s per user (%d used): delete keys or give them a TTL", le.Limit, what, le.Used)
	case errors.Is(err, store.ErrInvalid):
		msg := err.Error()
		if i := len("store: invalid argument: "); len(msg) > i {
			msg = msg[i:]
		}
		return errf(400, "TARSUS_KV_INVALID", "%s", msg)
	case errors.Is(err, store.ErrNotFound):
		return notFound("key")
	}
	return err
}

func checkTTL(ttl time.Duration) error {
	if ttl < 0 || ttl > MaxKVTTL {
		return errf(400, "TARSUS_KV_INVALID", "the TTL must be positive and at most %d days", int(MaxKVTTL/(24*time.Hour)))
	}
	return nil
}

func expiry(ttl time.Duration) time.Time {
	if ttl <= 0 {
		return time.Time{}
	}
	return time.Now().Add(ttl)
}

// KVGet returns a key of the user's KV store.
func (p *Platform) KVGet(ctx context.Context, user, key string) (KVItem, error) {
	e, err := p.store.KVGet(ctx, user, key)
	if err != nil {
		return KVItem{}, kvErr(err)
	}
	return KVItem{Key: e.Key, Value: e.Value, Version: e.Version, ExpiresAt: e.ExpiresAt}, nil
}

// KVPut writes a key of the user's KV store; ttl 0: it never expires.
func (p *Platform) KVPut(ctx context.Context, user, key string, value []byte, ttl time.Duration) (KVItem, error) {
	if err := checkTTL(ttl); err != nil {
		return KVItem{}, err
	}
	if len(value) > store.MaxKVValueBytes {
		return KVItem{}, errf(413, "TARSUS_KV_TOO_LARGE", "the value has %s; a KV value may have at most %s", sizeText(int64(len(value))), sizeText(store.MaxKVValueBytes))
	}
	e, _, err := p.store.KVPut(ctx, user, store.KVWrite{Key: key, Value: value, ExpiresAt: expiry(ttl)})
	if err != nil {
		return KVItem{}, kvErr(err)
	}
	return KVItem{Key: e.Key, Version: e.Version, ExpiresAt: e.ExpiresAt}, nil
}

// KVDelete deletes a key of the user's KV store (a missing key is fine).
func (p *Platform) KVDelete(ctx context.Context, user, key string) error {
	return kvErr(p.store.KVDelete(ctx, user, key))
}

// KVList lists the user's keys starting with prefix, a page of at most
// limit (default and max 1000) at a time.
func (p *Platform) KVList(ctx context.Context, user, prefix, cursor string, limit int) (KVListing, error) {
	pg, err := p.store.KVList(ctx, user, store.KVListQuery{Prefix: prefix, Cursor: cursor, Limit: limit})
	if err != nil {
		return KVListing{}, kvErr(err)
	}
	out := KVListing{Keys: make([]KVKeyInfo, len(pg.Keys)), Cursor: pg.Cursor}
	for i, k := range pg.Keys {
		out.Keys[i] = KVKeyInfo{Name: k.Key, ExpiresAt: timeMsPtr(k.ExpiresAt)}
	}
	return out, nil
}

// KVUsage is what the user's KV store holds against its quotas.
func (p *Platform) KVUsage(ctx context.Context, user string) (store.KVUsage, error) {
	u, err := p.store.KVUsage(ctx, user)
	return u, storeErr(err, "user "+user)
}

func timeMsPtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Millisecond)
	return &t
}

// hostKV is engine.Host's KV: one operation of a function on its user's
// store. Errors a function may see are *engine.HostError with a code;
// anything else is logged and answered without detail.
func (p *Platform) hostKV(ctx context.Context, user string, op *engine.KVOp) (*engine.KVResult, error) {
	res, err := p.kvOp(ctx, user, op)
	if err == nil {
		return res, nil
	}
	var pe *Error
	if errors.As(err, &pe) {
		return nil, &engine.HostError{ErrCode: pe.Code, Message: "kv: " + pe.Message}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil, &engine.HostError{ErrCode: "TARSUS_KV_CANCELLED", Message: "kv: the invocation ended before the operation did"}
	}
	p.log.Error("platform: kv operation failed", "user", user, "op", op.Op, "err", err)
	return nil, &engine.HostError{ErrCode: "TARSUS_KV_FAILED", Message: "kv: the operation failed on the server; the server log has the details"}
}

func (p *Platform) kvOp(ctx context.Context, user string, op *engine.KVOp) (*engine.KVResult, error) {
	switch op.Op {
	case "get":
		e, err := p.store.KVGet(ctx, user, op.Key)
		if errors.Is(err, store.ErrNotFound) {
			if kerr := store.CheckKVKey(op.Key); kerr != nil {
				return nil, kvErr(kerr)
			}
			return &engine.KVResult{}, nil
		}
		if err != nil {
			return nil, kvErr(err)
		}
		return &engine.KVResult{Found: true, Value: e.Value, Version: e.Version, ExpiresAt: e.ExpiresAt}, nil
	case "put", "cas":
		if err := checkTTL(op.TTL); err != nil {
			return nil, err
		}
		if len(op.Value) > store.MaxKVValueBytes {
			return nil, errf(413, "TARSUS_KV_TOO_LARGE", "the value has %s; a KV value may have at most %s", sizeText(int64(len(op.Value))), sizeText(store.MaxKVValueBytes))
		}
		w := store.KVWrite{Key: op.Key, Value: op.Value, ExpiresAt: expiry(op.TTL), CheckVersion: op.Op == "cas", IfVersion: op.Version}
		e, written, err := p.store.KVPut(ctx, user, w)
		if err != nil {
			return nil, kvErr(err)
		}
		if !written {
			return &engine.KVResult{Found: e.Version != 0, Value: e.Value, Version: e.Version, ExpiresAt: e.ExpiresAt}, nil
		}
		return &engine.KVResult{Found: true, Swapped: true, Version: e.Version, ExpiresAt: e.ExpiresAt}, nil
	case "delete":
		return &engine.KVResult{}, kvErr(p.store.KVDelete(ctx, user, op.Key))
	case "list":
		pg, err := p.store.KVList(ctx, user, store.KVListQuery{Prefix: op.Prefix, Cursor: op.Cursor, Limit: op.Limit})
		if err != nil {
			return nil, kvErr(err)
		}
		res := &engine.KVResult{Keys: make([]engine.KVKey, len(pg.Keys)), Cursor: pg.Cursor}
		for i, k := range pg.Keys {
			res.Keys[i] = engine.KVKey{Name: k.Key, ExpiresAt: k.ExpiresAt}
		}
		return res, nil
	}
	return nil, errf(400, "TARSUS_KV_INVALID", "%s", fmt.Sprintf("unknown KV operation %q", op.Op))
}
