package platform

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/engine"
	"github.com/tarsus/tarsus/store"
)

func openWithKey(t *testing.T, dir string, key []byte) (*Platform, *store.Badger, error) {
	t.Helper()
	st, err := store.Open(store.Config{Dir: filepath.Join(dir, "badger")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{SecretKey: key, Engine: engine.Config{Timeout: 5 * time.Second}}, st)
	if err != nil {
		_ = st.Close()
		return nil, nil, err
	}
	return p, st, nil
}

// TestEnvSecretsAtRest: a secret reaches functions (Host.Env) in clear,
// is stored sealed, is listed by name only, and a change is seen by the
// next Env call; a restart with the same key reads it, another key is
// refused with a clear error.
func TestEnvSecretsAtRest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	key, created, err := SecretKeyFile(filepath.Join(dir, "secret.key"))
	if err != nil || !created {
		t.Fatal(err, created)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "secret.key")); fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v", fi.Mode())
	}
	if again, created, err := SecretKeyFile(filepath.Join(dir, "secret.key")); err != nil || created || !bytes.Equal(again, key) {
		t.Fatal("the key file was not read back", err, created)
	}
	p, st, err := openWithKey(t, dir, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.CreateUser(ctx, "alice", "password-alice", ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.CreateUser(ctx, "bob", "password-bob", ""); err != nil {
		t.Fatal(err)
	}
	const secret = "s3cr3t-value-that-must-not-leak"
	if err := p.SetEnv(ctx, "alice", "API_KEY", secret, true); err != nil {
		t.Fatal(err)
	}
	if err := p.SetEnv(ctx, "alice", "MODE", "dev", false); err != nil {
		t.Fatal(err)
	}
	h := host{p: p}
	env, err := h.Env(ctx, "alice")
	if err != nil || env["API_KEY"] != secret || env["MODE"] != "dev" || len(env) != 2 {
		t.Fatalf("env %v %v", env, err)
	}
	env["MODE"] = "changed by a caller"
	if env, _ := h.Env(ctx, "alice"); env["MODE"] != "dev" {
		t.Fatal("a caller's change reached the cache")
	}
	if env, _ := h.Env(ctx, "bob"); len(env) != 0 {
		t.Fatalf("bob sees %v", env)
	}
	// A change is live on the next call.
	if err := p.SetEnv(ctx, "alice", "MODE", "prod", false); err != nil {
		t.Fatal(err)
	}
	if env, _ := h.Env(ctx, "alice"); env["MODE"] != "prod" {
		t.Fatalf("after a change: %v", env)
	}
	if v, ok, err := p.EnvValue(ctx, "alice", "API_KEY"); err != nil || !ok || v != secret {
		t.Fatal("EnvValue", ok, err)
	}
	list, err := p.ListEnv(ctx, "alice")
	if err != nil || len(list) != 2 || list[0].Name != "API_KEY" || !list[0].Secret || list[0].Value != nil || *list[1].Value != "prod" {
		t.Fatalf("list %+v %v", list, err)
	}
	vars, _ := st.Env(ctx, "alice")
	for _, v := range vars {
		if v.Name == "API_KEY" && (bytes.Contains(v.Value, []byte(secret)) || !v.Secret) {
			t.Fatal("the secret is stored in clear")
		}
	}
	// A sealed value moved to another name does not open.
	for _, v := range vars {
		if v.Name == "API_KEY" {
			if _, err := p.sealer.open(v.Value, secretAD("alice", "OTHER")); err == nil {
				t.Fatal("a sealed value opened under another name")
			}
			if _, err := p.sealer.open(v.Value, secretAD("bob", "API_KEY")); err == nil {
				t.Fatal("a sealed value opened for another user")
			}
		}
	}
	if err := p.DeleteEnv(ctx, "alice", "MODE"); err != nil {
		t.Fatal(err)
	}
	if env, _ := h.Env(ctx, "alice"); len(env) != 1 {
		t.Fatalf("after delete: %v", env)
	}
	// Bad input: a clear error that never quotes the value.
	err = p.SetEnv(ctx, "alice", "lower", secret, true)
	var pe *Error
	if !errors.As(err, &pe) || pe.Code != "TARSUS_ENV_BAD_NAME" || strings.Contains(pe.Message, secret) {
		t.Fatalf("bad name: %v", err)
	}
	err = p.SetEnv(ctx, "alice", "BIG", strings.Repeat(secret, 1000), true)
	if !errors.As(err, &pe) || pe.Code != "TARSUS_ENV_TOO_LARGE" || strings.Contains(pe.Message, secret) {
		t.Fatalf("too large: %v", err)
	}
	p.Close()
	_ = st.Close()

	// Another key: refused at start, saying why.
	other := bytes.Repeat([]byte{7}, SecretKeySize)
	if _, _, err := openWithKey(t, dir, other); err == nil || !strings.Contains(err.Error(), "secret key is not the one") {
		t.Fatalf("a wrong key: %v", err)
	}
	if _, _, err := openWithKey(t, dir, nil); err == nil || !strings.Contains(err.Error(), "none is configured") {
		t.Fatalf("no key: %v", err)
	}
	p, st, err = openWithKey(t, dir, key)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { p.Close(); _ = st.Close() }()
	if env, _ := (host{p: p}).Env(ctx, "alice"); env["API_KEY"] != secret {
		t.Fatalf("after restart: %v", env)
	}
}

func TestParseSecretKey(t *testing.T) {
	for _, s := range []string{strings.Repeat("ab", 32), "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=", " " + strings.Repeat("00", 32) + "\n"} {
		if k, err := ParseSecretKey(s); err != nil || len(k) != SecretKeySize {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"", "short", strings.Repeat("ab", 31), strings.Repeat("zz", 32)} {
		if _, err := ParseSecretKey(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

// TestHostKV: the operations functions make, per user.
func TestHostKV(t *testing.T) {
	ctx := context.Background()
	p, st, err := openWithKey(t, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { p.Close(); _ = st.Close() }()
	for _, u := range []string{"alice", "bob"} {
		if _, _, err := p.CreateUser(ctx, u, "password-"+u, ""); err != nil {
			t.Fatal(err)
		}
	}
	h := host{p: p}
	put, err := h.KV(ctx, "alice", &engine.KVOp{Op: "put", Key: "k", Value: []byte("v"), TTL: time.Hour})
	if err != nil || !put.Swapped || put.Version == 0 || put.ExpiresAt.IsZero() {
		t.Fatal(put, err)
	}
	get, err := h.KV(ctx, "alice", &engine.KVOp{Op: "get", Key: "k"})
	if err != nil || !get.Found || string(get.Value) != "v" || get.Version != put.Version {
		t.Fatal(get, err)
	}
	if get, _ := h.KV(ctx, "bob", &engine.KVOp{Op: "get", Key: "k"}); get.Found {
		t.Fatal("bob reads alice's key")
	}
	cas, err := h.KV(ctx, "alice", &engine.KVOp{Op: "cas", Key: "k", Value: []byte("w"), Version: put.Version + 100})
	if err != nil || cas.Swapped || string(cas.Value) != "v" || cas.Version != put.Version {
		t.Fatal(cas, err)
	}
	list, err := h.KV(ctx, "alice", &engine.KVOp{Op: "list"})
	if err != nil || len(list.Keys) != 1 || list.Keys[0].Name != "k" {
		t.Fatal(list, err)
	}
	_, err = h.KV(ctx, "alice", &engine.KVOp{Op: "put", Key: "", Value: nil})
	var he *engine.HostError
	if !errors.As(err, &he) || he.Code() != "TARSUS_KV_INVALID" {
		t.Fatalf("empty key: %v", err)
	}
	_, err = h.KV(ctx, "alice", &engine.KVOp{Op: "put", Key: "big", Value: make([]byte, store.MaxKVValueBytes+1)})
	if !errors.As(err, &he) || he.Code() != "TARSUS_KV_TOO_LARGE" {
		t.Fatalf("too large: %v", err)
	}
	if _, err := h.KV(ctx, "alice", &engine.KVOp{Op: "delete", Key: "k"}); err != nil {
		t.Fatal(err)
	}
}

// TestEnvCacheBounded: the decrypted environments kept in memory stay
// under the cache's byte bound; a dropped user's next read goes to the
// store and is still right.
func TestEnvCacheBounded(t *testing.T) {
	ctx := context.Background()
	p, st, err := openWithKey(t, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { p.Close(); _ = st.Close() }()
	p.env.max = 8 << 10
	h := host{p: p}
	for i := range 20 {
		u := "user-" + string(rune('a'+i))
		if _, _, err := p.CreateUser(ctx, u, "password-"+u, ""); err != nil {
			t.Fatal(err)
		}
		if err := p.SetEnv(ctx, u, "BIG", strings.Repeat(string(rune('a'+i)), 2000), true); err != nil {
			t.Fatal(err)
		}
		if env, _ := h.Env(ctx, u); len(env["BIG"]) != 2000 {
			t.Fatalf("%s: %d", u, len(env["BIG"]))
		}
		if p.env.bytes > p.env.max || len(p.env.m) > 4 {
			t.Fatalf("the cache holds %d bytes in %d entries", p.env.bytes, len(p.env.m))
		}
	}
	for i := range 20 {
		u := "user-" + string(rune('a'+i))
		if env, _ := h.Env(ctx, u); env["BIG"] != strings.Repeat(string(rune('a'+i)), 2000) {
			t.Fatalf("%s read back wrong", u)
		}
	}
}
