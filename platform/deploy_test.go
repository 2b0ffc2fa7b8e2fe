package platform_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
	"github.com/tarsus/tarsus/internal/testserver"
)

// These tests drive the deploy path of a real server (real Badger, real
// esbuild, real HTTP); what a deploy rebuilt is read from the "rebuilt"
// list of its answer.

type srv struct {
	t     *testing.T
	url   string
	token string
	hc    *http.Client
}

func startServer(t *testing.T) *srv {
	t.Helper()
	ts := testserver.Start(t, testserver.Options{Timeout: 10 * time.Second})
	s := &srv{t: t, url: ts.URL, token: ts.AdminToken, hc: &http.Client{Timeout: 30 * time.Second}}
	r := s.do("POST", "/api/v1/users", "application/json", strings.NewReader(`{"name":"alice","password":"password-alice"}`))
	if r.status != 201 {
		t.Fatalf("create user: %d %s", r.status, r.body)
	}
	var u struct{ Token string }
	if err := json.Unmarshal(r.body, &u); err != nil {
		t.Fatal(err)
	}
	s.token = u.Token
	return s
}

type answer struct {
	status int
	body   []byte
}

func (s *srv) do(method, path, ctype string, body io.Reader) answer {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := s.hc.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return answer{res.StatusCode, b}
}

// deployResult is the part of POST /api/v1/deploy's answer these tests read.
type deployResult struct {
	Version int64    `json:"version"`
	Rebuilt []string `json:"rebuilt"`
	Files   []struct {
		Path   string `json:"path"`
		Status string `json:"status"`
	} `json:"files"`
	// On failure:
	Code   string `json:"code"`
	Errors []struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
		Text   string `json:"text"`
	} `json:"errors"`
}

// deploy sends files (path → source) as one multipart deploy; bundles
// (path → code) go as client-built bundles.
func (s *srv) deploy(files, bundles map[string]string) (int, deployResult) {
	s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, path := range sortedKeys(files) {
		w, err := mw.CreateFormFile("file", path)
		if err != nil {
			s.t.Fatal(err)
		}
		_, _ = io.WriteString(w, files[path])
	}
	for _, path := range sortedKeys(bundles) {
		w, err := mw.CreateFormFile("bundle", path)
		if err != nil {
			s.t.Fatal(err)
		}
		_, _ = io.WriteString(w, bundles[path])
	}
	if err := mw.Close(); err != nil {
		s.t.Fatal(err)
	}
	r := s.do("POST", "/api/v1/deploy", mw.FormDataContentType(), &buf)
	var res deployResult
	if err := json.Unmarshal(r.body, &res); err != nil {
		s.t.Fatalf("deploy answer: %v: %s", err, r.body)
	}
	return r.status, res
}

// mustDeploy deploys and checks which routes were rebuilt.
func (s *srv) mustDeploy(files, bundles map[string]string, rebuilt ...string) deployResult {
	s.t.Helper()
	status, res := s.deploy(files, bundles)
	if status != 200 {
		s.t.Fatalf("deploy %v: %d %+v", sortedKeys(files), status, res)
	}
	if rebuilt == nil {
		rebuilt = []string{}
	}
	if !slices.Equal(res.Rebuilt, rebuilt) {
		s.t.Errorf("deploy of %v rebuilt %q, want %q", sortedKeys(files), res.Rebuilt, rebuilt)
	}
	return res
}

// call invokes route and returns its body.
func (s *srv) call(route string) string {
	s.t.Helper()
	r := s.do("POST", "/alice/"+route, "application/json", strings.NewReader("{}"))
	if r.status != 200 {
		return fmt.Sprintf("%d %s", r.status, r.body)
	}
	return string(r.body)
}

// expect checks the answers of routes (route → body).
func (s *srv) expect(want map[string]string) {
	s.t.Helper()
	for _, route := range sortedKeys(want) {
		if got := s.call(route); got != want[route] {
			s.t.Errorf("%s answers %s, want %s", route, got, want[route])
		}
	}
}

func (s *srv) version() int64 {
	s.t.Helper()
	r := s.do("GET", "/api/v1/functions", "", nil)
	var list []struct {
		Path    string `json:"path"`
		Version int64  `json:"version"`
	}
	if err := json.Unmarshal(r.body, &list); err != nil {
		s.t.Fatalf("functions: %v: %s", err, r.body)
	}
	v := int64(0)
	for _, f := range list {
		v = max(v, f.Version)
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// route is a route answering {name: value()}, value imported from from.
func route(name, from string) string {
	return fmt.Sprintf(`import {value} from %q; export default [{}, () => ({%s: value()})]`, from, name)
}

func lib(v string) string { return fmt.Sprintf(`export function value() { return %q }`, v) }

func TestDeployRebuildsDependents(t *testing.T) {
	s := startServer(t)
	s.mustDeploy(map[string]string{
		"a.ts":           route("a", "./_lib/x"),
		"b.ts":           route("b", "./_lib/y"),
		"c.ts":           `export function value() { return "c1" }; export default [{}, () => ({c: value()})]`,
		"d.ts":           route("d", "./c"), // a route importing a route
		"_lib/x.ts":      lib("x1"),
		"_lib/y.ts":      lib("y1"),
		"_lib/unused.ts": lib("unused"),
	}, nil, "a.ts", "b.ts", "c.ts", "d.ts")
	s.expect(map[string]string{"a": `{"a":"x1"}`, "b": `{"b":"y1"}`, "c": `{"c":"c1"}`, "d": `{"d":"c1"}`})

	t.Run("a changed shared module rebuilds the routes that import it", func(t *testing.T) {
		s.t = t
		res := s.mustDeploy(map[string]string{"_lib/x.ts": lib("x2")}, nil, "a.ts")
		s.expect(map[string]string{"a": `{"a":"x2"}`, "b": `{"b":"y1"}`, "d": `{"d":"c1"}`})
		var statuses []string
		for _, f := range res.Files {
			statuses = append(statuses, f.Path+":"+f.Status)
		}
		if want := []string{"_lib/x.ts:changed", "a.ts:changed"}; !slices.Equal(statuses, want) {
			t.Errorf("files %q, want %q", statuses, want)
		}
	})
	t.Run("a changed route rebuilds the routes that import it", func(t *testing.T) {
		s.t = t
		s.mustDeploy(map[string]string{"c.ts": `export function value() { return "c2" }; export default [{}, () => ({c: value()})]`}, nil, "c.ts", "d.ts")
		s.expect(map[string]string{"c": `{"c":"c2"}`, "d": `{"d":"c2"}`, "a": `{"a":"x2"}`})
	})
	t.Run("a changed module nothing imports rebuilds nothing", func(t *testing.T) {
		s.t = t
		s.mustDeploy(map[string]string{"_lib/unused.ts": lib("unused2")}, nil)
		s.expect(map[string]string{"a": `{"a":"x2"}`, "b": `{"b":"y1"}`})
	})
	t.Run("unchanged files uploaded again rebuild nothing", func(t *testing.T) {
		s.t = t
		s.mustDeploy(map[string]string{"_lib/x.ts": lib("x2"), "a.ts": route("a", "./_lib/x")}, nil)
	})
	t.Run("a new shared module rebuilds every route", func(t *testing.T) {
		s.t = t
		s.mustDeploy(map[string]string{"_lib/z.ts": lib("z1")}, nil, "a.ts", "b.ts", "c.ts", "d.ts")
		s.expect(map[string]string{"a": `{"a":"x2"}`, "b": `{"b":"y1"}`, "c": `{"c":"c2"}`, "d": `{"d":"c2"}`})
	})
	t.Run("a deleted module a route imports fails the deploy at the import", func(t *testing.T) {
		s.t = t
		v := s.version()
		r := s.do("DELETE", "/api/v1/functions/_lib/y.ts", "", nil)
		if r.status != 400 {
			t.Fatalf("delete: %d %s", r.status, r.body)
		}
		var res deployResult
		_ = json.Unmarshal(r.body, &res)
		if res.Code != "TARSUS_BUILD" || len(res.Errors) != 1 {
			t.Fatalf("answer %s", r.body)
		}
		if e := res.Errors[0]; e.File != "b.ts" || e.Line != 1 || e.Column != 21 || !strings.Contains(e.Text, `Could not resolve "./_lib/y"`) {
			t.Errorf("error %+v, want b.ts:1:21 Could not resolve", e)
		}
		s.expect(map[string]string{"b": `{"b":"y1"}`})
		if got := s.version(); got != v {
			t.Errorf("version %d after a failed deploy, want %d", got, v)
		}
		if r := s.do("GET", "/api/v1/functions/_lib/y.ts", "", nil); r.status != 200 {
			t.Errorf("_lib/y.ts after a failed delete: %d %s", r.status, r.body)
		}
	})
	t.Run("a deleted route another route imports fails the deploy", func(t *testing.T) {
		s.t = t
		r := s.do("DELETE", "/api/v1/functions/c.ts", "", nil)
		if r.status != 400 || !strings.Contains(string(r.body), `"file":"d.ts"`) {
			t.Fatalf("delete: %d %s", r.status, r.body)
		}
		s.expect(map[string]string{"c": `{"c":"c2"}`, "d": `{"d":"c2"}`})
	})
	t.Run("a deleted module nothing imports rebuilds nothing", func(t *testing.T) {
		s.t = t
		r := s.do("DELETE", "/api/v1/functions/_lib/unused.ts", "", nil)
		var res deployResult
		if err := json.Unmarshal(r.body, &res); err != nil || r.status != 200 || len(res.Rebuilt) != 0 {
			t.Fatalf("delete: %d %s", r.status, r.body)
		}
	})
}

// TestDeployNewFileChangesResolution: a file added next to an imported one
// can take over the import ("./w" finds w.ts before w.js, "./h" finds h.ts
// before h/index.ts), so additions rebuild the routes they may affect.
func TestDeployNewFileChangesResolution(t *testing.T) {
	s := startServer(t)
	s.mustDeploy(map[string]string{
		"e.ts":         route("e", "./_lib/w"),
		"g.ts":         route("g", "./h"),
		"h/index.ts":   `export function value() { return "h/index" }; export default [{}, () => ({h: value()})]`,
		"other.ts":     route("other", "./_lib/v"),
		"_lib/v.ts":    lib("v"),
		"_lib/w.js":    lib("w.js"),
		"unrelated.ts": `export default [{}, () => ({u: 1})]`,
	}, nil, "e.ts", "g.ts", "h/index.ts", "other.ts", "unrelated.ts")
	s.expect(map[string]string{"e": `{"e":"w.js"}`, "g": `{"g":"h/index"}`})

	s.mustDeploy(map[string]string{"_lib/w.ts": lib("w.ts")}, nil, "e.ts", "g.ts", "h/index.ts", "other.ts", "unrelated.ts")
	s.expect(map[string]string{"e": `{"e":"w.ts"}`})

	// A new route rebuilds only the routes with a dep it may shadow (h/index
	// itself too: a route's deps include its own file, which could also be
	// imported).
	s.mustDeploy(map[string]string{"h.ts": `export function value() { return "h.ts" }; export default [{}, () => ({h: value()})]`}, nil, "g.ts", "h.ts", "h/index.ts")
	s.expect(map[string]string{"g": `{"g":"h.ts"}`, "h": `{"h":"h.ts"}`, "h/index": `{"h":"h/index"}`})
}

// TestDeployRoutesWithoutDeps: a route whose bundle was built by the client
// has no recorded deps, so any change to a shared module rebuilds it (on
// the server), while routes with deps are rebuilt only when they import the
// module.
func TestDeployRoutesWithoutDeps(t *testing.T) {
	s := startServer(t)
	src := map[string]string{
		"pushed.ts": route("pushed", "./_lib/p"),
		"_lib/p.ts": lib("p1"),
		"a.ts":      route("a", "./_lib/x"),
		"_lib/x.ts": lib("x1"),
	}
	outs, err := bundler.New(bundler.Options{}).Build(bundlerFiles(src), []string{"pushed.ts"})
	if err != nil {
		t.Fatal(err)
	}
	s.mustDeploy(src, map[string]string{"pushed.ts": string(outs[0].Code)}, "a.ts")
	s.expect(map[string]string{"pushed": `{"pushed":"p1"}`, "a": `{"a":"x1"}`})

	s.mustDeploy(map[string]string{"_lib/x.ts": lib("x2")}, nil, "a.ts", "pushed.ts")
	s.expect(map[string]string{"pushed": `{"pushed":"p1"}`, "a": `{"a":"x2"}`})
	// Rebuilt on the server, it has deps now.
	s.mustDeploy(map[string]string{"_lib/x.ts": lib("x3")}, nil, "a.ts")
	s.mustDeploy(map[string]string{"_lib/p.ts": lib("p2")}, nil, "pushed.ts")
	s.expect(map[string]string{"pushed": `{"pushed":"p2"}`, "a": `{"a":"x3"}`})
}

func bundlerFiles(m map[string]string) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = []byte(v)
	}
	return out
}
