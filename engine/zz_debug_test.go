package engine

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/tarsus/tarsus/bundler"
)

func TestZZDebug(t *testing.T) {
	src := os.Getenv("ZZ_SRC")
	if src == "" {
		t.Skip()
	}
	e, _ := New(Config{Timeout: 5 * time.Second})
	defer e.Close()
	code := "export default [{}, async () => { try { return await (async () => {" + src + "})(); } catch (e) { return String(e && e.stack || e); } }]"
	outs, err := bundler.New(bundler.Options{NoMinify: true, Builtins: BuiltinModules()}).Build(map[string][]byte{"f.js": []byte(code)}, []string{"f.js"})
	if err != nil {
		t.Fatal(err)
	}
	fn, err := e.Compile(context.Background(), Source{Path: "f.js", Route: "f", URL: "/f", Code: outs[0].Code, Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", resp.Body)
}
