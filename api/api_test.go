package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSeedPing(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	r := s.put(tok, "ping.ts", readSample(t, "ping.ts"))
	if r.Status != 200 {
		t.Fatalf("deploy: %d %s", r.Status, r.Body)
	}
	m := r.JSON(t)
	if m["route"] != "ping" || m["path"] != "ping.ts" || m["version"].(float64) != 1 {
		t.Errorf("deploy answer: %s", r.Body)
	}
	sizes := m["sizes"].(map[string]any)
	if sizes["source"].(float64) == 0 || sizes["bundle"].(float64) == 0 || sizes["stored"].(float64) == 0 {
		t.Errorf("sizes: %v", sizes)
	}
	got := s.call("alice", "ping", "{}")
	if got.Status != 200 || string(got.Body) != `{"pong":"12it worked!"}` {
		t.Fatalf("ping: %d %s", got.Status, got.Body)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("content-type %q", ct)
	}
	// Without a body at all, as Fastify allows.
	r2 := s.do("POST", "/alice/ping", "", "", nil)
	if r2.Status != 200 || string(r2.Body) != `{"pong":"12it worked!"}` {
		t.Errorf("ping without body: %d %s", r2.Status, r2.Body)
	}
}

func TestSchemaValidationAndSerialization(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "users/create.ts", readSample(t, "users/create.ts"))

	ok := s.call("alice", "users/create", `{"name":"Ada","age":36}`)
	if ok.Status != 200 {
		t.Fatalf("%d %s", ok.Status, ok.Body)
	}
	m := ok.JSON(t)
	if _, leaked := m["passwordHash"]; leaked {
		t.Errorf("undeclared field passwordHash was not dropped: %s", ok.Body)
	}
	if m["name"] != "Ada" || m["age"].(float64) != 36 || len(m["tags"].([]any)) != 0 || len(m["id"].(string)) != 36 {
		t.Errorf("body: %s", ok.Body)
	}
	cases := []struct{ body, msg string }{
		{`{}`, "body must have required property 'name'"},
		{`{"name":"Ada","age":"old"}`, "body/age must be integer"},
		{`{"name":"A"}`, "body/name must NOT have fewer than 2 characters"},
		{`{"name":"Ada","age":200}`, "body/age must be <= 150"},
		{`{"name":"Ada","tags":[1,{}]}`, "body/tags/1 must be string"},
	}
	for _, c := range cases {
		r := s.call("alice", "users/create", c.body)
		want := fmt.Sprintf(`{"statusCode":400,"code":"FST_ERR_VALIDATION","error":"Bad Request","message":%q}`, c.msg)
		if r.Status != 400 || string(r.Body) != want {
			t.Errorf("%s: got %d %s, want 400 %s", c.body, r.Status, r.Body, want)
		}
	}
	bad := s.do("POST", "/alice/users/create", "", "application/json", []byte(`{"name":`))
	if bad.Status != 400 || !strings.Contains(string(bad.Body), "FST_ERR_CTP_INVALID_JSON_BODY") {
		t.Errorf("invalid JSON: %d %s", bad.Status, bad.Body)
	}
	media := s.do("POST", "/alice/users/create", "", "application/xml", []byte(`<a/>`))
	if media.Status != 415 {
		t.Errorf("xml: %d %s", media.Status, media.Body)
	}
}

func TestAsyncTimersAndSyncSendFromTimer(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "slow.ts", readSample(t, "slow.ts"))
	r := s.call("alice", "slow", `{"ms":30}`)
	if r.Status != 200 || string(r.Body) != `{"slept":30,"elapsedAtLeast":true}` {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	// A sync handler that replies from a timer, and one that never replies.
	s.mustPut(tok, "later.ts", `export default [{}, (req, reply) => { setTimeout(() => reply.send({late: true}), 10) }]`)
	if r := s.call("alice", "later", "{}"); r.Status != 200 || string(r.Body) != `{"late":true}` {
		t.Errorf("late send: %d %s", r.Status, r.Body)
	}
	s.mustPut(tok, "silent.ts", `export default [{}, (req, reply) => { setTimeout(() => {}, 5) }]`)
	start := time.Now()
	if r := s.call("alice", "silent", "{}"); r.Status != 200 || len(r.Body) != 0 {
		t.Errorf("silent: %d %q", r.Status, r.Body)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("silent handler held the request %v", d)
	}
	// The warning names the function.
	eventually(t, 5*time.Second, "warning in logs", func() bool {
		l := s.do("GET", "/api/v1/logs?fn=silent", tok, "", nil)
		return strings.Contains(string(l.Body), "silent.ts finished without sending a reply")
	})
}

func TestBuildErrorKeepsOldVersion(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "hello.ts", `export default [{}, () => ({v: 1})]`)
	r := s.put(tok, "hello.ts", "export default [{}, () => ({v: 2})]\nconst x = ;\n")
	if r.Status != 400 {
		t.Fatalf("syntax error deploy: %d %s", r.Status, r.Body)
	}
	m := r.JSON(t)
	if m["code"] != "TARSUS_BUILD" {
		t.Errorf("code: %s", r.Body)
	}
	errs := m["errors"].([]any)
	e0 := errs[0].(map[string]any)
	if e0["file"] != "hello.ts" || e0["line"].(float64) != 2 || e0["column"].(float64) != 11 {
		t.Errorf("position: %v", e0)
	}
	if got := s.call("alice", "hello", "{}"); string(got.Body) != `{"v":1}` {
		t.Errorf("old version not serving: %s", got.Body)
	}
	fns := s.do("GET", "/api/v1/functions", tok, "", nil)
	var list []map[string]any
	_ = json.Unmarshal(fns.Body, &list)
	if len(list) != 1 || list[0]["version"].(float64) != 1 {
		t.Errorf("store changed after a failed deploy: %s", fns.Body)
	}
}

func TestContractViolations(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	cases := map[string]string{
		"noexport.ts": `export const x = 1`,
		"object.ts":   `export default {handler() {}}`,
		"short.ts":    `export default [{}]`,
		"nofn.ts":     `export default [{}, 42]`,
		"badopts.ts":  `export default function () { return ["opts", () => 1] }`,
		"throws.ts":   `throw new Error("top-level failure"); export default [{}, () => 1]`,
	}
	for name, src := range cases {
		r := s.put(tok, name, src)
		if r.Status != 400 {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
			continue
		}
		m := r.JSON(t)
		code, _ := m["code"].(string)
		if code != "TARSUS_CONTRACT" && !(name == "throws.ts" && code == "TARSUS_LOAD") {
			t.Errorf("%s: code %s", name, r.Body)
		}
		contains(t, r.Body, name)
	}
	r := s.put(tok, "throws.ts", cases["throws.ts"])
	contains(t, r.Body, "top-level failure", `"line":1`)
}

func TestTimeoutDoesNotStallOthers(t *testing.T) {
	s := start(t, opts{timeout: 300 * time.Millisecond})
	a := s.createUser("alice")
	b := s.createUser("bob")
	s.mustPut(a, "spin.ts", `export default [{}, () => { while (true) {} }]`)
	s.mustPut(a, "ok.ts", `export default [{}, () => ({ok: "alice"})]`)
	s.mustPut(b, "ok.ts", `export default [{}, () => ({ok: "bob"})]`)
	var wg sync.WaitGroup
	results := make(chan resp, 4)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); results <- s.call("alice", "spin", "{}") }()
	}
	// While alice's loops spin, bob is served, and so is alice's other route.
	for i := 0; i < 20; i++ {
		if r := s.call("bob", "ok", "{}"); string(r.Body) != `{"ok":"bob"}` {
			t.Fatalf("bob during spin: %d %s", r.Status, r.Body)
		}
	}
	wg.Wait()
	close(results)
	for r := range results {
		if r.Status != 504 || !strings.Contains(string(r.Body), "TARSUS_TIMEOUT") {
			t.Errorf("spin: %d %s", r.Status, r.Body)
		}
	}
	if r := s.call("alice", "ok", "{}"); string(r.Body) != `{"ok":"alice"}` {
		t.Errorf("alice after timeout: %d %s", r.Status, r.Body)
	}
	// The per-function deadline in opts.config.timeout lowers the server's.
	s.mustPut(b, "short.ts", `export default [{config: {timeout: 50}}, () => new Promise(() => setTimeout(() => {}, 10000))]`)
	t0 := time.Now()
	if r := s.call("bob", "short", "{}"); r.Status != 504 {
		t.Errorf("short deadline: %d %s", r.Status, r.Body)
	}
	if d := time.Since(t0); d > 250*time.Millisecond {
		t.Errorf("opts.config.timeout=50 took %v", d)
	}
}

func TestRecursionAndAmplifiers(t *testing.T) {
	s := start(t, opts{timeout: 2 * time.Second})
	tok := s.createUser("alice")
	s.mustPut(tok, "deep.ts", `function f(n: number): number { return [n].map(f)[0] + 1 } export default [{}, () => f(0)]`)
	r := s.call("alice", "deep", "{}")
	if r.Status != 500 {
		t.Errorf("deep recursion: %d %s", r.Status, r.Body)
	}
	s.mustPut(tok, "big.ts", `export default [{}, () => ({n: "x".repeat(5e8).length})]`)
	if r := s.call("alice", "big", "{}"); r.Status != 500 || !strings.Contains(string(r.Body), "Invalid string length") {
		t.Errorf("repeat amplifier: %d %s", r.Status, r.Body)
	}
	s.mustPut(tok, "ok.ts", `export default [{}, () => ({ok: true})]`)
	if r := s.call("alice", "ok", "{}"); r.Status != 200 {
		t.Errorf("after recursion: %d %s", r.Status, r.Body)
	}
}

func TestIdleEvictionInStats(t *testing.T) {
	s := start(t, opts{idle: 150 * time.Millisecond})
	tok := s.createUser("alice")
	s.mustPut(tok, "ping.ts", readSample(t, "ping.ts"))
	if r := s.call("alice", "ping", "{}"); r.Status != 200 {
		t.Fatal(r.Status)
	}
	stats := func() map[string]any { return s.do("GET", "/api/v1/stats", tok, "", nil).JSON(t) }
	st := stats()
	if st["warmRuntimes"].(float64) != 1 || st["coldStarts"].(float64) != 1 || st["invocations"].(float64) != 1 {
		t.Fatalf("stats after a call: %v", st)
	}
	eventually(t, 5*time.Second, "idle runtime dropped", func() bool { return stats()["warmRuntimes"].(float64) == 0 })
	if r := s.call("alice", "ping", "{}"); r.Status != 200 {
		t.Fatal(r.Status)
	}
	st = stats()
	if st["coldStarts"].(float64) != 2 || st["invocations"].(float64) != 2 {
		t.Errorf("stats after a second cold call: %v", st)
	}
	fns := st["functions"].([]any)
	if len(fns) != 1 || fns[0].(map[string]any)["route"] != "ping" || fns[0].(map[string]any)["p99Ms"].(float64) <= 0 {
		t.Errorf("per-function stats: %v", fns)
	}
}

func TestRestartKeepsFunctions(t *testing.T) {
	dir := t.TempDir()
	s := start(t, opts{dir: dir})
	tok := s.createUser("alice")
	s.mustPut(tok, "ping.ts", readSample(t, "ping.ts"))
	s.mustPut(tok, "_lib/greet.ts", `export const greet = (n: string) => "hi " + n`)
	s.mustPut(tok, "hi.ts", `import {greet} from "./_lib/greet"; export default [{}, (req) => ({msg: greet(req.body.name)})]`)
	s.mustPut(tok, "users/create.ts", readSample(t, "users/create.ts"))
	s.stop()
	s2 := start(t, opts{dir: dir})
	if r := s2.call("alice", "ping", "{}"); string(r.Body) != `{"pong":"12it worked!"}` {
		t.Errorf("after restart: %d %s", r.Status, r.Body)
	}
	if r := s2.call("alice", "hi", `{"name":"Ada"}`); string(r.Body) != `{"msg":"hi Ada"}` {
		t.Errorf("after restart: %d %s", r.Status, r.Body)
	}
	// Schemas of functions loaded back from the store still apply.
	if r := s2.call("alice", "users/create", `{"name":"A"}`); r.Status != 400 || !strings.Contains(string(r.Body), "body/name must NOT have fewer than 2 characters") {
		t.Errorf("validation after restart: %d %s", r.Status, r.Body)
	}
	if r := s2.call("alice", "users/create", `{"name":"Ada","x":1}`); r.Status != 200 || strings.Contains(string(r.Body), "passwordHash") {
		t.Errorf("serialization after restart: %d %s", r.Status, r.Body)
	}
	if r := s2.call("alice", "_lib/greet", `{}`); r.Status != 404 {
		t.Errorf("shared module routed: %d", r.Status)
	}
	// The same token still works.
	if r := s2.do("GET", "/api/v1/me", tok, "", nil); r.Status != 200 {
		t.Errorf("token after restart: %d", r.Status)
	}
}

func TestUsersCannotTouchEachOther(t *testing.T) {
	s := start(t, opts{})
	a := s.createUser("alice")
	b := s.createUser("bob")
	s.mustPut(a, "secret.ts", `export default [{}, () => ({owner: "alice"})]`)
	checks := []struct {
		method, path string
		body         string
		want         int
	}{
		{"GET", "/api/v1/functions?user=alice", "", 403},
		{"GET", "/api/v1/functions/secret.ts?user=alice", "", 403},
		{"PUT", "/api/v1/functions/secret.ts?user=alice", `export default [{}, () => ({owner: "bob"})]`, 403},
		{"DELETE", "/api/v1/functions/secret.ts?user=alice", "", 403},
		{"GET", "/api/v1/logs?user=alice", "", 403},
		{"GET", "/api/v1/stats?user=alice", "", 403},
		{"GET", "/api/v1/functions/secret.ts", "", 404}, // bob's own tree has no such file
		{"DELETE", "/api/v1/functions/secret.ts", "", 404},
		{"POST", "/api/v1/users", `{"name":"mallory","password":"12345678"}`, 403},
		{"GET", "/api/v1/users", "", 403},
		{"DELETE", "/api/v1/users/alice", "", 403},
	}
	for _, c := range checks {
		r := s.do(c.method, c.path, b, "application/json", []byte(c.body))
		if r.Status != c.want {
			t.Errorf("%s %s as bob: %d %s, want %d", c.method, c.path, r.Status, r.Body, c.want)
		}
	}
	if r := s.do("GET", "/api/v1/functions", "", "", nil); r.Status != 401 {
		t.Errorf("no token: %d", r.Status)
	}
	if r := s.do("GET", "/api/v1/functions", "tsk_nope", "", nil); r.Status != 401 {
		t.Errorf("bad token: %d", r.Status)
	}
	if r := s.call("alice", "secret", "{}"); string(r.Body) != `{"owner":"alice"}` {
		t.Errorf("alice's function changed: %s", r.Body)
	}
	// The admin may act on alice.
	if r := s.do("GET", "/api/v1/functions?user=alice", adminToken, "", nil); r.Status != 200 || !strings.Contains(string(r.Body), "secret.ts") {
		t.Errorf("admin ?user=alice: %d %s", r.Status, r.Body)
	}
}

func TestPathRules(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	src := `export default [{}, () => 1]`
	bad := []string{"%2e%2e/escape.ts", "a/%2e%2e/%2e%2e/x.ts", "a%5cb.ts", "%2fetc%2fpasswd.ts", "a%00b.ts", strings.Repeat("a", 260) + ".ts"}
	for _, p := range bad {
		r := s.put(tok, p, src)
		if r.Status != 400 || !strings.Contains(string(r.Body), "TARSUS_BAD_PATH") {
			t.Errorf("%s: %d %s", p, r.Status, r.Body)
		}
	}
	big := s.put(tok, "big.ts", "// "+strings.Repeat("x", 1<<20))
	if big.Status != 400 || !strings.Contains(string(big.Body), "TARSUS_TOO_LARGE") {
		t.Errorf("1 MiB file: %d %s", big.Status, big.Body)
	}
	// Multipart: a traversal in a part's file name fails the whole deploy.
	r := s.deployMultipart(tok, "", map[string]string{"ok.ts": src, "../evil.ts": src})
	if r.Status != 400 {
		t.Errorf("multipart traversal: %d %s", r.Status, r.Body)
	}
	list := s.do("GET", "/api/v1/functions", tok, "", nil)
	if string(list.Body) != "[]" {
		t.Errorf("something was stored: %s", list.Body)
	}
	// Bare npm import used as a value.
	npm := s.put(tok, "npm.ts", `import _ from "lodash"; export default [{}, () => _.now()]`)
	if npm.Status != 400 || !strings.Contains(string(npm.Body), "tarsus push") {
		t.Errorf("bare import: %d %s", npm.Status, npm.Body)
	}
	// fs deploys (packages import it without using it) but reads nothing.
	s.mustPut(tok, "fs.ts", `import {readFileSync} from "fs"; export default [{}, () => readFileSync("/etc/passwd", "utf8")]`)
	if r := s.call("alice", "fs", "{}"); r.Status != 500 || strings.Contains(string(r.Body), "root:") || !strings.Contains(string(r.Body), "not available") {
		t.Errorf("fs call: %d %s", r.Status, r.Body)
	}
	if r := s.put(tok, "net.ts", `import {nosuch} from "node:nosuchmodule"; export default [{}, () => nosuch]`); r.Status != 400 {
		t.Errorf("an unknown built-in: %d %s", r.Status, r.Body)
	}
}

func TestGlobalsDoNotLeakBetweenUsers(t *testing.T) {
	s := start(t, opts{maxRuntimes: 1})
	a := s.createUser("alice")
	b := s.createUser("bob")
	s.mustPut(a, "set.ts", `export default [{}, () => { (globalThis as any).secret = "alice-secret"; return {set: true} }]`)
	s.mustPut(b, "get.ts", `export default [{}, () => ({seen: typeof (globalThis as any).secret === "undefined" ? null : (globalThis as any).secret})]`)
	s.mustPut(a, "get.ts", `export default [{}, () => ({seen: (globalThis as any).secret ?? null})]`)
	s.call("alice", "set", "{}")
	if r := s.call("bob", "get", "{}"); string(r.Body) != `{"seen":null}` {
		t.Errorf("bob saw alice's global: %s", r.Body)
	}
	// Within alice's warm runtime, globals persist as in any warm FaaS.
	if r := s.call("alice", "get", "{}"); string(r.Body) != `{"seen":"alice-secret"}` {
		t.Errorf("alice's warm global: %s", r.Body)
	}
	// No host access: fs loads (as a module whose functions throw), the
	// host's environment is not process.env (only the user's own
	// variables are, and bob has none).
	s.mustPut(b, "probe.ts", `export default [{}, () => {
		let req = "blocked";
		try { (globalThis as any).require("fs").readFileSync("/etc/hostname"); req = "fs read" } catch (e) {}
		return {req, env: Object.keys(process.env).length}
	}]`)
	if r := s.call("bob", "probe", "{}"); string(r.Body) != `{"req":"blocked","env":0}` {
		t.Errorf("host access: %s", r.Body)
	}
}

// TestRuntimeGlobals uses every Web and Node global a function gets (they
// are made on first use, see engine/globals.go) and checks them against
// what Node 20 prints for the same code, plus timers, microtasks, console
// and assignment to a global before it was ever read.
func TestRuntimeGlobals(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("glob")
	s.mustPut(tok, "all.ts", `export default [{}, async () => {
		const out: any = {};
		out.types = ["setTimeout","setInterval","setImmediate","clearTimeout","clearInterval","clearImmediate","queueMicrotask","structuredClone","TextEncoder","TextDecoder","atob","btoa","crypto","Buffer","URL","URLSearchParams","console","process"].map(n => typeof (globalThis as any)[n]).join(",");
		out.b64 = btoa("hello") + "|" + atob("aGVsbG8=");
		out.enc = Array.from(new TextEncoder().encode("hé")).join(",") + "|" + new TextDecoder().decode(new Uint8Array([104, 195, 169]));
		out.uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID());
		out.clone = JSON.stringify(structuredClone({a: [1, {b: 2}], d: "x"}));
		out.buf = Buffer.from("hi").toString("hex");
		const u = new URL("https://example.com:8080/p/a?x=1&y=2#h");
		out.url = u.hostname + "|" + u.port + "|" + u.pathname + "|" + u.searchParams.get("y") + "|" + new URLSearchParams("a=1&a=2").getAll("a").join("+");
		out.global = typeof global;
		const order: string[] = [];
		await new Promise<void>(resolve => {
			let n = 0;
			const iv = setInterval(() => { if (++n === 3) { clearInterval(iv); order.push("interval"); resolve(); } }, 1);
			setImmediate(() => order.push("immediate"));
			queueMicrotask(() => order.push("microtask"));
			process.nextTick(() => order.push("tick"));
			clearTimeout(setTimeout(() => order.push("cleared"), 0));
		});
		out.order = order.join(",");
		console.log("globals ok");
		out.own = ["console", "URL", "atob"].map(n => Object.prototype.hasOwnProperty.call(globalThis, n) && !Object.keys(globalThis).includes(n)).join(",");
		out.requireUtil = typeof (globalThis as any).require("node:util").format;
		return out;
	}]`)
	r := s.call("glob", "all", "{}")
	want := `{"types":"function,function,function,function,function,function,function,function,function,function,function,function,object,function,function,function,object,object",` +
		`"b64":"aGVsbG8=|hello","enc":"104,195,169|hé","uuid":true,"clone":"{\"a\":[1,{\"b\":2}],\"d\":\"x\"}","buf":"6869",` +
		`"url":"example.com|8080|/p/a|2|1+2","global":"object","order":"microtask,tick,immediate,interval","own":"true,true,true","requireUtil":"function"}`
	if r.Status != 200 || string(r.Body) != want {
		t.Errorf("globals:\n got %d %s\nwant %s", r.Status, r.Body, want)
	}
	// A module that assigns a global before anything read it (strict mode,
	// as esbuild emits), and one that shadows a global by declaring it.
	s.mustPut(tok, "assign.ts", `(globalThis as any).atob = (s: string) => "mine:" + s;
		export default [{}, () => ({atob: atob("x"), btoa: typeof btoa})]`)
	if r := s.call("glob", "assign", "{}"); string(r.Body) != `{"atob":"mine:x","btoa":"function"}` {
		t.Errorf("assigned global: %d %s", r.Status, r.Body)
	}
	s.mustPut(tok, "bare.ts", `export default [{}, () => { setTimeout = undefined as any; return {t: typeof setTimeout, c: typeof clearTimeout} }]`)
	if r := s.call("glob", "bare", "{}"); string(r.Body) != `{"t":"undefined","c":"function"}` {
		t.Errorf("bare assignment to a global: %d %s", r.Status, r.Body)
	}
}

func TestManyUsersConcurrently(t *testing.T) {
	s := start(t, opts{})
	const users = 20
	for i := 0; i < users; i++ {
		name := fmt.Sprintf("user-%02d", i)
		tok := s.createUser(name)
		s.mustPut(tok, "who.ts", fmt.Sprintf(`export default [{}, async (req) => { await new Promise(r => setTimeout(r, 1)); return {user: %q, n: req.body.n} }]`, name))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := fmt.Sprintf("user-%02d", i%users)
			r := s.call(name, "who", fmt.Sprintf(`{"n":%d}`, i))
			want := fmt.Sprintf(`{"user":%q,"n":%d}`, name, i)
			if r.Status != 200 || string(r.Body) != want {
				errs <- fmt.Sprintf("%s: %d %s, want %s", name, r.Status, r.Body, want)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestRoutingErrors(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "ping.ts", readSample(t, "ping.ts"))
	r := s.call("alice", "nope", "{}")
	if r.Status != 404 || string(r.Body) != `{"message":"Route POST:/alice/nope not found","error":"Not Found","statusCode":404}` {
		t.Errorf("404: %d %s", r.Status, r.Body)
	}
	g := s.do("GET", "/alice/ping", "", "", nil)
	if g.Status != 405 || g.Header.Get("Allow") != "POST" {
		t.Errorf("405: %d %v %s", g.Status, g.Header, g.Body)
	}
	if r := s.call("nobody", "ping", "{}"); r.Status != 404 {
		t.Errorf("unknown user: %d", r.Status)
	}
	if r := s.do("GET", "/healthz", "", "", nil); r.Status != 200 {
		t.Errorf("healthz: %d", r.Status)
	}
	s.call("alice", "ping", "{}")
	m := s.do("GET", "/metrics", adminToken, "", nil)
	contains(t, m.Body, `tarsus_invocations_total{code="200",fn="ping",user="alice"} 1`, "tarsus_invocation_duration_seconds_bucket", "tarsus_cold_starts_total", "tarsus_warm_runtimes", `tarsus_deploys_total{result="ok"} 1`, "tarsus_deploy_build_duration_seconds")
}

func TestMultipartDeployAllOrNothingAndPrune(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	r := s.deployMultipart(tok, "", map[string]string{
		"orders/create.ts": `import {db} from "../_lib/db"; export default [{}, (req) => ({created: db.add(req.body.item)})]`,
		"_lib/db.ts":       `const items: string[] = []; export const db = { add(i: string) { items.push(i); return items.length } }`,
		"old.ts":           `export default [{}, () => "old"]`,
	})
	if r.Status != 200 {
		t.Fatalf("deploy: %d %s", r.Status, r.Body)
	}
	if got := s.call("alice", "orders/create", `{"item":"x"}`); string(got.Body) != `{"created":1}` {
		t.Errorf("orders/create: %s", got.Body)
	}
	// Two broken files: both reported, nothing changes.
	r = s.deployMultipart(tok, "?prune=true", map[string]string{
		"orders/create.ts": `export default [{}, () => ({v: 2})]`,
		"a.ts":             `export default [{}, () => {]`,
		"b.ts":             `export default 42`,
	})
	if r.Status != 400 {
		t.Fatalf("broken deploy: %d %s", r.Status, r.Body)
	}
	contains(t, r.Body, `"file":"a.ts"`, `"file":"b.ts"`)
	if got := s.call("alice", "old", `{}`); string(got.Body) != `old` {
		t.Errorf("old route lost after failed deploy: %d %s", got.Status, got.Body)
	}
	// A good prune deploy removes what it does not contain.
	r = s.deployMultipart(tok, "?prune=true", map[string]string{"orders/create.ts": `export default [{}, () => ({v: 2})]`})
	if r.Status != 200 {
		t.Fatalf("prune deploy: %d %s", r.Status, r.Body)
	}
	if got := s.call("alice", "old", `{}`); got.Status != 404 {
		t.Errorf("pruned route still answers: %d", got.Status)
	}
	if got := s.call("alice", "orders/create", `{}`); string(got.Body) != `{"v":2}` {
		t.Errorf("new version: %s", got.Body)
	}
}

func TestUserLifecycle(t *testing.T) {
	s := start(t, opts{})
	login := s.do("POST", "/api/v1/login", "", "application/json", []byte(`{"name":"nobody","password":"x"}`))
	if login.Status != 401 {
		t.Errorf("bad login: %d", login.Status)
	}
	for _, name := range []string{"A", "api", "x", "1abc", "console"} {
		r := s.do("POST", "/api/v1/users", adminToken, "application/json", []byte(fmt.Sprintf(`{"name":%q,"password":"password1"}`, name)))
		if r.Status != 400 {
			t.Errorf("name %q: %d %s", name, r.Status, r.Body)
		}
	}
	tok := s.createUser("carol")
	if r := s.do("POST", "/api/v1/users", adminToken, "application/json", []byte(`{"name":"carol","password":"password1"}`)); r.Status != 409 {
		t.Errorf("duplicate: %d", r.Status)
	}
	ok := s.do("POST", "/api/v1/login", "", "application/json", []byte(`{"name":"carol","password":"password-carol"}`))
	if ok.Status != 200 || ok.JSON(t)["user"].(map[string]any)["role"] != "user" {
		t.Errorf("login: %d %s", ok.Status, ok.Body)
	}
	s.mustPut(tok, "f.ts", `export default [{}, () => { console.log("hello from carol"); return 1 }]`)
	s.call("carol", "f", "{}")
	eventually(t, 5*time.Second, "console line in logs", func() bool {
		return strings.Contains(string(s.do("GET", "/api/v1/logs", tok, "", nil).Body), "hello from carol")
	})
	if r := s.do("DELETE", "/api/v1/users/carol", adminToken, "", nil); r.Status != 204 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	if r := s.call("carol", "f", "{}"); r.Status != 404 {
		t.Errorf("deleted user's function: %d", r.Status)
	}
	if r := s.do("GET", "/api/v1/me", tok, "", nil); r.Status != 401 {
		t.Errorf("deleted user's token: %d", r.Status)
	}
}

func TestLogsFollowOverSSE(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "talk.ts", `export default [{}, (req) => { console.log("said", req.body.n); return {ok: true} }]`)
	req, _ := http.NewRequest("GET", s.URL+"/api/v1/logs?follow=true&fn=talk", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content-type %q", ct)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	// Wait for the stream to be live, then call.
	for l := range lines {
		if l == ": live" {
			break
		}
	}
	s.call("alice", "talk", `{"n":42}`)
	var sawConsole, sawInvocation bool
	deadline := time.After(10 * time.Second)
	for !(sawConsole && sawInvocation) {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("stream ended")
			}
			if strings.Contains(l, `"msg":"said 42"`) {
				sawConsole = true
			}
			if strings.Contains(l, `"kind":"invocation"`) && strings.Contains(l, `"status":200`) && strings.Contains(l, `"cold":true`) {
				sawInvocation = true
			}
		case <-deadline:
			t.Fatalf("console %v invocation %v", sawConsole, sawInvocation)
		}
	}
}

func TestDeploymentsRollbackManifestUpload(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "v.ts", `export default [{}, () => ({v: 1})]`)
	s.mustPut(tok, "v.ts", `export default [{}, () => ({v: 2})]`)
	var deps []map[string]any
	if err := json.Unmarshal(s.do("GET", "/api/v1/deployments", tok, "", nil).Body, &deps); err != nil || len(deps) != 2 {
		t.Fatalf("deployments: %v %v", err, deps)
	}
	first := deps[1]["id"].(string)
	r := s.do("POST", "/api/v1/deployments/"+first+"/rollback", tok, "", nil)
	if r.Status != 200 {
		t.Fatalf("rollback: %d %s", r.Status, r.Body)
	}
	if got := s.call("alice", "v", "{}"); string(got.Body) != `{"v":1}` {
		t.Errorf("after rollback: %s", got.Body)
	}
	_ = json.Unmarshal(s.do("GET", "/api/v1/deployments", tok, "", nil).Body, &deps)
	if len(deps) != 3 || deps[0]["via"] != "rollback" || deps[0]["rollbackOf"] != first {
		t.Errorf("rollback record: %v", deps[0])
	}
	man := s.do("GET", "/api/v1/manifest", tok, "", nil).JSON(t)
	if h, _ := man["v.ts"].(string); len(h) != 64 {
		t.Errorf("manifest: %v", man)
	}
	// The original product's upload route.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", "hello.ts")
	_, _ = io.WriteString(w, `export default [{}, () => "uploaded"]`)
	_ = mw.Close()
	up := s.do("POST", "/alice/tools/$upload", tok, mw.FormDataContentType(), buf.Bytes())
	if up.Status != 200 {
		t.Fatalf("$upload: %d %s", up.Status, up.Body)
	}
	if got := s.call("alice", "tools/hello", "{}"); string(got.Body) != "uploaded" {
		t.Errorf("uploaded function: %d %s", got.Status, got.Body)
	}
	other := s.createUser("bob")
	if r := s.do("POST", "/alice/tools/$upload", other, mw.FormDataContentType(), buf.Bytes()); r.Status != 403 {
		t.Errorf("bob uploading into alice: %d", r.Status)
	}
	// Dropping warm runtimes.
	if r := s.do("POST", "/api/v1/runtimes/drop", tok, "", nil); r.Status != 200 || !strings.Contains(string(r.Body), `"dropped":1`) {
		t.Errorf("drop: %d %s", r.Status, r.Body)
	}
	hist := s.do("GET", "/api/v1/stats/history", tok, "", nil).JSON(t)
	days := hist["days"].([]any)
	today := days[len(days)-1].(map[string]any)["functions"].(map[string]any)
	if today["v"].(map[string]any)["calls"].(float64) != 1 {
		t.Errorf("history: %v", hist)
	}
}

func TestMemoryWatchdog(t *testing.T) {
	s := start(t, opts{timeout: 60 * time.Second, memoryLimit: 256 << 20})
	a := s.createUser("alice")
	b := s.createUser("bob")
	s.mustPut(a, "hog.ts", `export default [{}, () => { const parts: string[] = []; for (;;) parts.push("x".repeat(8 << 20) + parts.length) }]`)
	s.mustPut(b, "ok.ts", `export default [{}, () => ({ok: true})]`)
	t0 := time.Now()
	r := s.call("alice", "hog", "{}")
	if r.Status != 503 || !strings.Contains(string(r.Body), "TARSUS_MEMORY") {
		t.Fatalf("hog: %d %s", r.Status, r.Body)
	}
	if d := time.Since(t0); d > 50*time.Second {
		t.Errorf("the watchdog took %v", d)
	}
	if r := s.call("bob", "ok", "{}"); string(r.Body) != `{"ok":true}` {
		t.Errorf("bob after the hog: %d %s", r.Status, r.Body)
	}
}

func TestBoundedQueueAnswersBusy(t *testing.T) {
	s := start(t, opts{maxRuntimes: 1})
	tok := s.createUser("alice")
	s.mustPut(tok, "slow.ts", `export default [{}, async () => { await new Promise(r => setTimeout(r, 50)); return {ok: true} }]`)
	const n = 100
	var wg sync.WaitGroup
	codes := make(chan int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := s.call("alice", "slow", "{}")
			if r.Status == 503 && !strings.Contains(string(r.Body), "TARSUS_BUSY") {
				t.Errorf("503 without TARSUS_BUSY: %s", r.Body)
			}
			codes <- r.Status
		}()
	}
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	// One runtime and a queue of 64: requests beyond that are refused at once
	// (a few more may be served if the first finish before the last arrive).
	if count[200] < 1 || count[503] < 1 || count[200]+count[503] != n {
		t.Errorf("statuses: %v", count)
	}
	if st := s.do("GET", "/api/v1/stats", tok, "", nil).JSON(t); st["warmRuntimes"].(float64) != 1 {
		t.Errorf("more than max-runtimes: %v", st)
	}
}

func TestRecentInvocationsKeepTheNewest(t *testing.T) {
	s := start(t, opts{})
	tok := s.createUser("alice")
	s.mustPut(tok, "n.ts", `export default [{}, (req) => ({n: req.body.n})]`)
	for i := 0; i < 70; i++ {
		s.call("alice", "n", fmt.Sprintf(`{"n":%d}`, i))
	}
	var recs []map[string]any
	if err := json.Unmarshal(s.do("GET", "/api/v1/logs?fn=n&limit=1000", tok, "", nil).Body, &recs); err != nil {
		t.Fatal(err)
	}
	inv := 0
	for _, r := range recs {
		if r["kind"] == "invocation" {
			inv++
		}
	}
	// 64 kept in memory: the oldest 6 were dropped, the newest kept.
	if inv != 64 {
		t.Errorf("invocation records: %d, want 64", inv)
	}
}
