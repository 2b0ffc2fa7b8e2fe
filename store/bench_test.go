package store

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkDeploy deploys one changed small file per iteration; past
// KeepDeployments every deploy also drops one deployment and its blobs.
func BenchmarkDeploy(b *testing.B) {
	ctx := context.Background()
	s := openStore(b, Config{})
	mustUser(b, s, "alice")
	deploy(b, s, "alice", []FileContent{fc("_lib.ts", "export const x = 1"), fc("other.ts", "other")})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		src := fmt.Sprintf("export default function () { return [{}, async () => %d] }", i)
		_, _, err := s.Deploy(ctx, DeployRequest{
			User: "alice", By: "alice", Via: ViaAPI, ExpectVersion: -1,
			Put: []FileContent{fc("orders/create.ts", src)},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBlob(b *testing.B) {
	ctx := context.Background()
	s := openStore(b, Config{})
	mustUser(b, s, "alice")
	src := make([]byte, 32<<10) // a 32 KB bundle of JS-like text
	const line = "function(a,b){return a+b};\n"
	for i := range src {
		src[i] = line[i%len(line)]
	}
	tr, _ := deploy(b, s, "alice", []FileContent{{Meta: FileMeta{Path: "f.ts"}, Source: src, Bundle: src}})
	hash := tr.Files["f.ts"].BundleHash
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Blob(ctx, "alice", hash); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendLogs(b *testing.B) {
	ctx := context.Background()
	s := openStore(b, Config{})
	mustUser(b, s, "alice")
	b.ReportAllocs()
	for b.Loop() {
		recs := []LogRecord{{Kind: LogInvocation, Fn: "orders/create.ts", ReqID: "r-123", Status: 200, DurationMs: 1.25, ReqBytes: 120, RespBytes: 512}}
		if err := s.AppendLogs(ctx, "alice", recs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendLogsParallel(b *testing.B) {
	ctx := context.Background()
	s := openStore(b, Config{})
	for u := range 8 {
		mustUser(b, s, fmt.Sprint("u", u))
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			recs := []LogRecord{{Kind: LogConsole, Fn: "f.ts", Msg: "hello"}}
			if err := s.AppendLogs(ctx, fmt.Sprint("u", i%8), recs); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkDeployProject deploys one changed route of a 100-file tree (90
// routes with deps, 10 shared modules) per iteration, past KeepDeployments:
// every deploy also drops one of the 50 kept deployments and the blobs only
// it referenced (by reference counts; it used to read every kept tree).
func BenchmarkDeployProject(b *testing.B) {
	ctx := context.Background()
	s := deployedProject(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, _, err := s.Deploy(ctx, DeployRequest{
			User: "alice", By: "alice", Via: ViaAPI, ExpectVersion: -1,
			Put: []FileContent{fc("r001.ts", fmt.Sprint("changed ", i))},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecountProject rebuilds the reference counts of the same user
// from its 50 kept trees: what the first deploy of each user after an
// upgrade from a store without counts pays once, on top of the deploy.
func BenchmarkRecountProject(b *testing.B) {
	s := deployedProject(b)
	us := s.user("alice")
	b.ReportAllocs()
	for b.Loop() {
		us.mu.Lock()
		err := s.recount("alice")
		us.mu.Unlock()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// deployedProject is a store whose user alice has the 100-file project and
// KeepDeployments deployments, each changing one route.
func deployedProject(b *testing.B) *Badger {
	s := openStore(b, Config{})
	mustUser(b, s, "alice")
	var put []FileContent
	for m := range 10 {
		put = append(put, shared(fmt.Sprintf("_lib/m%d.ts", m), fmt.Sprintf("export const m = %d", m)))
	}
	for r := range 90 {
		p := fmt.Sprintf("r%03d.ts", r)
		f := fc(p, "route "+p)
		f.Meta.Deps = []string{fmt.Sprintf("_lib/m%d.ts", r%10), p}
		put = append(put, f)
	}
	deploy(b, s, "alice", put)
	for i := range DefaultKeepDeployments {
		deploy(b, s, "alice", []FileContent{fc("r000.ts", fmt.Sprint("warm-up ", i))})
	}
	return s
}
