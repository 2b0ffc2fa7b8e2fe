package bundler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTarsusModules: "tarsus:…" imports the engine provides stay external,
// required by their full name, in memory and from disk (never looked for
// in node_modules); any other "tarsus:" name is an error naming the
// available ones.
func TestTarsusModules(t *testing.T) {
	b := New(Options{Builtins: []string{"buffer", "tarsus:kv"}})
	src := `import {kv} from "tarsus:kv";
export default [{}, async () => ({n: await kv.get("n")})];`
	outs, err := b.Build(files("count.ts", src), []string{"count.ts"})
	if err != nil {
		t.Fatal(err)
	}
	if code := string(outs[0].Code); !strings.Contains(code, `("tarsus:kv")`) {
		t.Fatalf("the bundle does not require tarsus:kv by name: %s", code)
	}
	if len(outs[0].Inputs) != 1 {
		t.Fatalf("inputs %v", outs[0].Inputs)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "count.ts"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	outs, err = b.BuildDir(dir, []string{"count.ts"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(outs[0].Code), `("tarsus:kv")`) {
		t.Fatalf("BuildDir: %s", outs[0].Code)
	}

	_, err = b.Build(files("x.ts", `import {x} from "tarsus:nope"; export default [{}, () => x]`), []string{"x.ts"})
	if err == nil || !strings.Contains(err.Error(), `"tarsus:nope" is not a Tarsus module`) || !strings.Contains(err.Error(), "tarsus:kv") {
		t.Fatalf("unknown tarsus module: %v", err)
	}
	_, err = New(Options{}).Build(files("count.ts", src), []string{"count.ts"})
	if err == nil || !strings.Contains(err.Error(), "is not a Tarsus module") {
		t.Fatalf("tarsus:kv without it in Builtins: %v", err)
	}
}
