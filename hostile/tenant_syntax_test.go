package hostile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tclient "github.com/tarsus/tarsus/client"
	"github.com/tarsus/tarsus/internal/testserver"
)

// The attacks of this file use syntax that goja runs as one native loop no
// interrupt reaches: object spread and rest copy one property per element
// of their source in one call ({...new Uint8Array(2 ** 22)} ran 29 s and
// took 1.5 GB past a 3 s deadline). The server lowers them to loops goja
// interrupts, in bundles it builds, in bundles a client uploads and in
// code a function compiles at run time (eval, new Function, the async and
// generator function constructors). Each attack must be stopped by the
// deadline (504 TARSUS_TIMEOUT) or the memory watchdog (503
// TARSUS_MEMORY) within the deadline plus one second.

const syntaxDeadline = 3 * time.Second

// syntaxOptions: the memory watchdog is on, so that whichever of the
// deadline and the watchdog comes first stops the attack.
var syntaxOptions = testserver.Options{Timeout: syntaxDeadline, MemoryLimit: 256 << 20}

// big is a 32 Mi-element typed array (MaxTypedArrayBytes allows it).
const big = `new Uint8Array(2 ** 25)`

var syntaxAttacks = []struct{ name, handler string }{
	{"object spread of a typed array", `() => ({ n: Object.keys({ ...` + big + ` }).length })`},
	{"object spread of a string", `() => ({ n: Object.keys({ ..."x".repeat(2 ** 24) }).length })`},
	{"object rest of a typed array", `() => { const { a, ...rest }: any = ` + big + `; return { n: Object.keys(rest).length } }`},
	{"object rest in a parameter", `() => (({ a, ...rest }: any) => ({ n: Object.keys(rest).length }))(` + big + `)`},
	{"direct eval", `() => eval("({ n: Object.keys({ ...` + big + ` }).length })")`},
	{"indirect eval", `() => (0, eval)("({ n: Object.keys({ ...` + big + ` }).length })")`},
	{"globalThis.eval", `() => (globalThis as any)["ev" + "al"]("({ n: Object.keys({ ...` + big + ` }).length })")`},
	{"new Function", `() => new Function("a", "return { n: Object.keys({ ...a }).length }")(` + big + `)`},
	{"Function called", `() => Function("a", "const { x, ...r } = a; return { n: Object.keys(r).length }")(` + big + `)`},
	{"a function's constructor", `() => (function () {}).constructor("a", "return { n: Object.keys({ ...a }).length }")(` + big + `)`},
	{"Reflect.construct(Function)", `() => Reflect.construct(Function, ["a", "return { n: Object.keys({ ...a }).length }"])(` + big + `)`},
	{"AsyncFunction", `async () => { const AF: any = Object.getPrototypeOf(async function () {}).constructor; return await new AF("a", "return { n: Object.keys({ ...a }).length }")(` + big + `) }`},
	{"async arrow's constructor", `async () => { const AF: any = (async () => {}).constructor; return await AF("a", "return { n: Object.keys({ ...a }).length }")(` + big + `) }`},
	{"GeneratorFunction", `() => { const GF: any = Object.getPrototypeOf(function* () {}).constructor; return new GF("a", "yield { n: Object.keys({ ...a }).length }")(` + big + `).next().value }`},
	{"eval inside new Function", `() => new Function("return eval('({ n: Object.keys({ ...` + big + ` }).length })')")()`},
}

// expectStopped checks that r is the deadline's or the watchdog's clean
// error, in time.
func expectStopped(t *testing.T, r resp, what string) {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("%s: transport error: %v", what, r.Err)
	}
	switch {
	case r.Status == 504 && r.code() == "TARSUS_TIMEOUT":
	case r.Status == 503 && r.code() == "TARSUS_MEMORY":
	default:
		t.Errorf("%s: %d %s; want 504 TARSUS_TIMEOUT or 503 TARSUS_MEMORY", what, r.Status, cut(r.Body))
	}
	m := r.JSON(t)
	if msg, _ := m["message"].(string); msg == "" || m["statusCode"] == nil {
		t.Errorf("%s: not Fastify's error shape: %s", what, cut(r.Body))
	}
	within(t, r, syntaxDeadline+time.Second, what)
}

// TestTenantSyntaxAttacks: each attack, deployed as source, through the
// real server.
func TestTenantSyntaxAttacks(t *testing.T) {
	freeHeap(t)
	s := start(t, syntaxOptions)
	tok := s.createUser("mallory")
	for i, a := range syntaxAttacks {
		t.Run(a.name, func(t *testing.T) {
			s := &server{Server: s.Server, t: t}
			route := fmt.Sprintf("s%d", i)
			s.mustDeploy(tok, route+".ts", "export default [{}, "+a.handler+"];")
			expectStopped(t, s.call("mallory", route, `{}`), a.name)
			s.alive()
		})
	}
}

// TestTenantSyntaxVictim: the attacks, one after another, while a second
// tenant calls its function; the victim stays fast.
func TestTenantSyntaxVictim(t *testing.T) {
	freeHeap(t)
	s := start(t, syntaxOptions)
	tok := s.createUser("mallory")
	picks := []int{0, 1, 4, 7, 11}
	for _, i := range picks {
		s.mustDeploy(tok, fmt.Sprintf("v%d.ts", i), "export default [{}, "+syntaxAttacks[i].handler+"];")
	}
	v := newVictim(s, 4)
	v.during(func() {
		for _, i := range picks {
			r := s.call("mallory", fmt.Sprintf("v%d", i), `{}`)
			if !(r.Status == 504 && r.code() == "TARSUS_TIMEOUT") && !(r.Status == 503 && r.code() == "TARSUS_MEMORY") {
				t.Errorf("%s: %d %s", syntaxAttacks[i].name, r.Status, cut(r.Body))
			}
		}
	})
	s.alive()
}

// clientBundle is a bundle as tarsus push uploads it, but written by hand
// with native object spread: a hostile client can upload any script.
const clientBundle = `(()=>{var f=()=>{const t=new Uint8Array(2**25);return{n:Object.keys({...t}).length}};globalThis.__tarsus_mod={default:[{},f]}})();
//# sourceMappingURL=evil.js.map`

// TestTenantSyntaxClientBundle: a bundle built by the client, uploaded as
// tarsus push does (multipart with a bundle and a map part), is lowered by
// the server too.
func TestTenantSyntaxClientBundle(t *testing.T) {
	freeHeap(t)
	s := start(t, syntaxOptions)
	tok := s.createUser("mallory")
	smap := []byte(`{"version":3,"sources":["evil.ts"],"names":[],"mappings":"AAAA"}`)
	body, ctype, err := tclient.DeployRequest{Files: []tclient.Upload{{
		Path: "evil.ts", Source: []byte("export default [{}, () => ({})];"), Bundle: []byte(clientBundle), Map: smap,
	}}}.Body()
	if err != nil {
		t.Fatal(err)
	}
	r := s.request("POST", "/api/v1/deploy", body, "Authorization", "Bearer "+tok, "Content-Type", ctype)
	if r.Status != 200 {
		t.Fatalf("deploy: %d %s", r.Status, cut(r.Body))
	}
	expectStopped(t, s.call("mallory", "evil", `{}`), "client-built bundle")
	s.alive()
}

// spreadCases is object spread and rest where their semantics are subtle;
// run lowered in Tarsus, it must give what node's native spread gives.
// The bundler's tests run the same file.
var spreadCases = func() string {
	b, err := os.ReadFile(filepath.Join("..", "bundler", "testdata", "spread_cases.js"))
	if err != nil {
		panic("the spread cases: " + err.Error())
	}
	return string(b)
}()

// dynamicCases is spread in code compiled at run time: the results and the
// identities of the function constructors as node has them.
const dynamicCases = `
function dyn() {
  const AF = Object.getPrototypeOf(async function () {}).constructor;
  const GF = Object.getPrototypeOf(function* () {}).constructor;
  const f = new Function("a", "b", "return { ...a, b, ...(b > 1 ? { big: true } : {}) }");
  return {
    fn: f({ x: 1 }, 2),
    fnPlain: Function("return 40 + 2")(),
    evalSpread: eval("({ ...{ e: 1 }, f: 2 })"),
    evalCompletion: (0, eval)("var lowered = { ...{ g: 1 } }; lowered.g + 1"),
    gen: [...new GF("a", "yield { ...a }; yield 2")({ y: 1 })],
    fnIdentity: [(function () {}).constructor === Function, f instanceof Function, Function.prototype.constructor === Function, Function.name, Function.length],
    asyncIdentity: [AF.name, AF.prototype === Object.getPrototypeOf(async () => {}), new AF("return 1") instanceof Function, AF.prototype.constructor === AF],
    genName: GF.name,
    syntax: (() => { try { new Function("return { ...a "); return "no error"; } catch (e) { return e.name; } })(),
  };
}
`

// TestTenantSyntaxSemantics: lowered object spread and rest, in a deployed
// bundle and in code compiled at run time, behave as node's native ones.
func TestTenantSyntaxSemantics(t *testing.T) {
	s := start(t, syntaxOptions)
	tok := s.createUser("alice")
	s.mustDeploy(tok, "cases.js", spreadCases+dynamicCases+"\nexport default [{}, async () => ({ spread: run(), dyn: { ...dyn(), asyncFn: await new (Object.getPrototypeOf(async function () {}).constructor)('a', 'return { ...a, z: await 1 }')({ w: 1 }) } })];\n")
	r := s.call("alice", "cases", `{}`)
	if r.Status != 200 {
		t.Fatalf("cases: %d %s", r.Status, cut(r.Body))
	}
	want := runNode(t, spreadCases+dynamicCases+`
(async () => {
  const out = { spread: run(), dyn: { ...dyn(), asyncFn: await new (Object.getPrototypeOf(async function () {}).constructor)('a', 'return { ...a, z: await 1 }')({ w: 1 }) } };
  console.log(JSON.stringify(out));
})();
`)
	var got, exp any
	if err := json.Unmarshal(r.Body, &got); err != nil {
		t.Fatalf("%v: %s", err, r.Body)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("%v: %s", err, want)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if !bytes.Equal(g, e) {
		t.Errorf("Tarsus gives\n%s\nnode gives\n%s", g, e)
	}
}

// runNode runs a script in node and returns its output.
func runNode(t *testing.T, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "native.js")
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", p).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// chain is a chain of 32,768 operators (a 64 KiB source): goja compiles it
// in time quadratic in its length, 4–5 s in one call no deadline reaches.
var chain = strings.Repeat("a+", 1<<15) + "a"

// TestOperatorChainAttacks: such a chain in a deployed source, in a bundle
// uploaded by a client, or in code compiled at run time is refused at
// once with a message naming the limit; the deploys change nothing.
func TestOperatorChainAttacks(t *testing.T) {
	s := start(t, syntaxOptions)
	tok := s.createUser("mallory")
	s.mustDeploy(tok, "f.ts", `export default [{}, () => ({ v: 1 })];`)
	deployWithin := syntaxDeadline + time.Second

	r := s.deploy(tok, "f.ts", "export default [{}, (req: any) => { const a = req.body.a; return { n: "+chain+" } }];")
	within(t, r, deployWithin, "a deploy with a long operator chain")
	expectError(t, r, 400, "TARSUS_LOAD", "MaxOperatorChain")

	smap := []byte(`{"version":3,"sources":["f.ts"],"names":[],"mappings":"AAAA"}`)
	body, ctype, err := tclient.DeployRequest{Files: []tclient.Upload{{
		Path: "f.ts", Source: []byte("export default [{}, () => ({})];"),
		Bundle: []byte("(()=>{var a=1;var f=()=>({n:" + chain + "});globalThis.__tarsus_mod={default:[{},f]}})();\n//# sourceMappingURL=f.js.map"), Map: smap,
	}}}.Body()
	if err != nil {
		t.Fatal(err)
	}
	r = s.request("POST", "/api/v1/deploy", body, "Authorization", "Bearer "+tok, "Content-Type", ctype)
	within(t, r, deployWithin, "a client bundle with a long operator chain")
	expectError(t, r, 400, "TARSUS_LOAD", "MaxOperatorChain")

	if r := s.call("mallory", "f", `{}`); r.Status != 200 || string(r.Body) != `{"v":1}` {
		t.Fatalf("the refused deploys changed the live function: %d %s", r.Status, cut(r.Body))
	}

	for name, handler := range map[string]string{
		"eval":         `() => { const a = 1; return { n: (0, eval)("var a = 1; " + "a+".repeat(2 ** 15) + "a") } }`,
		"new Function": `() => ({ n: new Function("a", "return " + "a+".repeat(2 ** 15) + "a")(1) })`,
	} {
		s.mustDeploy(tok, "g.ts", "export default [{}, "+handler+"];")
		r := s.call("mallory", "g", `{}`)
		within(t, r, syntaxDeadline+time.Second, name+" of a long operator chain")
		expectError(t, r, 500, "TARSUS_LIMIT", "MaxOperatorChain")
	}
	s.alive()
}
