package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
	"github.com/tarsus/tarsus/platform"
)

// logRecords reads the user's log records.
func (s *server) logRecords(token string) []map[string]any {
	s.t.Helper()
	r := s.do("GET", "/api/v1/logs?limit=1000", token, "", nil)
	if r.Status != 200 {
		s.t.Fatalf("logs: %d %s", r.Status, r.Body)
	}
	var recs []map[string]any
	if err := json.Unmarshal(r.Body, &recs); err != nil {
		s.t.Fatal(err)
	}
	return recs
}

func countCron(recs []map[string]any, fn string) int {
	n := 0
	for _, r := range recs {
		if r["kind"] == "invocation" && r["fn"] == fn && r["trigger"] == "cron" {
			n++
		}
	}
	return n
}

// holds checks that cond stays true for d (polling), failing as soon as it
// does not.
func holds(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if !cond() {
			t.Fatalf("%s stopped holding", what)
		}
		time.Sleep(20 * time.Millisecond) // polling interval
	}
}

// TestCronSchedule: a route scheduled every second runs with POST, body {}
// and x-tarsus-trigger: cron, each run an invocation record with trigger
// "cron" in the logs and counted in the stats; GET /api/v1/schedules lists
// it with its next run; a redeploy without the schedule stops it at once.
func TestCronSchedule(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("cron")
	s.mustPut(tok, "tick.ts", `export default [{ config: { schedule: "* * * * * *" } }, async (request) => {
		console.log("tick " + request.method + " " + request.headers["x-tarsus-trigger"] + " " + JSON.stringify(request.body));
		return { ok: true };
	}]`)

	r := s.do("GET", "/api/v1/schedules", tok, "", nil)
	var list []platform.ScheduleInfo
	if err := json.Unmarshal(r.Body, &list); err != nil || r.Status != 200 {
		t.Fatalf("schedules: %d %s", r.Status, r.Body)
	}
	if len(list) != 1 || list[0].Route != "tick" || list[0].Schedule != "* * * * * *" || list[0].Next == nil {
		t.Fatalf("schedules: %s", r.Body)
	}
	if d := time.Until(*list[0].Next); d < -time.Second || d > 1100*time.Millisecond {
		t.Errorf("next run %v is %v away; every second wants at most 1s", list[0].Next, d)
	}

	eventually(t, 10*time.Second, "a cron run in the logs", func() bool {
		recs := s.logRecords(tok)
		saw := false
		for _, r := range recs {
			if r["kind"] == "console" && r["msg"] == "tick POST cron {}" {
				saw = true
			}
		}
		return saw && countCron(recs, "tick") > 0
	})
	st := s.do("GET", "/api/v1/stats", tok, "", nil)
	var stats platform.Stats
	_ = json.Unmarshal(st.Body, &stats)
	if len(stats.Functions) != 1 || stats.Functions[0].Scheduled < 1 {
		t.Errorf("stats do not count the scheduled runs: %s", st.Body)
	}

	// An HTTP call is no cron run.
	if c := s.call("cron", "tick", "{}"); c.Status != 200 {
		t.Fatalf("call: %d %s", c.Status, c.Body)
	}

	// A redeploy without the schedule stops it at once.
	s.mustPut(tok, "tick.ts", `export default [{}, async () => ({ ok: true })]`)
	r = s.do("GET", "/api/v1/schedules", tok, "", nil)
	if strings.TrimSpace(string(r.Body)) != "[]" {
		t.Fatalf("schedules after removal: %s", r.Body)
	}
	// A run started just before the deploy may still be recorded.
	time.Sleep(0) // no wait: the poll below allows for it
	var n int
	eventually(t, 3*time.Second, "the last run's record", func() bool {
		a := countCron(s.logRecords(tok), "tick")
		b := countCron(s.logRecords(tok), "tick")
		n = b
		return a == b
	})
	holds(t, 2500*time.Millisecond, "no cron run after the schedule was removed", func() bool {
		return countCron(s.logRecords(tok), "tick") == n
	})
}

// TestCronUserDeleted: deleting a user stops their schedules.
func TestCronUserDeleted(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("gone")
	s.mustPut(tok, "tick.ts", `export default [{ config: { schedule: "@every 1s" } }, async () => ({ ok: true })]`)
	if len(s.Platform.Schedules("gone")) != 1 {
		t.Fatal("no schedule")
	}
	if r := s.do("DELETE", "/api/v1/users/gone", adminToken, "", nil); r.Status != 204 {
		t.Fatalf("delete user: %d %s", r.Status, r.Body)
	}
	if n := len(s.Platform.Schedules("gone")); n != 0 {
		t.Fatalf("%d schedules left", n)
	}
}

// TestAccessOptionsRefusedAtDeploy: options that cannot be honoured are
// deploy errors that say what to write instead, never silently ignored.
func TestAccessOptionsRefusedAtDeploy(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("opts")
	for _, c := range []struct{ name, opts, want string }{
		{"method GET", `{ method: "GET" }`, "functions answer POST only"},
		{"method list", `{ method: ["POST", "GET"] }`, "functions answer POST only"},
		{"sub-second", `{ config: { schedule: "@every 500ms" } }`, "more often than once a second"},
		{"not cron", `{ config: { schedule: "every day" } }`, "is not a cron expression"},
		{"too many fields", `{ config: { schedule: "* * * * * * *" } }`, "is not a cron expression"},
		{"time zone", `{ config: { schedule: "CRON_TZ=Europe/Paris * * * * *" } }`, "UTC"},
		{"backreference", `{ config: { cors: { origin: /(a)\1/ } } }`, "linear time"},
		{"cors headers", `{ config: { cors: { headers: ["x-a"] } } }`, "allowedHeaders"},
		{"keyGenerator function", `{ config: { rateLimit: { max: 5, keyGenerator: (r) => r.ip } } }`, "a function"},
		{"rate max", `{ config: { rateLimit: { max: 0 } } }`, "whole number"},
		{"jwt without options", `{ config: { auth: "jwt" } }`, "opts.config.jwt"},
		{"auth unknown", `{ config: { auth: "password" } }`, `opts.config.auth: must be`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.put(tok, "f.ts", "export default ["+c.opts+", async () => ({ ok: true })]")
			if r.Status != 400 || !strings.Contains(string(r.Body), c.want) {
				t.Fatalf("%d %s; want 400 saying %q", r.Status, r.Body, c.want)
			}
		})
	}
	s.mustPut(tok, "ok.ts", `export default [{ method: "POST", config: { cors: true, schedule: "0 0 1 1 *" } }, async () => ({ ok: true })]`)
}

// ---- reference answers from @fastify/cors and @fastify/rate-limit ----

var nodeRefOnce sync.Once

type refRequest struct {
	Method  string            `json:"method"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body,omitempty"`
}

type refAnswer struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// fastifyAnswers runs the requests against Fastify 5 with @fastify/cors
// and @fastify/rate-limit under node (testdata/fastify-access/ref.mjs).
func fastifyAnswers(t *testing.T, config string, reqs []refRequest) []refAnswer {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node (20+) is needed for the reference answers of @fastify/cors and @fastify/rate-limit")
	}
	dir := filepath.Join("testdata", "fastify-access")
	nodeRefOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "@fastify", "cors")); err != nil {
			npm := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
			npm.Dir = dir
			if out, err := npm.CombinedOutput(); err != nil {
				t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
			}
		}
	})
	rs, _ := json.Marshal(reqs)
	cmd := exec.Command(node, "ref.mjs")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(`{"config":` + config + `,"requests":` + string(rs) + `}`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node ref.mjs: %v\n%s", err, stderr.String())
	}
	var ans []refAnswer
	if err := json.Unmarshal(out, &ans); err != nil {
		t.Fatalf("ref.mjs answered %s: %v", out, err)
	}
	return ans
}

// send makes one request to a route and keeps the headers ref.mjs keeps.
func (s *server) send(route string, r refRequest) refAnswer {
	s.t.Helper()
	req, err := http.NewRequest(r.Method, s.URL+"/"+route, strings.NewReader(r.Body))
	if err != nil {
		s.t.Fatal(err)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	a := refAnswer{Status: res.StatusCode, Headers: map[string]string{}, Body: string(b)}
	for k, v := range res.Header {
		k = strings.ToLower(k)
		if strings.HasPrefix(k, "access-control-") || k == "vary" || strings.HasPrefix(k, "x-ratelimit-") || k == "retry-after" {
			a.Headers[k] = strings.Join(v, ", ")
		}
	}
	return a
}

// TestCORSLikeFastifyCors: a route's opts.config.cors answers the browser's
// preflight without running the function and adds the CORS headers to the
// POST answer, with the header values @fastify/cors sends for the same
// requests.
func TestCORSLikeFastifyCors(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	const a, evil = "https://a.example", "https://evil.example"
	pre := func(origin, headers string) refRequest {
		h := map[string]string{"origin": origin, "access-control-request-method": "POST"}
		if headers != "" {
			h["access-control-request-headers"] = headers
		}
		return refRequest{Method: "OPTIONS", Headers: h}
	}
	post := func(origin string) refRequest {
		return refRequest{Method: "POST", Headers: map[string]string{"origin": origin, "content-type": "application/json"}, Body: "{}"}
	}
	reqs := []refRequest{
		pre(a, "content-type,x-foo"), post(a), post(evil), pre(evil, ""), pre("https://x.b.example", "x-k"), post("https://x.b.example"),
		{Method: "OPTIONS", Headers: map[string]string{"origin": a}}, // no Access-Control-Request-Method: invalid
	}
	for _, c := range []struct{ name, js, ref string }{
		{"true", `true`, `true`},
		{"one origin", `{ origin: "https://a.example" }`, `{"origin":"https://a.example"}`},
		{"list and regexp with credentials", `{ origin: ["https://a.example", /\.b\.example$/], credentials: true, exposedHeaders: ["x-one", "x-two"], maxAge: 600, methods: ["POST"], allowedHeaders: ["content-type", "x-k"] }`,
			`{"origin":["https://a.example",{"$regexp":"\\.b\\.example$","flags":""}],"credentials":true,"exposedHeaders":["x-one","x-two"],"maxAge":600,"methods":["POST"],"allowedHeaders":["content-type","x-k"]}`},
		{"reflect", `{ origin: true, credentials: true, exposedHeaders: "x-one" }`, `{"origin":true,"credentials":true,"exposedHeaders":"x-one"}`},
		{"regexp ignoring case", `{ origin: /^https:\/\/A\.EXAMPLE$/i }`, `{"origin":{"$regexp":"^https:\\/\\/A\\.EXAMPLE$","flags":"i"}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			route := "cors" + strings.ReplaceAll(c.name, " ", "")
			s.mustPut(tok, route+".ts", `export default [{ config: { cors: `+c.js+` } }, async () => { console.log("ran"); return { ok: true }; }]`)
			want := fastifyAnswers(t, `{"cors":`+c.ref+`}`, reqs)
			for i, r := range reqs {
				got := s.send("alice/"+route, r)
				w := want[i]
				if r.Method == "POST" {
					w.Body = `{"ok":true}`
				}
				if got.Status != w.Status || got.Body != w.Body {
					t.Errorf("%s from %s: %d %q, @fastify/cors: %d %q", r.Method, r.Headers["origin"], got.Status, got.Body, w.Status, w.Body)
				}
				gj, _ := json.Marshal(got.Headers)
				wj, _ := json.Marshal(w.Headers)
				if string(gj) != string(wj) {
					t.Errorf("%s from %s (%v): headers\n got %s\nwant %s", r.Method, r.Headers["origin"], r.Headers, gj, wj)
				}
			}
		})
	}
	// The preflights ran no function: only the POSTs logged "ran".
	ran := 0
	for _, r := range s.logRecords(tok) {
		if r["kind"] == "console" && r["msg"] == "ran" {
			ran++
		}
	}
	if ran != 5*3 {
		t.Errorf("the function ran %d times; want 15 (the POSTs only)", ran)
	}
	// A route without cors keeps answering OPTIONS 405.
	s.mustPut(tok, "plain.ts", `export default [{}, async () => ({ ok: true })]`)
	if got := s.send("alice/plain", pre(a, "")); got.Status != 405 {
		t.Errorf("OPTIONS on a route without cors: %d", got.Status)
	}
}

// TestRateLimitLikeFastify: a route limited to 5 calls a second answers the
// sixth call of a burst 429 with Retry-After and the x-ratelimit-* headers
// of @fastify/rate-limit, serves again after the window, runs no function
// for a refused call and counts refusals in the stats, not the logs.
func TestRateLimitLikeFastify(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "limited.ts", `export default [{ config: { rateLimit: { max: 5, timeWindow: 1000 } } }, async () => ({ ok: true })]`)
	var reqs []refRequest
	for range 7 {
		reqs = append(reqs, refRequest{Method: "POST", Headers: map[string]string{"content-type": "application/json"}, Body: "{}"})
	}
	want := fastifyAnswers(t, `{"rateLimit":{"max":5,"timeWindow":1000}}`, reqs)
	for i, r := range reqs {
		got := s.send("alice/limited", r)
		w := want[i]
		gj, _ := json.Marshal(got.Headers)
		wj, _ := json.Marshal(w.Headers)
		if got.Status != w.Status || string(gj) != string(wj) {
			t.Errorf("call %d: %d %s, @fastify/rate-limit: %d %s", i+1, got.Status, gj, w.Status, wj)
		}
		if w.Status == 429 {
			var gb, wb map[string]any
			_ = json.Unmarshal([]byte(got.Body), &gb)
			_ = json.Unmarshal([]byte(w.Body), &wb)
			if gb["message"] != wb["message"] || gb["statusCode"] != wb["statusCode"] || gb["error"] != wb["error"] || gb["code"] != "TARSUS_RATE_LIMITED" {
				t.Errorf("429 body %s, @fastify/rate-limit: %s", got.Body, w.Body)
			}
		}
	}
	st := s.do("GET", "/api/v1/stats", tok, "", nil)
	var stats platform.Stats
	_ = json.Unmarshal(st.Body, &stats)
	if len(stats.Functions) != 1 || stats.Functions[0].Invocations != 5 || stats.Functions[0].Refused != 2 {
		t.Errorf("stats: want 5 invocations and 2 refused: %s", st.Body)
	}
	for _, r := range s.logRecords(tok) {
		if r["status"] == float64(429) {
			t.Errorf("a refused call was logged: %v", r)
		}
	}
	m := s.do("GET", "/metrics", adminToken, "", nil)
	contains(t, m.Body, `tarsus_refused_total{reason="rate_limited",user="alice"} 2`)
	eventually(t, 3*time.Second, "the route serving again after its window", func() bool {
		return s.call("alice", "limited", "{}").Status == 200
	})
}

// TestRateLimitServerDefault: the server-wide default applies per user
// where a route sets no limit of its own; a route's own limit replaces it.
func TestRateLimitServerDefault(t *testing.T) {
	s := &server{Server: testserver.Start(t, testserver.Options{RateLimit: platform.RateLimit{Max: 3, Window: time.Minute}}), t: t}
	tok := s.createUser("bob")
	s.mustPut(tok, "a.ts", `export default [{}, async () => ({ ok: true })]`)
	s.mustPut(tok, "b.ts", `export default [{}, async () => ({ ok: true })]`)
	s.mustPut(tok, "own.ts", `export default [{ config: { rateLimit: { max: 100, timeWindow: "1 minute" } } }, async () => ({ ok: true })]`)
	codes := []int{s.call("bob", "a", "{}").Status, s.call("bob", "b", "{}").Status, s.call("bob", "a", "{}").Status}
	r := s.call("bob", "b", "{}")
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 200 || r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("default 3/min per user: %v then %d (Retry-After %q)", codes, r.Status, r.Header.Get("Retry-After"))
	}
	for i := range 10 {
		if c := s.call("bob", "own", "{}"); c.Status != 200 || c.Header.Get("X-Ratelimit-Limit") != "100" {
			t.Fatalf("own limit, call %d: %d %v", i, c.Status, c.Header)
		}
	}
}

// key calls a route with an invocation key in a header.
func (s *server) withKey(route, header, value string) resp {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.URL+"/"+route, strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	if header != "" {
		req.Header.Set(header, value)
	}
	res, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{Status: res.StatusCode, Header: res.Header, Body: b}
}

func (s *server) createKey(token, body string) (id, key string) {
	s.t.Helper()
	r := s.do("POST", "/api/v1/keys", token, "application/json", []byte(body))
	if r.Status != 201 {
		s.t.Fatalf("create key: %d %s", r.Status, r.Body)
	}
	m := r.JSON(s.t)
	return m["id"].(string), m["key"].(string)
}

// TestInvocationKeys: a "key" route refuses a call without a key, with
// another user's key, with a key limited to other routes and with an
// expired key, in Fastify's error shape and without running the function;
// it accepts a valid key in either header; a revoked key stops at once.
func TestInvocationKeys(t *testing.T) {
	s := start(t, opts{})
	alice := s.createUser("alice")
	bob := s.createUser("bob")
	s.mustPut(alice, "orders/create.ts", `export default [{ config: { auth: "key" } }, async () => { console.log("ran"); return { ok: true }; }]`)
	s.mustPut(alice, "open.ts", `export default [{}, async () => ({ open: true })]`)

	id, key := s.createKey(alice, `{"name":"shop"}`)
	_, bobKey := s.createKey(bob, `{"name":"bob's"}`)
	_, other := s.createKey(alice, `{"name":"admin only","routes":["admin/*"]}`)
	_, orders := s.createKey(alice, `{"name":"orders","routes":["orders/*"]}`)
	_, short := s.createKey(alice, `{"name":"short","expiresAt":"`+time.Now().Add(1500*time.Millisecond).UTC().Format(time.RFC3339Nano)+`"}`)

	refused := func(name string, r resp) {
		t.Helper()
		m := r.JSON(t)
		if r.Status != 401 || m["statusCode"] != float64(401) || m["error"] != "Unauthorized" || m["code"] != "TARSUS_UNAUTHORIZED" || m["message"] == "" {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	refused("no key", s.withKey("alice/orders/create", "", ""))
	refused("another user's key", s.withKey("alice/orders/create", "Authorization", "Bearer "+bobKey))
	refused("a key for other routes", s.withKey("alice/orders/create", "x-tarsus-key", other))
	refused("a made-up key", s.withKey("alice/orders/create", "x-tarsus-key", "tik_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
	refused("an API token", s.withKey("alice/orders/create", "Authorization", "Bearer "+alice))
	for name, r := range map[string]resp{
		"bearer":            s.withKey("alice/orders/create", "Authorization", "Bearer "+key),
		"x-tarsus-key":      s.withKey("alice/orders/create", "x-tarsus-key", key),
		"route pattern":     s.withKey("alice/orders/create", "x-tarsus-key", orders),
		"before it expires": s.withKey("alice/orders/create", "x-tarsus-key", short),
		"a public route":    s.withKey("alice/open", "", ""),
	} {
		if r.Status != 200 {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}

	// Listings never show the secret.
	l := s.do("GET", "/api/v1/keys", alice, "", nil)
	if l.Status != 200 || strings.Contains(string(l.Body), key) || !strings.Contains(string(l.Body), id) {
		t.Errorf("keys listing: %d %s", l.Status, l.Body)
	}
	// Revoked: refused at once.
	if r := s.do("DELETE", "/api/v1/keys/"+id, alice, "", nil); r.Status != 204 {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	refused("a revoked key", s.withKey("alice/orders/create", "x-tarsus-key", key))

	ran := 0
	for _, r := range s.logRecords(alice) {
		if r["kind"] == "console" && r["msg"] == "ran" {
			ran++
		}
	}
	if ran != 4 {
		t.Errorf("the function ran %d times; want 4 (the accepted calls)", ran)
	}
	eventually(t, 5*time.Second, "the short key to expire", func() bool {
		r := s.withKey("alice/orders/create", "x-tarsus-key", short)
		if r.Status == 401 {
			refused("an expired key", r)
			contains(t, r.Body, "expired")
		}
		return r.Status == 401
	})
}

// TestCronBounded: runs of one schedule never overlap (a run still going
// when the next is due makes that one skipped, and counted), and a user
// may have at most 20 scheduled routes.
func TestCronBounded(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("slow")
	s.mustPut(tok, "slow.ts", `export default [{ config: { schedule: "* * * * * *" } }, async () => {
		await new Promise((r) => setTimeout(r, 2500));
		return { ok: true };
	}]`)
	eventually(t, 8*time.Second, "a skipped run", func() bool {
		l := s.Platform.Schedules("slow")
		return len(l) == 1 && l[0].Skipped >= 1
	})
	if l := s.Platform.Schedules("slow"); l[0].Runs > 3 {
		t.Errorf("overlapping runs: %+v", l[0])
	}

	files := map[string]string{}
	for i := range 21 {
		files[fmt.Sprintf("job%02d.ts", i)] = `export default [{ config: { schedule: "@hourly" } }, async () => ({})]`
	}
	r := s.deployMultipart(tok, "", files)
	if r.Status != 400 || !strings.Contains(string(r.Body), "TARSUS_QUOTA_SCHEDULES") || !strings.Contains(string(r.Body), "the limit is 20") {
		t.Fatalf("21 more scheduled routes: %d %s", r.Status, r.Body)
	}
}

// TestAccessAfterRestart: a route's access options are stored with the
// deploy: after a restart its schedule is known before any call and its
// auth still refuses a call without a key (the route is loaded from the
// store, never run to learn its options).
func TestAccessAfterRestart(t *testing.T) {
	dir := t.TempDir()
	s := start(t, opts{dir: dir})
	tok := s.createUser("alice")
	s.mustPut(tok, "nightly.ts", `export default [{ config: { schedule: "0 3 * * *" } }, async () => ({ ok: true })]`)
	s.mustPut(tok, "keyed.ts", `export default [{ config: { auth: "key", cors: true } }, async () => ({ ok: true })]`)
	_, key := s.createKey(tok, `{"name":"k"}`)
	s.stop()

	s = start(t, opts{dir: dir})
	eventually(t, 5*time.Second, "the schedule to be read from the store", func() bool {
		l := s.Platform.Schedules("alice")
		return len(l) == 1 && l[0].Route == "nightly" && l[0].Next != nil && l[0].Next.Hour() == 3
	})
	if r := s.withKey("alice/keyed", "", ""); r.Status != 401 {
		t.Fatalf("after a restart, a keyed route without a key: %d %s", r.Status, r.Body)
	}
	if r := s.withKey("alice/keyed", "x-tarsus-key", key); r.Status != 200 || r.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("after a restart, with the key: %d %v %s", r.Status, r.Header, r.Body)
	}
}

// TestAccessSamples: the samples deploy and behave as their comments say.
func TestAccessSamples(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("shop")
	s.mustPut(tok, "cron.ts", readSample(t, "cron.ts"))
	s.mustPut(tok, "orders/create.ts", readSample(t, "orders/create.ts"))
	if l := s.Platform.Schedules("shop"); len(l) != 1 || l[0].Schedule != "*/5 * * * *" {
		t.Fatalf("schedules: %+v", l)
	}
	if r := s.withKey("shop/orders/create", "", ""); r.Status != 401 {
		t.Fatalf("orders without a key: %d %s", r.Status, r.Body)
	}
	_, key := s.createKey(tok, `{"name":"shop","routes":["orders/*"]}`)
	req, _ := http.NewRequest("POST", s.URL+"/shop/orders/create", strings.NewReader(`{"item":"tea"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://eu.shop.example")
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "https://eu.shop.example" ||
		res.Header.Get("Access-Control-Expose-Headers") != "x-order-id" || res.Header.Get("X-Order-Id") == "" || res.Header.Get("X-Ratelimit-Limit") != "5" {
		t.Fatalf("order: %d %v %s", res.StatusCode, res.Header, b)
	}
}

// nodeSign signs each [header, claims, key] as HS256 with Node's crypto
// (the reference signer), in one node run.
func nodeSign(t *testing.T, in ...[3]string) []string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node (20+) is needed to sign the reference tokens")
	}
	script := `const c = require("crypto");
const b = (s) => Buffer.from(s).toString("base64url");
process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(([h, p, k]) => {
  const data = b(h) + "." + b(p);
  return data + "." + c.createHmac("sha256", k).update(data).digest("base64url");
})));`
	arg, _ := json.Marshal(in)
	out, err := exec.Command(node, "-e", script, string(arg)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var toks []string
	if err := json.Unmarshal(out, &toks); err != nil || len(toks) != len(in) {
		t.Fatalf("node answered %s", out)
	}
	return toks
}

// TestJWTRoute: a "jwt" route accepts a token signed (by Node) with the
// user's secret and hands its claims to the function as request.user; it
// refuses a tampered, expired, not-yet-valid, unsigned or foreign token
// without running the function; a change of the secret is live at once.
func TestJWTRoute(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	const key = "a-long-hs256-signing-key-for-tests"
	if r := s.do("PUT", "/api/v1/env/JWT_KEY", tok, "application/json", []byte(`{"value":"`+key+`","secret":true}`)); r.Status >= 300 {
		t.Fatalf("set the secret: %d %s", r.Status, r.Body)
	}
	s.mustPut(tok, "me.ts", `export default [{ config: { auth: "jwt", jwt: { secret: "JWT_KEY" } } }, async (request) => { console.log("ran"); return { user: request.user }; }]`)
	s.mustPut(tok, "nokey.ts", `export default [{ config: { auth: "jwt", jwt: { secret: "NOT_SET" } } }, async () => ({})]`)
	exp := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	const hs = `{"alg":"HS256","typ":"JWT"}`
	toks := nodeSign(t,
		[3]string{hs, `{"sub":"u1","role":"admin","exp":` + exp + `}`, key},
		[3]string{hs, `{"sub":"u1","role":"root","exp":` + exp + `}`, "another key"},
		[3]string{hs, `{"sub":"u1","exp":1000000000}`, key},
		[3]string{hs, `{"sub":"u1","nbf":` + exp + `}`, key},
		[3]string{`{"alg":"none"}`, `{"sub":"u1"}`, key},
		[3]string{hs, `{"sub":"u2"}`, "new-key-after-rotation"},
	)
	good := toks[0]
	r := s.withKey("alice/me", "Authorization", "Bearer "+good)
	if r.Status != 200 {
		t.Fatalf("a good token: %d %s", r.Status, r.Body)
	}
	var body struct{ User map[string]any }
	_ = json.Unmarshal(r.Body, &body)
	if body.User["sub"] != "u1" || body.User["role"] != "admin" {
		t.Fatalf("request.user: %s", r.Body)
	}
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + strings.Split(toks[1], ".")[1] + "." + parts[2]
	for name, h := range map[string]string{
		"no token":      "",
		"tampered":      "Bearer " + tampered,
		"another key":   "Bearer " + toks[1],
		"expired":       "Bearer " + toks[2],
		"not yet valid": "Bearer " + toks[3],
		"alg none":      "Bearer " + toks[4],
		"an API token":  "Bearer " + tok,
	} {
		hdr := "Authorization"
		if h == "" {
			hdr = ""
		}
		r := s.withKey("alice/me", hdr, h)
		m := r.JSON(t)
		if r.Status != 401 || m["code"] != "TARSUS_UNAUTHORIZED" || m["error"] != "Unauthorized" {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if r := s.withKey("alice/nokey", "Authorization", "Bearer "+good); r.Status != 500 || !strings.Contains(string(r.Body), "TARSUS_JWT_KEY_MISSING") || strings.Contains(string(r.Body), key) {
		t.Errorf("a route whose secret is not set: %d %s", r.Status, r.Body)
	}
	// The secret rotated: the old token stops, a token under the new key works.
	if r := s.do("PUT", "/api/v1/env/JWT_KEY", tok, "application/json", []byte(`{"value":"new-key-after-rotation","secret":true}`)); r.Status >= 300 {
		t.Fatalf("rotate the secret: %d %s", r.Status, r.Body)
	}
	if r := s.withKey("alice/me", "Authorization", "Bearer "+good); r.Status != 401 {
		t.Errorf("the old token after rotation: %d %s", r.Status, r.Body)
	}
	if r := s.withKey("alice/me", "Authorization", "Bearer "+toks[5]); r.Status != 200 || !strings.Contains(string(r.Body), `"sub":"u2"`) {
		t.Errorf("a token under the new key: %d %s", r.Status, r.Body)
	}
	ran := 0
	for _, r := range s.logRecords(tok) {
		if r["kind"] == "console" && r["msg"] == "ran" {
			ran++
		}
	}
	if ran != 2 {
		t.Errorf("the function ran %d times; want 2 (the accepted calls)", ran)
	}
}

// TestJWKSRoute: a route with jwt.jwks checks RS256 and ES256 tokens
// (signed by Node) against a key set fetched under the egress rules
// (allowed here with FetchAllow 127.0.0.1), refuses HS256 (the key set's
// public key is never an HMAC secret), tampered tokens and unknown keys,
// and without the allowance the set cannot be fetched at all.
func TestJWKSRoute(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node (20+) is needed to sign the reference tokens")
	}
	script := `const c = require("crypto");
const b = (s) => Buffer.from(s).toString("base64url");
const rsa = c.generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = c.generateKeyPairSync("ec", { namedCurve: "P-256" });
const other = c.generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwks = { keys: [
  { ...rsa.publicKey.export({ format: "jwk" }), kid: "r1", alg: "RS256", use: "sig" },
  { ...ec.publicKey.export({ format: "jwk" }), kid: "e1" },
] };
const exp = Math.floor(Date.now() / 1000) + 3600;
const sign = (hdr, claims, key, opts) => {
  const data = b(JSON.stringify(hdr)) + "." + b(JSON.stringify(claims));
  return data + "." + c.sign("sha256", Buffer.from(data), opts ? { key, ...opts } : key).toString("base64url");
};
const hmac = (hdr, claims, secret) => {
  const data = b(JSON.stringify(hdr)) + "." + b(JSON.stringify(claims));
  return data + "." + c.createHmac("sha256", secret).update(data).digest("base64url");
};
process.stdout.write(JSON.stringify({ jwks, tokens: {
  rs: sign({ alg: "RS256", kid: "r1" }, { sub: "r", exp }, rsa.privateKey),
  es: sign({ alg: "ES256", kid: "e1" }, { sub: "e", exp }, ec.privateKey, { dsaEncoding: "ieee-p1363" }),
  nokid: sign({ alg: "RS256" }, { sub: "n", exp }, rsa.privateKey),
  other: sign({ alg: "RS256", kid: "r1" }, { sub: "x", exp }, other.privateKey),
  unknown: sign({ alg: "RS256", kid: "zz" }, { sub: "x", exp }, other.privateKey),
  expired: sign({ alg: "RS256", kid: "r1" }, { sub: "r", exp: 1000000000 }, rsa.privateKey),
  hs: hmac({ alg: "HS256", kid: "r1" }, { sub: "x", exp }, jwks.keys[0].n),
} }));`
	out, err := exec.Command(node, "-e", script).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var ref struct {
		JWKS   json.RawMessage   `json:"jwks"`
		Tokens map[string]string `json:"tokens"`
	}
	if err := json.Unmarshal(out, &ref); err != nil {
		t.Fatal(err)
	}
	var fetches atomic.Int32
	ks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(ref.JWKS)
	}))
	defer ks.Close()

	route := `export default [{ config: { auth: "jwt", jwt: { jwks: "` + ks.URL + `/jwks.json" } } }, async (request) => ({ user: request.user })]`
	s := &server{Server: testserver.Start(t, testserver.Options{FetchAllow: []string{"127.0.0.1"}}), t: t}
	tok := s.createUser("alice")
	s.mustPut(tok, "me.ts", route)
	for name, want := range map[string]int{"rs": 200, "es": 200, "nokid": 200, "other": 401, "unknown": 401, "expired": 401, "hs": 401} {
		r := s.withKey("alice/me", "Authorization", "Bearer "+ref.Tokens[name])
		if r.Status != want {
			t.Errorf("%s: %d %s, want %d", name, r.Status, r.Body, want)
		}
		if want == 200 && !strings.Contains(string(r.Body), `"sub":"`+name[:1]+`"`) {
			t.Errorf("%s: request.user: %s", name, r.Body)
		}
	}
	// Cached: one fetch for the good tokens, one more for the unknown kid.
	if n := fetches.Load(); n < 1 || n > 2 {
		t.Errorf("the key set was fetched %d times", n)
	}

	// Without the allowance, the egress guard refuses the loopback address.
	s2 := start(t, opts{})
	tok2 := s2.createUser("bob")
	s2.mustPut(tok2, "me.ts", route)
	r := s2.withKey("bob/me", "Authorization", "Bearer "+ref.Tokens["rs"])
	if r.Status != 503 || !strings.Contains(string(r.Body), "TARSUS_JWKS_UNAVAILABLE") {
		t.Errorf("a key set on a refused address: %d %s", r.Status, r.Body)
	}
}

// TestRateLimitManyClients: 100,000 distinct client addresses (behind a
// proxy that names them in X-Forwarded-For) each call a rate-limited
// route through the real server; the limiter keeps at most its 65,536
// buckets and the heap stays within 32 MiB of where it started (the
// buckets' share, measured in the access package, is about 2 MiB).
func TestRateLimitManyClients(t *testing.T) {
	s := &server{Server: testserver.Start(t, testserver.Options{ClientIPHeader: "X-Forwarded-For"}), t: t}
	tok := s.createUser("alice")
	s.mustPut(tok, "f.ts", `export default [{ config: { rateLimit: { max: 1, timeWindow: "1 minute" } } }, async () => ({})]`)
	call := func(ip string) int {
		req, _ := http.NewRequest("POST", s.URL+"/alice/f", strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", ip)
		res, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	// The limit is per address: a second call from one is refused, a
	// call from another is not.
	if a, b, c := call("192.0.2.1"), call("192.0.2.1"), call("192.0.2.2"); a != 200 || b != 429 || c != 200 {
		t.Fatalf("per address: %d %d %d", a, b, c)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const n, workers = 100_000, 8
	var wg sync.WaitGroup
	var refused atomic.Int32
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if call(fmt.Sprintf("10.%d.%d.%d", i>>16, i>>8&255, i&255)) != 200 {
					refused.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("100,000 client addresses: heap %+.1f MiB", float64(grew)/(1<<20))
	if refused.Load() != 0 {
		t.Errorf("%d first calls from new addresses were refused", refused.Load())
	}
	if grew > 32<<20 {
		t.Errorf("the heap grew by %.1f MiB for 100,000 client addresses; the bound is 32 MiB", float64(grew)/(1<<20))
	}
}
