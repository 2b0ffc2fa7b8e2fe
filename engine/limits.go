package engine

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Size limits on what a function can make the host allocate, and on the
// native built-ins whose loops no interrupt reaches.
//
// goja checks Runtime.Interrupt between JS instructions, never inside a
// native call: `new Array(2 ** 31).join("x")` or `new Uint8Array(2 ** 33)`
// used to run (or allocate) to the end whatever the deadline said. So:
//
//   - Size checks before the call: typed-array, ArrayBuffer and Buffer
//     constructors (MaxTypedArrayBytes); the array-likes that
//     Array.prototype's methods, Function.prototype.apply,
//     Reflect.apply/construct, Array.from and the typed arrays' from walk,
//     the typed arrays' sort, join and iterators, and Object.keys of a
//     typed array (MaxArrayLength); the string built-ins that amplify and
//     JSON.stringify's output, counted as it is made (MaxStringLen); the
//     global regular-expression operations (MaxRegexpSubject); and every
//     host function that allocates from a JS value. A limit is a catchable
//     RangeError whose message names the Config field, with code
//     TARSUS_LIMIT.
//   - An interrupt check inside the native loops that walk the holes of a
//     sparse array (join, fill, sort, spread, JSON.stringify…): a dynamic
//     object between Array.prototype and Object.prototype (protoGuard)
//     sees every read of a missing index and polls the VM's interrupt
//     every pollEvery reads, so the deadline and the memory watchdog stop
//     them.
//
// The global constructors are wrapped when a function first names them:
// the runtime's global object is an ordinary object whose prototype makes
// each standard global on first reference (see globals.go), so a runtime
// whose function uses no typed array builds none. Prototype methods are
// put back wrapped on first use (protoGuard).

// pollEvery is how many hole reads pass between two interrupt polls.
const pollEvery = 1 << 12

// limitError is the RangeError a size limit throws.
func (rt *runtime) limitError(msg string) *goja.Object {
	vm := rt.vm
	var e *goja.Object
	if ctor, ok := goja.AssertConstructor(vm.Get("RangeError")); ok {
		e, _ = ctor(nil, vm.ToValue(msg))
	}
	if e == nil {
		e = vm.NewGoError(&rangeError{msg})
	}
	_ = e.Set("code", "TARSUS_LIMIT")
	return e
}

func (rt *runtime) tooManyElements(what string, n float64) {
	panic(rt.limitError(fmt.Sprintf("Invalid array length: %s has %s elements; the limit is %d (engine MaxArrayLength)", what, fmtCount(n), rt.e.cfg.MaxArrayLength)))
}

func (rt *runtime) tooManyBytes(what string, n float64) {
	panic(rt.limitError(fmt.Sprintf("Array buffer allocation failed: %s would take %s bytes; the limit is %d (engine MaxTypedArrayBytes)", what, fmtCount(n), rt.e.cfg.MaxTypedArrayBytes)))
}

func (rt *runtime) stringTooLong(what string, n float64) {
	panic(rt.limitError(fmt.Sprintf("Invalid string length: %s would have %s characters; the limit is %d (engine MaxStringLen)", what, fmtCount(n), rt.e.cfg.MaxStringLen)))
}

// tooManyKeys refuses a typed array or string that a native call would
// turn into one property per element.
func (rt *runtime) tooManyKeys(what string, n float64) {
	panic(rt.limitError(fmt.Sprintf("Invalid array length: %s has %s elements, each of which would become a property in one step; the limit is %d (engine MaxKeyedElements)", what, fmtCount(n), rt.e.cfg.MaxKeyedElements)))
}

// keyedLength is the element count of a typed array or a string (object
// or primitive), whose elements native calls turn into properties one by
// one; 0 for anything else.
func (rt *runtime) keyedLength(v goja.Value) float64 {
	switch a := v.(type) {
	case goja.String:
		return float64(a.Length())
	case *goja.Object:
		if rt.isTypedArray(a) || a.ClassName() == "String" {
			return lengthOf(a)
		}
	}
	return 0
}

func fmtCount(n float64) string {
	if n >= 1<<53 || n != math.Trunc(n) {
		return strconv.FormatFloat(n, 'g', -1, 64)
	}
	return strconv.FormatInt(int64(n), 10)
}

// lengthOf is ToLength(o.length) as a float64 (no overflow), 0 for
// non-objects. A typed array's is its real element count: goja's native
// loops use that, while its length property can be hidden (a prototype
// set to null reads undefined) or shadowed.
func lengthOf(v goja.Value) float64 {
	o, ok := v.(*goja.Object)
	if !ok {
		return 0
	}
	if c := o.ClassName(); c != "Array" && c != "DataView" {
		if t := o.ExportType(); t != nil && t.Kind() == reflect.Slice {
			return float64(reflect.ValueOf(o.Export()).Len())
		}
	}
	l := o.Get("length")
	if l == nil {
		return 0
	}
	n := l.ToFloat()
	if n != n || n <= 0 {
		return 0
	}
	return math.Trunc(n)
}

// poll surfaces a pending interrupt (deadline or memory watchdog) inside a
// native call: running any JS makes goja check it, and the interrupt then
// unwinds through the native call as it does through JS.
func (rt *runtime) poll() {
	if rt.pollFn == nil {
		v, err := rt.vm.RunString("(function () {})")
		if err != nil {
			panic(err)
		}
		rt.pollFn, _ = goja.AssertFunction(v)
	}
	if _, err := rt.pollFn(goja.Undefined()); err != nil {
		panic(err)
	}
}

// ---- the global object --------------------------------------------------

// installGlobals replaces goja's global object with an ordinary one whose
// prototype, lazyGlobals, makes each global on first reference: the Web
// and Node globals of globals.go, and goja's standard ones, copied from
// goja's own global object (which builds only the one asked for) and
// wrapped where they need a size check.
func (rt *runtime) installGlobals() error {
	vm := rt.vm
	rt.stdGlobal = vm.GlobalObject()
	g := vm.NewObject()
	lazy := vm.NewDynamicObject(lazyGlobals{rt})
	if err := lazy.SetPrototype(rt.stdGlobal.Prototype()); err != nil {
		return err
	}
	if err := g.SetPrototype(lazy); err != nil {
		return err
	}
	vm.SetGlobalObject(g)
	return nil
}

// stdGlobalValue makes one of goja's standard globals in this runtime,
// wrapped where it needs a size check, and defines it on the global object
// as goja does. It returns nil for a name goja does not have.
func (rt *runtime) stdGlobalValue(name string) goja.Value {
	vm := rt.vm
	v := rt.stdGlobal.Get(name)
	if v == nil {
		if name != "WeakRef" && name != "FinalizationRegistry" {
			return nil
		}
		v = rt.stdExtra(name)
		rt.defineGlobal(name, v)
		return v
	}
	g := vm.GlobalObject()
	switch name {
	case "globalThis":
		v = g
	case "NaN", "Infinity", "undefined":
		_ = g.DefineDataProperty(name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return v
	case "ArrayBuffer":
		v = rt.guardArrayBuffer(v.ToObject(vm))
	case "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
		"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array":
		v = rt.guardTypedArray(name, v.ToObject(vm))
	case "eval":
		if rt.origEval != nil {
			v = rt.evalFn()
		}
	case "Function":
		if rt.functionCtor != nil {
			v = rt.functionCtor
		}
	case "Array":
		rt.guardArrayStatics(v.ToObject(vm))
	case "Object":
		rt.guardObjectStatics(v.ToObject(vm))
	case "String":
		rt.wrapMethod(v.ToObject(vm), "raw", func(c goja.FunctionCall) {
			if o, ok := c.Argument(0).(*goja.Object); ok {
				if n := lengthOf(o.Get("raw")); n > float64(rt.e.cfg.MaxArrayLength) {
					rt.tooManyElements("the strings given to String.raw", n)
				}
			}
		})
	case "JSON":
		rt.guardJSON(v.ToObject(vm))
	case "Reflect":
		rt.guardReflect(v.ToObject(vm))
		rt.guardRegexps()
	case "Symbol":
		rt.guardRegexps()
	case "Proxy":
		v = rt.guardProxy(v)
	case "Date":
		rt.intlDateMethods(v.ToObject(vm))
	case "BigInt":
		rt.intlBigIntMethods(v.ToObject(vm))
	}
	if _, ok := stdStatics[name]; ok {
		rt.addStdStatics(name, v.ToObject(vm))
	}
	rt.defineGlobal(name, v)
	return v
}

// ---- typed arrays and ArrayBuffer ----------------------------------------

var bytesPerElement = map[string]float64{
	"Int8Array": 1, "Uint8Array": 1, "Uint8ClampedArray": 1, "Int16Array": 2, "Uint16Array": 2,
	"Int32Array": 4, "Uint32Array": 4, "Float32Array": 4, "Float64Array": 8, "BigInt64Array": 8, "BigUint64Array": 8,
}

// guardCtor returns a constructor that runs check and then constructs
// with ctor, and that stands in for ctor everywhere a function can see:
// same prototype object (whose constructor becomes the guard, so
// `x.constructor === Uint8Array` holds and `new x.constructor(n)` is
// checked too), same [[Prototype]] (so statics such as from, of and
// Symbol.species are inherited), same name and own statics, with those in
// statics replaced.
func (rt *runtime) guardCtor(name string, ctor *goja.Object, check func(args []goja.Value), statics map[string]goja.Value) *goja.Object {
	vm := rt.vm
	orig, _ := goja.AssertConstructor(ctor)
	g := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		check(call.Arguments)
		o, err := orig(call.NewTarget, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return o
	}).ToObject(vm)
	_ = g.SetPrototype(ctor.Prototype())
	_ = g.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	if l := ctor.Get("length"); l != nil {
		_ = g.DefineDataProperty("length", l, goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if bpe := ctor.Get("BYTES_PER_ELEMENT"); bpe != nil {
		_ = g.DefineDataProperty("BYTES_PER_ELEMENT", bpe, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	for k, v := range statics {
		_ = g.DefineDataProperty(k, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if proto, ok := ctor.Get("prototype").(*goja.Object); ok {
		_ = g.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		_ = proto.DefineDataProperty("constructor", g, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return g
}

func (rt *runtime) guardArrayBuffer(ctor *goja.Object) goja.Value {
	max := float64(rt.e.cfg.MaxTypedArrayBytes)
	return rt.guardCtor("ArrayBuffer", ctor, func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		if n := args[0].ToFloat(); n > max {
			rt.tooManyBytes("new ArrayBuffer("+fmtCount(n)+")", n)
		}
		if len(args) > 1 {
			if o, ok := args[1].(*goja.Object); ok {
				if m := o.Get("maxByteLength"); m != nil && m.ToFloat() > max {
					rt.tooManyBytes("an ArrayBuffer with maxByteLength "+fmtCount(m.ToFloat()), m.ToFloat())
				}
			}
		}
	}, map[string]goja.Value{"isView": ctor.Get("isView")})
}

func (rt *runtime) guardTypedArray(name string, ctor *goja.Object) goja.Value {
	vm := rt.vm
	rt.guardTypedArrayProto(ctor)
	bpe := bytesPerElement[name]
	max := float64(rt.e.cfg.MaxTypedArrayBytes)
	check := func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		switch a := args[0].(type) {
		case *goja.Object:
			if _, isBuf := a.Export().(goja.ArrayBuffer); isBuf {
				return // a view: no allocation
			}
			n := lengthOf(a)
			if a.ClassName() != "Array" && rt.isTypedArray(a) {
				// copied element by element: the size of the copy counts
			} else if n > float64(rt.e.cfg.MaxArrayLength) {
				rt.tooManyElements("the array-like given to new "+name, n)
			}
			if n*bpe > max {
				rt.tooManyBytes("new "+name+" of "+fmtCount(n)+" elements", n*bpe)
			}
		default:
			if n := a.ToFloat(); n*bpe > max {
				rt.tooManyBytes("new "+name+"("+fmtCount(n)+")", n*bpe)
			}
		}
	}
	// from(source) reads source.length elements in a native loop.
	statics := map[string]goja.Value{}
	if from, ok := goja.AssertFunction(ctor.Get("from")); ok {
		statics["from"] = vm.ToValue(func(c goja.FunctionCall) goja.Value {
			if n := lengthOf(c.Argument(0)); n > float64(rt.e.cfg.MaxArrayLength) {
				rt.tooManyElements("the source given to "+name+".from", n)
			}
			v, err := from(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		})
	}
	return rt.guardCtor(name, ctor, check, statics)
}

// guardTypedArrayProto checks, once, the %TypedArray%.prototype methods
// that loop natively per element in a way that costs far more than the
// buffer (sort, toSorted, join, toLocaleString, and the iterators a spread
// drains into an array of values): at most MaxArrayLength elements. A
// 32 MiB Uint8Array may exist; [...it] or it.sort() is 32 Mi steps.
func (rt *runtime) guardTypedArrayProto(ctor *goja.Object) {
	if rt.typedArraysGuarded {
		return
	}
	rt.typedArraysGuarded = true
	p, ok := ctor.Get("prototype").(*goja.Object)
	if !ok || p.Prototype() == nil {
		return
	}
	tp := p.Prototype()
	check := func(name string) func(goja.FunctionCall) {
		what := "the typed array given to " + name
		return func(c goja.FunctionCall) {
			if n := lengthOf(c.This); n > float64(rt.e.cfg.MaxArrayLength) {
				rt.tooManyElements(what, n)
			}
		}
	}
	for _, name := range [...]string{"sort", "toSorted", "join", "toLocaleString", "keys", "entries", "values"} {
		rt.wrapMethod(tp, name, check(name))
	}
	_ = tp.DefineDataPropertySymbol(goja.SymIterator, tp.Get("values"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// isTypedArray reports whether o is a typed array or a DataView: goja
// exports them as Go slices over their buffer.
func (rt *runtime) isTypedArray(o *goja.Object) bool {
	if o.ClassName() == "Array" {
		return false
	}
	t := o.ExportType()
	return t != nil && t.Kind() == reflect.Slice
}

// viewBytes returns the bytes a typed array, DataView or ArrayBuffer
// views, without copying; ok is false for anything else (a plain array is
// never converted: that would allocate from its length).
func (rt *runtime) viewBytes(v goja.Value) (b []byte, ok bool) {
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	if ab, isAB := o.Export().(goja.ArrayBuffer); isAB {
		return ab.Bytes(), true
	}
	if !rt.isTypedArray(o) {
		return nil, false
	}
	if err := rt.vm.ExportTo(o, &b); err != nil {
		return nil, false
	}
	return b, true
}

// ---- arrays --------------------------------------------------------------

// protoGuard is a dynamic object put between a built-in prototype P
// (Array.prototype, String.prototype) and P's own prototype. It does two
// things:
//
//   - Methods of P that need a size check are taken off P (their originals
//     kept here) and put back, wrapped, the first time a lookup misses on
//     P and reaches this object: a runtime whose function never calls
//     join builds no wrapper for it. (Taking a method off P makes goja
//     build the original, which cannot be avoided.)
//   - Under Array.prototype, a read of an index an array does not have
//     comes here, so a native loop over a sparse array's holes (join,
//     fill, sort, spread, JSON.stringify…) polls the interrupt every
//     pollEvery reads and the deadline and the memory watchdog stop it.
type protoGuard struct {
	rt      *runtime
	p       *goja.Object
	pending map[string]pendingWrap
	strs    bool // p is String.prototype: it also makes the methods goja lacks (wellFormedMethod)
	holes   bool
	n       int
}

type pendingWrap struct {
	orig  goja.Callable
	check func(goja.FunctionCall)
	// make, if set, makes the method instead (defining it on p) and
	// returns it: a method made on first use (intl.go).
	make func() goja.Value
}

// newProtoGuard inserts a guard under p.
func (rt *runtime) newProtoGuard(p *goja.Object, holes bool) (*protoGuard, error) {
	g := &protoGuard{rt: rt, p: p, pending: map[string]pendingWrap{}, holes: holes}
	d := rt.vm.NewDynamicObject(g)
	if err := d.SetPrototype(p.Prototype()); err != nil {
		return nil, err
	}
	if err := p.SetPrototype(d); err != nil {
		return nil, err
	}
	return g, nil
}

// wrap takes p[name] off p, to be put back wrapped with check on first use.
func (g *protoGuard) wrap(name string, check func(goja.FunctionCall)) {
	orig, ok := goja.AssertFunction(g.p.Get(name))
	if !ok {
		return
	}
	if err := g.p.Delete(name); err != nil {
		return
	}
	g.pending[name] = pendingWrap{orig: orig, check: check}
}

// later takes p[name] off p, to be made by make on first use.
func (g *protoGuard) later(name string, make func() goja.Value) {
	if err := g.p.Delete(name); err != nil {
		return
	}
	g.pending[name] = pendingWrap{make: make}
}

func (g *protoGuard) Get(key string) goja.Value {
	if g.strs && (key == "isWellFormed" || key == "toWellFormed") {
		// String.prototype methods goja lacks, made on first use.
		v := g.rt.wellFormedMethod(key)
		_ = g.p.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return v
	}
	if w, ok := g.pending[key]; ok {
		delete(g.pending, key)
		if w.make != nil {
			return w.make()
		}
		v := g.rt.wrapped(w.orig, w.check)
		_ = g.p.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return v
	}
	if g.holes && len(key) > 0 && key[0] >= '0' && key[0] <= '9' {
		g.n++
		if g.n&(pollEvery-1) == 0 {
			g.rt.poll()
		}
	}
	return nil
}
func (g *protoGuard) Has(key string) bool         { return g.Get(key) != nil }
func (g *protoGuard) Set(string, goja.Value) bool { return false }
func (g *protoGuard) Delete(string) bool          { return true }
func (g *protoGuard) Keys() []string              { return nil }

// wrapped is a function that runs check and then orig.
func (rt *runtime) wrapped(orig goja.Callable, check func(goja.FunctionCall)) goja.Value {
	return rt.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		check(c)
		v, err := orig(c.This, c.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	})
}

// guardArrays installs the guard under Array.prototype, and checks
// Function.prototype.apply's array-like.
func (rt *runtime) guardArrays() error {
	vm := rt.vm
	ap := vm.NewArray().Prototype()
	g, err := rt.newProtoGuard(ap, true)
	if err != nil {
		return err
	}
	// sort, map, toSorted, toReversed, toSpliced and with allocate
	// this.length slots up front for a sparse array or an array-like; the
	// others loop over this.length natively (skipping missing indexes
	// without calling back), and an array-like's missing indexes never
	// reach the hole watcher. (find, findIndex, findLast and
	// findLastIndex call back for every index: the interrupt reaches
	// them.)
	for _, name := range [...]string{"sort", "map", "toSorted", "join", "indexOf", "lastIndexOf", "includes", "fill", "reverse", "copyWithin",
		"forEach", "filter", "some", "every", "reduce", "reduceRight", "flat", "flatMap", "slice", "splice",
		"shift", "unshift", "toReversed", "toSpliced", "with", "toLocaleString"} {
		what := "the array given to Array.prototype." + name
		g.wrap(name, func(c goja.FunctionCall) {
			if n := lengthOf(c.This); n > float64(rt.e.cfg.MaxArrayLength) {
				rt.tooManyElements(what, n)
			}
		})
	}
	// An iterator over an array-like reads its length at each step and a
	// spread, Array.from or new Set drains it in a native loop: check the
	// array-like when the iterator is made. (Arrays and typed arrays are
	// bounded by their holes and their buffer.)
	iterCheck := func(name string) func(c goja.FunctionCall) {
		what := "the array-like given to Array.prototype." + name
		return func(c goja.FunctionCall) {
			if o, ok := c.This.(*goja.Object); ok && o.ClassName() != "Array" && !rt.isTypedArray(o) {
				if n := lengthOf(o); n > float64(rt.e.cfg.MaxArrayLength) {
					rt.tooManyElements(what, n)
				}
			}
		}
	}
	// concat spreads its arguments: an array-like marked
	// Symbol.isConcatSpreadable is walked to its length.
	g.wrap("concat", func(c goja.FunctionCall) {
		for _, a := range append([]goja.Value{c.This}, c.Arguments...) {
			if o, ok := a.(*goja.Object); ok && o.ClassName() != "Array" {
				if sp := o.GetSymbol(goja.SymIsConcatSpreadable); sp != nil && sp.ToBoolean() {
					if n := lengthOf(o); n > float64(rt.e.cfg.MaxArrayLength) {
						rt.tooManyElements("an array-like given to Array.prototype.concat", n)
					}
				}
			}
		}
	})
	g.wrap("keys", iterCheck("keys"))
	g.wrap("entries", iterCheck("entries"))
	// values is also Array.prototype[Symbol.iterator], which a dynamic
	// object cannot stand in for: wrapped now.
	rt.wrapMethod(ap, "values", iterCheck("values"))
	_ = ap.DefineDataPropertySymbol(goja.SymIterator, ap.Get("values"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	fp := vm.ToValue(func(goja.FunctionCall) goja.Value { return nil }).ToObject(vm).Prototype()
	rt.wrapMethod(fp, "apply", func(c goja.FunctionCall) {
		if n := lengthOf(c.Argument(1)); n > float64(rt.e.cfg.MaxArrayLength) {
			rt.tooManyElements("the arguments list given to apply", n)
		}
	})
	return nil
}

// wrapMethod replaces o[name] with a function that runs check and then the
// original.
func (rt *runtime) wrapMethod(o *goja.Object, name string, check func(c goja.FunctionCall)) {
	orig, ok := goja.AssertFunction(o.Get(name))
	if !ok {
		return
	}
	_ = o.DefineDataProperty(name, rt.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		check(c)
		v, err := orig(c.This, c.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// guardArrayStatics checks Array.from's source, read in a native loop.
func (rt *runtime) guardArrayStatics(array *goja.Object) {
	rt.wrapMethod(array, "from", func(c goja.FunctionCall) {
		if n := lengthOf(c.Argument(0)); n > float64(rt.e.cfg.MaxArrayLength) {
			rt.tooManyElements("the source given to Array.from", n)
		}
	})
}

// guardObjectStatics checks Object.keys, values, entries and
// getOwnPropertyNames of a typed array or a string: one key per element,
// made in a native loop.
func (rt *runtime) guardObjectStatics(object *goja.Object) {
	// Wrapped on first use (the lifecycle itself names Object).
	g, err := rt.newProtoGuard(object, false)
	if err != nil {
		return
	}
	// The ways to a RegExp.prototype symbol method without the Symbol
	// global (see guardRegexps).
	g.wrap("getOwnPropertySymbols", func(goja.FunctionCall) { rt.guardRegexps() })
	g.wrap("getOwnPropertyDescriptors", func(c goja.FunctionCall) {
		rt.guardRegexps()
		if n := rt.keyedLength(c.Argument(0)); n > float64(rt.e.cfg.MaxKeyedElements) {
			rt.tooManyKeys("the value given to Object.getOwnPropertyDescriptors", n)
		}
	})
	for _, name := range [...]string{"keys", "values", "entries", "getOwnPropertyNames"} {
		what := "the value given to Object." + name
		g.wrap(name, func(c goja.FunctionCall) {
			if n := rt.keyedLength(c.Argument(0)); n > float64(rt.e.cfg.MaxKeyedElements) {
				rt.tooManyKeys(what, n)
			}
		})
	}
	// assign copies a typed array or a string one property per element.
	g.wrap("assign", func(c goja.FunctionCall) {
		for _, a := range c.Arguments[min(1, len(c.Arguments)):] {
			if n := rt.keyedLength(a); n > float64(rt.e.cfg.MaxKeyedElements) {
				rt.tooManyKeys("a source given to Object.assign", n)
			}
		}
	})
}

func (rt *runtime) guardReflect(reflect *goja.Object) {
	rt.wrapMethod(reflect, "ownKeys", func(c goja.FunctionCall) {
		if n := rt.keyedLength(c.Argument(0)); n > float64(rt.e.cfg.MaxKeyedElements) {
			rt.tooManyKeys("the value given to Reflect.ownKeys", n)
		}
	})
	rt.wrapMethod(reflect, "apply", func(c goja.FunctionCall) {
		if n := lengthOf(c.Argument(2)); n > float64(rt.e.cfg.MaxArrayLength) {
			rt.tooManyElements("the arguments list given to Reflect.apply", n)
		}
	})
	rt.wrapMethod(reflect, "construct", func(c goja.FunctionCall) {
		if n := lengthOf(c.Argument(1)); n > float64(rt.e.cfg.MaxArrayLength) {
			rt.tooManyElements("the arguments list given to Reflect.construct", n)
		}
	})
}

// ---- JSON.stringify --------------------------------------------------------

// guardJSON makes JSON.stringify count its output as it goes, through a
// replacer (wrapping the caller's), and throw once it would pass
// MaxStringLen: shared sub-structures make the output exponential in the
// input (a = [a, a] twenty times), and goja builds it in one native call.
func (rt *runtime) guardJSON(json *goja.Object) {
	vm := rt.vm
	orig, ok := goja.AssertFunction(json.Get("stringify"))
	if !ok {
		return
	}
	max := float64(rt.e.cfg.MaxStringLen)
	// JSON.parse builds its result in one native call: its text is held
	// to MaxStringLen, the longest string the checked built-ins make.
	rt.wrapMethod(json, "parse", func(c goja.FunctionCall) {
		if s, ok := c.Argument(0).(goja.String); ok && float64(s.Length()) > max {
			rt.stringTooLong("the text given to JSON.parse", float64(s.Length()))
		}
	})
	_ = json.DefineDataProperty("stringify", vm.ToValue(func(c goja.FunctionCall) goja.Value {
		userFn, hasFn := goja.AssertFunction(c.Argument(1))
		if !hasFn && !goja.IsUndefined(c.Argument(1)) && !goja.IsNull(c.Argument(1)) {
			// An array replacer (a property allow-list): goja applies it;
			// the holes of a sparse array still poll.
			v, err := orig(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}
		indent := 0.0
		switch s := c.Argument(2).(type) {
		case nil:
		case goja.String:
			indent = float64(min(s.Length(), 10))
		default:
			if goja.IsNumber(s) {
				indent = math.Max(0, math.Min(10, s.ToFloat()))
			}
		}
		var size float64
		depth := map[*goja.Object]float64{}
		calls := 0
		replacer := vm.ToValue(func(rc goja.FunctionCall) goja.Value {
			key, val := rc.Argument(0), rc.Argument(1)
			if hasFn {
				r, err := userFn(rc.This, key, val)
				if err != nil {
					panic(err)
				}
				val = r
			}
			d := 0.0
			if h, ok := rc.This.(*goja.Object); ok {
				d = depth[h] + 1
			}
			cost := 4.0 + float64(len(key.String())) + indent*d
			switch x := val.(type) {
			case goja.String:
				cost += float64(x.Length())
			case *goja.Object:
				if _, seen := depth[x]; !seen {
					depth[x] = d
				}
			default:
				cost += 20
			}
			size += cost
			if size > max {
				rt.stringTooLong("JSON.stringify's output", size)
			}
			calls++
			if calls&(pollEvery-1) == 0 {
				rt.poll()
			}
			return val
		})
		v, err := orig(c.This, c.Argument(0), replacer, c.Argument(2))
		if err != nil {
			panic(err)
		}
		return v
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// ---- strings ----------------------------------------------------------------

// guardMoreStrings checks the String.prototype methods whose result can be
// much larger than their inputs (concat, replace/replaceAll with a string
// pattern, split into more than MaxArrayLength parts, normalize).
func (rt *runtime) guardMoreStrings(proto *goja.Object, g *protoGuard) {
	max := float64(rt.e.cfg.MaxStringLen)
	maxArr := float64(rt.e.cfg.MaxArrayLength)
	strLen := func(v goja.Value) float64 {
		if s, ok := v.(goja.String); ok {
			return float64(s.Length())
		}
		return float64(len(v.String()))
	}
	// Spreading a string makes one array element per character, in a
	// native loop: a string built by concatenation can be far longer than
	// MaxStringLen.
	if it, ok := goja.AssertFunction(proto.GetSymbol(goja.SymIterator)); ok {
		_ = proto.DefineDataPropertySymbol(goja.SymIterator, rt.vm.ToValue(func(c goja.FunctionCall) goja.Value {
			if n := strLen(c.This); n > maxArr {
				rt.tooManyElements("the string being iterated", n)
			}
			v, err := it(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	g.wrap("concat", func(c goja.FunctionCall) {
		n := strLen(c.This)
		for _, a := range c.Arguments {
			if _, isObj := a.(*goja.Object); isObj {
				continue // its toString runs JS; the result is checked by goja's own concat of bounded parts
			}
			n += strLen(a)
		}
		if n > max {
			rt.stringTooLong("String.prototype.concat's result", n)
		}
	})
	// replace and replaceAll with a string pattern and a string
	// replacement: the result's length is known up front. ($-patterns
	// insert at most the whole subject per match.)
	replaceSize := func(c goja.FunctionCall, all bool) float64 {
		pat, ok1 := c.Argument(0).(goja.String)
		rep, ok2 := c.Argument(1).(goja.String)
		if !ok1 || !ok2 {
			return 0
		}
		s := c.This.String()
		p := pat.String()
		var count float64
		if !all {
			if strings.Contains(s, p) {
				count = 1
			}
		} else if p == "" {
			count = float64(len(s) + 1)
		} else {
			count = float64(strings.Count(s, p))
		}
		r := rep.String()
		per := float64(len(r))
		if strings.Contains(r, "$") {
			per += float64(strings.Count(r, "$")) * float64(len(s))
		}
		return float64(len(s)) + count*per
	}
	g.wrap("replace", func(c goja.FunctionCall) {
		if _, re := c.Argument(0).(*goja.Object); re {
			rt.guardRegexps()
		}
		if n := replaceSize(c, false); n > max {
			rt.stringTooLong("String.prototype.replace's result", n)
		}
	})
	g.wrap("replaceAll", func(c goja.FunctionCall) {
		if _, re := c.Argument(0).(*goja.Object); re {
			rt.guardRegexps()
		}
		if n := replaceSize(c, true); n > max {
			rt.stringTooLong("String.prototype.replaceAll's result", n)
		}
	})
	g.wrap("split", func(c goja.FunctionCall) {
		if _, re := c.Argument(0).(*goja.Object); re {
			rt.guardRegexps()
		}
		s := c.This.String()
		if float64(len(s)) < maxArr {
			return
		}
		if l := c.Argument(1); !goja.IsUndefined(l) && l.ToFloat() <= maxArr {
			return
		}
		parts := float64(len(s) + 1)
		if sep, ok := c.Argument(0).(goja.String); ok && sep.Length() > 0 {
			parts = float64(strings.Count(s, sep.String()) + 1)
		}
		if parts > maxArr {
			rt.tooManyElements("String.prototype.split's result", parts)
		}
	})
	for _, name := range [...]string{"match", "matchAll"} {
		g.wrap(name, func(c goja.FunctionCall) {
			if _, re := c.Argument(0).(*goja.Object); re {
				rt.guardRegexps()
			}
		})
	}
	g.wrap("normalize", func(c goja.FunctionCall) {
		// The canonical forms expand a character to at most 3; the
		// compatibility forms to at most 18 (U+FDFA).
		factor := 3.0
		if f := c.Argument(0); !goja.IsUndefined(f) && strings.HasPrefix(f.String(), "NFK") {
			factor = 18
		}
		if n := strLen(c.This) * factor; n > max {
			rt.stringTooLong("String.prototype.normalize's result (at most "+fmtCount(factor)+" per character)", n)
		}
	})
}

// ---- Buffer -------------------------------------------------------------------

// guardBuffer checks what goja_nodejs's Buffer allocates from and loops
// over (see nodeguard.go): Buffer.alloc(size, fill), Buffer.from and new
// Buffer (a string's decoded size, an array-like's length, valueOf
// chains), Buffer.concat (its list and total length), and `this` and the
// Buffer arguments of every Buffer.prototype method.
func (rt *runtime) guardBuffer(mod *goja.Object) {
	vm := rt.vm
	ctor, ok := mod.Get("Buffer").(*goja.Object)
	if !ok {
		return
	}
	bg := rt.newBufferGuard(ctor)
	if bg.from == nil || bg.alloc == nil {
		return
	}
	_ = ctor.Set("alloc", bg.allocFn)
	_ = ctor.Set("from", bg.fromFn)
	_ = ctor.Set("concat", bg.concatFn)
	if proto, ok := ctor.Get("prototype").(*goja.Object); ok {
		bg.guardProto(proto)
	}
	g := rt.guardCtor("Buffer", ctor, func(args []goja.Value) {
		if len(args) == 0 {
			return
		}
		switch a := args[0].(type) {
		case goja.String:
			enc := "utf8"
			if len(args) > 1 {
				if codec, n := bufferCodec(args[1]); codec != nil {
					enc = n
				}
			}
			rt.checkDecode("new Buffer's string", a, enc)
		case *goja.Object:
			if isArrayBuffer(a) || isBytes(a) {
				return
			}
			// Resolved as Buffer.from does it; goja_nodejs copies the
			// result.
			args[0] = bg.fromValue(ctor, []goja.Value{a}, 0)
			for i := 1; i < len(args); i++ {
				args[i] = goja.Undefined()
			}
		}
	}, nil)
	// The statics live on the original constructor; the guard inherits
	// nothing from it, so copy the own ones.
	for _, k := range ctor.GetOwnPropertyNames() {
		switch k {
		case "prototype", "name", "length":
			continue
		}
		_ = g.DefineDataProperty(k, ctor.Get(k), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	_ = mod.Set("Buffer", g)
	_ = vm
}

// ---- regular expressions ---------------------------------------------------

// guardRegexps bounds the subject of the regular-expression operations that
// loop over every match in one native call (replace and match with a
// global pattern, split, matchAll): each match allocates, and
// "x".repeat(2 ** 22).replace(/x/g, "") took seconds and a gigabyte. The
// String methods call these through Symbol.replace and the like, so both
// paths are checked. matchAll's iterator, which a spread drains natively,
// polls the interrupt as it goes.
//
// RegExp.prototype is built in every runtime (the lifecycle uses regular
// expressions) but wrapping its symbol methods makes goja build all of
// them, so it is done on the first way a function can reach one: a
// String.prototype method given an object pattern, the Symbol or Reflect
// global, or Object.getOwnPropertySymbols/getOwnPropertyDescriptors.
func (rt *runtime) guardRegexps() {
	if rt.regexpsGuarded {
		return
	}
	rt.regexpsGuarded = true
	vm := rt.vm
	ctor, ok := rt.stdGlobal.Get("RegExp").(*goja.Object)
	if !ok {
		return
	}
	proto, ok := ctor.Get("prototype").(*goja.Object)
	if !ok {
		return
	}
	max := float64(rt.e.cfg.MaxRegexpSubject)
	global := func(re goja.Value) bool {
		o, ok := re.(*goja.Object)
		if !ok {
			return false
		}
		f := o.Get("flags")
		return f != nil && strings.ContainsAny(f.String(), "gy")
	}
	subject := func(v goja.Value) float64 {
		if s, ok := v.(goja.String); ok {
			return float64(s.Length())
		}
		return float64(len(v.String()))
	}
	wrap := func(sym *goja.Symbol, name string, always bool, after func(goja.Value) goja.Value) {
		orig, ok := goja.AssertFunction(proto.GetSymbol(sym))
		if !ok {
			return
		}
		what := "the string given to " + name
		_ = proto.DefineDataPropertySymbol(sym, vm.ToValue(func(c goja.FunctionCall) goja.Value {
			if always || global(c.This) {
				if n := subject(c.Argument(0)); n > max {
					panic(rt.limitError(fmt.Sprintf("Invalid string length: %s has %s characters; the limit for a global regular expression is %d (engine MaxRegexpSubject)", what, fmtCount(n), rt.e.cfg.MaxRegexpSubject)))
				}
			}
			v, err := orig(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			if after != nil {
				v = after(v)
			}
			return v
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	wrap(goja.SymReplace, "replace", false, nil)
	wrap(goja.SymMatch, "match", false, nil)
	wrap(goja.SymSplit, "split", true, nil)
	wrap(goja.SymMatchAll, "matchAll", true, func(it goja.Value) goja.Value {
		io, ok := it.(*goja.Object)
		if !ok {
			return it
		}
		next, ok := goja.AssertFunction(io.Get("next"))
		if !ok {
			return it
		}
		n := 0
		w := vm.NewObject()
		_ = w.Set("next", func(c goja.FunctionCall) goja.Value {
			if n++; n&(pollEvery-1) == 0 {
				rt.poll()
			}
			v, err := next(io)
			if err != nil {
				panic(err)
			}
			return v
		})
		_ = w.SetSymbol(goja.SymIterator, func(c goja.FunctionCall) goja.Value { return c.This })
		return w
	})
}
