package engine

import (
	"context"
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
	kvMaxKey   = 512
	kvMaxValue = 1 << 20
	// kvMaxPrefix bounds a list prefix and a cursor.
	kvMaxPrefix = 1024
)

// kvHost makes the module's bindings.
func kvHost(rt *runtime) goja.Value {
	vm := rt.vm
	o := vm.NewObject()
	set := func(name string, fn func(c goja.FunctionCall) goja.Value) { _ = o.Set(name, fn) }
	set("get", func(c goja.FunctionCall) goja.Value {
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
		key := rt.kvString(c.Argument(0), "key", kvMaxKey)
		return rt.kvCall(&KVOp{Op: "delete", Key: key}, func(*KVResult) goja.Value { return goja.Undefined() })
	})
	set("list", func(c goja.FunctionCall) goja.Value {
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

// kvCall runs op on the host and settles a promise with answer(result).
func (rt *runtime) kvCall(op *KVOp, answer func(*KVResult) goja.Value) goja.Value {
	h := rt.e.cfg.Host
	user := rt.user
	return rt.hostPromise(func(ctx context.Context) func() (goja.Value, error) {
		if h == nil {
			return func() (goja.Value, error) {
				return nil, &HostError{ErrCode: "TARSUS_NOT_AVAILABLE", Message: "kv: this server has no KV store"}
			}
		}
		r, err := h.KV(ctx, user, op)
		return func() (goja.Value, error) {
			if err != nil {
				return nil, err
			}
			if r == nil {
				r = &KVResult{}
			}
			return answer(r), nil
		}
	})
}
