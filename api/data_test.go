package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// logBuffer collects a server's log stream.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startData starts a server whose log goes to logs (debug level) with the
// given user-data limits, on dir ("" for a new one).
func startData(t *testing.T, dir string, logs *logBuffer, o testserver.Options) *server {
	t.Helper()
	o.Dir = dir
	if logs != nil {
		o.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return &server{Server: testserver.Start(t, o), t: t}
}

func (r resp) code(t testing.TB) string {
	t.Helper()
	var m struct{ Code string }
	_ = json.Unmarshal(r.Body, &m)
	return m.Code
}

// kvFn runs one KV operation per call: {op, key, value, type, ttl, prefix,
// cursor, limit}.
const kvFn = `import { kv } from "tarsus:kv";
export default () => [{}, async (req) => {
  const b = req.body;
  switch (b.op) {
    case "get": {
      const v = await kv.get(b.key, b.type ? { type: b.type } : undefined);
      return { value: v instanceof Uint8Array ? Array.from(v) : v };
    }
    case "getArg": return { value: await kv.get(b.key, b.type) };
    case "meta": return await kv.getWithMetadata(b.key);
    case "put": await kv.put(b.key, b.bytes ? new Uint8Array(b.bytes) : b.value, { ttl: b.ttl, type: b.type }); return { ok: true };
    case "delete": await kv.delete(b.key); return { ok: true };
    case "list": return await kv.list({ prefix: b.prefix, cursor: b.cursor, limit: b.limit });
    case "incr": return { n: await kv.update(b.key, (n) => (n ?? 0) + 1) };
    case "flood": {
      const ps = [];
      try { for (let i = 0; i < b.n; i++) ps.push(kv.get("k" + i)); }
      catch (e) { await Promise.all(ps); return { error: e.message, code: e.code, name: e.name, made: ps.length }; }
      await Promise.all(ps);
      return { ok: true };
    }
    case "many":
      try { for (let i = 0; i < b.n; i++) await kv.get("k"); return { ok: true }; }
      catch (e) { return { error: e.message, code: e.code, name: e.name }; }
    case "fail":
      try { await kv.put(b.key, b.repeat ? "x".repeat(b.repeat) : b.value); return { ok: true }; }
      catch (e) { return { error: e.message, code: e.code, name: e.name }; }
  }
}];
`

func (s *server) kv(user, body string) map[string]any {
	s.t.Helper()
	r := s.call(user, "kv", body)
	if r.Status != 200 {
		s.t.Fatalf("kv %.200s: %d %.500s", body, r.Status, r.Body)
	}
	return r.JSON(s.t)
}

// TestKVFromFunctions: import { kv } from "tarsus:kv" round-trips text,
// JSON and bytes, lists with a prefix and a cursor, expires, stays per
// user, counts under 50 concurrent increments without losing one, and
// answers limits with clear errors.
func TestKVFromFunctions(t *testing.T) {
	s := startData(t, "", nil, testserver.Options{MaxKVKeys: 40})
	alice, bob := s.createUser("alice"), s.createUser("bob")
	s.mustPut(alice, "kv.ts", kvFn)
	s.mustPut(bob, "kv.ts", kvFn)

	s.kv("alice", `{"op":"put","key":"greeting","value":"héllo"}`)
	if v := s.kv("alice", `{"op":"get","key":"greeting"}`)["value"]; v != "héllo" {
		t.Fatalf("text: %v", v)
	}
	if v := s.kv("alice", `{"op":"getArg","key":"greeting","type":"text"}`)["value"]; v != "héllo" {
		t.Fatalf("type as a string argument: %v", v)
	}
	s.kv("alice", `{"op":"put","key":"obj","value":{"a":[1,2]},"type":"json"}`)
	if v, _ := json.Marshal(s.kv("alice", `{"op":"get","key":"obj","type":"json"}`)["value"]); string(v) != `{"a":[1,2]}` {
		t.Fatalf("json: %s", v)
	}
	s.kv("alice", `{"op":"put","key":"bin","bytes":[0,255,7]}`)
	if v, _ := json.Marshal(s.kv("alice", `{"op":"get","key":"bin","type":"bytes"}`)["value"]); string(v) != `[0,255,7]` {
		t.Fatalf("bytes: %s", v)
	}
	if v := s.kv("alice", `{"op":"get","key":"missing"}`)["value"]; v != nil {
		t.Fatalf("a missing key: %v", v)
	}
	// Per user: bob sees none of alice's keys.
	if v := s.kv("bob", `{"op":"get","key":"greeting"}`)["value"]; v != nil {
		t.Fatalf("bob reads alice's key: %v", v)
	}
	if keys := s.kv("bob", `{"op":"list"}`)["keys"].([]any); len(keys) != 0 {
		t.Fatalf("bob lists %v", keys)
	}

	// List with a prefix and a cursor.
	for i := range 5 {
		s.kv("alice", fmt.Sprintf(`{"op":"put","key":"user:%d","value":"u%d"}`, i, i))
	}
	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("the listing does not end")
		}
		q := map[string]any{"op": "list", "prefix": "user:", "limit": 2}
		if cursor != "" {
			q["cursor"] = cursor
		}
		page := s.kv("alice", string(jsonBody(q)))
		for _, k := range page["keys"].([]any) {
			names = append(names, k.(map[string]any)["name"].(string))
		}
		c, _ := page["cursor"].(string)
		if c == "" {
			if page["list_complete"] != true {
				t.Fatalf("last page: %v", page)
			}
			break
		}
		cursor = c
	}
	if strings.Join(names, ",") != "user:0,user:1,user:2,user:3,user:4" {
		t.Fatalf("listed %v", names)
	}
	// Bob cannot use alice's cursor to see her keys.
	if keys := s.kv("bob", string(jsonBody(map[string]any{"op": "list", "prefix": "user:", "cursor": cursor})))["keys"].([]any); len(keys) != 0 {
		t.Fatalf("bob lists with alice's cursor: %v", keys)
	}

	// TTL: the key expires (poll with a deadline).
	s.kv("alice", `{"op":"put","key":"short","value":"x","ttl":1}`)
	meta := s.kv("alice", `{"op":"meta","key":"short"}`)
	if exp, _ := meta["expiresAt"].(float64); exp < float64(time.Now().UnixMilli()) || exp > float64(time.Now().Add(2*time.Second).UnixMilli()) {
		t.Fatalf("expiresAt %v", meta)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.kv("alice", `{"op":"get","key":"short"}`)["value"] != nil {
		if time.Now().After(deadline) {
			t.Fatal("the key did not expire")
		}
	}

	// 50 concurrent increments, none lost.
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if r := s.call("alice", "kv", `{"op":"incr","key":"hits"}`); r.Status != 200 {
				t.Errorf("incr: %d %s", r.Status, r.Body)
			}
		})
	}
	wg.Wait()
	if n := s.kv("alice", `{"op":"get","key":"hits","type":"json"}`)["value"]; n != float64(50) {
		t.Fatalf("after 50 increments: %v", n)
	}

	// Limits: the value cap, then the key quota.
	r := s.kv("alice", `{"op":"fail","key":"big","repeat":1048577}`)
	if r["code"] != "TARSUS_KV_TOO_LARGE" {
		t.Fatalf("a value over 1 MiB: %v", r)
	}
	for i := 0; ; i++ {
		r := s.kv("alice", fmt.Sprintf(`{"op":"fail","key":"fill:%d","value":"v"}`, i))
		if r["error"] == nil {
			if i > 40 {
				t.Fatal("the key quota never answered")
			}
			continue
		}
		if r["code"] != "TARSUS_KV_QUOTA" || r["name"] != "Error" || !strings.Contains(r["error"].(string), "limit of 40 keys") {
			t.Fatalf("quota: %v", r)
		}
		break
	}
	// Bounded: at most 32 calls pending at once, 1000 per invocation.
	if r := s.kv("alice", `{"op":"flood","n":100}`); r["code"] != "TARSUS_LIMIT" || r["name"] != "RangeError" || r["made"] != float64(32) {
		t.Fatalf("100 calls not awaited: %v", r)
	}
	if r := s.kv("alice", `{"op":"flood","n":32}`); r["ok"] != true {
		t.Fatalf("32 calls not awaited: %v", r)
	}
	if r := s.kv("alice", `{"op":"many","n":1000}`); r["ok"] != true {
		t.Fatalf("1000 calls: %v", r)
	}
	if r := s.kv("alice", `{"op":"many","n":1001}`); r["code"] != "TARSUS_LIMIT" || !strings.Contains(r["error"].(string), "at most 1000 KV calls") {
		t.Fatalf("1001 calls: %v", r)
	}
	// Bad arguments are clear errors.
	if r := s.call("alice", "kv", `{"op":"get","key":"k","type":"stream"}`); r.Status != 500 || !strings.Contains(string(r.Body), `unknown type`) {
		t.Fatalf("unknown type: %d %s", r.Status, r.Body)
	}
}

// TestKVAPI: the HTTP API over the same store: PUT, GET, list with a
// prefix and a cursor, DELETE, the value cap, admins acting for a user.
func TestKVAPI(t *testing.T) {
	s := startData(t, "", nil, testserver.Options{})
	alice, bob := s.createUser("alice"), s.createUser("bob")
	s.mustPut(alice, "kv.ts", kvFn)
	key := url.PathEscape("a/b c")
	if r := s.do("PUT", "/api/v1/kv/"+key+"?ttl=3600", alice, "application/octet-stream", []byte("value 1")); r.Status != 200 || r.JSON(t)["expiresAt"] == nil {
		t.Fatalf("put: %d %s", r.Status, r.Body)
	}
	r := s.do("GET", "/api/v1/kv/"+key, alice, "", nil)
	if r.Status != 200 || string(r.Body) != "value 1" || r.Header.Get("X-Tarsus-KV-Expires-At") == "" || r.Header.Get("X-Tarsus-KV-Version") == "" {
		t.Fatalf("get: %d %v %s", r.Status, r.Header, r.Body)
	}
	// The function sees what the API wrote.
	if v := s.kv("alice", `{"op":"get","key":"a/b c"}`)["value"]; v != "value 1" {
		t.Fatalf("function reads %v", v)
	}
	if r := s.do("GET", "/api/v1/kv/"+key, bob, "", nil); r.Status != 404 {
		t.Fatalf("bob reads alice's key: %d", r.Status)
	}
	if r := s.do("GET", "/api/v1/kv/"+key+"?user=alice", bob, "", nil); r.Status != 403 {
		t.Fatalf("bob with ?user=alice: %d", r.Status)
	}
	if r := s.do("GET", "/api/v1/kv/"+key+"?user=alice", adminToken, "", nil); r.Status != 200 {
		t.Fatalf("admin with ?user=alice: %d", r.Status)
	}
	for i := range 3 {
		s.do("PUT", fmt.Sprintf("/api/v1/kv/p%d", i), alice, "", []byte("x"))
	}
	r = s.do("GET", "/api/v1/kv?prefix=p&limit=2", alice, "", nil)
	var page struct {
		Keys   []struct{ Name string }
		Cursor string
	}
	_ = json.Unmarshal(r.Body, &page)
	if len(page.Keys) != 2 || page.Cursor == "" {
		t.Fatalf("page 1: %s", r.Body)
	}
	r = s.do("GET", "/api/v1/kv?prefix=p&limit=2&cursor="+url.QueryEscape(page.Cursor), alice, "", nil)
	page.Cursor = ""
	_ = json.Unmarshal(r.Body, &page)
	if len(page.Keys) != 1 || page.Keys[0].Name != "p2" || page.Cursor != "" {
		t.Fatalf("page 2: %s", r.Body)
	}
	if r := s.do("DELETE", "/api/v1/kv/p2", alice, "", nil); r.Status != 204 {
		t.Fatalf("delete: %d", r.Status)
	}
	if r := s.do("GET", "/api/v1/kv/p2", alice, "", nil); r.Status != 404 {
		t.Fatalf("after delete: %d", r.Status)
	}
	// A value at the cap fits (the API's body limit is the KV value cap,
	// not the 64 KiB of other API routes); one byte more is 413.
	if r := s.do("PUT", "/api/v1/kv/max", alice, "", make([]byte, 1<<20)); r.Status != 200 {
		t.Fatalf("1 MiB value: %d %s", r.Status, r.Body)
	}
	if r := s.do("PUT", "/api/v1/kv/max", alice, "", make([]byte, 1<<20+1)); r.Status != 413 || r.code(t) != "TARSUS_KV_TOO_LARGE" {
		t.Fatalf("over 1 MiB: %d %s", r.Status, r.Body)
	}
	for _, c := range []struct{ path, code string }{
		{"/api/v1/kv/x?ttl=-1", "TARSUS_KV_INVALID"},
		{"/api/v1/kv/%2E%2E", "TARSUS_KV_INVALID"},
		{"/api/v1/kv/" + strings.Repeat("k", 513), "TARSUS_KV_INVALID"},
	} {
		if r := s.do("PUT", c.path, alice, "", []byte("v")); r.Status != 400 || r.code(t) != c.code {
			t.Errorf("PUT %s: %d %s", c.path, r.Status, r.Body)
		}
	}
}

// TestKVQuotaBytes: the per-user byte quota answers 507 TARSUS_KV_QUOTA
// through the API.
func TestKVQuotaBytes(t *testing.T) {
	s := startData(t, "", nil, testserver.Options{MaxKVBytes: 1000})
	alice := s.createUser("alice")
	if r := s.do("PUT", "/api/v1/kv/a", alice, "", make([]byte, 900)); r.Status != 200 {
		t.Fatal(r.Status, string(r.Body))
	}
	r := s.do("PUT", "/api/v1/kv/b", alice, "", make([]byte, 200))
	if r.Status != 507 || r.code(t) != "TARSUS_KV_QUOTA" || !strings.Contains(r.JSON(t)["message"].(string), "limit of 1000 bytes") {
		t.Fatalf("over the byte quota: %d %s", r.Status, r.Body)
	}
}

// TestEnvAPI: env vars and secrets through the API: a secret is listed by
// name only, and neither its value nor a rejected one appears in an answer
// or the server's log; limits are clear errors.
func TestEnvAPI(t *testing.T) {
	var logs logBuffer
	s := startData(t, "", &logs, testserver.Options{MaxEnvVars: 3})
	alice, bob := s.createUser("alice"), s.createUser("bob")
	const secret = "sk_live_9f8e7d6c5b4a-never-shown"
	var answers []string
	put := func(tok, name string, body any) resp {
		r := s.do("PUT", "/api/v1/env/"+name, tok, "application/json", jsonBody(body))
		answers = append(answers, string(r.Body))
		return r
	}
	if r := put(alice, "API_KEY", map[string]any{"value": secret, "secret": true}); r.Status != 200 {
		t.Fatalf("set secret: %d %s", r.Status, r.Body)
	}
	if r := put(alice, "MODE", map[string]any{"value": "dev"}); r.Status != 200 {
		t.Fatalf("set var: %d %s", r.Status, r.Body)
	}
	for _, c := range []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"lower", map[string]any{"value": secret, "secret": true}, 400, "TARSUS_ENV_BAD_NAME"},
		{"1X", map[string]any{"value": secret}, 400, "TARSUS_ENV_BAD_NAME"},
		{"BIG", map[string]any{"value": strings.Repeat(secret, 300), "secret": true}, 413, "TARSUS_ENV_TOO_LARGE"},
		{"NOVALUE", map[string]any{"secret": true}, 400, "TARSUS_BAD_REQUEST"},
	} {
		if r := put(alice, c.name, c.body); r.Status != c.status || r.code(t) != c.code {
			t.Errorf("PUT %s: %d %s", c.name, r.Status, r.Body)
		}
	}
	put(alice, "THIRD", map[string]any{"value": "3"})
	if r := put(alice, "FOURTH", map[string]any{"value": secret, "secret": true}); r.Status != 507 || r.code(t) != "TARSUS_ENV_QUOTA" {
		t.Fatalf("past MaxEnvVars: %d %s", r.Status, r.Body)
	}
	r := s.do("GET", "/api/v1/env", alice, "", nil)
	answers = append(answers, string(r.Body))
	var list []struct {
		Name   string
		Value  *string
		Secret bool
	}
	if err := json.Unmarshal(r.Body, &list); err != nil || len(list) != 3 || list[0].Name != "API_KEY" || !list[0].Secret || list[0].Value != nil || *list[1].Value != "dev" {
		t.Fatalf("list: %s", r.Body)
	}
	if r := s.do("GET", "/api/v1/env", bob, "", nil); string(r.Body) != "[]" {
		t.Fatalf("bob's env: %s", r.Body)
	}
	if r := s.do("GET", "/api/v1/env?user=alice", bob, "", nil); r.Status != 403 {
		t.Fatalf("bob lists alice's env: %d", r.Status)
	}
	if r := s.do("DELETE", "/api/v1/env/THIRD", alice, "", nil); r.Status != 204 {
		t.Fatalf("delete: %d", r.Status)
	}
	if r := s.do("DELETE", "/api/v1/env/THIRD", alice, "", nil); r.Status != 404 {
		t.Fatalf("delete again: %d", r.Status)
	}
	// Something the server logs, so that the stream is known to be read.
	if r := s.do("DELETE", "/api/v1/users/bob", adminToken, "", nil); r.Status != 204 {
		t.Fatalf("delete bob: %d", r.Status)
	}
	if !strings.Contains(logs.String(), "user deleted") {
		t.Fatal("the server's log is not captured: the test would not see a leak")
	}
	for _, a := range append(answers, logs.String()) {
		if strings.Contains(a, secret[:20]) {
			t.Fatalf("the secret leaked: %.300s", a)
		}
	}
}

// TestUserDataSurvivesRestart: env vars, secrets and KV keys are read back
// after the server restarts on its data folder (a real Badger reopened,
// the secret key read from the folder's secret.key).
func TestUserDataSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	s := startData(t, dir, nil, testserver.Options{})
	alice := s.createUser("alice")
	s.do("PUT", "/api/v1/env/TOKEN", alice, "application/json", []byte(`{"value":"t0ps3cret","secret":true}`))
	s.do("PUT", "/api/v1/env/PLAIN", alice, "application/json", []byte(`{"value":"p"}`))
	s.do("PUT", "/api/v1/kv/k", alice, "", []byte("kept"))
	s.stop()

	s = startData(t, dir, nil, testserver.Options{})
	r := s.do("GET", "/api/v1/env", alice, "", nil)
	if !strings.Contains(string(r.Body), `"TOKEN"`) || !strings.Contains(string(r.Body), `"value":"p"`) || strings.Contains(string(r.Body), "t0ps3cret") {
		t.Fatalf("env after restart: %s", r.Body)
	}
	if v, ok, err := s.Platform.EnvValue(t.Context(), "alice", "TOKEN"); err != nil || !ok || v != "t0ps3cret" {
		t.Fatalf("the secret after restart: %v %v", ok, err)
	}
	if r := s.do("GET", "/api/v1/kv/k", alice, "", nil); string(r.Body) != "kept" {
		t.Fatalf("kv after restart: %d %s", r.Status, r.Body)
	}
	s.stop()
}
