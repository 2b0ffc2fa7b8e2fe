package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/tarsus/tarsus/client"
)

// newProject writes a project with the given files under functions/.
func newProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tarsus.json"), `{"functionsDir": "functions"}`)
	for p, src := range files {
		writeFile(t, filepath.Join(dir, "functions", filepath.FromSlash(p)), src)
	}
	return dir
}

func TestLoginWhoamiLogout(t *testing.T) {
	srv := startServer(t)
	admin := loggedIn(t, srv)
	admin.input("password-bob\n", "users", "create", "bob")

	c := newCLI(t)
	t.Run("not logged in", func(t *testing.T) {
		r := c.run("whoami")
		if r.err == nil || !strings.Contains(r.err.Error(), "tarsus login --server") {
			t.Fatalf("%s", r)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		r := c.input("bob\nwrong-password\n", "login", "--server", srv)
		if r.err == nil || !strings.Contains(r.err.Error(), "401") {
			t.Fatalf("%s", r)
		}
		if _, err := os.Stat(filepath.Join(c.vars["XDG_CONFIG_HOME"], "tarsus", "credentials.json")); err == nil {
			t.Error("a failed login saved credentials")
		}
	})
	t.Run("name and password", func(t *testing.T) {
		r := c.input("bob\npassword-bob\n", "login", "--server", strings.TrimPrefix(srv, "http://"))
		if r.err != nil {
			t.Fatal(r)
		}
		mustContain(t, "login output", r.stdout, "Logged in to "+srv+" as bob (user)")
		mustContain(t, "prompts", r.stderr, "Name: ", "Password: ")
		p := filepath.Join(c.vars["XDG_CONFIG_HOME"], "tarsus", "credentials.json")
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("credentials mode %v, want 0600", fi.Mode().Perm())
		}
		var cr credentials
		b, _ := os.ReadFile(p)
		if err := json.Unmarshal(b, &cr); err != nil || cr.Server != srv || cr.User != "bob" || !strings.HasPrefix(cr.Token, "tsk_") {
			t.Errorf("credentials %s (%v)", b, err)
		}
		if out := c.ok("whoami"); out != "bob (user) on "+srv+"\n" {
			t.Errorf("whoami: %q", out)
		}
		var me struct{ Name, Role, Server string }
		c.okJSON(&me, "whoami")
		if me.Name != "bob" || me.Role != "user" || me.Server != srv {
			t.Errorf("whoami -o json: %+v", me)
		}
	})
	t.Run("the saved token only goes to its server", func(t *testing.T) {
		c.vars["TARSUS_URL"] = "http://127.0.0.1:9"
		defer delete(c.vars, "TARSUS_URL")
		r := c.run("ls")
		if r.err == nil || !strings.Contains(r.err.Error(), "not logged in to http://127.0.0.1:9") {
			t.Fatalf("%s", r)
		}
	})
	t.Run("TARSUS_URL and TARSUS_TOKEN override", func(t *testing.T) {
		c.vars["TARSUS_URL"], c.vars["TARSUS_TOKEN"] = srv, testAdminToken
		defer func() { delete(c.vars, "TARSUS_URL"); delete(c.vars, "TARSUS_TOKEN") }()
		if out := c.ok("whoami"); !strings.HasPrefix(out, "admin (admin)") {
			t.Errorf("whoami: %q", out)
		}
	})
	t.Run("a non-admin cannot manage users", func(t *testing.T) {
		r := c.run("users", "ls")
		if r.err == nil || !strings.Contains(r.err.Error(), "admin") {
			t.Fatalf("%s", r)
		}
		// users create says so before it asks for the new user's password.
		r = c.input("password-zed\n", "users", "create", "zed")
		if r.err == nil || !strings.Contains(r.err.Error(), "only an admin can create users") || strings.Contains(r.stderr, "Password") {
			t.Fatalf("users create as a non-admin: %s", r)
		}
	})
	t.Run("logout", func(t *testing.T) {
		if out := c.ok("logout"); out != "Logged out of "+srv+"; the token is revoked.\n" {
			t.Errorf("logout: %q", out)
		}
		if out := c.ok("logout"); out != "Not logged in.\n" {
			t.Errorf("second logout: %q", out)
		}
		if r := c.run("whoami"); r.err == nil {
			t.Errorf("whoami after logout: %s", r)
		}
	})
	t.Run("a bad token is not saved", func(t *testing.T) {
		r := c.run("login", "--server", srv, "--token", "tsk_nope")
		if r.err == nil || !strings.Contains(r.err.Error(), "401") {
			t.Fatalf("%s", r)
		}
	})
}

func TestUsers(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	var nu client.NewUser
	r := c.input("secret-password\n", "users", "create", "carol", "--role", "admin", "-o", "json")
	if r.err != nil || json.Unmarshal([]byte(r.stdout), &nu) != nil || nu.Name != "carol" || nu.Role != "admin" || !strings.HasPrefix(nu.Token, "tsk_") {
		t.Fatalf("users create: %s", r)
	}
	out := c.ok("users", "ls")
	mustContain(t, "users ls", out, "NAME", "admin", "carol")

	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"short password", "short\n", []string{"users", "create", "dave"}, "TARSUS_BAD_PASSWORD"},
		{"exists", "secret-password\n", []string{"users", "create", "carol"}, "409"},
		{"bad role", "", []string{"users", "create", "erin", "--role", "root"}, `--role "root"`},
		{"rm needs --yes off a terminal", "", []string{"users", "rm", "carol"}, "--yes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.input(tc.stdin, tc.args...)
			if r.err == nil || !strings.Contains(r.err.Error(), tc.want) {
				t.Fatalf("want an error with %q:\n%s", tc.want, r)
			}
		})
	}
	if out := c.ok("users", "rm", "carol", "--yes"); out != "Deleted carol.\n" {
		t.Errorf("users rm: %q", out)
	}
	var us []client.User
	c.okJSON(&us, "users", "ls")
	for _, u := range us {
		if u.Name == "carol" {
			t.Error("carol is still listed")
		}
	}
}

func TestInitThenPush(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	dir := filepath.Join(t.TempDir(), "My Functions")
	out := c.ok("init", dir)
	mustContain(t, "init output", out, "npm install", "tarsus push", "you are logged in to "+srv)
	if strings.Contains(out, "tarsus login") {
		t.Errorf("init tells a logged-in user to log in:\n%s", out)
	}
	if out := newCLI(t).ok("init", filepath.Join(t.TempDir(), "other")); !strings.Contains(out, "tarsus login --server") {
		t.Errorf("init does not tell a user who never logged in to log in:\n%s", out)
	}
	for _, f := range []string{"package.json", "tsconfig.json", "tarsus.json", "functions/hello.ts", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("init did not write %s: %v", f, err)
		}
	}
	var pkg struct {
		Name            string
		Type            string
		DevDependencies map[string]string
	}
	b, _ := os.ReadFile(filepath.Join(dir, "package.json"))
	if err := json.Unmarshal(b, &pkg); err != nil || pkg.Name != "my-functions" || pkg.Type != "module" || pkg.DevDependencies["fastify"] == "" {
		t.Errorf("package.json: %s (%v)", b, err)
	}
	var ts map[string]any
	if b, _ := os.ReadFile(filepath.Join(dir, "tsconfig.json")); json.Unmarshal(b, &ts) != nil {
		t.Errorf("tsconfig.json is not JSON: %s", b)
	}
	if r := c.run("init", dir); r.err == nil || !strings.Contains(r.err.Error(), "--force") {
		t.Errorf("a second init did not refuse: %s", r)
	}
	c.ok("init", dir, "--force")

	// fastify is only imported for types, so the project pushes before
	// npm install as well as after it.
	r := c.run("push", dir)
	if r.err != nil {
		t.Fatal(r)
	}
	mustContain(t, "push output", r.stdout, "hello", "added", "Deployed version 1")
	if r.stderr != "" {
		t.Errorf("progress bars were drawn on a stderr that is not a terminal: %q", r.stderr)
	}
	if _, body := invokeJSON(t, c, "hello", `{"name": "Ada"}`); body["message"] != "Hello, Ada!" {
		t.Errorf("hello: %v", body)
	}
	if _, body := invokeJSON(t, c, "hello", ""); body["message"] != "Hello, world!" {
		t.Errorf("hello without a body: %v", body)
	}
}

func TestLsInvokeRm(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	dir := newProject(t, map[string]string{
		"echo.ts": `export default [{}, (req: any, reply: any) => {
			reply.header("x-seen", String(req.headers["x-test"] ?? ""))
			return {body: req.body ?? null, query: req.query, auth: req.headers.authorization ?? null, type: req.headers["content-type"] ?? null}
		}]`,
		"api/v1/items.ts": `export default [{}, () => [1, 2, 3]]`,
		"_lib/x.ts":       `export const x = 1`,
		"README.md":       "ignored",
		"echo.test.ts":    "ignored",
	})
	rep := push(t, c, dir)
	if len(rep.Files) != 3 {
		t.Fatalf("push sent %d files, want 3 (README.md and echo.test.ts are ignored): %+v", len(rep.Files), rep.Files)
	}

	out := c.ok("ls")
	mustContain(t, "ls", out, "ROUTE", "api/v1/items", "api/v1/items.ts", "echo", "_lib/x.ts", "shared")
	var fns []client.Function
	c.okJSON(&fns, "ls")
	if len(fns) != 3 {
		t.Errorf("ls -o json: %+v", fns)
	}

	dataFile := filepath.Join(t.TempDir(), "body.json")
	writeFile(t, dataFile, `{"from": "file"}`)
	invokes := []struct {
		name  string
		stdin string
		args  []string
		check func(t *testing.T, r result)
	}{
		{"inline JSON, header, query", "", []string{"invoke", "echo", "-d", `{"a": 1}`, "-H", "x-test: 42", "-q", "k=v", "-o", "json"}, func(t *testing.T, r result) {
			var out struct {
				Status  int
				Headers map[string]string
				Body    map[string]any
			}
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.err != nil {
				t.Fatalf("%v\n%s", err, r)
			}
			if out.Status != 200 || out.Headers["x-seen"] != "42" || out.Body["body"].(map[string]any)["a"] != float64(1) || out.Body["query"].(map[string]any)["k"] != "v" {
				t.Errorf("answer %+v", out)
			}
			if out.Body["auth"] != nil {
				t.Errorf("the function saw an Authorization header: %v", out.Body["auth"])
			}
			if out.Body["type"] != "application/json" {
				t.Errorf("content-type %v", out.Body["type"])
			}
		}},
		{"@file", "", []string{"invoke", "echo", "--data", "@" + dataFile}, func(t *testing.T, r result) {
			if r.err != nil || !strings.Contains(r.stdout, `"from":"file"`) {
				t.Fatal(r)
			}
			if !strings.HasPrefix(r.stderr, "200 OK  ") || !strings.Contains(r.stderr, "function ") {
				t.Errorf("status line %q", r.stderr)
			}
		}},
		{"@- reads stdin", `{"from": "stdin"}`, []string{"invoke", "/echo", "-d", "@-"}, func(t *testing.T, r result) {
			if r.err != nil || !strings.Contains(r.stdout, `"from":"stdin"`) {
				t.Fatal(r)
			}
		}},
		{"text body with its type", "", []string{"invoke", "echo", "-d", "plain words", "-H", "content-type: text/plain"}, func(t *testing.T, r result) {
			if r.err != nil || !strings.Contains(r.stdout, `"body":"plain words"`) {
				t.Fatal(r)
			}
		}},
		{"invalid JSON is refused", "", []string{"invoke", "echo", "-d", "{nope"}, func(t *testing.T, r result) {
			if r.err == nil || !strings.Contains(r.err.Error(), "not valid JSON") {
				t.Fatal(r)
			}
		}},
		{"bad header", "", []string{"invoke", "echo", "-H", "novalue"}, func(t *testing.T, r result) {
			if r.err == nil || !strings.Contains(r.err.Error(), "name:value") {
				t.Fatal(r)
			}
		}},
		{"nested route", "", []string{"invoke", "api/v1/items"}, func(t *testing.T, r result) {
			if r.err != nil || strings.TrimSpace(r.stdout) != "[1,2,3]" {
				t.Fatal(r)
			}
		}},
		{"missing route exits non-zero", "", []string{"invoke", "nope"}, func(t *testing.T, r result) {
			if r.err == nil || !strings.HasPrefix(r.stderr, "404 Not Found") {
				t.Fatal(r)
			}
		}},
	}
	for _, tc := range invokes {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, c.input(tc.stdin, tc.args...)) })
	}

	t.Run("rm", func(t *testing.T) {
		if r := c.run("rm", "nope"); r.err == nil || !strings.Contains(r.err.Error(), `no function or file "nope"`) {
			t.Errorf("rm nope: %s", r)
		}
		out := c.ok("rm", "api/v1/items", "_lib/x.ts")
		mustContain(t, "rm output", out, "Removed api/v1/items.ts", "Removed _lib/x.ts")
		var fns []client.Function
		c.okJSON(&fns, "ls")
		if len(fns) != 1 || fns[0].Path != "echo.ts" {
			t.Errorf("after rm: %+v", fns)
		}
		if r := c.run("invoke", "api/v1/items"); r.err == nil {
			t.Errorf("a removed route answered: %s", r)
		}
	})
}

func TestLogs(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	dir := newProject(t, map[string]string{
		"talk.ts": `export default [{}, (req: any) => { console.log("said", req.body.word); return {ok: true} }]`,
	})
	push(t, c, dir)
	c.ok("invoke", "talk", "-d", `{"word": "first"}`)

	out := c.ok("logs", "--fn", "talk.ts")
	mustContain(t, "logs", out, "talk  log", "said first", "talk  200 in")
	if strings.Contains(out, "[system]") {
		t.Errorf("--fn did not filter out system records:\n%s", out)
	}
	mustContain(t, "logs", c.ok("logs"), "[system]  deployed version 1 via push")

	lines := strings.Split(strings.TrimSpace(c.ok("logs", "-o", "json", "--fn", "talk")), "\n")
	for _, l := range lines {
		var rec client.LogRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.Fn != "talk" {
			t.Errorf("-o json line %q: %v", l, err)
		}
	}

	t.Run("follow", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out := &syncBuffer{}
		done := make(chan result, 1)
		go func() { done <- c.runIn(ctx, "", out, "logs", "--follow", "--fn", "talk") }()
		deadline := time.Now().Add(20 * time.Second)
		for n := 0; !strings.Contains(out.String(), "said live"); n++ {
			if time.Now().After(deadline) {
				t.Fatalf("the followed log never showed the new line:\n%s", out.String())
			}
			if n%50 == 0 { // keep calling until the stream has subscribed
				c.ok("invoke", "talk", "-d", `{"word": "live"}`)
			}
			time.Sleep(10 * time.Millisecond) // polling interval
		}
		cancel()
		select {
		case r := <-done:
			if r.err != nil {
				t.Errorf("logs --follow ended with %v", r.err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("logs --follow did not stop when its context ended")
		}
		mustContain(t, "followed log", out.String(), "said first")
	})
}

func TestDeploymentsAndRollbackErrors(t *testing.T) {
	srv := startServer(t)
	c := loggedIn(t, srv)
	if out := c.ok("deployments"); out != "No deployments yet.\n" {
		t.Errorf("deployments: %q", out)
	}
	dir := newProject(t, map[string]string{"a.ts": `export default [{}, () => 1]`})
	push(t, c, dir)
	writeFile(t, filepath.Join(dir, "functions", "b.ts"), `export default [{}, () => 2]`)
	push(t, c, dir)
	out := c.ok("deployments")
	mustContain(t, "deployments", out, "000000000002", "+b.ts", "000000000001", "+a.ts", "push", "admin")

	// A version number works as an id.
	out = c.ok("rollback", "1")
	mustContain(t, "rollback", out, "b.ts", "removed", "now version 3")
	if r := c.run("rollback", "999"); r.err == nil || !strings.Contains(r.err.Error(), "no deployment 000000000999") {
		t.Errorf("rollback 999: %s", r)
	}
}

// TestHelp checks that every command answers --help.
func TestHelp(t *testing.T) {
	var walk func(cmd *cobra.Command, path []string)
	c := newCLI(t)
	walk = func(cmd *cobra.Command, path []string) {
		for _, sub := range cmd.Commands() {
			if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			p := append(append([]string{}, path...), sub.Name())
			t.Run(strings.Join(p, " "), func(t *testing.T) {
				r := c.run(append(p, "--help")...)
				if r.err != nil || !strings.Contains(r.stdout, "Usage:\n  tarsus "+strings.Join(p, " ")) {
					t.Errorf("%s", r)
				}
			})
			walk(sub, p)
		}
	}
	walk(newRoot(&env{getenv: func(string) string { return "" }}), nil)
}

func TestProjectFiles(t *testing.T) {
	dir := newProject(t, map[string]string{
		"a.ts":                "",
		"drafts/b.ts":         "",
		"c.local.ts":          "",
		"sub/d.local.ts":      "",
		"keep/e.ts":           "",
		"_lib/f.ts":           "",
		"g.json":              "",
		"h.d.ts":              "",
		"node_modules/x/i.js": "",
		".hidden/j.ts":        "",
		"notes.txt":           "",
		"only/this/k.mjs":     "",
		"only/this/skip.ts":   "",
		"k.spec.ts":           "",
	})
	writeFile(t, filepath.Join(dir, "tarsus.json"), `{"exclude": ["drafts/", "*.local.ts", "only/this/skip.ts"]}`)
	p, err := loadProject(dir)
	if err != nil {
		t.Fatal(err)
	}
	var routes, shared []string
	for _, f := range p.routes {
		routes = append(routes, f.path)
	}
	for _, f := range p.shared {
		shared = append(shared, f.path)
	}
	sameStrings(t, "routes", routes, []string{"a.ts", "keep/e.ts", "only/this/k.mjs"})
	sameStrings(t, "shared", shared, []string{"_lib/f.ts", "g.json"})

	bad := []struct {
		name, config string
		files        map[string]string
		want         string
	}{
		{"unknown field", `{"functionDir": "fns"}`, nil, `unknown field "functionDir"`},
		{"missing folder", `{"functionsDir": "fns"}`, nil, "does not exist"},
		{"bad pattern", `{"exclude": ["[x"]}`, nil, "exclude pattern"},
		{"two files, one route", `{}`, map[string]string{"x.ts": "", "x.js": ""}, `both serve the route "x"`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			files := tc.files
			if files == nil {
				files = map[string]string{"a.ts": ""}
			}
			d := newProject(t, files)
			writeFile(t, filepath.Join(d, "tarsus.json"), tc.config)
			if _, err := loadProject(d); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	t.Run("not a project", func(t *testing.T) {
		if _, err := loadProject(t.TempDir()); err == nil || !strings.Contains(err.Error(), "tarsus init") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("dependency fingerprint", func(t *testing.T) {
		fp := func() string {
			t.Helper()
			s, err := p.depsFingerprint()
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		a := fp()
		if fp() != a {
			t.Fatal("the fingerprint is not stable")
		}
		changes := []struct{ name, file string }{
			{"installed packages", "node_modules/.package-lock.json"},
			{"tsconfig", "tsconfig.json"},
			{"source outside the functions folder", "lib/util.ts"},
		}
		for _, ch := range changes {
			writeFile(t, filepath.Join(dir, filepath.FromSlash(ch.file)), ch.name)
			b := fp()
			if b == a {
				t.Errorf("%s: the fingerprint did not change", ch.name)
			}
			a = b
		}
		writeFile(t, filepath.Join(dir, "README.md"), "docs")
		if fp() != a {
			t.Error("a README changed the fingerprint")
		}
	})
}

func TestPrintProblems(t *testing.T) {
	cases := []struct {
		name string
		p    problem
		want string
	}{
		{"position and line", problem{file: "functions/a.ts", line: 3, column: 11, text: "Unexpected \";\"", lineText: "const x = ;"},
			"functions/a.ts:3:11: Unexpected \";\"\n    3 | const x = ;\n      |           ^\n"},
		{"tabs keep the caret aligned", problem{file: "a.ts", line: 12, column: 3, text: "bad", lineText: "\t\tx"},
			"a.ts:12:3: bad\n   12 | \t\tx\n      | \t\t^\n"},
		{"no position", problem{file: "a.ts", text: "no default export"}, "a.ts: no default export\n"},
		{"no file", problem{text: "something"}, "something\n"},
		{"column past the line", problem{file: "a.ts", line: 1, column: 40, text: "eof", lineText: "ab"},
			"a.ts:1:40: eof\n    1 | ab\n      |   ^\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			printProblems(&b, []problem{tc.p})
			if b.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
		})
	}
}

func TestSmallHelpers(t *testing.T) {
	ids := map[string]string{"7": "000000000007", "000000000012": "000000000012", "abc": "abc"}
	for in, want := range ids {
		if got := deploymentID(in); got != want {
			t.Errorf("deploymentID(%q) = %q, want %q", in, got, want)
		}
	}
	names := map[string]string{"/x/My Functions": "my-functions", "/x/..": "tarsus-functions", "/x/_a.B": "a.b"}
	for in, want := range names {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
	sizes := map[int]string{-1: "-", 999: "999 B", 1500: "1.5 kB", 2_500_000: "2.5 MB"}
	for in, want := range sizes {
		if got := size(in); got != want {
			t.Errorf("size(%d) = %q, want %q", in, got, want)
		}
	}
}

// TestUnreachableServer: a command whose server is down names the server
// and says how to start one, instead of printing a Go dial error.
func TestUnreachableServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c := newCLI(t)
	c.vars["TARSUS_URL"] = "http://" + addr
	c.vars["TARSUS_TOKEN"] = "tsk_x"
	for _, args := range [][]string{{"ls"}, {"invoke", "hello"}, {"push", t.TempDir()}} {
		r := c.run(args...)
		if r.err == nil {
			t.Fatalf("tarsus %v succeeded against a closed port", args)
		}
		msg := r.err.Error()
		if strings.Contains(args[0], "push") && strings.Contains(msg, "no functions") {
			continue // push checks the project before it connects
		}
		if !strings.Contains(msg, "cannot reach the Tarsus server at http://"+addr) || !strings.Contains(msg, "tarsus serve") || strings.Contains(msg, "dial tcp") {
			t.Errorf("tarsus %v: %s", args, msg)
		}
	}
}
