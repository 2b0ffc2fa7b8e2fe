package client_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tarsus/tarsus/client"
	"github.com/tarsus/tarsus/internal/testserver"
)

const adminToken = "tsk_client_test_admin_token_0123456789"

// startServer runs a real Tarsus server on 127.0.0.1:0 over a real Badger
// store and returns its URL.
func startServer(t *testing.T) string {
	t.Helper()
	return testserver.Start(t, testserver.Options{AdminToken: adminToken, Timeout: 10 * time.Second, MaxRuntimes: 2, Version: "test"}).URL
}

func newClient(t *testing.T, cfg client.Config) *client.Client {
	t.Helper()
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close) // before the server stops
	return c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func apiError(t *testing.T, err error) *client.Error {
	t.Helper()
	var ae *client.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not a *client.Error", err, err)
	}
	return ae
}

func TestParseURL(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"http://localhost:3401", "http://localhost:3401", ""},
		{"localhost:3401/", "http://localhost:3401", ""},
		{"https://fn.example.com/base/?x=1#f", "https://fn.example.com/base", ""},
		{"", "", "no server URL"},
		{"ftp://host", "", "http or https"},
		{"http://", "", "no host"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			u, err := client.ParseURL(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || u.String() != tc.want {
				t.Fatalf("got %v %v, want %s", u, err, tc.want)
			}
		})
	}
}

func TestManifestEntryForms(t *testing.T) {
	cases := []struct {
		name, in string
		want     client.Manifest
	}{
		{"plain source hashes", `{"a.ts": "aa"}`, client.Manifest{"a.ts": {Source: "aa"}}},
		{"objects with bundle hashes", `{"a.ts": {"source": "aa", "bundle": "bb"}}`, client.Manifest{"a.ts": {Source: "aa", Bundle: "bb"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m client.Manifest
			if err := json.Unmarshal([]byte(tc.in), &m); err != nil {
				t.Fatal(err)
			}
			if len(m) != len(tc.want) || m["a.ts"] != tc.want["a.ts"] {
				t.Errorf("got %+v, want %+v", m, tc.want)
			}
		})
	}
	var m client.Manifest
	if err := json.Unmarshal([]byte(`{"a.ts": 5}`), &m); err == nil {
		t.Error("a number was accepted as a manifest entry")
	}
}

func TestDeployBody(t *testing.T) {
	req := client.DeployRequest{
		Files: []client.Upload{
			{Path: "orders/create.ts", Source: []byte("src"), Bundle: []byte("code"), Map: []byte("{}")},
			{Path: "_lib/db.ts", Source: []byte("lib")},
		},
		Keep: []string{"hello.ts"},
	}
	body, ctype, err := req.Body()
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var got []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		_, dp, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		b, _ := io.ReadAll(p)
		got = append(got, dp["name"]+"|"+dp["filename"]+"|"+string(b))
	}
	want := []string{"file|orders/create.ts|src", "bundle|orders/create.ts|code", "map|orders/create.ts|{}", "file|_lib/db.ts|lib", "keep||hello.ts"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, _, err := (client.DeployRequest{Files: []client.Upload{{Source: []byte("x")}}}).Body(); err == nil {
		t.Error("a file without a path was encoded")
	}
}

func TestAccounts(t *testing.T) {
	url := startServer(t)
	anon := newClient(t, client.Config{URL: url})
	admin := newClient(t, client.Config{URL: url, Token: adminToken})
	c := ctx(t)

	if v, err := anon.Health(c); err != nil || v != "test" {
		t.Errorf("health: %q %v", v, err)
	}
	if _, err := anon.Me(c); apiError(t, err).StatusCode != 401 || !client.IsStatus(err, 401) {
		t.Errorf("me without a token: %v", err)
	}
	nu, err := admin.CreateUser(c, "alice", "password-alice", "")
	if err != nil || nu.Name != "alice" || nu.Role != "user" || !strings.HasPrefix(nu.Token, "tsk_") {
		t.Fatalf("create: %+v %v", nu, err)
	}
	_, err = admin.CreateUser(c, "alice", "password-alice", "")
	if ae := apiError(t, err); ae.StatusCode != 409 || ae.Code != "TARSUS_EXISTS" || !strings.Contains(ae.Error(), "HTTP 409 TARSUS_EXISTS") {
		t.Errorf("duplicate: %+v", ae)
	}
	_, err = anon.Login(c, "alice", "wrong-password")
	if ae := apiError(t, err); ae.StatusCode != 401 || ae.Code != "TARSUS_BAD_CREDENTIALS" {
		t.Errorf("bad login: %+v", ae)
	}
	lr, err := anon.Login(c, "alice", "password-alice")
	if err != nil || lr.User.Name != "alice" || lr.Token == "" {
		t.Fatalf("login: %+v %v", lr, err)
	}
	alice := newClient(t, client.Config{URL: url, Token: lr.Token})
	if me, err := alice.Me(c); err != nil || me.Name != "alice" || me.Role != "user" {
		t.Errorf("me: %+v %v", me, err)
	}
	if _, err := alice.Users(c); !client.IsStatus(err, 403) {
		t.Errorf("users as a non-admin: %v", err)
	}
	us, err := admin.Users(c)
	if err != nil || len(us) != 2 {
		t.Errorf("users: %+v %v", us, err)
	}
	if err := admin.DeleteUser(c, "alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Me(c); !client.IsStatus(err, 401) {
		t.Errorf("a deleted user's token still works: %v", err)
	}
}

func TestFunctionsDeployAndInvoke(t *testing.T) {
	url := startServer(t)
	admin := newClient(t, client.Config{URL: url, Token: adminToken})
	c := ctx(t)
	nu, err := admin.CreateUser(c, "bob", "password-bob", "")
	if err != nil {
		t.Fatal(err)
	}
	bob := newClient(t, client.Config{URL: url, Token: nu.Token, Via: "push"})

	hello := `export default [{}, (req: any) => ({hi: req.body?.name ?? "you", auth: req.headers.authorization ?? null})]`
	pr, err := bob.PutFunction(c, "greet/hello-world.ts", []byte(hello))
	if err != nil || pr.Route != "greet/hello-world" || pr.Status != "added" || pr.Version != 1 {
		t.Fatalf("put: %+v %v", pr, err)
	}
	f, err := bob.Function(c, "greet/hello-world.ts")
	if err != nil || f.Source == nil || *f.Source != hello || f.SHA256 != sha(hello) || f.Kind != "route" {
		t.Fatalf("get: %+v %v", f, err)
	}
	// Paths are escaped segment by segment.
	if _, err := bob.PutFunction(c, "_odd/a b#c?.ts", []byte("export const x = 1")); err != nil {
		t.Fatal(err)
	}
	if f, err := bob.Function(c, "_odd/a b#c?.ts"); err != nil || f.Path != "_odd/a b#c?.ts" {
		t.Errorf("odd path: %+v %v", f, err)
	}
	if _, err := bob.DeleteFunction(c, "_odd/a b#c?.ts"); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Function(c, "nope.ts"); !client.IsStatus(err, 404) {
		t.Errorf("missing file: %v", err)
	}

	t.Run("invoke", func(t *testing.T) {
		res, err := bob.Invoke(c, client.InvokeRequest{User: "bob", Route: "/greet/hello-world", Body: []byte(`{"name": "Ada"}`), Header: http.Header{"X-A": {"1"}}})
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		if res.Status != 200 || json.Unmarshal(res.Body, &body) != nil || body["hi"] != "Ada" {
			t.Fatalf("answer %d %s", res.Status, res.Body)
		}
		if body["auth"] != nil {
			t.Errorf("the function saw the API token: %v", body["auth"])
		}
		if res.ServerMs < 0 || res.Duration <= 0 {
			t.Errorf("timings: server %v client %v", res.ServerMs, res.Duration)
		}
		res, err = bob.Invoke(c, client.InvokeRequest{User: "bob", Route: "nope"})
		if err != nil || res.Status != 404 {
			t.Errorf("missing route: %+v %v", res, err)
		}
	})

	t.Run("deploy with keep and prune", func(t *testing.T) {
		res, err := bob.Deploy(c, client.DeployRequest{
			Files: []client.Upload{
				{Path: "_lib/n.ts", Source: []byte(`export const n = 2`)},
				{Path: "double.ts", Source: []byte(`import {n} from "./_lib/n"; export default [{}, (req: any) => ({v: req.body.v * n})]`)},
			},
			Keep:  []string{"greet/hello-world.ts"},
			Prune: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		st := map[string]string{}
		for _, f := range res.Files {
			st[f.Path] = f.Status
		}
		if st["double.ts"] != "added" || st["_lib/n.ts"] != "added" || st["greet/hello-world.ts"] == "removed" {
			t.Errorf("files: %+v", res.Files)
		}
		m, err := bob.Manifest(c)
		if err != nil || len(m) != 3 || m["greet/hello-world.ts"].Source != sha(hello) {
			t.Errorf("manifest: %+v %v", m, err)
		}
		fns, err := bob.Functions(c)
		if err != nil || len(fns) != 3 || fns[0].Path != "_lib/n.ts" || fns[0].Kind != "shared" {
			t.Errorf("functions: %+v %v", fns, err)
		}
		// Prune without keep removes what is not sent.
		res, err = bob.Deploy(c, client.DeployRequest{Files: []client.Upload{{Path: "_lib/n.ts", Source: []byte(`export const n = 2`)}}, Keep: []string{"double.ts"}, Prune: true})
		if err != nil {
			t.Fatal(err)
		}
		removed := false
		for _, f := range res.Files {
			removed = removed || (f.Path == "greet/hello-world.ts" && f.Status == "removed")
		}
		if !removed {
			t.Errorf("prune did not remove the unkept file: %+v", res.Files)
		}
	})

	t.Run("a failed deploy lists its problems", func(t *testing.T) {
		_, err := bob.Deploy(c, client.DeployRequest{Files: []client.Upload{{Path: "bad.ts", Source: []byte("export default [{}, () => {\n  let = 1\n}]")}}})
		ae := apiError(t, err)
		if ae.StatusCode != 400 || ae.Code != "TARSUS_BUILD" || len(ae.Problems) == 0 {
			t.Fatalf("%+v", ae)
		}
		if p := ae.Problems[0]; p.File != "bad.ts" || p.Line != 2 || p.Column == 0 || p.Text == "" {
			t.Errorf("problem %+v", p)
		}
		if _, err := bob.Deploy(c, client.DeployRequest{}); err == nil {
			t.Error("an empty deploy was sent")
		}
	})

	t.Run("deployments, via and rollback", func(t *testing.T) {
		ds, err := bob.Deployments(c)
		if err != nil || len(ds) != 5 {
			t.Fatalf("deployments: %+v %v", ds, err)
		}
		for _, d := range ds {
			if d.Via != "push" || d.By != "bob" {
				t.Errorf("deployment %+v: via %q by %q", d.ID, d.Via, d.By)
			}
		}
		first := ds[len(ds)-1]
		res, err := bob.Rollback(c, first.ID)
		if err != nil || res.Version != 6 {
			t.Fatalf("rollback: %+v %v", res, err)
		}
		m, _ := bob.Manifest(c)
		if len(m) != 1 || m["greet/hello-world.ts"].Source != sha(hello) {
			t.Errorf("manifest after rollback: %+v", m)
		}
		if _, err := bob.Rollback(c, "000000000999"); !client.IsStatus(err, 404) {
			t.Errorf("rollback of a missing deployment: %v", err)
		}
		dr, err := bob.DeleteFunction(c, "greet/hello-world.ts")
		if err != nil || len(dr.Files) != 1 || dr.Files[0].Status != "removed" {
			t.Errorf("delete: %+v %v", dr, err)
		}
	})

	t.Run("as another user", func(t *testing.T) {
		asBob := newClient(t, client.Config{URL: url, Token: adminToken, As: "bob"})
		if _, err := asBob.Functions(c); err != nil {
			t.Errorf("admin as bob: %v", err)
		}
		if _, err := asBob.PutFunction(c, "by-admin.ts", []byte(`export default [{}, () => 1]`)); err != nil {
			t.Fatal(err)
		}
		if fns, _ := bob.Functions(c); len(fns) != 1 || fns[0].Path != "by-admin.ts" {
			t.Errorf("the admin's deploy did not land in bob's functions: %+v", fns)
		}
		bobAsAdmin := newClient(t, client.Config{URL: url, Token: nu.Token, As: "admin"})
		if _, err := bobAsAdmin.Functions(c); !client.IsStatus(err, 403) {
			t.Errorf("bob as admin: %v", err)
		}
	})
}

// lockedRecords collects followed log records.
type lockedRecords struct {
	mu   sync.Mutex
	recs []client.LogRecord
}

func (l *lockedRecords) add(r client.LogRecord) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = append(l.recs, r)
	return nil
}

func (l *lockedRecords) has(msg string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.recs {
		if r.Msg == msg {
			return true
		}
	}
	return false
}

func TestLogsAndStats(t *testing.T) {
	url := startServer(t)
	admin := newClient(t, client.Config{URL: url, Token: adminToken})
	c := ctx(t)
	if _, err := admin.PutFunction(c, "say.ts", []byte(`export default [{}, (req: any) => { console.log(req.body.m); return 1 }]`)); err != nil {
		t.Fatal(err)
	}
	say := func(m string) {
		t.Helper()
		res, err := admin.Invoke(c, client.InvokeRequest{User: "admin", Route: "say", Body: []byte(`{"m": "` + m + `"}`)})
		if err != nil || res.Status != 200 {
			t.Fatalf("invoke: %+v %v", res, err)
		}
	}
	say("one")
	recs, err := admin.Logs(c, client.LogQuery{Fn: "say"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, r := range recs {
		kinds[r.Kind] = true
		if r.Fn != "say" {
			t.Errorf("fn filter let through %+v", r)
		}
	}
	if !kinds["console"] || !kinds["invocation"] {
		t.Errorf("records: %+v", recs)
	}
	if recs, err := admin.Logs(c, client.LogQuery{Limit: 1}); err != nil || len(recs) != 1 {
		t.Errorf("limit 1: %d records, %v", len(recs), err)
	}
	if _, err := admin.Logs(c, client.LogQuery{Since: "yesterday"}); !client.IsStatus(err, 400) {
		t.Errorf("bad since: %v", err)
	}

	t.Run("follow", func(t *testing.T) {
		fctx, cancel := context.WithCancel(c)
		defer cancel()
		got := &lockedRecords{}
		done := make(chan error, 1)
		go func() { done <- admin.FollowLogs(fctx, client.LogQuery{Fn: "say"}, got.add) }()
		deadline := time.Now().Add(20 * time.Second)
		for n := 0; !got.has("two"); n++ {
			if time.Now().After(deadline) {
				t.Fatal("the followed stream never delivered the new record")
			}
			if n%50 == 0 { // until the stream has subscribed
				say("two")
			}
			time.Sleep(10 * time.Millisecond) // polling interval
		}
		if !got.has("one") {
			t.Error("the stream did not start with the recent records")
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("FollowLogs returned %v, want context.Canceled", err)
		}
		stop := errors.New("enough")
		if err := admin.FollowLogs(c, client.LogQuery{}, func(client.LogRecord) error { return stop }); !errors.Is(err, stop) {
			t.Errorf("FollowLogs did not return the callback's error: %v", err)
		}
	})

	st, err := admin.Stats(c)
	if err != nil || st.User != "admin" || st.Invocations < 2 || len(st.Functions) != 1 || st.Functions[0].Route != "say" {
		t.Errorf("stats: %+v %v", st, err)
	}
	if n, err := admin.DropRuntimes(c); err != nil || n < 1 {
		t.Errorf("drop: %d %v", n, err)
	}
}
