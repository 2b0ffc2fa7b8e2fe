package api_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/tarsus/tarsus/internal/testserver"
)

// TestSampleKVCounter: samples/kv-counter.ts counts 50 concurrent visits
// without losing one, per name, and its counts are in the KV API.
func TestSampleKVCounter(t *testing.T) {
	s := startData(t, "", nil, testserver.Options{})
	tok := s.createUser("alice")
	s.mustPut(tok, "counter.ts", readSample(t, "kv-counter.ts"))
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if r := s.call("alice", "counter", `{"name":"home"}`); r.Status != 200 {
				t.Errorf("%d %s", r.Status, r.Body)
			}
		})
	}
	wg.Wait()
	if got := s.call("alice", "counter", `{"name":"home"}`).JSON(t); got["visits"] != float64(51) || got["name"] != "home" {
		t.Fatalf("after 50 concurrent visits: %v", got)
	}
	if got := s.call("alice", "counter", `{}`).JSON(t); got["visits"] != float64(1) || got["name"] != "total" {
		t.Fatalf("another name: %v", got)
	}
	if r := s.do("GET", "/api/v1/kv/visits:home", tok, "", nil); string(r.Body) != fmt.Sprint(51) {
		t.Fatalf("the KV API reads %d %s", r.Status, r.Body)
	}
}

// TestSampleWebhook: samples/webhook.ts reads its secret from process.env
// and accepts a call only when its x-signature is the HMAC-SHA256 of the
// body under that secret (computed here with Go's crypto/hmac).
func TestSampleWebhook(t *testing.T) {
	s := startData(t, "", nil, testserver.Options{})
	tok := s.createUser("alice")
	s.mustPut(tok, "webhook.ts", readSample(t, "webhook.ts"))
	post := func(body, sig string) resp {
		t.Helper()
		req, err := http.NewRequest("POST", s.URL+"/alice/webhook", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/plain")
		if sig != "" {
			req.Header.Set("X-Signature", sig)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return resp{Status: res.StatusCode, Header: res.Header, Body: b}
	}
	const payload = `{"type":"ping","id":42}`
	if r := post(payload, "sha256=00"); r.Status != 500 || !strings.Contains(string(r.Body), "WEBHOOK_SECRET is not set") {
		t.Fatalf("without the secret: %d %s", r.Status, r.Body)
	}
	const secret = "whsec_test_0123456789"
	if r := s.do("PUT", "/api/v1/env/WEBHOOK_SECRET", tok, "application/json", jsonBody(map[string]any{"value": secret, "secret": true})); r.Status != 200 {
		t.Fatalf("set the secret: %d %s", r.Status, r.Body)
	}
	for _, sig := range []string{"", "sha1=00", "sha256=xyz"} {
		if r := post(payload, sig); r.Status != 401 || !strings.Contains(string(r.Body), "missing or malformed") {
			t.Fatalf("signature %q: %d %s", sig, r.Status, r.Body)
		}
	}
	sign := func(key, body string) string {
		m := hmac.New(sha256.New, []byte(key))
		m.Write([]byte(body))
		return "sha256=" + hex.EncodeToString(m.Sum(nil))
	}
	if r := post(payload, sign(secret, payload)); r.Status != 200 || string(r.Body) != `{"ok":true,"received":"ping"}` {
		t.Fatalf("signed: %d %s", r.Status, r.Body)
	}
	good := sign(secret, payload)
	flipped := good[:len(good)-1] + map[bool]string{true: "1", false: "0"}[strings.HasSuffix(good, "0")]
	for what, sig := range map[string]string{
		"another key":   sign("whsec_other", payload),
		"another body":  sign(secret, payload+" "),
		"a cut digest":  good[:len("sha256=")+32],
		"one digit off": flipped,
	} {
		if r := post(payload, sig); r.Status != 401 || !strings.Contains(string(r.Body), "bad signature") {
			t.Fatalf("%s: %d %s", what, r.Status, r.Body)
		}
	}
	// A compact JSON body: checked over JSON.stringify of it.
	req, _ := http.NewRequest("POST", s.URL+"/alice/webhook", strings.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature", sign(secret, payload))
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(b) != `{"ok":true,"received":"ping"}` {
		t.Fatalf("signed JSON: %d %s", res.StatusCode, b)
	}
}
