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

// stdStatics are the static properties goja's constructors lack, by
// constructor.
var stdStatics = map[string][]string{
	"Symbol":  {"asyncIterator", "dispose", "asyncDispose"},
	"Promise": {"withResolvers"},
	"Object":  {"groupBy"},
	"Map":     {"groupBy"},
	"Array":   {"fromAsync"},
	"Error":   {"captureStackTrace", "stackTraceLimit"},
}

// addStdStatics puts a dynamic object between the constructor c and its
// prototype (Function.prototype): a read of one of the missing statics
// reaches it, which makes the property (lib/std.js) and defines it on c,
// where later reads find it. The lifecycle's own code names Object,
// Promise, Error… in every runtime, so the statics cost nothing until a
// function uses one.
func (rt *runtime) addStdStatics(name string, c *goja.Object) {
	d := rt.vm.NewDynamicObject(&stdStaticsProto{rt: rt, name: name, c: c})
	if err := d.SetPrototype(c.Prototype()); err != nil {
		return
	}
	_ = c.SetPrototype(d)
}

type stdStaticsProto struct {
	rt   *runtime
	name string
	c    *goja.Object
	busy bool
}

func (p *stdStaticsProto) Get(key string) goja.Value {
	if p.busy {
		return nil
	}
	for _, k := range stdStatics[p.name] {
		if k != key {
			continue
		}
		// Reached only while c has no own property key.
		p.busy = true
		v := p.rt.stdStatic(p.name, key)
		p.busy = false
		_ = p.c.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return v
	}
	return nil
}

func (p *stdStaticsProto) Has(key string) bool         { return p.Get(key) != nil }
func (p *stdStaticsProto) Set(string, goja.Value) bool { return false }
func (p *stdStaticsProto) Delete(string) bool          { return true }
func (p *stdStaticsProto) Keys() []string              { return nil }

// stdStatic makes one missing static with lib/std.js.
func (rt *runtime) stdStatic(name, key string) goja.Value {
	std, ok := goja.AssertFunction(rt.module("internal/std", false).ToObject(rt.vm).Get("static"))
	if !ok {
		return goja.Undefined()
	}
	v, err := std(goja.Undefined(), rt.vm.ToValue(name), rt.vm.ToValue(key))
	if err != nil {
		panic(err)
	}
	return v
}

// stdExtra makes WeakRef or FinalizationRegistry (lib/std.js).
func (rt *runtime) stdExtra(name string) goja.Value {
	std, ok := goja.AssertFunction(rt.module("internal/std", false).ToObject(rt.vm).Get("std"))
	if !ok {
		return goja.Undefined()
	}
	r, err := std(goja.Undefined(), rt.vm.ToValue(name))
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
