package engine

import (
	"github.com/dop251/goja"
)

// Standard built-ins goja lacks (Node 20 has them, or code written for
// newer Node feature-tests for them), added to a standard global when a
// function first names it (lib/std.js; stdGlobalValue calls stdExtra):
// Symbol.asyncIterator, Symbol.dispose and Symbol.asyncDispose (the
// symbols esbuild's helpers fall back to), Promise.withResolvers,
// Object.groupBy, Map.groupBy, Array.fromAsync, Error.captureStackTrace
// and Error.stackTraceLimit, WeakRef and FinalizationRegistry (strong:
// nothing is ever collected, which the language allows), and
// String.prototype.isWellFormed and toWellFormed (Go, on the String
// prototype's guard). Not added: SharedArrayBuffer and Atomics (one
// runtime runs one thread).

// stdExtra runs lib/std.js for one global.
func (rt *runtime) stdExtra(name string, v goja.Value) goja.Value {
	std, ok := goja.AssertFunction(rt.module("internal/std", false).ToObject(rt.vm).Get("std"))
	if !ok {
		return v
	}
	r, err := std(goja.Undefined(), rt.vm.ToValue(name), v)
	if err != nil {
		panic(err)
	}
	return r
}

// wellFormedMethod makes String.prototype.isWellFormed or toWellFormed.
func (rt *runtime) wellFormedMethod(name string) goja.Value {
	vm := rt.vm
	units := func(this goja.Value) goja.String {
		if goja.IsUndefined(this) || goja.IsNull(this) {
			panic(vm.NewTypeError("String.prototype." + name + " called on null or undefined"))
		}
		if s, ok := this.(goja.String); ok {
			return s
		}
		return this.ToString().(goja.String)
	}
	// lone returns the index of the first lone surrogate at or after i, or -1.
	lone := func(s goja.String, i int) int {
		n := s.Length()
		for ; i < n; i++ {
			c := s.CharAt(i)
			switch {
			case c >= 0xD800 && c <= 0xDBFF:
				if i+1 < n {
					if d := s.CharAt(i + 1); d >= 0xDC00 && d <= 0xDFFF {
						i++
						continue
					}
				}
				return i
			case c >= 0xDC00 && c <= 0xDFFF:
				return i
			}
		}
		return -1
	}
	if name == "isWellFormed" {
		return vm.ToValue(func(c goja.FunctionCall) goja.Value {
			return vm.ToValue(lone(units(c.This), 0) < 0)
		})
	}
	return vm.ToValue(func(c goja.FunctionCall) goja.Value {
		s := units(c.This)
		i := lone(s, 0)
		if i < 0 {
			return s
		}
		// The same length as s: no size check needed beyond s's own.
		out := make([]uint16, s.Length())
		for j := range out {
			out[j] = s.CharAt(j)
		}
		for ; i >= 0; i = lone(s, i+1) {
			out[i] = 0xFFFD
		}
		return vm.ToValue(goja.StringFromUTF16(out))
	})
}
