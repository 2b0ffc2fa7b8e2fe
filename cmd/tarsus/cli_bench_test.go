package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkPushOneChangedFile measures `tarsus push` of a 200-route project
// (each route imports a shared module) after one route changed: what a
// developer waits for in the edit–push loop. The server runs in-process.
func BenchmarkPushOneChangedFile(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, serveConfig{Addr: "127.0.0.1:0", Data: b.TempDir(), AdminToken: testAdminToken,
			Timeout: 10 * time.Second, IdleTimeout: time.Minute, MaxRuntimes: 2, LogLevel: "error"}, &syncBuffer{}, func(a string) { ready <- a })
	}()
	defer func() { cancel(); <-done }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		b.Fatal(err)
	}

	dir := b.TempDir()
	writeFile(b, filepath.Join(dir, "tarsus.json"), `{}`)
	writeFile(b, filepath.Join(dir, "functions", "_lib", "fmt.ts"), `export const fmt = (n: number, s: string) => "#" + n + " " + s.toUpperCase()`)
	for i := range 200 {
		writeFile(b, filepath.Join(dir, "functions", "api", fmt.Sprintf("f%03d.ts", i)),
			fmt.Sprintf("import {fmt} from \"../_lib/fmt\";\nexport default [{}, (req: any) => ({msg: fmt(%d, String(req.body?.s ?? \"v0\"))})]\n", i))
	}
	c := newCLI(b)
	c.vars["TARSUS_URL"], c.vars["TARSUS_TOKEN"] = "http://"+addr, testAdminToken
	if r := c.run("push", dir, "--progress", "never"); r.err != nil {
		b.Fatal(r)
	}
	changed := filepath.Join(dir, "functions", "api", "f042.ts")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		writeFile(b, changed, fmt.Sprintf("import {fmt} from \"../_lib/fmt\";\nexport default [{}, (req: any) => ({msg: fmt(42, \"v%d\")})]\n", i+1))
		b.StartTimer()
		r := c.run("push", dir, "--progress", "never")
		if r.err != nil || !strings.Contains(r.stdout, "1 changed, 200 unchanged") {
			b.Fatal(r)
		}
	}
}
