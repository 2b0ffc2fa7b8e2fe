package engine

import (
	"context"
	"fmt"
	goruntime "runtime"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
)

const seedPing = `
import {FastifyReply, FastifyRequest, RouteShorthandOptions} from "fastify";
const opts: RouteShorthandOptions = {
    schema: { response: { 200: { type: 'object', properties: { pong: { type: 'string' } } } }, querystring: {} }
}
const handleFunc = (request: FastifyRequest, reply: FastifyReply) => { return {pong: '12it worked!'} }
export default function () { return [opts, handleFunc] }
`

// schemaRoute has a 10-property body schema and a response schema.
var schemaRoute = func() string {
	props := []string{}
	for i := 0; i < 10; i++ {
		props = append(props, fmt.Sprintf(`p%d: {type: "string"}`, i))
	}
	schema := "{type: 'object', properties: {" + strings.Join(props, ",") + "}}"
	return `export default [{schema: {body: ` + schema + `, response: {200: ` + schema + `}}}, (req) => req.body]`
}()

// bigSource generates a route whose bundle is about n bytes: many
// functions and a table, all evaluated at the top level.
func bigSource(n int) string {
	var b strings.Builder
	b.WriteString("const table: Record<string, number> = {};\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "export function fn%d(a: number, b: string): string { const x = a * %d + b.length; table['k%d'] = x; return b.repeat(2) + String(x) + %q; }\n", i, i, i, strings.Repeat("lorem ipsum ", 3))
		fmt.Fprintf(&b, "fn%d(%d, 'init');\n", i, i)
	}
	b.WriteString("export default [{}, () => ({keys: Object.keys(table).length})];\n")
	return b.String()
}

func compileFor(tb testing.TB, e *Engine, src string) *Function {
	tb.Helper()
	outs, err := bundler.New(bundler.Options{SourceMap: true, Builtins: BuiltinModules()}).Build(map[string][]byte{"f.ts": []byte(src)}, []string{"f.ts"})
	if err != nil {
		tb.Fatal(err)
	}
	fn, err := e.Compile(context.Background(), Source{Path: "f.ts", Route: "f", URL: "/bench/f", Code: outs[0].Code, Map: outs[0].Map, Hash: "h"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("bundle: %d bytes", len(outs[0].Code))
	return fn
}

func benchReq() *Request {
	return &Request{ID: "req-1", Method: "POST", URL: "/bench/f", Host: "localhost", Body: []byte(`{"a":1}`),
		Headers: []Header{{"content-type", "application/json"}, {"content-length", "7"}}}
}

// benchLower stands in for the bundler's Lower, which the server always
// sets: the runtime then installs the function constructors that lower.
func benchLower(src string) (string, error) { return src, nil }

// BenchmarkColdStart measures an empty pool to a first response: a new
// runtime with the host APIs and lifecycle, the bundle's top level, and one
// call.
func BenchmarkColdStart(b *testing.B) {
	for _, c := range []struct {
		name string
		src  string
	}{{"1KB", seedPing}, {"1KB+schemas", schemaRoute}, {"200KB", bigSource(200 << 10)}} {
		b.Run(c.name, func(b *testing.B) {
			e, err := New(Config{Lower: benchLower})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			fn := compileFor(b, e, c.src)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rt, err := newRuntime(e, "bench")
				if err != nil {
					b.Fatal(err)
				}
				resp, err := rt.invoke(ctx, fn, benchReq(), e.cfg.Timeout)
				if err != nil || resp.Status != 200 {
					b.Fatalf("%v %+v", err, resp)
				}
				rt.close()
			}
		})
	}
}

// BenchmarkWarmInvoke measures a call on a warm runtime through the pool.
func BenchmarkWarmInvoke(b *testing.B) {
	e, err := New(Config{Lower: benchLower})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(b, e, seedPing)
	ctx := context.Background()
	if _, err := e.Invoke(ctx, "bench", fn, benchReq()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := e.Invoke(ctx, "bench", fn, benchReq())
		if err != nil || string(resp.Body) != `{"pong":"12it worked!"}` {
			b.Fatalf("%v %+v", err, resp)
		}
	}
}

// BenchmarkSchemaCost compares a warm call without schemas against one
// with a 10-property body schema and a response schema.
func BenchmarkSchemaCost(b *testing.B) {
	props := []string{}
	fields := []string{}
	for i := 0; i < 10; i++ {
		props = append(props, fmt.Sprintf(`p%d: {type: "string"}`, i))
		fields = append(fields, fmt.Sprintf(`"p%d":"value %d"`, i, i))
	}
	body := []byte("{" + strings.Join(fields, ",") + "}")
	schema := "{type: 'object', properties: {" + strings.Join(props, ",") + "}}"
	for _, c := range []struct{ name, src string }{
		{"none", `export default [{}, (req) => req.body]`},
		{"body+response", `export default [{schema: {body: ` + schema + `, response: {200: ` + schema + `}}}, (req) => req.body]`},
	} {
		b.Run(c.name, func(b *testing.B) {
			e, err := New(Config{})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			fn := compileFor(b, e, c.src)
			ctx := context.Background()
			req := func() *Request {
				r := benchReq()
				r.Body = body
				r.Headers = []Header{{"content-type", "application/json"}}
				return r
			}
			if resp, err := e.Invoke(ctx, "bench", fn, req()); err != nil || resp.Status != 200 {
				b.Fatalf("%v %+v", err, resp)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := e.Invoke(ctx, "bench", fn, req()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile measures compiling a bundle and checking its contract
// (done once per deploy).
func BenchmarkCompile(b *testing.B) {
	e, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	outs, err := bundler.New(bundler.Options{SourceMap: true, Builtins: BuiltinModules()}).Build(map[string][]byte{"f.ts": []byte(seedPing)}, []string{"f.ts"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Compile(context.Background(), Source{Path: "f.ts", Route: "f", URL: "/b/f", Code: outs[0].Code, Map: outs[0].Map}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkColdStartPooled is a cold start through the pool with spare
// runtimes: the user's first request after their runtimes were dropped.
func BenchmarkColdStartPooled(b *testing.B) {
	e, err := New(Config{Lower: benchLower})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(b, e, seedPing)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e.DropRuntimes("bench")
		// Let the spares refill, as they do between cold starts of a real
		// server that is not saturated with them.
		for t0 := time.Now(); len(e.spares) < cap(e.spares); {
			if time.Since(t0) > 10*time.Second {
				b.Fatalf("the spare runtimes did not refill within 10 s (%d of %d)", len(e.spares), cap(e.spares))
			}
			goruntime.Gosched()
		}
		b.StartTimer()
		resp, err := e.Invoke(ctx, "bench", fn, benchReq())
		if err != nil || !resp.Cold {
			b.Fatalf("%v %+v", err, resp)
		}
	}
}

// BenchmarkWarmUserMemory reports the live Go heap one warm user holds: a
// runtime through the engine (host APIs, lifecycle, the seed's ping loaded)
// after one call, measured over many users after a GC. It is the engine's
// share of the density scenario's memory per warm user.
func BenchmarkWarmUserMemory(b *testing.B) {
	const users = 200
	e, err := New(Config{SpareRuntimes: -1, IdleTimeout: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(b, e, seedPing)
	ctx := context.Background()
	heap := func() uint64 {
		goruntime.GC()
		goruntime.GC()
		var m goruntime.MemStats
		goruntime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var per float64
	for i := 0; i < b.N; i++ {
		before := heap()
		for u := 0; u < users; u++ {
			if _, err := e.Invoke(ctx, fmt.Sprintf("u%d-%d", i, u), fn, benchReq()); err != nil {
				b.Fatal(err)
			}
		}
		per = float64(heap()-before) / users
		for u := 0; u < users; u++ {
			e.DropRuntimes(fmt.Sprintf("u%d-%d", i, u))
		}
	}
	b.ReportMetric(per, "heapB/user")
}
