package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tarsus/tarsus/client"
)

// invokeJSON calls a function through the CLI and returns its status and
// decoded body.
func invokeJSON(t *testing.T, c *cli, route, data string) (int, map[string]any) {
	t.Helper()
	args := []string{"invoke", route, "-o", "json"}
	if data != "" {
		args = append(args, "--data", data)
	}
	r := c.run(args...)
	var out struct {
		Status int `json:"status"`
		Body   any `json:"body"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("invoke %s: %v\n%s", route, err, r)
	}
	if (out.Status >= 400) != (r.err != nil) {
		t.Errorf("invoke %s: status %d but err %v", route, out.Status, r.err)
	}
	m, _ := out.Body.(map[string]any)
	return out.Status, m
}

func push(t *testing.T, c *cli, dir string, args ...string) pushReport {
	t.Helper()
	var rep pushReport
	c.okJSON(&rep, append([]string{"push", dir, "--progress", "never"}, args...)...)
	return rep
}

// statuses maps path → status of a push report.
func statuses(rep pushReport) map[string]string {
	m := map[string]string{}
	for _, f := range rep.Files {
		m[f.Path] = f.Status
	}
	return m
}

// summarize renders the parts of one deploy request as sorted
// "field:name" / "keep=value" strings.
func summarize(parts []deployPart) []string {
	var out []string
	for _, p := range parts {
		if p.name != "" {
			out = append(out, p.field+":"+p.name)
		} else {
			out = append(out, p.field+"="+p.value)
		}
	}
	sort.Strings(out)
	return out
}

func sameStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s:\n got  %q\n want %q", what, g, w)
	}
}

func deployments(t *testing.T, c *cli) []client.Deployment {
	t.Helper()
	var ds []client.Deployment
	c.okJSON(&ds, "deployments")
	return ds
}

// TestPushNodeProject drives samples/node-project (zod, dayjs, a shared
// module and a shared JSON file) through push, invoke, incremental pushes,
// pruning, rollback and failing builds against a real server, with a real
// reverse proxy recording what each deploy uploads.
func TestPushNodeProject(t *testing.T) {
	srv := startServer(t)
	rec := newRecorder(t, srv)
	c := newCLI(t)
	c.vars["TARSUS_URL"] = rec.URL // CI style: no login, the environment
	c.vars["TARSUS_TOKEN"] = testAdminToken

	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "samples", "node-project"), dir)
	npm(t, dir, "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error")
	fn := func(p string) string { return filepath.Join(dir, "functions", filepath.FromSlash(p)) }
	edit := func(p, old, new string) {
		t.Helper()
		b, err := os.ReadFile(fn(p))
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s does not contain %q (%v)", p, old, err)
		}
		writeFile(t, fn(p), strings.Replace(string(b), old, new, 1))
	}
	routes := []string{"dates/add.ts", "hello.ts", "orders/create.ts"}
	shared := []string{"_lib/dates.ts", "_lib/prices.json"}
	all := append(slices.Clone(routes), shared...)

	t.Run("first push deploys everything", func(t *testing.T) {
		rep := push(t, c, dir)
		for _, p := range all {
			if statuses(rep)[p] != "added" {
				t.Errorf("%s: status %q, want added", p, statuses(rep)[p])
			}
		}
		ds := rec.take()
		if len(ds) != 1 {
			t.Fatalf("%d deploy requests, want 1", len(ds))
		}
		var want []string
		for _, r := range routes {
			want = append(want, "file:"+r, "bundle:"+r, "map:"+r)
		}
		for _, s := range shared {
			want = append(want, "file:"+s)
		}
		sameStrings(t, "uploaded parts", summarize(ds[0]), want)
		if d := deployments(t, c); len(d) != 1 || d[0].Via != "push" {
			t.Errorf("deployments: %+v", d)
		}
	})

	answers := []struct {
		name, route, data string
		status            int
		want              map[string]any
	}{
		{"shared module with dayjs", "hello", `{"name": "Ada"}`, 200, map[string]any{"message": "Hello, Ada!"}},
		{"no body", "hello", "", 200, map[string]any{"message": "Hello, world!"}},
		{"dayjs (CommonJS)", "dates/add", `{"date": "2026-01-30", "days": 2}`, 200, map[string]any{"date": "2026-02-01", "weekday": "Sunday"}},
		{"schema rejects", "dates/add", `{"date": "soon"}`, 400, nil},
		{"zod (ESM) and JSON", "orders/create", `{"customer": "Bo", "lines": [{"item": "apple", "qty": 3}, {"item": "coffee", "qty": 1}]}`, 201,
			map[string]any{"customer": "Bo", "items": float64(2), "total": 9.4, "currency": "EUR"}},
		{"zod rejects", "orders/create", `{"customer": "", "lines": []}`, 400, map[string]any{"error": "invalid order"}},
	}
	t.Run("functions answer", func(t *testing.T) {
		for _, a := range answers {
			t.Run(a.name, func(t *testing.T) {
				status, body := invokeJSON(t, c, a.route, a.data)
				if status != a.status {
					t.Fatalf("status %d, want %d: %v", status, a.status, body)
				}
				for k, v := range a.want {
					if body[k] != v {
						t.Errorf("%s = %v, want %v (body %v)", k, body[k], v, body)
					}
				}
			})
		}
	})

	t.Run("nothing changed", func(t *testing.T) {
		rep := push(t, c, dir)
		if !rep.UpToDate || len(rep.Uploaded) != 0 {
			t.Errorf("report: %+v", rep)
		}
		for _, f := range rep.Files {
			if f.BuildMs != 0 || f.Status != "unchanged" {
				t.Errorf("%s: built %v ms, status %s: the build cache should have answered", f.Path, f.BuildMs, f.Status)
			}
		}
		if ds := rec.take(); len(ds) != 0 {
			t.Errorf("%d deploy requests, want none", len(ds))
		}
	})

	t.Run("one changed file uploads only that file", func(t *testing.T) {
		edit("hello.ts", `"world"`, `"there"`)
		var plan pushReport
		c.okJSON(&plan, "push", dir, "--dry-run")
		if !plan.DryRun || !slices.Equal(plan.Uploaded, []string{"hello.ts"}) || statuses(plan)["hello.ts"] != "changed" {
			t.Errorf("dry run: %+v", plan)
		}
		if ds := rec.take(); len(ds) != 0 {
			t.Fatalf("the dry run deployed")
		}
		before := len(deployments(t, c))

		rep := push(t, c, dir)
		st := statuses(rep)
		for _, p := range all {
			want := "unchanged"
			if p == "hello.ts" {
				want = "changed"
			}
			if st[p] != want {
				t.Errorf("%s: %q, want %q", p, st[p], want)
			}
		}
		ds := rec.take()
		if len(ds) != 1 {
			t.Fatalf("%d deploy requests", len(ds))
		}
		want := []string{"file:hello.ts", "bundle:hello.ts", "map:hello.ts"}
		for _, p := range all {
			if p != "hello.ts" {
				want = append(want, "keep="+p)
			}
		}
		sameStrings(t, "uploaded parts", summarize(ds[0]), want)
		d := deployments(t, c)
		if len(d) != before+1 || !slices.Equal(d[0].Files.Changed, []string{"hello.ts"}) || len(d[0].Files.Added)+len(d[0].Files.Removed) != 0 {
			t.Errorf("newest deployment: %+v", d[0])
		}
		if _, body := invokeJSON(t, c, "hello", ""); body["message"] != "Hello, there!" {
			t.Errorf("hello answers %v", body)
		}
	})

	t.Run("changed shared module re-sends every route", func(t *testing.T) {
		edit("_lib/dates.ts", "return `Hello, ${name}!`", "return `Hi, ${name}!`")
		r := c.run("push", dir, "--progress", "always")
		if r.err != nil {
			t.Fatal(r)
		}
		mustContain(t, "progress on stderr", r.stderr, "building", "uploading")
		mustContain(t, "push table", r.stdout, "ROUTE", "BUNDLE", "STORED", "BUILD", "STATUS", "hello", "changed")
		ds := rec.take()
		if len(ds) != 1 {
			t.Fatalf("%d deploy requests", len(ds))
		}
		want := []string{"file:_lib/dates.ts", "keep=_lib/prices.json"}
		for _, p := range routes {
			want = append(want, "file:"+p, "bundle:"+p, "map:"+p)
		}
		sameStrings(t, "uploaded parts", summarize(ds[0]), want)
		if _, body := invokeJSON(t, c, "hello", `{"name": "Ada"}`); body["message"] != "Hi, Ada!" {
			t.Errorf("hello answers %v", body)
		}
	})

	t.Run("changed dependency re-sends the routes that bundle it", func(t *testing.T) {
		// A fresh checkout (no build cache) whose installed dayjs differs
		// from the one deployed.
		if err := os.RemoveAll(filepath.Join(dir, ".tarsus")); err != nil {
			t.Fatal(err)
		}
		dayjs := filepath.Join(dir, "node_modules", "dayjs", "dayjs.min.js")
		b, err := os.ReadFile(dayjs)
		if err != nil || !strings.Contains(string(b), `"Invalid Date"`) {
			t.Fatalf("dayjs.min.js: %v", err)
		}
		writeFile(t, dayjs, strings.Replace(string(b), `"Invalid Date"`, `"Invalid Date (patched)"`, 1))
		rep := push(t, c, dir)
		sameStrings(t, "uploaded", rep.Uploaded, []string{"dates/add.ts", "hello.ts"})
		st := statuses(rep)
		if st["dates/add.ts"] != "changed" || st["hello.ts"] != "changed" || st["orders/create.ts"] != "unchanged" {
			t.Errorf("statuses: %v", st)
		}
		rec.take()
	})

	t.Run("a new install rebuilds but uploads only real changes", func(t *testing.T) {
		lock := filepath.Join(dir, "node_modules", ".package-lock.json")
		b, err := os.ReadFile(lock)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, lock, string(b)+"\n")
		rep := push(t, c, dir)
		if !rep.UpToDate {
			t.Errorf("uploaded %v", rep.Uploaded)
		}
		for _, f := range rep.Files {
			if f.Kind == "route" && f.BuildMs == 0 {
				t.Errorf("%s was not rebuilt after the dependencies changed", f.Path)
			}
		}
	})

	t.Run("deleted file is pruned, and rollback restores it", func(t *testing.T) {
		if err := os.Remove(fn("dates/add.ts")); err != nil {
			t.Fatal(err)
		}
		if rep := push(t, c, dir, "--no-prune"); !rep.UpToDate {
			t.Errorf("--no-prune: %+v", rep)
		}
		if status, _ := invokeJSON(t, c, "dates/add", `{"date": "2026-01-30", "days": 1}`); status != 200 {
			t.Errorf("--no-prune removed dates/add: %d", status)
		}
		before := deployments(t, c)[0]

		// Without a terminal to ask on, a push that would remove a
		// function says which and changes nothing until --yes.
		r := c.run("push", dir, "--progress", "never")
		if r.err == nil || !strings.Contains(r.err.Error(), "dates/add.ts") || !strings.Contains(r.err.Error(), "--yes") {
			t.Fatalf("a push that removes a function without --yes: %s", r)
		}
		if len(rec.take()) != 0 {
			t.Fatal("the unconfirmed push sent a deploy")
		}
		if status, _ := invokeJSON(t, c, "dates/add", `{"date": "2026-01-30", "days": 1}`); status != 200 {
			t.Errorf("the unconfirmed push removed dates/add: %d", status)
		}

		rep := push(t, c, dir, "--yes")
		if !slices.Equal(rep.Removed, []string{"dates/add.ts"}) || len(rep.Uploaded) != 0 {
			t.Errorf("report: %+v", rep)
		}
		ds := rec.take()
		if len(ds) != 1 {
			t.Fatalf("%d deploy requests", len(ds))
		}
		for _, p := range ds[0] {
			if p.field != "keep" {
				t.Errorf("a removal uploaded %s:%s", p.field, p.name)
			}
		}
		if status, _ := invokeJSON(t, c, "dates/add", `{"date": "2026-01-30", "days": 1}`); status != 404 {
			t.Errorf("dates/add after its removal: %d, want 404", status)
		}

		out := c.ok("rollback", before.ID)
		mustContain(t, "rollback output", out, "dates/add.ts", "added", "Rolled back to deployment "+before.ID)
		status, body := invokeJSON(t, c, "dates/add", `{"date": "2026-01-30", "days": 1}`)
		if status != 200 || body["date"] != "2026-01-31" {
			t.Errorf("after rollback: %d %v", status, body)
		}
		if d := deployments(t, c)[0]; d.Via != "rollback" || d.RollbackOf != before.ID {
			t.Errorf("newest deployment: %+v", d)
		}
	})

	failures := []struct {
		name, file, source string
		want               []string
	}{
		{"syntax error", "orders/create.ts", "export default [{}, () => {\n  const x = ;\n  return x\n}]\n",
			[]string{filepath.Join("functions", "orders", "create.ts") + ":2:13: ", "const x = ;", "            ^"}},
		{"Node built-in the platform lacks", "domain.ts", "import { create } from \"node:domain\";\nexport default [{}, () => String(create())]\n",
			[]string{"domain.ts:1:24: ", `Node built-in "node:domain" is not available`}},
		{"contract broken (server check)", "notroute.ts", "export default 42\n",
			[]string{"notroute.ts"}},
	}
	for _, f := range failures {
		t.Run(f.name+" changes nothing", func(t *testing.T) {
			orig, origErr := os.ReadFile(fn(f.file))
			writeFile(t, fn(f.file), f.source)
			defer func() {
				if origErr == nil {
					writeFile(t, fn(f.file), string(orig))
				} else {
					os.Remove(fn(f.file))
				}
			}()
			var before []client.Function
			c.okJSON(&before, "ls")
			deps := len(deployments(t, c))

			r := c.run("push", dir, "--yes")
			if r.err == nil {
				t.Fatalf("push succeeded:\n%s", r)
			}
			mustContain(t, "stderr", r.stderr, f.want...)
			var after []client.Function
			c.okJSON(&after, "ls")
			if len(deployments(t, c)) != deps || len(after) != len(before) {
				t.Errorf("the failed push changed the server")
			}
			for i := range after {
				if after[i].SHA256 != before[i].SHA256 || after[i].Version != before[i].Version {
					t.Errorf("%s changed", after[i].Path)
				}
			}
			if f.name != "contract broken (server check)" {
				if ds := rec.take(); len(ds) != 0 {
					t.Errorf("a local build error still sent %d deploys", len(ds))
				}
			}
			rec.take()
		})
	}
}
