package hostile_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// What an anonymous client sends: compressed and slow bodies, bodies over
// a route's limit, oversized headers, connection floods, and what a
// function's response may do to the console.

// rssKiB is the test process's resident set (the server runs in it).
func rssKiB(t testing.TB) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// bombs are a gzip body expanding to 256 MiB of zeros, and the same
// gzipped again ("gzip, gzip").
var bombs = sync.OnceValues(func() ([]byte, []byte) {
	gz := func(src io.Reader) []byte {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = io.Copy(w, src)
		_ = w.Close()
		return b.Bytes()
	}
	one := gz(io.LimitReader(zeros{}, 256<<20))
	return one, gz(bytes.NewReader(one))
})

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// rawResponse is an answer read off the connection as bytes.
type rawResponse struct {
	*http.Response
	Raw  []byte // status line and headers, as sent
	Body []byte
	Took time.Duration
}

func (r rawResponse) code() string {
	var m struct{ Code string }
	_ = json.Unmarshal(r.Body, &m)
	return m.Code
}

// rawRequest writes req (bytes, as they go on the wire) on a new
// connection and reads one response within d.
func rawRequest(t testing.TB, addr string, req []byte, d time.Duration) (rawResponse, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	return rawExchange(conn, req, d)
}

func rawExchange(conn net.Conn, req []byte, d time.Duration) (rawResponse, error) {
	t0 := time.Now()
	_ = conn.SetDeadline(t0.Add(d))
	if len(req) > 0 {
		if _, err := conn.Write(req); err != nil {
			return rawResponse{}, err
		}
	}
	var raw bytes.Buffer
	br := bufio.NewReader(io.TeeReader(conn, &raw))
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		return rawResponse{}, err
	}
	head := append([]byte(nil), raw.Bytes()...)
	if i := bytes.Index(head, []byte("\r\n\r\n")); i >= 0 {
		head = head[:i+4]
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	return rawResponse{Response: res, Raw: head, Body: body, Took: time.Since(t0)}, err
}

// head is a request's start line and headers; body may follow.
func head(method, path string, headers ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: tarsus.test\r\n", method, path)
	for i := 0; i+1 < len(headers); i += 2 {
		fmt.Fprintf(&b, "%s: %s\r\n", headers[i], headers[i+1])
	}
	b.WriteString("\r\n")
	return []byte(b.String())
}

func multipartBody(name string, content []byte) ([]byte, string) {
	const boundary = "tarsusboundary"
	var b bytes.Buffer
	fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=%q\r\nContent-Type: application/octet-stream\r\n\r\n", boundary, name)
	b.Write(content)
	fmt.Fprintf(&b, "\r\n--%s--\r\n", boundary)
	return b.Bytes(), "multipart/form-data; boundary=" + boundary
}

const echoSrc = `export default [{}, async (req: any) => ({ got: typeof req.body })];`

// TestCompressedBodiesRefused: a gzip bomb (and gzip inside gzip) to the
// unauthenticated login, to an invocation and to each upload route is a
// 415 at once, and nothing is decompressed.
func TestCompressedBodiesRefused(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("alice")
	s.mustDeploy(tok, "echo.ts", echoSrc)
	one, two := bombs()
	form, formCT := multipartBody("bomb.ts", one)
	before := rssKiB(t)
	for _, enc := range []struct {
		name string
		body []byte
	}{{"gzip", one}, {"gzip, gzip", two}, {"br", one}, {"deflate", one}} {
		for _, tc := range []struct {
			method, path, ct string
			body             []byte
			auth             bool
		}{
			{"POST", "/api/v1/login", "application/json", enc.body, false},
			{"POST", "/alice/echo", "application/json", enc.body, false},
			{"POST", "/api/v1/deploy", formCT, form, true},
			{"PUT", "/api/v1/functions/bomb.ts", "text/plain", enc.body, true},
			{"POST", "/alice/$upload", formCT, form, true},
		} {
			h := []string{"Content-Type", tc.ct, "Content-Encoding", enc.name}
			if tc.auth {
				h = append(h, "Authorization", "Bearer "+tok)
			}
			r := s.request(tc.method, tc.path, tc.body, h...)
			what := tc.method + " " + tc.path + " with Content-Encoding: " + enc.name
			if r.Status != 415 || r.code() != "TARSUS_UNSUPPORTED_ENCODING" {
				t.Errorf("%s: %d %q (%v); want 415 TARSUS_UNSUPPORTED_ENCODING", what, r.Status, r.Body, r.Err)
				continue
			}
			if msg, _ := r.JSON(t)["message"].(string); !strings.Contains(msg, "uncompressed") {
				t.Errorf("%s: the message does not say what to do: %q", what, msg)
			}
			within(t, r, time.Second, what)
		}
	}
	if grew := rssKiB(t) - before; grew > 128<<10 {
		t.Errorf("RSS grew by %d MiB answering compressed bodies (each expands to 256 MiB)", grew>>10)
	} else {
		t.Logf("RSS grew by %d KiB answering 20 compressed bodies", grew)
	}
	if r := s.request("POST", "/api/v1/login", []byte(`{"name":"alice","password":"password-alice"}`), "Content-Type", "application/json", "Content-Encoding", "identity"); r.Status != 200 {
		t.Errorf("Content-Encoding: identity must be accepted: %d %s", r.Status, r.Body)
	}
	// The edge's internal marker cannot be forged by a client.
	if r := s.call("alice", "echo", `{}`, "X-Tarsus-Withheld", "enc"); r.Status != 200 {
		t.Errorf("a client's own X-Tarsus-Withheld header changed the answer: %d %s", r.Status, r.Body)
	}
	s.alive()
}

// TestSlowBodyFlood: 200 connections announce 20 MB bodies and send one
// byte. Memory stays flat (bodies are streamed, nothing is allocated for
// what was only announced) and another tenant's calls stay fast.
func TestSlowBodyFlood(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("mallory")
	// A function that accepts big bodies: its bodyLimit is above 20 MB.
	s.mustDeploy(tok, "big.ts", `export default [{ bodyLimit: 50 * 1024 * 1024 }, async (req: any) => ({ n: String(req.body).length })];`)
	v := newVictim(s, 4)
	const conns = 200
	var peak int
	v.during(func() {
		before := rssKiB(t)
		var open []net.Conn
		defer func() {
			for _, c := range open {
				c.Close()
			}
		}()
		targets := []struct{ path, ct string }{
			{"/mallory/big", "text/plain"},                        // accepted: up to 50 MiB
			{"/api/v1/deploy", "multipart/form-data; boundary=x"}, // under the upload limit, not authenticated
			{"/mallory/nothing", "application/json"},              // no such route
			{"/api/v1/login", "application/json"},                 // over the API limit
		}
		for i := range conns {
			tg := targets[i%len(targets)]
			c, err := net.Dial("tcp", s.Addr)
			if err != nil {
				t.Errorf("connection %d: %v", i, err)
				return
			}
			open = append(open, c)
			req := head("POST", tg.path, "Content-Type", tg.ct, "Content-Length", "20000000")
			if _, err := c.Write(append(req, 'x')); err != nil {
				t.Errorf("connection %d: %v", i, err)
				return
			}
		}
		// Hold them while the victim calls.
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			peak = max(peak, rssKiB(t)-before)
			time.Sleep(100 * time.Millisecond) // sampling, not waiting for an outcome
		}
	})
	if peak > 128<<10 {
		t.Errorf("RSS grew by %d MiB while %d connections announced 20 MB bodies", peak>>10, conns)
	} else {
		t.Logf("RSS grew by at most %d KiB during the flood", peak)
	}
	s.alive()
}

// TestBodyOverLimitAnsweredAtHeaders: a Content-Length over the route's
// limit is answered before any byte of the body is sent.
func TestBodyOverLimitAnsweredAtHeaders(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("alice")
	s.mustDeploy(tok, "echo.ts", echoSrc)
	s.mustDeploy(tok, "small.ts", `export default [{ bodyLimit: 100 }, async (req: any) => ({ ok: true })];`)
	// The route table knows a function's bodyLimit once it has run.
	if r := s.call("alice", "small", "{}"); r.Status != 200 {
		t.Fatalf("small: %d %s", r.Status, r.Body)
	}
	for _, tc := range []struct {
		what, method, path, ct string
		cl                     int
		auth                   bool
		status                 int
		code                   string
	}{
		{"an invocation over Fastify's 1 MiB default", "POST", "/alice/echo", "application/json", 2 << 20, false, 413, "FST_ERR_CTP_BODY_TOO_LARGE"},
		{"an invocation over the function's bodyLimit: 100", "POST", "/alice/small", "application/json", 20000, false, 413, "FST_ERR_CTP_BODY_TOO_LARGE"},
		{"an invocation of no route", "POST", "/alice/nothing", "application/json", 2 << 20, false, 404, ""},
		{"the login over 64 KiB", "POST", "/api/v1/login", "application/json", 100 << 10, false, 413, "TARSUS_TOO_LARGE"},
		{"a deploy over 20 MiB", "POST", "/api/v1/deploy", "multipart/form-data; boundary=x", 21 << 20, true, 413, "TARSUS_TOO_LARGE"},
		{"a file PUT over 20 MiB", "PUT", "/api/v1/functions/a.ts", "text/plain", 21 << 20, true, 413, "TARSUS_TOO_LARGE"},
		{"an upload over 20 MiB", "POST", "/alice/$upload", "multipart/form-data; boundary=x", 21 << 20, true, 413, "TARSUS_TOO_LARGE"},
	} {
		h := []string{"Content-Type", tc.ct, "Content-Length", strconv.Itoa(tc.cl)}
		if tc.auth {
			h = append(h, "Authorization", "Bearer "+tok)
		}
		// Headers only: if the server waited for the body, this times out.
		r, err := rawRequest(t, s.Addr, head(tc.method, tc.path, h...), 3*time.Second)
		if err != nil {
			t.Errorf("%s: no answer to the headers alone: %v", tc.what, err)
			continue
		}
		if r.StatusCode != tc.status || r.code() != tc.code {
			t.Errorf("%s: %d %s; want %d %s", tc.what, r.StatusCode, r.Body, tc.status, tc.code)
		}
		if !r.Close {
			t.Errorf("%s: the connection stays open with the body unread", tc.what)
		}
	}
	// A client that sends the whole body anyway still reads the answer
	// (the server closes gracefully, not with a reset).
	for _, path := range []string{"/api/v1/functions/big.ts", "/alice/echo"} {
		r := s.request("PUT", path, bytes.Repeat([]byte("a"), 30<<20), "Authorization", "Bearer "+tok, "Content-Type", "text/plain")
		if path == "/alice/echo" {
			r = s.request("POST", path, bytes.Repeat([]byte("a"), 30<<20), "Content-Type", "application/json")
		}
		if r.Err != nil || r.Status != 413 {
			t.Errorf("30 MiB sent in full to %s: %d %v; want the 413", path, r.Status, r.Err)
		}
	}
	// With Expect: 100-continue the answer comes instead of "100 Continue".
	r, err := rawRequest(t, s.Addr, head("POST", "/alice/echo", "Content-Type", "application/json", "Content-Length", strconv.Itoa(2<<20), "Expect", "100-continue"), 3*time.Second)
	if err != nil || r.StatusCode != 413 {
		t.Errorf("Expect: 100-continue over the limit: %v %v", r.Response, err)
	}
	s.alive()
}

// TestChunkedBodyCutAtLimit: a chunked body that never ends is read up to
// the function's bodyLimit and answered 413; the server stops reading.
func TestChunkedBodyCutAtLimit(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("alice")
	s.mustDeploy(tok, "echo.ts", echoSrc)
	for _, path := range []string{"/alice/echo", "/api/v1/login"} {
		conn, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Write(head("POST", path, "Content-Type", "application/json", "Transfer-Encoding", "chunked")); err != nil {
			t.Fatal(err)
		}
		stop := make(chan struct{})
		go func() {
			chunk := []byte(fmt.Sprintf("%x\r\n%s\r\n", 16<<10, strings.Repeat("a", 16<<10)))
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := conn.Write(chunk); err != nil {
					return
				}
			}
		}()
		r, err := rawExchange(conn, nil, 5*time.Second)
		close(stop)
		conn.Close()
		if err != nil {
			t.Errorf("%s: a chunked body without end got no answer: %v", path, err)
			continue
		}
		if r.StatusCode != 413 || !r.Close {
			t.Errorf("%s: %d (close %v) %s; want 413 and the connection closed", path, r.StatusCode, r.Close, r.Body)
		}
	}
	// A chunked body within the limit is fine.
	body := `{"a":1}`
	req := append(head("POST", "/alice/echo", "Content-Type", "application/json", "Transfer-Encoding", "chunked"), []byte(fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(body), body))...)
	r, err := rawRequest(t, s.Addr, req, 5*time.Second)
	if err != nil || r.StatusCode != 200 || string(r.Body) != `{"got":"object"}` {
		t.Errorf("a small chunked body: %v %v %s", r.Response, err, r.Body)
	}
	s.alive()
}

// TestHeaderSectionCap: headers over 16 KiB are a 431; under it they pass.
func TestHeaderSectionCap(t *testing.T) {
	s := start(t, testserver.Options{})
	r := s.request("GET", "/healthz", nil, "X-Big", strings.Repeat("a", 20<<10))
	if r.Status != 431 || r.code() != "TARSUS_HEADERS_TOO_LARGE" {
		t.Errorf("a 20 KiB header: %d %s; want 431 TARSUS_HEADERS_TOO_LARGE", r.Status, r.Body)
	}
	if r := s.request("GET", "/healthz", nil, "X-Big", strings.Repeat("a", 12<<10)); r.Status != 200 {
		t.Errorf("a 12 KiB header: %d %s; Node accepts up to 16 KiB", r.Status, r.Body)
	}
	s.alive()
}

// TestConnectionCapPerIP: one address gets MaxConnsPerIP connections; the
// next is answered 429 and closed; a closed one frees its place.
func TestConnectionCapPerIP(t *testing.T) {
	s := start(t, testserver.Options{MaxConnsPerIP: 8})
	var held []net.Conn
	for range 8 {
		c, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// Each of the 8 is served.
	for i, c := range held {
		r, err := rawExchange(c, head("GET", "/healthz"), 3*time.Second)
		if err != nil || r.StatusCode != 200 {
			t.Fatalf("connection %d of 8: %v %v", i, r.Response, err)
		}
	}
	r, err := rawRequest(t, s.Addr, head("GET", "/healthz"), 3*time.Second)
	if err != nil {
		t.Fatalf("the 9th connection got no answer: %v", err)
	}
	if r.StatusCode != 429 || r.code() != "TARSUS_TOO_MANY_CONNECTIONS" || r.Header.Get("Retry-After") == "" {
		t.Errorf("the 9th connection: %d %s; want 429 TARSUS_TOO_MANY_CONNECTIONS with Retry-After", r.StatusCode, r.Body)
	}
	held[0].Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, err := rawRequest(t, s.Addr, head("GET", "/healthz"), 3*time.Second)
		if err == nil && r.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed connection did not free its place: %v %v", r.Response, err)
		}
		time.Sleep(20 * time.Millisecond) // polling with a deadline
	}
	for _, c := range held[1:] {
		c.Close()
	}
}

const htmlSrc = `export default [{}, async (req: any, reply: any) => {
  reply.type("text/html");
  return "<script>fetch('/api/v1/me', {headers: {authorization: 'Bearer ' + localStorage.token}})</script>";
}];`

// TestFunctionResponsesSandboxed: a function's HTML page runs in an opaque
// origin (CSP sandbox) and is never sniffed; the console and the API send
// their own policies.
func TestFunctionResponsesSandboxed(t *testing.T) {
	ui := fstest.MapFS{"index.html": {Data: []byte(`<!doctype html><div id="app"></div>`)}}
	s := start(t, testserver.Options{Console: ui})
	tok := s.createUser("mallory")
	s.mustDeploy(tok, "page.ts", htmlSrc)
	r := s.call("mallory", "page", "{}")
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("the page: %d %v %s", r.Status, r.Header, r.Body)
	}
	if got := r.Header.Values("Content-Security-Policy"); !hasSandbox(got) {
		t.Errorf("a function's HTML has Content-Security-Policy %q; want sandbox", got)
	}
	if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("a function's response has X-Content-Type-Options %q", got)
	}
	// A function cannot lift the sandbox with its own policy.
	s.mustDeploy(tok, "own.ts", `export default [{}, async (req: any, reply: any) => {
  reply.header("content-security-policy", "default-src *").header("x-content-type-options", "sniff please").type("text/html");
  return "<script>1</script>";
}];`)
	r = s.call("mallory", "own", "{}")
	if !hasSandbox(r.Header.Values("Content-Security-Policy")) || r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("a function's own headers lifted the sandbox: %v", r.Header)
	}
	for _, path := range []string{"/healthz", "/api/v1/me", "/console/", "/console/users"} {
		r := s.request("GET", path, nil)
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: CSP %q, nosniff %q; want frame-ancestors 'none' and nosniff", path, csp, r.Header.Get("X-Content-Type-Options"))
		}
		if strings.HasPrefix(path, "/console") && !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: the console's CSP %q does not restrict scripts", path, csp)
		}
	}
}

func hasSandbox(vs []string) bool {
	for _, v := range vs {
		for p := range strings.SplitSeq(v, ";") {
			if strings.TrimSpace(p) == "sandbox" {
				return true
			}
		}
	}
	return false
}

// TestFunctionsHost: with FunctionsHost set, invocations on that host are
// not sandboxed and the console and API are not served there; elsewhere
// nothing changes.
func TestFunctionsHost(t *testing.T) {
	ui := fstest.MapFS{"index.html": {Data: []byte(`<!doctype html><div id="app"></div>`)}}
	s := start(t, testserver.Options{Console: ui, FunctionsHost: "fn.tarsus.test"})
	tok := s.createUser("mallory")
	s.mustDeploy(tok, "page.ts", htmlSrc)
	for _, host := range []string{"fn.tarsus.test", "FN.tarsus.test:3401"} {
		r := s.call("mallory", "page", "{}", "Host", host)
		if r.Status != 200 || hasSandbox(r.Header.Values("Content-Security-Policy")) || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("an invocation on the functions host %s: %d %v", host, r.Status, r.Header)
		}
		for _, req := range [][2]string{{"GET", "/console/"}, {"GET", "/"}, {"GET", "/api/v1/me"}, {"POST", "/api/v1/login"}, {"GET", "/metrics"}, {"POST", "/mallory/$upload"}} {
			r := s.request(req[0], req[1], []byte(`{}`), "Host", host, "Authorization", "Bearer "+tok, "Content-Type", "application/json")
			if r.Status != 404 {
				t.Errorf("%s %s on the functions host %s: %d %s; want 404", req[0], req[1], host, r.Status, r.Body)
			}
		}
		if r := s.request("GET", "/healthz", nil, "Host", host); r.Status != 200 {
			t.Errorf("/healthz on the functions host: %d", r.Status)
		}
	}
	r := s.call("mallory", "page", "{}", "Host", "console.tarsus.test")
	if r.Status != 200 || !hasSandbox(r.Header.Values("Content-Security-Policy")) {
		t.Errorf("an invocation on another host must stay sandboxed: %d %v", r.Status, r.Header)
	}
	if r := s.request("GET", "/api/v1/me", nil, "Host", "console.tarsus.test", "Authorization", "Bearer "+tok); r.Status != 200 {
		t.Errorf("the API on another host: %d %s", r.Status, r.Body)
	}
}

// TestResponseHeaderInjection: CR, LF or NUL in a header a function sets,
// or a name that is not a token, never reaches the wire.
func TestResponseHeaderInjection(t *testing.T) {
	s := start(t, testserver.Options{})
	tok := s.createUser("mallory")
	for i, set := range []string{
		`reply.header("x", "1\r\nSet-Cookie: a=b")`,
		`reply.header("x", "1\nSet-Cookie: a=b")`,
		`reply.header("x", "1\r\n\r\n<script>alert(1)</script>")`,
		`reply.header("x", "a\u0000b")`,
		`reply.header("Set-Cookie: a=b\r\nx", "1")`,
		`reply.header("x y", "1")`,
	} {
		name := fmt.Sprintf("split%d", i)
		s.mustDeploy(tok, name+".ts", `export default [{}, async (req: any, reply: any) => { `+set+`; return { ok: true }; }];`)
		body := `{}`
		req := append(head("POST", "/mallory/"+name, "Content-Type", "application/json", "Content-Length", strconv.Itoa(len(body))), body...)
		r, err := rawRequest(t, s.Addr, req, 5*time.Second)
		if err != nil {
			t.Errorf("%s: %v", set, err)
			continue
		}
		if bytes.Contains(bytes.ToLower(r.Raw), []byte("\nset-cookie")) || bytes.Contains(r.Raw, []byte("\x00")) || bytes.Contains(r.Raw, []byte("<script>")) {
			t.Errorf("%s: the injected header reached the wire:\n%q", set, r.Raw)
		}
		if r.StatusCode != 500 || r.code() == "" {
			t.Errorf("%s: %d %s; want a clean 500 with a code", set, r.StatusCode, r.Body)
		}
	}
	s.alive()
}

// TestSlowClientsTimedOut: a client that stops sending its headers or its
// body is answered 408 (or cut off) at the read timeout (an upload's body
// at the upload timeout).
func TestSlowClientsTimedOut(t *testing.T) {
	const rt = time.Second
	s := start(t, testserver.Options{ReadTimeout: rt, UploadTimeout: 3 * rt})
	tok := s.createUser("mallory")
	s.mustDeploy(tok, "big.ts", `export default [{ bodyLimit: 50 * 1024 * 1024 }, async (req: any) => ({ n: String(req.body).length })];`)
	if r := s.call("mallory", "big", "{}"); r.Status != 200 {
		t.Fatalf("big: %d %s", r.Status, r.Body)
	}
	for _, tc := range []struct {
		what    string
		req     []byte
		timeout time.Duration // the one that applies
	}{
		{"one byte of a 20 MB body", append(head("POST", "/mallory/big", "Content-Type", "text/plain", "Content-Length", "20000000"), 'x'), rt},
		{"16 KiB of a 20 MB body", append(head("POST", "/mallory/big", "Content-Type", "text/plain", "Content-Length", "20000000"), strings.Repeat("x", 16<<10)...), rt},
		{"16 KiB of a 20 MB upload", append(head("PUT", "/api/v1/functions/a.ts", "Authorization", "Bearer "+tok, "Content-Type", "text/plain", "Content-Length", "20000000"), strings.Repeat("x", 16<<10)...), 3 * rt},
	} {
		r, err := rawRequest(t, s.Addr, tc.req, tc.timeout+2*time.Second)
		if err != nil {
			t.Errorf("%s: no answer by the read timeout: %v", tc.what, err)
			continue
		}
		if r.StatusCode != 408 || r.code() != "TARSUS_REQUEST_TIMEOUT" || !r.Close {
			t.Errorf("%s: %d %s (close %v); want 408 TARSUS_REQUEST_TIMEOUT and the connection closed", tc.what, r.StatusCode, r.Body, r.Close)
		}
		if r.Took > tc.timeout+time.Second || r.Took < tc.timeout-rt/2 {
			t.Errorf("%s: answered after %v; the timeout is %v", tc.what, r.Took, tc.timeout)
		}
	}
	// Headers that never end: the connection is closed at the read timeout.
	conn, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	t0 := time.Now()
	_, _ = conn.Write([]byte("POST /mallory/big HTTP/1.1\r\nHost: x\r\nX-Slow: "))
	_ = conn.SetReadDeadline(t0.Add(rt + 2*time.Second))
	_, _ = io.Copy(io.Discard, conn)
	if d := time.Since(t0); d > rt+time.Second {
		t.Errorf("unfinished headers held the connection for %v; the read timeout is %v", d, rt)
	}
	s.alive()
}
