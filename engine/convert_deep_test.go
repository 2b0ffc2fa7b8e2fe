package engine

import (
	"bytes"
	"context"
	goruntime "runtime"
	"strings"
	"testing"
	"time"

	"github.com/tarsus/tarsus/fastify"
)

// TestToJSDeepBody: a 1 MiB body of nested brackets (half a million
// levels, which JSON.parse accepts) reaches the handler without a deep
// recursion. How long it takes is the hostile suite's and the
// benchmarks' business; the deadline here only bounds a broken run (the
// race detector slows the conversion several times).
func TestToJSDeepBody(t *testing.T) {
	e, err := New(Config{Timeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, `export default [{}, (req: any) => { let d = 0, v = req.body; while (Array.isArray(v)) { v = v[0]; d++ } return { d } }]`)
	n := (1 << 20) / 2
	req := benchReq()
	req.Body = []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
	req.Headers = []Header{{"content-type", "application/json"}}
	var m0, m1 goruntime.MemStats
	goruntime.ReadMemStats(&m0)
	resp, err := e.Invoke(context.Background(), "u", fn, req)
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != `{"d":524288}` {
		t.Fatalf("answered %s", resp.Body)
	}
	// Recursing once per level took 256 MB of goroutine stack.
	goruntime.ReadMemStats(&m1)
	if grew := int64(m1.StackSys) - int64(m0.StackSys); grew > 32<<20 {
		t.Errorf("goroutine stacks grew by %d MB", grew>>20)
	}
}

// TestToJSDeepMatchesShallow: the explicit-stack conversion gives what the
// recursive one gives (order, __proto__ as an own key, nesting).
func TestToJSDeepMatchesShallow(t *testing.T) {
	e, err := New(Config{SpareRuntimes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	rt, err := newRuntime(e, "t")
	if err != nil {
		t.Fatal(err)
	}
	defer rt.close()
	for _, src := range []string{
		`[1,[2,{"a":[3,{"x":{"x":1},"b":null}],"c":"\ud800"}],[],{}]`,
		`{"z":1,"a":{"y":[true,false,{"k":[[["deep"]]]}]}}`,
		`[[[[[[[[[[1]]]]]]]]]]`,
	} {
		m, err := fastify.ParseJSON([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := fastify.AppendJSON(nil, rt.fromJS(rt.toJS(m)))
		got := fastify.AppendJSON(nil, rt.fromJS(rt.toJSDeep(m)))
		if !bytes.Equal(got, want) || !bytes.Equal(got, fastify.AppendJSON(nil, m)) {
			t.Errorf("%s: deep %s, recursive %s", src, got, want)
		}
		if v := rt.toJSDeep(m).ToObject(rt.vm); src[0] == '{' && v.Prototype() == nil {
			t.Errorf("%s: no prototype", src)
		}
	}
	// "__proto__" (from a query string) stays an own key.
	inner := fastify.NewObject(1)
	inner.Set("x", 1.0)
	m := fastify.NewObject(2)
	m.Set("__proto__", inner)
	m.Set("b", []any{"c"})
	o := rt.toJSDeep([]any{m}).ToObject(rt.vm).Get("0").ToObject(rt.vm)
	if got := string(fastify.AppendJSON(nil, rt.fromJS(o))); got != `{"__proto__":{"x":1},"b":["c"]}` || o.Get("x") != nil {
		t.Errorf("__proto__: %s", got)
	}
}
