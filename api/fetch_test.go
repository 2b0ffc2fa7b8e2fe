package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// fetchServer starts Tarsus with the given fetch options and a user "fet".
func fetchServer(t *testing.T, o testserver.Options) (*server, string) {
	t.Helper()
	s := &server{Server: testserver.Start(t, o), t: t}
	return s, s.createUser("fet")
}

// deployFetch deploys at route a function whose async handler has body
// (request and reply in scope); opts is the route options' source.
func (s *server) deployFetch(tok, route, opts, body string) {
	s.t.Helper()
	if opts == "" {
		opts = "{}"
	}
	s.mustPut(tok, route+".js", "export default function () { return ["+opts+", async (request, reply) => {\n"+body+"\n}] }\n")
}

// jsonCall calls user's route with body and decodes a JSON object answer.
func (s *server) jsonCall(user, route string, body any) (int, map[string]any) {
	s.t.Helper()
	b, _ := json.Marshal(body)
	r := s.call(user, route, string(b))
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	if m == nil {
		m = map[string]any{"raw": string(r.Body)}
	}
	return r.Status, m
}

// upstream is the site functions fetch from in these tests. hang blocks
// until the client goes away (closing hung when it does) or release closes.
type upstreamSite struct {
	*httptest.Server
	hungClosed chan struct{} // one value per hanging request the client closed
	release    chan struct{}
	inFlight   atomic.Int32
	hanging    atomic.Int32
	maxFlight  atomic.Int32
	origin2    string // the same site under another origin (localhost)
}

func upstream(t *testing.T) *upstreamSite {
	t.Helper()
	u := &upstreamSite{hungClosed: make(chan struct{}, 64), release: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("Set-Cookie", "a=1")
		w.Header().Add("Set-Cookie", "b=2")
		fmt.Fprintf(w, `{"hello":"world","ua":%q}`, r.Header.Get("User-Agent"))
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"method": r.Method, "body": string(b), "ctype": r.Header.Get("Content-Type"), "auth": r.Header.Get("Authorization"), "x": r.Header.Get("X-Test"), "url": r.URL.String()})
	})
	mux.HandleFunc("/form", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		out := map[string]any{"a": r.FormValue("a")}
		if f, h, err := r.FormFile("f"); err == nil {
			b, _ := io.ReadAll(f)
			out["file"] = []string{h.Filename, h.Header.Get("Content-Type"), string(b)}
		}
		json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		code := 302
		if c := r.URL.Query().Get("code"); c != "" {
			fmt.Sscan(c, &code)
		}
		w.Header().Set("Location", r.URL.Query().Get("to"))
		w.WriteHeader(code)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		n := 0
		fmt.Sscan(r.URL.Query().Get("n"), &n)
		w.Write([]byte(strings.Repeat("x", n)))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Counts concurrent requests; answers after a short pause so that
		// several overlap.
		n := u.inFlight.Add(1)
		defer u.inFlight.Add(-1)
		for {
			m := u.maxFlight.Load()
			if n <= m || u.maxFlight.CompareAndSwap(m, n) {
				break
			}
		}
		select {
		case <-time.After(30 * time.Millisecond): // keeps requests overlapping; not a wait for an outcome
		case <-r.Context().Done():
		}
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		if r.URL.Query().Get("body") != "" {
			// Headers now, the body never.
			w.WriteHeader(200)
			w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}
		u.hanging.Add(1)
		defer u.hanging.Add(-1)
		select {
		case <-r.Context().Done():
			u.hungClosed <- struct{}{}
		case <-u.release:
			w.Write([]byte("released"))
		}
	})
	u.Server = httptest.NewServer(mux)
	_, port, _ := net.SplitHostPort(u.Listener.Addr().String())
	u.origin2 = "http://localhost:" + port
	t.Cleanup(func() {
		select {
		case <-u.release:
		default:
			close(u.release)
		}
		u.Close()
	})
	return u
}

// cause is the JS the tests use to describe a rejection.
const describe = `const describe = (e) => ({ name: e && e.name, message: e && e.message, cause: e && e.cause && e.cause.message, code: e && e.cause && e.cause.code });`

func TestFetchThroughServer(t *testing.T) {
	up := upstream(t)
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"127.0.0.1", "localhost"}, FetchMaxBytes: 1000, FetchTimeout: 400 * time.Millisecond})
	s.deployFetch(tok, "run", "", describe+`
		const { url, init, read } = request.body;
		try {
			const r = await fetch(url, init);
			const out = { status: r.status, ok: r.ok, statusText: r.statusText, redirected: r.redirected, url: r.url,
				ct: r.headers.get('content-type'), location: r.headers.get('location'), cookies: r.headers.getSetCookie() };
			try {
				if (read === 'json') out.json = await r.json();
				else if (read === 'none') {}
				else out.text = await r.text();
				out.used = r.bodyUsed;
			} catch (e) { out.bodyError = describe(e); }
			return out;
		} catch (e) { return { error: describe(e) }; }`)
	call := func(url string, init map[string]any, read string) map[string]any {
		t.Helper()
		st, m := s.jsonCall("fet", "run", map[string]any{"url": url, "init": init, "read": read})
		if st != 200 {
			t.Fatalf("%s: %d %v", url, st, m)
		}
		return m
	}
	echo := func(m map[string]any) map[string]any {
		t.Helper()
		j, ok := m["json"].(map[string]any)
		if !ok {
			t.Fatalf("no JSON echo: %v", m)
		}
		return j
	}
	errCode := func(m map[string]any, key string) string {
		e, _ := m[key].(map[string]any)
		c, _ := e["code"].(string)
		return c
	}

	t.Run("get json", func(t *testing.T) {
		m := call(up.URL+"/json", nil, "json")
		if m["status"] != 200.0 || m["ok"] != true || m["ct"] != "application/json" || m["used"] != true || m["redirected"] != false {
			t.Fatalf("%v", m)
		}
		if !reflect.DeepEqual(m["cookies"], []any{"a=1", "b=2"}) || echo(m)["hello"] != "world" {
			t.Fatalf("%v", m)
		}
	})
	t.Run("post bodies", func(t *testing.T) {
		for _, tc := range []struct {
			init         map[string]any
			body, ctype  string
			method, xhdr string
		}{
			{map[string]any{"method": "POST", "body": "plain"}, "plain", "text/plain;charset=UTF-8", "POST", ""},
			{map[string]any{"method": "put", "body": `{"a":1}`, "headers": map[string]string{"content-type": "application/json", "x-test": " spaced "}}, `{"a":1}`, "application/json", "PUT", "spaced"},
			{map[string]any{"method": "PATCH", "body": "é"}, "é", "text/plain;charset=UTF-8", "PATCH", ""},
		} {
			j := echo(call(up.URL+"/echo", tc.init, "json"))
			if j["body"] != tc.body || j["ctype"] != tc.ctype || j["method"] != tc.method || j["x"] != tc.xhdr {
				t.Errorf("%v: echo %v", tc.init, j)
			}
		}
		// Bytes and URLSearchParams bodies are made in the function.
		s.deployFetch(tok, "bodies", "", `
			const u = request.body.url, out = [];
			for (const body of [new Uint8Array([104, 105]), new URLSearchParams({ a: '1', b: 'x y' }), new Uint16Array([0x6968]).buffer]) {
				const r = await fetch(u, { method: 'POST', body });
				out.push(await r.json());
			}
			return out;`)
		r := s.call("fet", "bodies", `{"url":"`+up.URL+`/echo"}`)
		var got []map[string]any
		if err := json.Unmarshal(r.Body, &got); err != nil || len(got) != 3 {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
		if got[0]["body"] != "hi" || got[0]["ctype"] != "" || got[1]["body"] != "a=1&b=x+y" || got[1]["ctype"] != "application/x-www-form-urlencoded;charset=UTF-8" || got[2]["body"] != "hi" {
			t.Fatalf("%v", got)
		}
	})
	t.Run("redirects", func(t *testing.T) {
		// 302 after POST: GET without the body.
		m := call(up.URL+"/redirect?to=/echo", map[string]any{"method": "POST", "body": "x"}, "json")
		if j := echo(m); j["method"] != "GET" || j["body"] != "" || j["ctype"] != "" || m["redirected"] != true || m["url"] != up.URL+"/echo" {
			t.Fatalf("302: %v", m)
		}
		// 307 keeps the method and the body.
		m = call(up.URL+"/redirect?code=307&to=/echo", map[string]any{"method": "POST", "body": "x"}, "json")
		if j := echo(m); j["method"] != "POST" || j["body"] != "x" {
			t.Fatalf("307: %v", m)
		}
		// 303 after PUT: GET.
		m = call(up.URL+"/redirect?code=303&to=/echo", map[string]any{"method": "PUT", "body": "x"}, "json")
		if j := echo(m); j["method"] != "GET" || j["body"] != "" {
			t.Fatalf("303: %v", m)
		}
		// Authorization is dropped on a cross-origin hop, kept on a same-origin one.
		auth := map[string]any{"headers": map[string]string{"authorization": "Bearer s3cret"}}
		if j := echo(call(up.URL+"/redirect?to=/echo", auth, "json")); j["auth"] != "Bearer s3cret" {
			t.Fatalf("same origin: %v", j)
		}
		if j := echo(call(up.URL+"/redirect?to="+up.origin2+"/echo", auth, "json")); j["auth"] != "" {
			t.Fatalf("cross origin kept authorization: %v", j)
		}
		// manual: the 3xx itself.
		m = call(up.URL+"/redirect?to=/echo", map[string]any{"redirect": "manual"}, "text")
		if m["status"] != 302.0 || m["location"] != "/echo" || m["redirected"] != false {
			t.Fatalf("manual: %v", m)
		}
		// error: fetch fails.
		m = call(up.URL+"/redirect?to=/echo", map[string]any{"redirect": "error"}, "text")
		if errCode(m, "error") != "TARSUS_FETCH_REDIRECT" || m["error"].(map[string]any)["message"] != "fetch failed" || m["error"].(map[string]any)["name"] != "TypeError" {
			t.Fatalf("error mode: %v", m)
		}
		// More than 20 hops.
		m = call(up.URL+"/loop", nil, "text")
		if errCode(m, "error") != "TARSUS_FETCH_REDIRECT" || !strings.Contains(m["error"].(map[string]any)["cause"].(string), "20") {
			t.Fatalf("loop: %v", m)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		m := call(up.URL+"/hang", nil, "text")
		if errCode(m, "error") != "TARSUS_FETCH_TIMEOUT" {
			t.Fatalf("%v", m)
		}
		waitClosed(t, up)
		// A body that stops coming times out too.
		m = call(up.URL+"/hang?body=1", nil, "text")
		if m["status"] != 200.0 || errCode(m, "bodyError") != "TARSUS_FETCH_TIMEOUT" {
			t.Fatalf("%v", m)
		}
		waitClosed(t, up)
	})
	t.Run("size cap", func(t *testing.T) {
		if m := call(up.URL+"/big?n=1000", nil, "text"); len(m["text"].(string)) != 1000 {
			t.Fatalf("at the cap: %v", m)
		}
		m := call(up.URL+"/big?n=1001", nil, "text")
		if m["status"] != 200.0 || errCode(m, "bodyError") != "TARSUS_FETCH_TOO_LARGE" || m["bodyError"].(map[string]any)["message"] != "terminated" {
			t.Fatalf("past the cap: %v", m)
		}
	})
	t.Run("bad urls", func(t *testing.T) {
		m := call("/relative", nil, "text")
		if e := m["error"].(map[string]any); e["name"] != "TypeError" || e["message"] != "Failed to parse URL from /relative" {
			t.Fatalf("%v", m)
		}
		m = call("ftp://example.com/x", nil, "text")
		if e := m["error"].(map[string]any); e["message"] != "fetch failed" {
			t.Fatalf("%v", m)
		}
	})
	t.Run("log record and metrics", func(t *testing.T) {
		call(up.URL+"/redirect?to=/json", nil, "json")
		var hops []any
		eventually(t, 5*time.Second, "fetches in the log record", func() bool {
			var recs []struct {
				Kind    string `json:"kind"`
				Fetches []any  `json:"fetches"`
			}
			if err := json.Unmarshal(s.do("GET", "/api/v1/logs?fn=run", tok, "", nil).Body, &recs); err != nil {
				t.Fatal(err)
			}
			for _, l := range recs {
				if l.Kind == "invocation" && len(l.Fetches) == 2 {
					hops = l.Fetches
				}
			}
			return hops != nil
		})
		h0, h1 := hops[0].(map[string]any), hops[1].(map[string]any)
		host := strings.TrimPrefix(up.URL, "http://")
		if h0["method"] != "GET" || h0["host"] != host || h0["status"] != 302.0 || h1["status"] != 200.0 || h1["bytes"].(float64) < 10 {
			t.Fatalf("hops: %v", hops)
		}
		m := s.do("GET", "/metrics", adminToken, "", nil)
		if !strings.Contains(string(m.Body), `tarsus_fetch_requests_total{code="302",user="fet"}`) || !strings.Contains(string(m.Body), `tarsus_fetch_requests_total{code="TARSUS_FETCH_TIMEOUT",user="fet"}`) {
			t.Fatalf("metrics: %s", m.Body)
		}
	})
}

// waitClosed waits until the upstream saw a hanging request's client go.
func waitClosed(t *testing.T, up *upstreamSite) {
	t.Helper()
	select {
	case <-up.hungClosed:
	case <-time.After(5 * time.Second):
		t.Fatal("the upstream never saw the hanging request closed")
	}
}

func TestFetchWebBodies(t *testing.T) {
	up := upstream(t)
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"127.0.0.1"}})
	s.deployFetch(tok, "bodies", "", describe+`
		const u = request.body.url, out = {};
		const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('str')); c.enqueue(new TextEncoder().encode('eam')); c.close(); } });
		out.stream = await (await fetch(u + '/echo', { method: 'POST', body: stream, duplex: 'half' })).json();
		out.blob = await (await fetch(u + '/echo', { method: 'POST', body: new Blob(['bl', 'ob'], { type: 'text/x-blob' }) })).json();
		const fd = new FormData();
		fd.append('a', 'α');
		fd.append('f', new File(['file body'], 'n.txt', { type: 'text/plain' }));
		out.form = await (await fetch(u + '/form', { method: 'POST', body: fd })).json();
		const ac = new AbortController();
		const r = await fetch(u + '/hang?body=1', { signal: ac.signal });
		const rd = r.body.getReader();
		const first = await rd.read();
		ac.abort();
		try { await rd.read(); out.abort = 'not aborted'; } catch (e) { out.abort = [new TextDecoder().decode(first.value), e.name]; }
		try { await fetch(u + '/hang', { signal: AbortSignal.timeout(100) }); } catch (e) { out.timeout = e.name; }
		return out;`)
	st, m := s.jsonCall("fet", "bodies", map[string]any{"url": up.URL})
	if st != 200 {
		t.Fatalf("%d %v", st, m)
	}
	want := map[string]any{
		"stream":  map[string]any{"method": "POST", "body": "stream", "ctype": "", "auth": "", "x": "", "url": "/echo"},
		"blob":    map[string]any{"method": "POST", "body": "blob", "ctype": "text/x-blob", "auth": "", "x": "", "url": "/echo"},
		"form":    map[string]any{"a": "α", "file": []any{"n.txt", "text/plain", "file body"}},
		"abort":   []any{"partial", "AbortError"},
		"timeout": "TimeoutError",
	}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("got  %v\nwant %v", m, want)
	}
	waitClosed(t, up)
	waitClosed(t, up)

	// A handler may answer with a Response: its own, or a fetched one
	// (streamed through).
	s.deployFetch(tok, "proxy", "", `
		if (request.body.own) return new Response('made here', { status: 201, headers: { 'x-own': '1' } });
		return fetch(request.body.url);`)
	r := s.call("fet", "proxy", `{"own":true}`)
	if r.Status != 201 || string(r.Body) != "made here" || r.Header.Get("X-Own") != "1" {
		t.Fatalf("own response: %d %v %s", r.Status, r.Header, r.Body)
	}
	r = s.call("fet", "proxy", `{"url":"`+up.URL+`/big?n=200000"}`)
	if r.Status != 200 || len(r.Body) != 200000 {
		t.Fatalf("proxied response: %d %v %d bytes", r.Status, r.Header, len(r.Body))
	}
}

func TestFetchSample(t *testing.T) {
	up := upstream(t)
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"127.0.0.1"}})
	s.mustPut(tok, "fetch-api.ts", readSample(t, "fetch-api.ts"))
	st, m := s.jsonCall("fet", "fetch-api", map[string]any{"url": up.URL + "/json"})
	if st != 200 || m["ok"] != true || !reflect.DeepEqual(m["keys"], []any{"hello", "ua"}) {
		t.Fatalf("%d %v", st, m)
	}
	st, m = s.jsonCall("fet", "fetch-api", map[string]any{"url": "http://169.254.169.254/"})
	if st != 200 || m["ok"] != false || m["code"] != "TARSUS_EGRESS_DENIED" || m["error"] != "fetch failed" {
		t.Fatalf("%d %v", st, m)
	}
}

func TestFetchEgressGuard(t *testing.T) {
	up := upstream(t)
	// Only the name localhost is allowed: 127.0.0.1 by address is not.
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"localhost"}})
	s.deployFetch(tok, "run", "", describe+`
		try { const r = await fetch(request.body.url); return { status: r.status, text: await r.text() }; }
		catch (e) { return { error: describe(e) }; }`)
	for _, tc := range []struct{ url, code string }{
		{up.URL + "/json", "TARSUS_EGRESS_DENIED"},
		{"http://169.254.169.254/latest/meta-data/", "TARSUS_EGRESS_DENIED"},
		{"http://[::ffff:127.0.0.1]:" + strings.Split(up.Listener.Addr().String(), ":")[1] + "/json", "TARSUS_EGRESS_DENIED"},
		{"http://10.0.0.1/", "TARSUS_EGRESS_DENIED"},
		// Through a redirect from an allowed site.
		{up.origin2 + "/redirect?to=" + up.URL + "/json", "TARSUS_EGRESS_DENIED"},
		{up.origin2 + "/redirect?to=http://169.254.169.254/", "TARSUS_EGRESS_DENIED"},
		{up.origin2 + "/json", ""},
	} {
		st, m := s.jsonCall("fet", "run", map[string]any{"url": tc.url})
		if st != 200 {
			t.Fatalf("%s: %d %v", tc.url, st, m)
		}
		e, _ := m["error"].(map[string]any)
		if tc.code == "" {
			if e != nil || m["status"] != 200.0 {
				t.Errorf("%s: %v", tc.url, m)
			}
			continue
		}
		if e == nil || e["code"] != tc.code || e["message"] != "fetch failed" || !strings.Contains(e["cause"].(string), "--fetch-allow") {
			t.Errorf("%s: %v", tc.url, m)
		}
	}
}

// Without --fetch-allow nothing local is reachable.
func TestFetchEgressGuardWithoutAllowList(t *testing.T) {
	up := upstream(t)
	s, tok := fetchServer(t, testserver.Options{})
	s.deployFetch(tok, "run", "", describe+`
		try { const r = await fetch(request.body.url); return { status: r.status }; }
		catch (e) { return { error: describe(e) }; }`)
	for _, url := range []string{up.URL + "/json", up.origin2 + "/json", "http://169.254.169.254/latest/meta-data/", "http://[::1]:1/", "http://0.0.0.0:1/"} {
		st, m := s.jsonCall("fet", "run", map[string]any{"url": url})
		e, _ := m["error"].(map[string]any)
		if st != 200 || e == nil || e["code"] != "TARSUS_EGRESS_DENIED" || e["message"] != "fetch failed" || e["name"] != "TypeError" {
			t.Errorf("%s: %d %v", url, st, m)
		}
	}
}

func TestFetchLimits(t *testing.T) {
	up := upstream(t)
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"127.0.0.1"}})
	t.Run("51st request", func(t *testing.T) {
		s.deployFetch(tok, "many", "", describe+`
			const out = [];
			for (let i = 0; i < 51; i++) {
				try { const r = await fetch(request.body.url); await r.text(); out.push(r.status); }
				catch (e) { out.push(describe(e)); }
			}
			return { ok: out.filter(x => x === 200).length, last: out[50] };`)
		st, m := s.jsonCall("fet", "many", map[string]any{"url": up.URL + "/json"})
		last, _ := m["last"].(map[string]any)
		if st != 200 || m["ok"] != 50.0 || last == nil || last["code"] != "TARSUS_FETCH_LIMIT" || !strings.Contains(last["cause"].(string), "50") {
			t.Fatalf("%d %v", st, m)
		}
	})
	t.Run("no more than the limit ever waits", func(t *testing.T) {
		// Calls that are never awaited count when made: the 51st fails at
		// once, so no more than 50 can queue.
		s.deployFetch(tok, "burst", "", describe+`
			const ps = [];
			for (let i = 0; i < 200; i++) ps.push(fetch(request.body.url).then(r => r.text()).then(() => 'ok', e => describe(e).code));
			const out = await Promise.all(ps);
			return { ok: out.filter(x => x === 'ok').length, limit: out.filter(x => x === 'TARSUS_FETCH_LIMIT').length };`)
		st, m := s.jsonCall("fet", "burst", map[string]any{"url": up.URL + "/json"})
		if st != 200 || m["ok"] != 50.0 || m["limit"] != 150.0 {
			t.Fatalf("%d %v", st, m)
		}
	})
	t.Run("body as a stream, clones", func(t *testing.T) {
		s.deployFetch(tok, "stream", "", `
			const u = request.body.url;
			let r = await fetch(u);
			const reader = r.body.getReader();
			let chunks = 0, bytes = 0;
			for (;;) { const { value, done } = await reader.read(); if (done) break; chunks++; bytes += value.byteLength; }
			r = await fetch(u);
			let iterBytes = 0;
			for await (const c of r.body) iterBytes += c.byteLength;
			r = await fetch(u);
			const c = r.clone();
			const [a, b] = await Promise.all([r.text(), c.arrayBuffer()]);
			let usedErr = '';
			try { await r.text(); } catch (e) { usedErr = e.message; }
			return { chunks, bytes, iterBytes, a: a.length, b: b.byteLength, used: [r.bodyUsed, c.bodyUsed], usedErr };`)
		st, m := s.jsonCall("fet", "stream", map[string]any{"url": up.URL + "/big?n=300000"})
		if st != 200 || m["bytes"] != 300000.0 || m["chunks"].(float64) < 2 || m["iterBytes"] != 300000.0 || m["a"] != 300000.0 || m["b"] != 300000.0 ||
			!reflect.DeepEqual(m["used"], []any{true, true}) || m["usedErr"] != "Body is unusable: Body has already been read" {
			t.Fatalf("%d %v", st, m)
		}
	})
	t.Run("six connections at once", func(t *testing.T) {
		s.deployFetch(tok, "par", "", `
			const texts = await Promise.all(Array.from({ length: 12 }, () => fetch(request.body.url).then(r => r.text())));
			return { n: texts.filter(t => t === 'ok').length };`)
		up.maxFlight.Store(0)
		st, m := s.jsonCall("fet", "par", map[string]any{"url": up.URL + "/slow"})
		if st != 200 || m["n"] != 12.0 {
			t.Fatalf("%d %v", st, m)
		}
		if mf := up.maxFlight.Load(); mf > 6 || mf < 2 {
			t.Fatalf("the upstream saw %d requests at once; want 2..6", mf)
		}
	})
	t.Run("unread bodies do not deadlock", func(t *testing.T) {
		// Seven responses awaited before any body is read: the seventh
		// request frees the least recently used connection, whose body
		// then fails with the limit's code (as Workers does).
		s.deployFetch(tok, "seven", "", describe+`
			const rs = await Promise.all(Array.from({ length: 7 }, () => fetch(request.body.url)));
			const out = [];
			for (const r of rs) { try { out.push((await r.json()).hello); } catch (e) { out.push(describe(e).code); } }
			return { out };`)
		st, m := s.jsonCall("fet", "seven", map[string]any{"url": up.URL + "/json"})
		// Which one is closed depends on the order the responses arrived.
		n := map[any]int{}
		out, _ := m["out"].([]any)
		for _, x := range out {
			n[x]++
		}
		if st != 200 || len(out) != 7 || n["world"] != 6 || n["TARSUS_FETCH_LIMIT"] != 1 {
			t.Fatalf("%d %v", st, m)
		}
	})
}

func TestFetchDeadlineAndIsolation(t *testing.T) {
	up := upstream(t)
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"127.0.0.1"}, MaxRuntimes: 1})
	s.deployFetch(tok, "hang", "{ config: { timeout: 300 } }", `const r = await fetch(request.body.url); return { text: await r.text() };`)

	t.Run("the deadline cancels the request", func(t *testing.T) {
		r := s.call("fet", "hang", `{"url":"`+up.URL+`/hang"}`)
		if r.Status != 504 {
			t.Fatalf("%d %v %s\nlogs: %s", r.Status, r.Header, r.Body, s.do("GET", "/api/v1/logs?fn=hang", tok, "", nil).Body)
		}
		waitClosed(t, up)
	})

	t.Run("an abort cancels the request", func(t *testing.T) {
		// A signal by shape (any object with aborted and addEventListener).
		s.deployFetch(tok, "abort", "", `
			const listeners = [];
			const signal = { aborted: false, reason: undefined, addEventListener: (t, f) => listeners.push(f), removeEventListener() {} };
			setTimeout(() => { signal.aborted = true; signal.reason = new Error('stop'); listeners.forEach(f => f()); }, 50);
			try { await fetch(request.body.url, { signal }); return { fetched: true }; }
			catch (e) { return { rejected: e.message }; }`)
		st, m := s.jsonCall("fet", "abort", map[string]any{"url": up.URL + "/hang"})
		if st != 200 || m["rejected"] != "stop" {
			t.Fatalf("%d %v", st, m)
		}
		waitClosed(t, up)
	})

	t.Run("a waiting runtime blocks no other user", func(t *testing.T) {
		tok2 := s.createUser("other")
		s.mustPut(tok2, "ping.js", "export default function () { return [{}, async () => ({ pong: true })] }\n")
		s.deployFetch(tok, "wait", "", `const r = await fetch(request.body.url); return { text: await r.text() };`)
		var wg sync.WaitGroup
		results := make(chan resp, 2)
		for i := 0; i < 2; i++ { // two of fet's invocations wait on the upstream
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- s.call("fet", "wait", `{"url":"`+up.URL+`/hang"}`)
			}()
		}
		// Wait until fet's requests reach the upstream (polling the count).
		eventually(t, 5*time.Second, "fet's fetch to arrive", func() bool { return upstreamHangs(up) >= 1 })
		for i := 0; i < 5; i++ {
			start := time.Now()
			r := s.call("other", "ping", `{}`)
			if r.Status != 200 || time.Since(start) > 2*time.Second {
				t.Fatalf("other's call while fet waits: %d %s after %v", r.Status, r.Body, time.Since(start))
			}
		}
		close(up.release)
		wg.Wait()
		close(results)
		for r := range results {
			if r.Status != 200 {
				t.Fatalf("fet's waiting call: %d %s", r.Status, r.Body)
			}
		}
	})
}

// upstreamHangs is how many /hang requests the upstream holds now.
func upstreamHangs(up *upstreamSite) int { return int(up.hanging.Load()) }

// TestFetchClassesMatchNode runs the same Headers, Request and Response
// cases in Node 20 and in a function and compares the answers.
func TestFetchClassesMatchNode(t *testing.T) {
	const cases = `
const out = [];
const t = (f) => { try { const v = f(); return v === undefined ? 'undefined' : v; } catch (e) { return e.constructor.name + ': ' + e.message; } };
const ta = async (f) => { try { const v = await f(); return v === undefined ? 'undefined' : v; } catch (e) { return e.constructor.name + ': ' + e.message; } };
out.push(t(() => [...new Headers({ 'X-B': ' 2 ', 'x-a': '1', 'Set-Cookie': 'c=1' })]));
out.push(t(() => { const h = new Headers([['a', '1'], ['A', '2'], ['set-cookie', 'x=1'], ['set-cookie', 'y=2'], ['b', '3']]); return [h.get('a'), h.get('set-cookie'), h.getSetCookie(), [...h.keys()], [...h.values()], h.has('B'), h.get('nope')]; }));
out.push(t(() => { const h = new Headers([['a', '1'], ['b', '2'], ['a', '3']]); h.set('A', 'z'); h.delete('b'); const seen = []; h.forEach((v, k) => seen.push(k + '=' + v)); return seen; }));
out.push(t(() => new Headers([['a b', 'x']])));
out.push(t(() => new Headers({ x: 'a\nb' })));
out.push(t(() => new Headers([['a']])));
out.push(t(() => new Headers(5)));
out.push(t(() => new Headers({ x: 'é' }).get('x')));
out.push(t(() => new Headers({ x: '\t v \r\n' }).get('x')));
out.push(t(() => Object.prototype.toString.call(new Headers())));
out.push(t(() => new Headers(new Headers({ q: '1' })).get('q')));
out.push(t(() => Response.error().headers.set('a', 'b')));
out.push(t(() => { const r = Response.error(); return [r.type, r.status, r.ok, r.statusText]; }));
out.push(t(() => { const r = Response.redirect('http://x.test/a?b', 301); return [r.status, r.headers.get('location'), r.type]; }));
out.push(t(() => Response.redirect('http://x.test/', 200)));
out.push(t(() => Response.redirect('/rel')));
out.push(t(() => new Response('x', { status: 99 })));
out.push(t(() => new Response('x', { status: 204 })));
out.push(t(() => new Response(null, { status: 204 }).status));
out.push(t(() => new Response('x', { statusText: 'a\nb' })));
out.push(t(() => { const r = new Response('x', { status: 404, statusText: 'Nope', headers: { a: '1' } }); return [r.status, r.ok, r.statusText, r.type, r.url, r.redirected, r.bodyUsed, [...r.headers]]; }));
out.push(t(() => [...new Response('x').headers]));
out.push(t(() => [...new Response(new URLSearchParams('a=1')).headers]));
out.push(t(() => [...new Response(new Uint8Array(2)).headers]));
out.push(t(() => [...new Response('x', { headers: { 'content-type': 'text/html' } }).headers]));
out.push(t(() => Response.json(undefined)));
out.push(t(() => new Request('/rel')));
out.push(t(() => new Request('http://x.test/', { method: 'GET', body: 'x' })));
out.push(t(() => new Request('http://x.test/', { method: 'CONNECT' })));
out.push(t(() => new Request('http://x.test/', { method: 'a b' })));
out.push(t(() => new Request('http://x.test/', { redirect: 'x' })));
out.push(t(() => [new Request('http://x.test/', { method: 'post' }).method, new Request('http://x.test/', { method: 'Delete' }).method, new Request('http://X.test/a/../b?c#d').url]));
out.push(t(() => { const r = new Request('http://x.test/', { method: 'POST', body: 'b', headers: { 'x-a': '1' }, redirect: 'manual' }); return [r.method, r.url, r.redirect, r.bodyUsed, [...r.headers], r.cache, r.credentials, r.mode, r.destination, r.referrer, r.integrity, r.keepalive]; }));
out.push(t(() => Object.prototype.toString.call(new Request('http://x.test/'))));
out.push(t(() => Object.prototype.toString.call(new Response())));
out.push(await ta(async () => { const r = Response.json({ a: [1, 'é'] }, { status: 201, headers: { 'x-b': '2' } }); return [r.status, [...r.headers], await r.text()]; }));
out.push(await ta(async () => { const r = Response.json({}, { headers: { 'content-type': 'application/vnd.x+json' } }); return [...r.headers]; }));
out.push(await ta(async () => { const r = new Response('hi'); await r.text(); return await r.text(); }));
out.push(await ta(async () => { const r = new Response('hi'); await r.text(); return r.clone(); }));
out.push(await ta(async () => { const r = new Response('hi'); await r.arrayBuffer(); return r.bodyUsed; }));
out.push(await ta(async () => { const r = new Response('hé'); const c = r.clone(); return [await r.text(), Array.from(await c.bytes()), r.bodyUsed, c.bodyUsed]; }));
out.push(await ta(async () => { const r = new Response(null); return [r.body, r.bodyUsed, await r.text(), r.bodyUsed]; }));
out.push(await ta(async () => { const r = new Response('{"a":'); try { await r.json(); } catch (e) { return [e.constructor.name, r.bodyUsed]; } })); // goja words JSON.parse's messages its own way
out.push(await ta(async () => { const r = new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xff])); return await r.text(); }));
out.push(await ta(async () => { const q = new Request('http://x.test/', { method: 'POST', body: 'a' }); await q.text(); return q.clone(); }));
out.push(await ta(async () => { const q = new Request('http://x.test/', { method: 'POST', body: 'a' }); await q.text(); return new Request(q); }));
out.push(await ta(async () => { const q = new Request('http://x.test/', { method: 'POST', body: 'a' }); const q2 = new Request(q); return [q.bodyUsed, await q2.text()]; }));
out.push(await ta(async () => { const q = new Request('http://x.test/', { method: 'POST', body: 'a', headers: { 'x': '1' } }); const c = q.clone(); return [await c.text(), await q.text(), [...c.headers]]; }));
out.push(await ta(async () => { const q = new Request(new Request('http://x.test/', { method: 'PUT', headers: { y: '2' } }), { headers: { z: '3' } }); return [q.method, [...q.headers]]; }));
out.push(await ta(async () => Array.from(await new Response(new ArrayBuffer(3)).bytes())));
out.push(await ta(async () => (await new Response('abc').arrayBuffer()).byteLength));
out.push(t(() => typeof fetch));
out.push(await ta(async () => { const r = new Response(new Blob(['ab', new Uint8Array([99])], { type: 'X/Y' })); return [[...r.headers], await r.text()]; }));
out.push(await ta(async () => { const b = await new Response('héllo', { headers: { 'content-type': 'text/x' } }).blob(); return [b.type, b.size, await b.text()]; }));
out.push(await ta(async () => { const fd = await new Response('a=1&b=x+y&a=2', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData(); return [...fd]; }));
out.push(await ta(async () => { const fd = new FormData(); fd.append('a', '1'); fd.append('f', new Blob(['xyz'], { type: 'text/plain' }), 'f.txt'); const r = new Response(fd); const ct = r.headers.get('content-type'); const back = await r.formData(); const f = back.get('f'); return [ct.startsWith('multipart/form-data; boundary='), back.get('a'), f.name, f.type, await f.text()]; }));
out.push(await ta(async () => { const r = new Response('x'); try { await r.formData(); } catch (e) { return e.constructor.name; } }));
out.push(await ta(async () => { const s = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('st')); c.enqueue(new Uint8Array([114])); c.close(); } }); const r = new Response(s); return [r.bodyUsed, [...r.headers], await r.text(), r.bodyUsed]; }));
out.push(await ta(async () => { const s = new ReadableStream({ start(c) { c.enqueue('text'); c.close(); } }); return await new Response(s).text(); }));
out.push(await ta(async () => { const s = new ReadableStream({ start(c) { c.close(); } }); return new Request('http://x.test/', { method: 'POST', body: s }); }));
out.push(await ta(async () => { const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([65])); c.close(); } }); return await new Request('http://x.test/', { method: 'POST', body: s, duplex: 'half' }).text(); }));
out.push(await ta(async () => { const r = new Response('abc'); const rd = r.body.getReader(); const a = await rd.read(); return [r.bodyUsed, Array.from(a.value), (await rd.read()).done]; }));
out.push(await ta(async () => { const r = new Response('abc'); r.body.getReader(); let e = ''; try { await r.text(); } catch (x) { e = x.message; } return [r.bodyUsed, e]; }));
out.push(await ta(async () => { const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.close(); } }); const r = new Response(s); const rd = r.body.getReader(); const b1 = r.bodyUsed; await rd.read(); return [b1, r.bodyUsed]; }));
out.push(await ta(async () => { const r = new Response('abc'); const c = r.clone(); return [await (await c.blob()).text(), await r.text()]; }));
out.push(await ta(async () => { const r = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2])); c.close(); } })); const c = r.clone(); return [Array.from(await r.bytes()), Array.from(await c.bytes())]; }));
out.push(await ta(async () => { const ac = new AbortController(); ac.abort(); try { await fetch('http://x.test/', { signal: ac.signal }); } catch (e) { return [e.name, e.message, e.code]; } }));
out.push(await ta(async () => { const ac = new AbortController(); ac.abort(new Error('mine')); try { await fetch('http://x.test/', { signal: ac.signal }); } catch (e) { return e.message; } }));
out.push(t(() => { const ac = new AbortController(); const q = new Request('http://x.test/', { signal: ac.signal }); return [q.signal.aborted, typeof q.signal.addEventListener, new Request('http://x.test/').signal.aborted]; }));
out.push(t(() => [new Request(new URL('http://x.test/p?q')).url, new Request('http://x.test/p', { headers: [['a', 1]] }).headers.get('a')]));
out.push(t(() => new Headers().get('bad name')));
out.push(t(() => { const h = new Headers(); h.append('a', 1); h.append('A', true); return h.get('a'); }));
out.push(t(() => Response.redirect(new URL('http://a.test/x')).headers.get('location')));
out.push(t(() => [new Response(undefined).body, new Response().status, JSON.stringify(new Response()), Object.keys(new Headers({ a: '1' }))]));
out.push(t(() => [Headers.prototype[Symbol.iterator] === Headers.prototype.entries, new Headers() instanceof Headers, typeof Headers.prototype.getSetCookie]));
out.push(t(() => [Object.getOwnPropertyNames(Response.prototype).sort(), Object.getOwnPropertyNames(Headers.prototype).sort()]));
out.push(t(() => [Response.length, Request.length, Headers.length, fetch.length]));
out.push((() => { try { Headers(); } catch (e) { return e.constructor.name; } })()); // goja and undici word it differently
out.push(t(() => { const h = new Headers([['b', '1'], ['a', '2']]); const seen = []; for (const [k] of h) { seen.push(k); if (k === 'a') h.append('c', '3'); } return seen; }));
out.push(await ta(async () => { try { await fetch('/rel'); } catch (e) { return [e.constructor.name, e.message]; } }));
`
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required to compare answers: %v", err)
	}
	script := filepath.Join(t.TempDir(), "cases.js")
	if err := os.WriteFile(script, []byte("(async () => {\n"+cases+"\nconsole.log(JSON.stringify(out));\n})();\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	nodeOut, err := exec.CommandContext(ctx, node, "--no-deprecation", "--no-warnings", script).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []any
	if err := json.Unmarshal(nodeOut, &want); err != nil {
		t.Fatalf("node's answer: %v: %s", err, nodeOut)
	}

	s, tok := fetchServer(t, testserver.Options{})
	s.deployFetch(tok, "cases", "", cases+"\nreturn out;")
	r := s.call("fet", "cases", "{}")
	var got []any
	if err := json.Unmarshal(r.Body, &got); err != nil {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if len(want) < 50 || len(got) != len(want) {
		t.Fatalf("node gave %d answers, Tarsus %d: %s", len(want), len(got), r.Body)
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			w, _ := json.Marshal(want[i])
			g, _ := json.Marshal(got[i])
			t.Errorf("case %d: node %s, tarsus %s", i, w, g)
		}
	}
}

// TestFetchNetworkMatchesNode fetches the same upstream from Node 20 and
// from a function and compares what each saw.
func TestFetchNetworkMatchesNode(t *testing.T) {
	up := upstream(t)
	cases := `
const out = [];
const hdrs = (h) => [...h].filter(([k]) => k !== 'date');
let r = await fetch(U + '/echo', { method: 'POST', body: 'é', headers: { 'X-Test': ' v ' } });
out.push([r.status, r.ok, r.statusText, r.type, r.redirected, r.url === U + '/echo', hdrs(r.headers), await r.json()]);
r = await fetch(U + '/redirect?to=/echo', { redirect: 'manual' });
out.push([r.status, r.redirected, r.headers.get('location'), hdrs(r.headers), await r.text()]);
r = await fetch(U + '/redirect?code=303&to=/echo%3Fa%3D1', { method: 'PUT', body: 'x' });
out.push([r.status, r.redirected, r.url.slice(U.length), await r.json()]);
r = await fetch(U + '/json');
out.push([r.headers.getSetCookie(), r.headers.get('set-cookie'), r.bodyUsed, (await r.clone().json()).hello, r.bodyUsed]);
try { await fetch(U + '/redirect?to=/echo', { redirect: 'error' }); out.push('no error'); } catch (e) { out.push([e.constructor.name, e.message, typeof e.cause]); }
r = await fetch(U + '/big?n=5', { method: 'HEAD' });
out.push([r.status, r.body, await r.text()]);
try { await fetch(CLOSED); out.push('no error'); } catch (e) { out.push([e.message, e.cause.message, e.cause.code]); }
try { await fetch('http://127.0.0.1:25/'); out.push('no error'); } catch (e) { out.push([e.message, e.cause.message.startsWith('bad port')]); }
`
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required to compare answers: %v", err)
	}
	// A port nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/"
	ln.Close()
	script := filepath.Join(t.TempDir(), "net.js")
	if err := os.WriteFile(script, []byte("const U = "+fmt.Sprintf("%q", up.URL)+", CLOSED = "+fmt.Sprintf("%q", closed)+";\n(async () => {\n"+cases+"\nconsole.log(JSON.stringify(out));\n})();\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	nodeOut, err := exec.CommandContext(ctx, node, "--no-deprecation", "--no-warnings", script).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []any
	if err := json.Unmarshal(nodeOut, &want); err != nil {
		t.Fatalf("node's answer: %v: %s", err, nodeOut)
	}
	s, tok := fetchServer(t, testserver.Options{FetchAllow: []string{"127.0.0.1"}})
	s.deployFetch(tok, "net", "", "const U = request.body.u, CLOSED = request.body.closed;\n"+cases+"\nreturn out;")
	b, _ := json.Marshal(map[string]string{"u": up.URL, "closed": closed})
	r := s.call("fet", "net", string(b))
	var got []any
	if err := json.Unmarshal(r.Body, &got); err != nil || len(got) != len(want) {
		t.Fatalf("%d %s; node: %s", r.Status, r.Body, nodeOut)
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			w, _ := json.Marshal(want[i])
			g, _ := json.Marshal(got[i])
			t.Errorf("case %d: node %s, tarsus %s", i, w, g)
		}
	}
}
