package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestEnv(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{MaxEnvVars: 3})
	mustUser(t, s, "alice")
	mustUser(t, s, "bob")
	for _, n := range []string{"B", "A_1", "_X"} {
		if err := s.PutEnv(ctx, "alice", EnvVar{Name: n, Value: []byte("v" + n)}); err != nil {
			t.Fatal(err)
		}
	}
	// Replacing a name does not count; a fourth does.
	if err := s.PutEnv(ctx, "alice", EnvVar{Name: "B", Value: []byte("new"), Secret: true}); err != nil {
		t.Fatal(err)
	}
	err := s.PutEnv(ctx, "alice", EnvVar{Name: "C", Value: []byte("x")})
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, ErrQuota) || le.What != "env vars" || le.Limit != 3 {
		t.Fatalf("fourth var: %v", err)
	}
	for _, bad := range []string{"", "a", "1A", "A-B", "A B", strings.Repeat("A", MaxEnvNameLen+1)} {
		if err := s.PutEnv(ctx, "alice", EnvVar{Name: bad}); !errors.Is(err, ErrInvalid) {
			t.Errorf("name %q: %v", bad, err)
		}
	}
	vars, err := s.Env(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vars {
		got = append(got, fmt.Sprintf("%s=%s/%v", v.Name, v.Value, v.Secret))
	}
	if want := "A_1=vA_1/false B=new/true _X=v_X/false"; strings.Join(got, " ") != want {
		t.Fatalf("env = %v, want %s", got, want)
	}
	if vars, _ := s.Env(ctx, "bob"); len(vars) != 0 {
		t.Fatalf("bob sees %v", vars)
	}
	if err := s.DeleteEnv(ctx, "alice", "B"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEnv(ctx, "alice", "B"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if _, err := s.Env(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("env of a missing user: %v", err)
	}
}

func TestSecretKeyCheck(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{InMemory: true})
	if _, err := s.SecretKeyCheck(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	if err := s.SetSecretKeyCheck(ctx, []byte("c1")); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSecretKeyCheck(ctx, []byte("c2")); !errors.Is(err, ErrExists) {
		t.Fatal(err)
	}
	if c, err := s.SecretKeyCheck(ctx); err != nil || string(c) != "c1" {
		t.Fatal(string(c), err)
	}
}

func TestKVRoundTripAndVersions(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{InMemory: true})
	mustUser(t, s, "alice")
	mustUser(t, s, "bob")
	e1, ok, err := s.KVPut(ctx, "alice", KVWrite{Key: "k", Value: []byte("one")})
	if err != nil || !ok || e1.Version == 0 {
		t.Fatal(e1, ok, err)
	}
	got, err := s.KVGet(ctx, "alice", "k")
	if err != nil || string(got.Value) != "one" || got.Version != e1.Version {
		t.Fatal(got, err)
	}
	if _, err := s.KVGet(ctx, "bob", "k"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("bob reads alice's key: %v", err)
	}
	// Compare-and-set: a stale version writes nothing and answers the
	// current entry.
	e2, ok, err := s.KVPut(ctx, "alice", KVWrite{Key: "k", Value: []byte("two"), CheckVersion: true, IfVersion: e1.Version})
	if err != nil || !ok || e2.Version <= e1.Version {
		t.Fatal(e2, ok, err)
	}
	cur, ok, err := s.KVPut(ctx, "alice", KVWrite{Key: "k", Value: []byte("three"), CheckVersion: true, IfVersion: e1.Version})
	if err != nil || ok || cur.Version != e2.Version || string(cur.Value) != "two" {
		t.Fatal(cur, ok, err)
	}
	// Version 0: only if absent.
	if _, ok, _ := s.KVPut(ctx, "alice", KVWrite{Key: "k", Value: []byte("x"), CheckVersion: true}); ok {
		t.Fatal("create-only write replaced a key")
	}
	if _, ok, _ := s.KVPut(ctx, "alice", KVWrite{Key: "new", Value: []byte("x"), CheckVersion: true}); !ok {
		t.Fatal("create-only write of a new key failed")
	}
	if err := s.KVDelete(ctx, "alice", "k"); err != nil {
		t.Fatal(err)
	}
	if err := s.KVDelete(ctx, "alice", "k"); err != nil {
		t.Fatal("deleting a missing key:", err)
	}
	u, _ := s.KVUsage(ctx, "alice")
	if u.Keys != 1 || u.Bytes != int64(len("new")+1) {
		t.Fatalf("usage %+v", u)
	}
	for _, bad := range []string{"", ".", "..", "a\x00b", "a\nb", strings.Repeat("k", MaxKVKeyBytes+1), "\xff"} {
		if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: bad}); !errors.Is(err, ErrInvalid) {
			t.Errorf("key %q: %v", bad, err)
		}
	}
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "big", Value: make([]byte, MaxKVValueBytes+1)}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("value over the cap: %v", err)
	}
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "max", Value: make([]byte, MaxKVValueBytes)}); !errors.Is(err, ErrInvalid) || len(err.Error()) > 200 {
		t.Fatalf("value at the cap in memory: %v", err)
	}
	d := openStore(t, Config{})
	mustUser(t, d, "alice")
	if _, _, err := d.KVPut(ctx, "alice", KVWrite{Key: "max", Value: make([]byte, MaxKVValueBytes)}); err != nil {
		t.Fatalf("value at the cap: %v", err)
	}
	if e, err := d.KVGet(ctx, "alice", "max"); err != nil || len(e.Value) != MaxKVValueBytes {
		t.Fatalf("value at the cap read back: %d %v", len(e.Value), err)
	}
}

func TestKVListCursor(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{InMemory: true})
	mustUser(t, s, "alice")
	mustUser(t, s, "alic")
	for i := range 25 {
		if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: fmt.Sprintf("user:%02d", i), Value: []byte("v")}); err != nil {
			t.Fatal(err)
		}
	}
	_, _, _ = s.KVPut(ctx, "alice", KVWrite{Key: "other", Value: []byte("v")})
	_, _, _ = s.KVPut(ctx, "alic", KVWrite{Key: "euser:00", Value: []byte("v")})
	var all []string
	cursor := ""
	pages := 0
	for {
		p, err := s.KVList(ctx, "alice", KVListQuery{Prefix: "user:", Limit: 10, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, k := range p.Keys {
			all = append(all, k.Key)
		}
		if p.Cursor == "" {
			break
		}
		cursor = p.Cursor
	}
	if len(all) != 25 || pages != 3 || all[0] != "user:00" || all[24] != "user:24" {
		t.Fatalf("%d pages: %v", pages, all)
	}
	// A cursor of another prefix, or garbage, is refused.
	p, _ := s.KVList(ctx, "alice", KVListQuery{Prefix: "user:", Limit: 1})
	if _, err := s.KVList(ctx, "alice", KVListQuery{Prefix: "other", Cursor: p.Cursor}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("cursor of another prefix: %v", err)
	}
	if _, err := s.KVList(ctx, "alice", KVListQuery{Cursor: "!!"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("garbage cursor: %v", err)
	}
	// "alic" never lists "alice"'s keys (kv/alic/ is not a prefix of kv/alice/).
	p, _ = s.KVList(ctx, "alic", KVListQuery{})
	if len(p.Keys) != 1 || p.Keys[0].Key != "euser:00" {
		t.Fatalf("alic lists %v", p.Keys)
	}
}

func TestKVExpiry(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{InMemory: true, MaxKVKeys: 2})
	mustUser(t, s, "alice")
	exp := time.Now().Add(50 * time.Millisecond)
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "a", Value: []byte("1"), ExpiresAt: exp}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "b", Value: []byte("2"), ExpiresAt: exp}); err != nil {
		t.Fatal(err)
	}
	e, err := s.KVGet(ctx, "alice", "a")
	if err != nil || !e.ExpiresAt.Equal(exp.UTC().Truncate(0)) && e.ExpiresAt.UnixNano() != exp.UnixNano() {
		t.Fatal(e, err)
	}
	// Full: a third key is refused while the two live.
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "c", Value: []byte("3")}); !errors.Is(err, ErrQuota) {
		t.Fatalf("third key: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := s.KVGet(ctx, "alice", "a"); errors.Is(err, ErrNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the key did not expire")
		}
	}
	if p, _ := s.KVList(ctx, "alice", KVListQuery{}); len(p.Keys) != 0 {
		t.Fatalf("expired keys listed: %v", p.Keys)
	}
	// The quota-hit write sweeps the expired keys and goes through.
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "c", Value: []byte("3")}); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if u, _ := s.KVUsage(ctx, "alice"); u.Keys != 1 || u.Bytes != 2 {
		t.Fatalf("usage after sweep: %+v", u)
	}
	// A write removing the expiry drops its index entry: no sweep takes
	// the key later.
	_, _, _ = s.KVPut(ctx, "alice", KVWrite{Key: "d", Value: []byte("4"), ExpiresAt: time.Now().Add(time.Millisecond)})
	_, _, _ = s.KVPut(ctx, "alice", KVWrite{Key: "d", Value: []byte("4")})
	if n, err := s.sweepKV("alice", 0); err != nil || n != 0 {
		t.Fatal(n, err)
	}
	if _, err := s.KVGet(ctx, "alice", "d"); err != nil {
		t.Fatal(err)
	}
}

func TestKVQuotaBytes(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{InMemory: true, MaxKVBytes: 100})
	mustUser(t, s, "alice")
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "a", Value: make([]byte, 90)}); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "b", Value: make([]byte, 10)})
	var le *LimitError
	if !errors.As(err, &le) || le.What != "kv bytes" || le.Used != 91 || le.Adding != 11 {
		t.Fatalf("over bytes: %v", err)
	}
	// Replacing a key counts only the difference.
	if _, _, err := s.KVPut(ctx, "alice", KVWrite{Key: "a", Value: make([]byte, 99)}); err != nil {
		t.Fatal(err)
	}
}

func TestKVConcurrentCAS(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, Config{InMemory: true})
	mustUser(t, s, "alice")
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			for {
				e, err := s.KVGet(ctx, "alice", "n")
				n := 0
				if err == nil {
					fmt.Sscan(string(e.Value), &n)
				}
				_, ok, err := s.KVPut(ctx, "alice", KVWrite{Key: "n", Value: fmt.Appendf(nil, "%d", n+1), CheckVersion: true, IfVersion: e.Version})
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					return
				}
			}
		})
	}
	wg.Wait()
	if e, _ := s.KVGet(ctx, "alice", "n"); string(e.Value) != "20" {
		t.Fatalf("counter %s", e.Value)
	}
}

func TestUserDataPersistsAndIsPurged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(Config{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustUser(t, s, "alice")
	_ = s.PutEnv(ctx, "alice", EnvVar{Name: "A", Value: []byte("1")})
	_, _, _ = s.KVPut(ctx, "alice", KVWrite{Key: "k", Value: []byte("v"), ExpiresAt: time.Now().Add(time.Hour)})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, Config{Dir: dir})
	if vars, _ := s.Env(ctx, "alice"); len(vars) != 1 || string(vars[0].Value) != "1" {
		t.Fatalf("env after reopen: %v", vars)
	}
	if e, err := s.KVGet(ctx, "alice", "k"); err != nil || string(e.Value) != "v" || e.ExpiresAt.IsZero() {
		t.Fatalf("kv after reopen: %v %v", e, err)
	}
	if err := s.DeleteUser(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	mustUser(t, s, "alice")
	if vars, _ := s.Env(ctx, "alice"); len(vars) != 0 {
		t.Fatalf("a new alice inherits env: %v", vars)
	}
	if _, err := s.KVGet(ctx, "alice", "k"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a new alice inherits kv: %v", err)
	}
	if u, _ := s.KVUsage(ctx, "alice"); u.Keys != 0 {
		t.Fatalf("usage inherited: %+v", u)
	}
}
