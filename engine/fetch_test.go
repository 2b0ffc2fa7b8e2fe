package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// Without a Host, fetch fails as a fetch fails; the classes still work, and
// they are made one by one, on first reference.
func TestFetchWithoutHost(t *testing.T) {
	e, err := New(Config{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, `export default [{}, async () => {
		const own = (n) => Object.getOwnPropertyNames(globalThis).includes(n);
		const before = [own('fetch'), own('Headers'), own('Response')];
		let failed;
		try { await fetch('http://example.com/'); } catch (e) { failed = [e.name, e.message, e.cause && e.cause.code]; }
		const after = [own('fetch'), own('Headers'), own('Response')];
		let internal;
		try { const r = require; r('internal/fetch'); } catch (e) { internal = e.code; }
		return { before, after, failed, internal, h: new Headers({ A: '1' }).get('a') };
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
		"before": []any{false, false, false}, "after": []any{true, false, false},
		"failed": []any{"TypeError", "fetch failed", "TARSUS_NOT_AVAILABLE"}, "internal": "MODULE_NOT_FOUND", "h": "1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
}
