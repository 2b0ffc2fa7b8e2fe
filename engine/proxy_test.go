package engine

import (
	"reflect"
	"testing"
)

// proxyCases exercise the Proxy a function sees (its handler wrapped to
// check ownKeys) where the standard is subtle: traps looked up when used,
// handlers changed afterwards, revocation, invariants, this in a trap.
// (The construct case copies its args at once: goja's args array for a
// construct trap aliases the VM's stack, with or without the check, so
// reading it after the trap returned shows other values.)
const proxyCases = `const out = [];
const t = (f) => { try { out.push(f()) } catch (e) { out.push(e.constructor.name + ": " + (e instanceof TypeError)) } };
t(() => [typeof Proxy, Proxy.name, Proxy.length, "revocable" in Proxy]);
t(() => Proxy({}, {}));
t(() => new Proxy({}, null));
t(() => Object.keys(new Proxy({ a: 1, b: 2 }, {})));
t(() => { const h = {}; const p = new Proxy({ a: 1 }, h); const before = Object.keys(p); h.ownKeys = () => ["a", "z"]; h.getOwnPropertyDescriptor = (o, k) => ({ value: k, enumerable: true, configurable: true }); return [before, Object.keys(p)] });
t(() => { const h = { ownKeys() { return this === h ? ["a"] : ["wrong this"] } }; return Reflect.ownKeys(new Proxy({}, h)) });
t(() => Object.keys(new Proxy(Object.preventExtensions({ a: 1 }), { ownKeys: () => ["a", "b"] })));
t(() => { const r = Proxy.revocable({ a: 1 }, { ownKeys: () => ["a"] }); const k = Object.keys(r.proxy); r.revoke(); try { Object.keys(r.proxy) } catch (e) { return [k, e.constructor.name] } });
t(() => { const p = new Proxy(function () { return 1 }, { apply: (f, th, args) => args.length }); return [p(1, 2, 3), typeof p] });
t(() => { class A { constructor() { this.x = 1 } } const P = new Proxy(A, { construct: (c, args) => ({ made: Array.from(args) }) }); return new P(1, 2) });
t(() => { const seen = []; for (const k in new Proxy({ a: 1, b: 2 }, { ownKeys: (o) => ["b", "a"] })) seen.push(k); return seen });
t(() => JSON.stringify(new Proxy([1, 2, 3], {})));
`

// TestProxyAnswersAsNode: the checked Proxy behaves as node's.
func TestProxyAnswersAsNode(t *testing.T) {
	want, got := nodeAndEngine(t, proxyCases)
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("case %d:\n got  %v\n node %v", i, got[i], want[i])
		}
	}
}
