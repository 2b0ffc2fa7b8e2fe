package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeSecretKey: without --secret-key the first start makes
// <data>/secret.key (mode 0600) and says to back it up; a restart reads
// it; a different key over the same data is refused at start with a clear
// error; a malformed key is refused without being echoed.
func TestServeSecretKey(t *testing.T) {
	dir := t.TempDir()
	cfg := serveConfig{Addr: "127.0.0.1:0", Data: dir, LogLevel: "warn", AdminToken: "tsk_secret_key_admin"}
	addr, out, stop := serveOnce(t, cfg)
	fi, err := os.Stat(filepath.Join(dir, "secret.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key: %v %v", fi, err)
	}
	if !strings.Contains(out.String(), "back it up") {
		t.Fatalf("the first start did not say to back the key up:\n%s", out.String())
	}
	req, _ := http.NewRequest("PUT", "http://"+addr+"/api/v1/env/TOKEN", strings.NewReader(`{"value":"v","secret":true}`))
	req.Header.Set("Authorization", "Bearer "+cfg.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("set a secret: %d", res.StatusCode)
	}
	stop()

	_, out, stop = serveOnce(t, cfg)
	if strings.Contains(out.String(), "back it up") {
		t.Fatal("the second start made a new key")
	}
	stop()

	wrong := cfg
	wrong.SecretKey = strings.Repeat("ab", 32)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = runServe(ctx, wrong, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "the secret key is not the one") {
		t.Fatalf("a wrong key: %v", err)
	}

	bad := cfg
	bad.SecretKey = "not-a-key-0123456789"
	err = runServe(ctx, bad, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "--secret-key (or TARSUS_SECRET_KEY): a secret key is 32 bytes") || strings.Contains(err.Error(), bad.SecretKey) {
		t.Fatalf("a malformed key: %v", err)
	}
}
