package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestKVWithoutHost: tarsus:kv is made only when required; without a
// Host every call rejects with TARSUS_NOT_AVAILABLE; arguments are checked
// (types, the key and value sizes) before anything reaches a host, as
// TypeErrors with codes.
func TestKVWithoutHost(t *testing.T) {
	e, err := New(Config{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, `export default [{}, async () => {
		const err = async (f) => { try { await f(); return null; } catch (e) { return [e.name, e.code ?? null]; } };
		const { kv } = await import("tarsus:kv");
		return {
			get: await err(() => kv.get("k")),
			put: await err(() => kv.put("k", "v")),
			keyType: await err(() => kv.get(1)),
			longKey: await err(() => kv.get("k".repeat(513))),
			bigValue: await err(() => kv.put("k", new Uint8Array((1 << 20) + 1))),
			object: await err(() => kv.put("k", { a: 1 })),
			badType: await err(() => kv.get("k", { type: "stream" })),
			badTTL: await err(() => kv.put("k", "v", { ttl: -1 })),
			badLimit: await err(() => kv.list({ limit: 0 })),
		};
	}]`)
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(resp.Body, &got); err != nil {
		t.Fatalf("%s: %v", resp.Body, err)
	}
	want := map[string]any{
		"get":      []any{"Error", "TARSUS_NOT_AVAILABLE"},
		"put":      []any{"Error", "TARSUS_NOT_AVAILABLE"},
		"keyType":  []any{"TypeError", nil},
		"longKey":  []any{"TypeError", "TARSUS_KV_INVALID"},
		"bigValue": []any{"TypeError", "TARSUS_KV_TOO_LARGE"},
		"object":   []any{"TypeError", nil},
		"badType":  []any{"TypeError", nil},
		"badTTL":   []any{"RangeError", nil},
		"badLimit": []any{"RangeError", nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}
