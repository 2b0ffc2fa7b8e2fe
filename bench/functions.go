package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// answerMark is the literal that deploy trials replace to tell one version
// of a function from the next (in sources and in peers' compiled files).
const answerMark = "__ANSWER_0000000__"

// seedPing is the seed's ping function (samples/ping.ts), read from the
// repository so the benchmark always runs the real one.
func seedPing(cfg *config) ([]byte, error) {
	return os.ReadFile(filepath.Join(cfg.Root, "samples", "ping.ts"))
}

// pingWith is the seed's ping function answering {pong: answer}.
func pingWith(seed []byte, answer string) []byte {
	return []byte(strings.Replace(string(seed), "'12it worked!'", "'"+answer+"'", 1))
}

// expectedPing is the body the seed's ping function answers.
const expectedPing = `{"pong":"12it worked!"}`

// spinSource is the bad neighbour: every call spins until its deadline.
const spinSource = `import type { FastifyRequest } from "fastify";
export default [{}, (request: FastifyRequest) => { let n = 0; while (true) { n++; } return { n }; }];
`

// bigSource generates a route file whose bundle is about 200 KB: a
// validation library of the kind an npm dependency brings (checks, messages,
// classes, a registry built at the top level) and a handler that uses it.
func bigSource() []byte {
	var b strings.Builder
	b.WriteString("import type { FastifyRequest } from \"fastify\";\n\n")
	const checks, msgs, classes = 295, 490, 42
	for i := 0; i < checks; i++ {
		fmt.Fprintf(&b, `export function check%d(v: any, path: string[] = []): string[] {
  const errors: string[] = [];
  if (v === null || typeof v !== "object") { errors.push(path.concat("check%d").join(".") + ": expected an object, got " + typeof v); return errors; }
  const f = v["field%d"];
  if (f !== undefined && typeof f !== "string" && typeof f !== "number") errors.push("field%d must be a string or a number");
  if (typeof f === "string" && f.length > %d) errors.push("field%d is longer than %d characters");
  if (typeof f === "number" && (f < %d || f > %d)) errors.push("field%d is out of range");
  return errors;
}
`, i, i, i%37, i%37, 8+i%120, i%37, 8+i%120, -i, i*7+3, i%37)
	}
	b.WriteString("export const messages: Record<string, string> = {\n")
	for i := 0; i < msgs; i++ {
		fmt.Fprintf(&b, "  msg%d: \"The value at {path} did not match rule number %d of the schema; see the documentation, section %d.%d.\",\n", i, i, i/50, i%50)
	}
	b.WriteString("};\n\n")
	for i := 0; i < classes; i++ {
		fmt.Fprintf(&b, `export class Rule%d {
  readonly name = "rule%d";
  constructor(private readonly limit: number = %d) {}
  test(value: unknown): boolean { return typeof value === "string" ? value.length <= this.limit : typeof value === "number" ? value <= this.limit * %d : false; }
  describe(): string { return messages["msg%d"].replace("{path}", this.name) + " (limit " + this.limit + ")"; }
}
`, i, i, 10+i, i+1, i*11%msgs)
	}
	b.WriteString("\nconst registry = new Map<string, (v: any) => string[]>();\n")
	for i := 0; i < checks; i++ {
		fmt.Fprintf(&b, "registry.set(\"check%d\", check%d);\n", i, i)
	}
	b.WriteString("const rules = [")
	for i := 0; i < classes; i++ {
		fmt.Fprintf(&b, "new Rule%d(), ", i)
	}
	b.WriteString("];\n")
	b.WriteString(`
export default function () {
  return [
    { schema: { response: { 200: { type: "object", properties: { pong: { type: "string" }, checks: { type: "integer" }, rules: { type: "integer" } } } } } },
    (request: FastifyRequest) => {
      let n = 0;
      for (const check of registry.values()) n += check(request.body).length;
      return { pong: "big", checks: n, rules: rules.filter((r) => r.test("x")).length };
    },
  ];
}
`)
	return []byte(b.String())
}

// projectFiles is a 100-file project: ten shared modules under _lib/ and 90
// routes, route i importing _lib/m(i%10). The tag of _lib/m0.ts changes the
// answer of r000, r010, … r080; note is r000's own constant.
func projectFiles(tag, note string) map[string][]byte {
	files := map[string][]byte{}
	for m := 0; m < 10; m++ {
		t := fmt.Sprintf("m%d-stable", m)
		if m == 0 {
			t = tag
		}
		files[fmt.Sprintf("_lib/m%d.ts", m)] = []byte(fmt.Sprintf(`export const tag = %q;
export function shape(route: string, body: unknown): { route: string; tag: string; size: number } {
  return { route, tag, size: JSON.stringify(body ?? null).length };
}
`, t))
	}
	for r := 0; r < 90; r++ {
		n := "stable"
		if r == 0 {
			n = note
		}
		files[fmt.Sprintf("r%03d.ts", r)] = []byte(fmt.Sprintf(`import type { FastifyRequest } from "fastify";
import { shape } from "./_lib/m%d";

const note = %q;

export default [
  { schema: { response: { 200: { type: "object", properties: { route: { type: "string" }, tag: { type: "string" }, size: { type: "integer" }, note: { type: "string" } } } } } },
  (request: FastifyRequest) => ({ ...shape("r%03d", request.body), note }),
];
`, r%10, n, r))
	}
	return files
}

// withAnswer swaps the answer mark (or a previous answer) for a new one.
func withAnswer(src []byte, old, answer string) []byte {
	return []byte(strings.ReplaceAll(string(src), old, answer))
}
