package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// mod is a bundle in the shape the bundler makes: the default export on
// GlobalName.
func mod(top, exp string) []byte {
	return []byte(top + "\nglobalThis." + GlobalName + " = { default: " + exp + " };")
}

func TestWatchdogStopsTheGrower(t *testing.T) {
	e, err := New(Config{Timeout: 4 * time.Second, MemoryLimit: 256 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, body := range []string{
		`var a = []; for (var i = 0; ; i++) a.push("y".repeat(1 << 24) + i);`,
		`var a = []; for (;;) a.push(new Uint8Array(1 << 24));`,
	} {
		fn, err := e.Compile(context.Background(), Source{Path: "a.ts", Route: "a", URL: "/u/a",
			Code: mod("", `[{}, function () { `+body+` }]`)})
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		_, err = e.Invoke(context.Background(), "u", fn, benchReq())
		if !errors.Is(err, ErrMemory) {
			t.Errorf("%s: got %v after %v, want ErrMemory", body, err, time.Since(t0))
			continue
		}
		t.Logf("%s: stopped after %v", body, time.Since(t0))
	}
}
