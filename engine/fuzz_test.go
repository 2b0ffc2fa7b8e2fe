package engine

import (
	"bytes"
	"testing"

	"github.com/tarsus/tarsus/fastify"
)

// FuzzConvert: a JSON value turned into JS values (toJS, as a request body
// is; and toJSDeep, its explicit-stack form for deep values) and back
// (fromJS, as a handler's result is) serializes exactly as it did, and
// neither direction panics.
func FuzzConvert(f *testing.F) {
	e, err := New(Config{SpareRuntimes: -1})
	if err != nil {
		f.Fatal(err)
	}
	defer e.Close()
	rt, err := newRuntime(e, "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	defer rt.close()
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := fastify.ParseJSON(data)
		if err != nil {
			return
		}
		want := fastify.AppendJSON(nil, m)
		back, over := rt.fromJSBounded(rt.toJS(m))
		if over != nil {
			t.Fatalf("%q: over budget: %s", data, over.msg)
		}
		if got := fastify.AppendJSON(nil, back); !bytes.Equal(got, want) {
			t.Fatalf("%q: round trip gave %q, want %q", data, got, want)
		}
		// The explicit-stack conversion used for deep values agrees.
		deep, over := rt.fromJSBounded(rt.toJSDeep(m))
		if over != nil {
			t.Fatalf("%q: over budget: %s", data, over.msg)
		}
		if got := fastify.AppendJSON(nil, deep); !bytes.Equal(got, want) {
			t.Fatalf("%q: deep round trip gave %q, want %q", data, got, want)
		}
	})
}
