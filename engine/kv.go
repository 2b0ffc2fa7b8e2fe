package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dop251/goja"
)

// The Go bindings of "tarsus:kv" (lib/kv.js): one function per KVOp, each
// returning a promise settled on the event loop with Config.Host's answer.
// Arguments are checked and copied into plain Go data before the host call
// starts on its goroutine (goja values never leave the loop's goroutine,
// and a buffer the function changes later does not change what is
// written). Sizes are checked before anything is converted: a key has at
// most kvMaxKey UTF-8 bytes, a value at most kvMaxValue.
//
// The JavaScript side encodes values (strings, ArrayBuffers, views, JSON)
// and decodes answers by the type asked for; update() retries its
// compare-and-set there, bounded by kvMaxAttempts and the deadline.

const (
	// kvMaxOps is how many KV calls one invocation may make (Cloudflare
	// Workers allow 1000), and kvMaxInFlight how many may be pending at
	// once: each pending call holds a goroutine and its copied value (up
	// to 1 MiB), so a loop of calls that are never awaited cannot make
	// the server hold more than kvMaxInFlight MiB for one invocation.
	kvMaxOps      = 1000
	kvMaxInFlight = 32
	kvMaxKey      = 512
	kvMaxValue    = 1 << 20
	// kvMaxPrefix bounds a list prefix and a cursor.
	kvMaxPrefix = 1024
)

// kvHost makes the module's bindings.
func kvHost(rt *runtime) goja.Value {
	vm := rt.vm
	o := vm.NewObject()
	set := func(name string, fn func(c goja.FunctionCall) goja.Value) { _ = o.Set(name, fn) }
	set("get", func(c goja.FunctionCall) goja.Value {
		rt.kvCheck()
		key := rt.kvString(c.Argument(0), "key", kvMaxKey)
		asText := c.Argument(1).ToBoolean()
		return rt.kvCall(&KVOp{Op: "get", Key: key}, func(r *KVResult) goja.Value {
			if !r.Found {
				return goja.Null()
			}
			res := vm.NewObject()
			if asText {
				_ = res.Set("value", string(r.Value))
			} else {
				_ = res.Set("value", vm.NewArrayBuffer(r.Value))
			}
			_ = res.Set("version", float64(r.Version))
			_ = res.Set("expiresAt", kvTime(vm, r.ExpiresAt))
			return res
		})
	})
	write := func(op string) func(c goja.FunctionCall) goja.Value {
		return func(c goja.FunctionCall) goja.Value {
			rt.kvCheck()
			kop := &KVOp{Op: op, Key: rt.kvString(c.Argument(0), "key", kvMaxKey)}
			kop.Value = rt.kvValue(c.Argument(1))
			kop.TTL = time.Duration(c.Argument(2).ToFloat() * float64(time.Millisecond))
			if op == "cas" {
				kop.Version = uint64(c.Argument(3).ToInteger())
			}
			asText := c.Argument(4).ToBoolean()
			return rt.kvCall(kop, func(r *KVResult) goja.Value {
				res := vm.NewObject()
				_ = res.Set("swapped", r.Swapped)
				_ = res.Set("version", float64(r.Version))
				_ = res.Set("expiresAt", kvTime(vm, r.ExpiresAt))
				if op == "cas" && !r.Swapped {
					_ = res.Set("found", r.Found)
					if asText {
						_ = res.Set("value", string(r.Value))
					} else {
						_ = res.Set("value", vm.NewArrayBuffer(r.Value))
					}
				}
				return res
			})
		}
	}
	set("put", write("put"))
	set("cas", write("cas"))
	set("delete", func(c goja.FunctionCall) goja.Value {
		rt.kvCheck()
		key := rt.kvString(c.Argument(0), "key", kvMaxKey)
		return rt.kvCall(&KVOp{Op: "delete", Key: key}, func(*KVResult) goja.Value { return goja.Undefined() })
	})
	set("list", func(c goja.FunctionCall) goja.Value {
		rt.kvCheck()
		op := &KVOp{Op: "list"}
		if v := c.Argument(0); !goja.IsUndefined(v) && !goja.IsNull(v) {
			op.Prefix = rt.kvString(v, "prefix", kvMaxPrefix)
		}
		op.Limit = int(min(max(c.Argument(1).ToInteger(), 0), 1000))
		if v := c.Argument(2); !goja.IsUndefined(v) && !goja.IsNull(v) {
			op.Cursor = rt.kvString(v, "cursor", kvMaxPrefix*2)
		}
		return rt.kvCall(op, func(r *KVResult) goja.Value {
			keys := make([]any, len(r.Keys))
			for i, k := range r.Keys {
				ko := vm.NewObject()
				_ = ko.Set("name", k.Name)
				_ = ko.Set("expiresAt", kvTime(vm, k.ExpiresAt))
				keys[i] = ko
			}
			res := vm.NewObject()
			_ = res.Set("keys", vm.NewArray(keys...))
			if r.Cursor != "" {
				_ = res.Set("cursor", r.Cursor)
			} else {
				_ = res.Set("cursor", goja.Null())
			}
			_ = res.Set("list_complete", r.Cursor == "")
			return res
		})
	})
	return o
}

// kvTime is an expiry as JS sees it: milliseconds since the epoch, or null.
func kvTime(vm *goja.Runtime, t time.Time) goja.Value {
	if t.IsZero() {
		return goja.Null()
	}
	return vm.ToValue(float64(t.UnixMilli()))
}

// kvString converts a string argument, refusing one longer than max
// UTF-8 bytes before converting it.
func (rt *runtime) kvString(v goja.Value, what string, max int) string {
	s, ok := v.(goja.String)
	if !ok {
		panic(rt.vm.NewTypeError(fmt.Sprintf("kv: the %s must be a string", what)))
	}
	if s.Length() > max { // UTF-16 units: at least one byte each
		panic(rt.kvTooLong(what, max))
	}
	out := s.String()
	if len(out) > max {
		panic(rt.kvTooLong(what, max))
	}
	return out
}

func (rt *runtime) kvTooLong(what string, max int) *goja.Object {
	e := rt.vm.NewTypeError(fmt.Sprintf("kv: the %s is longer than %d bytes", what, max))
	_ = e.Set("code", "TARSUS_KV_INVALID")
	return e
}

// kvValue copies a value to write: a string (as UTF-8) or the bytes of an
// ArrayBuffer or Uint8Array (lib/kv.js turns other views into one).
func (rt *runtime) kvValue(v goja.Value) []byte {
	tooLarge := func(n int64) *goja.Object {
		e := rt.vm.NewTypeError(fmt.Sprintf("kv: the value has %d bytes; a KV value may have at most %d (1 MiB)", n, kvMaxValue))
		_ = e.Set("code", "TARSUS_KV_TOO_LARGE")
		return e
	}
	if s, ok := v.(goja.String); ok {
		if s.Length() > kvMaxValue {
			panic(tooLarge(int64(s.Length())))
		}
		b := []byte(s.String())
		if len(b) > kvMaxValue {
			panic(tooLarge(int64(len(b))))
		}
		return b
	}
	if b, ok := rt.viewBytes(v); ok {
		if len(b) > kvMaxValue {
			panic(tooLarge(int64(len(b))))
		}
		return append([]byte(nil), b...)
	}
	panic(rt.vm.NewTypeError("kv: a value must be a string, an ArrayBuffer or a typed array (or any JSON value with {type: \"json\"})"))
}

// kvBudget counts an invocation's KV calls (kvMaxOps, kvMaxInFlight). It
// belongs to one loop generation: a new invocation starts from zero.
type kvBudget struct {
	gen           uint64
	ops, inFlight int
}

// kvCheck refuses a call past the invocation's budget; it is called before
// an argument is converted.
func (rt *runtime) kvCheck() {
	b := &rt.kv
	if b.gen != rt.loop.gen {
		*b = kvBudget{gen: rt.loop.gen}
	}
	var msg string
	switch {
	case b.ops >= kvMaxOps:
		msg = fmt.Sprintf("kv: an invocation may make at most %d KV calls", kvMaxOps)
	case b.inFlight >= kvMaxInFlight:
		msg = fmt.Sprintf("kv: at most %d KV calls may be pending at once: await some before making more", kvMaxInFlight)
	default:
		return
	}
	panic(rt.limitError(msg))
}

// kvCall runs op on the host and settles a promise with answer(result).
// The caller ran kvCheck before converting its arguments.
func (rt *runtime) kvCall(op *KVOp, answer func(*KVResult) goja.Value) goja.Value {
	rt.kvCheck() // again: converting the arguments ran no JS, but be exact
	rt.kv.ops++
	rt.kv.inFlight++
	h := rt.e.cfg.Host
	user := rt.user
	return rt.hostPromise(func(ctx context.Context) func() (goja.Value, error) {
		if h == nil {
			return func() (goja.Value, error) {
				rt.kv.inFlight--
				return nil, rt.kvError(&HostError{ErrCode: "TARSUS_NOT_AVAILABLE", Message: "kv: this server has no KV store"})
			}
		}
		r, err := h.KV(ctx, user, op)
		return func() (goja.Value, error) {
			rt.kv.inFlight-- // settled on the loop, in the same invocation
			if err != nil {
				return nil, rt.kvError(err)
			}
			if r == nil {
				r = &KVResult{}
			}
			return answer(r), nil
		}
	})
}

// kvError is the rejection of a failed KV call: an Error (not goja's
// GoError) whose code is the host's (TARSUS_KV_QUOTA, …). It is returned
// as a *goja.Exception, which hostPromise rejects with as it is.
func (rt *runtime) kvError(err error) error {
	var e *goja.Object
	if ctor, ok := goja.AssertConstructor(rt.vm.Get("Error")); ok {
		e, _ = ctor(nil, rt.vm.ToValue(err.Error()))
	}
	if e == nil {
		return err
	}
	var c interface{ Code() string }
	if errors.As(err, &c) {
		_ = e.Set("code", c.Code())
	}
	if ex := rt.vm.Try(func() { panic(e) }); ex != nil {
		return ex
	}
	return err
}
