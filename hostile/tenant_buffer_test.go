package hostile_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tarsus/tarsus/internal/testserver"
)

// The attacks of this file go through goja_nodejs's buffer, util and url
// modules (the Buffer, URL and URLSearchParams globals, require): before,
// Buffer.alloc(2, "") looped forever in a native fill no interrupt
// reaches (one call held a CPU, a thread and a pool slot for good), an
// object posing as a Uint8Array made Go allocate its length, and a
// Buffer.from toPrimitive chain grew the Go stack without end. Each is now
// Node's answer or a clean error within the deadline plus one second, and
// the server stays up.

// bufferDeadline is the server's invocation deadline in these tests.
const bufferDeadline = 3 * time.Second

// bufferAnswer is an attack whose answer is Node's: a 200 with this body.
type bufferAnswer struct {
	name, handler, body string
}

var bufferAnswers = []bufferAnswer{
	// The fill values that decode to no bytes: node 20 zero-fills "".
	{`Buffer.alloc(2, "")`, `() => ({ b: Array.from(Buffer.alloc(2, "")) })`, `{"b":[0,0]}`},
	{`Buffer.alloc(2, "", "base64")`, `() => ({ b: Array.from(Buffer.alloc(2, "", "base64")) })`, `{"b":[0,0]}`},
	{`Buffer.alloc(2 ** 25, "")`, `() => ({ n: Buffer.alloc(2 ** 25, "").length })`, `{"n":33554432}`},
	{`fill("") on a range`, `() => ({ b: Array.from(Buffer.alloc(4, 1).fill("", 1, 3)) })`, `{"b":[1,0,0,1]}`},
	// write decoded its whole string, whatever the buffer's size: a
	// thousand writes of 32 Mi characters into one byte.
	{`Buffer.alloc(1).write of 32 Mi characters, 1000 times`, `() => { const s = "x".repeat(2 ** 25); let n = 0; for (let i = 0; i < 1000; i++) n += Buffer.alloc(1).write(s); return { n } }`, `{"n":1000}`},
}

var bufferAttacks = []allocAttack{
	// node 20: TypeError ERR_INVALID_ARG_VALUE, "The argument 'value' is
	// invalid. Received 'zz'" (node -e 'Buffer.alloc(2, "zz", "hex")').
	{`Buffer.alloc(2, "zz", "hex")`, `() => ({ b: Array.from(Buffer.alloc(2, "zz", "hex")) })`, 500, "ERR_INVALID_ARG_VALUE", `The argument 'value' is invalid. Received 'zz'`},
	{`Buffer.alloc(2, "=", "base64")`, `() => ({ b: Array.from(Buffer.alloc(2, "=", "base64")) })`, 500, "ERR_INVALID_ARG_VALUE", `The argument 'value' is invalid. Received '='`},
	{`Buffer.alloc(2 ** 25, "=", "base64")`, `() => ({ n: Buffer.alloc(2 ** 25, "=", "base64").length })`, 500, "ERR_INVALID_ARG_VALUE", `Received '='`},
	{`fill("zz", "hex")`, `() => ({ b: Array.from(Buffer.alloc(8).fill("zz", "hex")) })`, 500, "ERR_INVALID_ARG_VALUE", `Received 'zz'`},
	// Objects that pose as a Uint8Array: goja_nodejs exported them to a
	// []byte of their length.
	{`toString on a 2**40 array-like`, `() => Buffer.prototype.toString.call({ length: 2 ** 40 })`, 500, "ERR_INVALID_ARG_TYPE", `"this" value must be an instance of Buffer or Uint8Array`},
	{`readUInt8 on a fake Buffer`, `() => ({ n: Buffer.prototype.readUInt8.call(Object.create(Buffer.prototype, { length: { value: 2 ** 40 } })) })`, 500, "ERR_INVALID_ARG_TYPE", `"this" value must be an instance of Buffer or Uint8Array`},
	{`concat of a fake Uint8Array`, `() => ({ n: Buffer.concat([Object.setPrototypeOf({ length: 2 ** 40 }, Uint8Array.prototype) as any]).length })`, 500, "ERR_INVALID_ARG_TYPE", `"list[0]" argument must be an instance of Buffer or Uint8Array`},
	{`equals a fake Uint8Array`, `() => ({ e: Buffer.alloc(1).equals(Object.setPrototypeOf({ length: 2 ** 40 }, Uint8Array.prototype) as any) })`, 500, "ERR_INVALID_ARG_TYPE", `"otherBuffer" argument must be an instance of Buffer or Uint8Array`},
	// Buffer.from's conversions: node 20 answers ERR_INVALID_ARG_TYPE
	// for a toPrimitive that gives no string.
	{`Buffer.from a toPrimitive returning itself`, `() => ({ n: Buffer.from({ [Symbol.toPrimitive]() { return this } } as any).length })`, 500, "ERR_INVALID_ARG_TYPE", `Received an instance of Object`},
	{`new Buffer of a toPrimitive returning itself`, `() => ({ n: new (Buffer as any)({ [Symbol.toPrimitive]() { return this } }).length })`, 500, "ERR_INVALID_ARG_TYPE", `Received an instance of Object`},
	{`Buffer.from a 2**40 array-like`, `() => ({ n: Buffer.from({ length: 2 ** 40 } as any).length })`, 500, "TARSUS_LIMIT", "MaxArrayLength"},
	{`Buffer.from 16 Mi euro signs (48 MiB of UTF-8)`, `() => ({ n: Buffer.from("\u20ac".repeat(2 ** 24)).length })`, 500, "TARSUS_LIMIT", "MaxTypedArrayBytes"},
	// Results that amplify their input.
	{`toString("hex") of 32 MiB`, `() => ({ n: Buffer.alloc(2 ** 25).toString("hex").length })`, 500, "TARSUS_LIMIT", "MaxStringLen"},
	{`util.format of one string 4096 times`, `() => { const s = "x".repeat(2 ** 20); return { n: require("util").format("", ...new Array(4096).fill(s)).length } }`, 500, "TARSUS_LIMIT", "MaxStringLen"},
	{`URLSearchParams of 8 Mi parameters`, `() => ({ n: new URLSearchParams("a&".repeat(2 ** 23)).size })`, 500, "TARSUS_LIMIT", "MaxArrayLength"},
	{`URLSearchParams of a 32 Mi-key record`, `() => ({ n: new URLSearchParams(Object.setPrototypeOf(new Uint8Array(2 ** 25), null)).size })`, 500, "TARSUS_LIMIT", "MaxArrayLength"},
	// A typed array whose prototype is null has no length property, but
	// goja's native loops still walk every element.
	{`sort of a 32 Mi-element typed array without its prototype`, `() => ({ n: (Uint8Array.prototype.sort.call(Object.setPrototypeOf(new Uint8Array(2 ** 25), null)) as any).length })`, 500, "TARSUS_LIMIT", "MaxArrayLength"},
	{`Object.keys of a 32 Mi-element typed array without its prototype`, `() => ({ n: Object.keys(Object.setPrototypeOf(new Uint8Array(2 ** 25), null)).length })`, 500, "TARSUS_LIMIT", "MaxKeyedElements"},
	{`URLSearchParams.toString of 64 Mi characters escaped three times over`, `() => { const p = new URLSearchParams(); const v = "<>".repeat(2 ** 19); for (let i = 0; i < 64; i++) p.append("a", v); return { n: p.toString().length } }`, 500, "TARSUS_LIMIT", "MaxStringLen"},
	{`URL.toString with 64 Mi query characters escaped three times over`, `() => { const u = new URL("http://example.com/"); const v = "<>".repeat(2 ** 19); for (let i = 0; i < 64; i++) u.searchParams.append("a", v); return { n: u.toString().length } }`, 500, "TARSUS_LIMIT", "MaxStringLen"},
}

// TestTenantBufferAttacks runs each attack through the real server.
func TestTenantBufferAttacks(t *testing.T) {
	freeHeap(t)
	s := start(t, testserver.Options{Timeout: bufferDeadline})
	tok := s.createUser("mallory")
	for i, a := range bufferAnswers {
		t.Run(a.name, func(t *testing.T) {
			s := &server{Server: s.Server, t: t}
			route := fmt.Sprintf("ok%d", i)
			s.mustDeploy(tok, route+".ts", "export default [{}, "+a.handler+"];")
			r := s.call("mallory", route, `{}`)
			if r.Err != nil || r.Status != 200 || string(r.Body) != a.body {
				t.Errorf("got %d %s (%v), want 200 %s", r.Status, cut(r.Body), r.Err, a.body)
			}
			within(t, r, bufferDeadline+time.Second, a.name)
			s.alive()
		})
	}
	for i, a := range bufferAttacks {
		t.Run(a.name, func(t *testing.T) {
			runAttack(t, s, tok, fmt.Sprintf("a%d", i), a, bufferDeadline)
		})
	}
}

// TestTenantBufferFillVictim: the four fill values that used to loop
// forever, called again and again while a second tenant calls its
// function; every call answers and the victim stays fast.
func TestTenantBufferFillVictim(t *testing.T) {
	freeHeap(t)
	s := start(t, testserver.Options{Timeout: bufferDeadline})
	tok := s.createUser("mallory")
	s.mustDeploy(tok, "fill.ts", `export default [{}, () => {
		const out: any[] = [];
		for (const [v, enc] of [["", undefined], ["zz", "hex"], ["", "base64"], ["=", "base64"]]) {
			try { out.push(Array.from(Buffer.alloc(2, v as string, enc as any))) } catch (e: any) { out.push(e.code) }
		}
		return out;
	}];`)
	const want = `[[0,0],"ERR_INVALID_ARG_VALUE",[0,0],"ERR_INVALID_ARG_VALUE"]`
	v := newVictim(s, 4)
	v.during(func() {
		for i := 0; i < 20; i++ {
			r := s.call("mallory", "fill", `{}`)
			if r.Status != 200 || string(r.Body) != want {
				t.Errorf("call %d: %d %s, want 200 %s", i, r.Status, cut(r.Body), want)
			}
			within(t, r, bufferDeadline+time.Second, "fill")
		}
	})
	s.alive()
}
