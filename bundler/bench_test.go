package bundler

import (
	"fmt"
	"strings"
	"testing"
)

// bigFunction generates a TypeScript route of about size bytes: typed
// functions and an interface per block, all reachable from the handler.
func bigFunction(size int) string {
	var sb strings.Builder
	sb.WriteString("import type {FastifyRequest} from \"fastify\";\n")
	n := 0
	for ; sb.Len() < size; n++ {
		fmt.Fprintf(&sb, `interface Row%[1]d { id: number; name: string; tags: string[] }
export function transform%[1]d(rows: Row%[1]d[], factor: number): {total: number; names: string} {
  let total = 0;
  const names: string[] = [];
  for (const row of rows) {
    total += row.id * factor + row.tags.length;
    if (row.name.startsWith("x")) names.push(row.name.toUpperCase());
  }
  return {total, names: names.join(",") + "%[1]d"};
}
`, n)
	}
	sb.WriteString("const all = [")
	for i := range n {
		fmt.Fprintf(&sb, "transform%d,", i)
	}
	sb.WriteString("];\nexport default [{}, (req: FastifyRequest) => all.map((f) => f([{id: 1, name: \"xy\", tags: []}], 2))];\n")
	return sb.String()
}

// importChain is a route importing the first of n shared modules, each of
// which imports the next: n+1 inputs.
func importChain(n int) map[string][]byte {
	fs := map[string][]byte{
		"orders/create.ts": []byte("import {v0} from \"../_lib/m0\";\nexport default [{}, () => ({n: v0()})];\n"),
	}
	for i := range n {
		src := fmt.Sprintf("export const v%d = () => %d;\n", i, i)
		if i+1 < n {
			src = fmt.Sprintf("import {v%[1]d} from \"./m%[1]d\";\nexport const v%[2]d = () => v%[1]d() + %[2]d;\n", i+1, i)
		}
		fs[fmt.Sprintf("_lib/m%d.ts", i)] = []byte(src)
	}
	return fs
}

func BenchmarkBuild(b *testing.B) {
	benches := []struct {
		name  string
		files map[string][]byte
	}{
		{"small", files("orders/create.ts", seed)},
		{"200KB", files("orders/create.ts", bigFunction(200<<10))},
		{"20 imports", importChain(20)},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			bu := New(Options{SourceMap: true})
			entries := []string{"orders/create.ts"}
			b.SetBytes(int64(len(bb.files[entries[0]])))
			b.ReportAllocs()
			var out []Output
			for b.Loop() {
				var err error
				if out, err = bu.Build(bb.files, entries); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out[0].Code)), "out-bytes")
			b.ReportMetric(float64(len(out[0].Inputs)), "inputs")
		})
	}
}

// BenchmarkLower is the cost of lowering source compiled at run time (a
// new Function call's source, as the engine builds it) and of a bundle
// uploaded by a client.
func BenchmarkLower(b *testing.B) {
	fn := "return (function anonymous(data, opts\n) {\n" + strings.Repeat("if (data.a !== undefined) { opts = { ...opts, a: data.a }; }\n", 20) + "return opts\n})"
	plain := strings.ReplaceAll(fn, "...opts, ", "")
	bu := New(Options{SourceMap: true})
	for _, bb := range []struct{ name, src string }{{"new Function with spread", fn}, {"new Function without ...", plain}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bu.Lower(bb.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	outs, err := bu.Build(files("orders/create.ts", bigFunction(200<<10)), []string{"orders/create.ts"})
	if err != nil {
		b.Fatal(err)
	}
	code := append(outs[0].Code, " /* ... */"...)
	b.Run("200KB bundle, nothing to lower", func(b *testing.B) {
		b.SetBytes(int64(len(code)))
		for b.Loop() {
			if _, _, err := bu.LowerBundle(code, outs[0].Map); err != nil {
				b.Fatal(err)
			}
		}
	})
}
