package engine

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// Code compiled at run time.
//
// goja runs object spread and rest ({...x}, const {a, ...r} = x) as one
// native loop that no interrupt reaches. The bundler lowers them in every
// bundle; code a function compiles from a string at run time would bypass
// it. So, when Config.Lower is set, every way to compile a string goes
// through it first: the global eval, and the Function, AsyncFunction and
// GeneratorFunction constructors (reachable as the constructor of any
// function of their kind). Source without object spread or rest is
// compiled as given (without "..." in it, at no cost). Lowered source
// keeps its semantics, with three differences:
// eval is always indirect (the code runs in the global scope, as
// (0, eval)(s) does; direct eval is rare in bundled code, and a direct
// call to the original would compile unlowered code), esbuild's helpers
// (__spreadValues…) become globals when an eval'd string needed them, and
// a lowered function's toString shows the lowered source.

// codegenProtos is the program whose value holds one function of each
// kind whose constructor compiles source: their prototypes are
// AsyncFunction.prototype and GeneratorFunction.prototype.
const codegenProtos = "[async function () {}, function* () {}]"

// guardCodegen replaces the function constructors on their prototypes
// with ones that lower the source first. The global eval and Function are
// replaced when first named (stdGlobalValue).
func (rt *runtime) guardCodegen() error {
	vm := rt.vm
	if ev, ok := goja.AssertFunction(rt.stdGlobal.Get("eval")); ok {
		rt.origEval = ev
	}
	fn := rt.stdGlobal.Get("Function").ToObject(vm)
	rt.functionCtor = rt.codegenCtor("function", fn, true)
	v, err := vm.RunProgram(rt.e.codegenProtos)
	if err != nil {
		return err
	}
	fns := v.ToObject(vm)
	for i, kind := range [...]string{"async function", "function*"} {
		proto := fns.Get(string(rune('0' + i))).ToObject(vm).Prototype()
		if proto == nil {
			continue
		}
		if orig, ok := proto.Get("constructor").(*goja.Object); ok {
			rt.codegenCtor(kind, orig, false)
		}
	}
	return nil
}

// codegenCtor returns a constructor that stands in for orig (a function
// constructor of the given kind) and compiles lowered source, and puts it
// on orig's prototype object as its constructor.
func (rt *runtime) codegenCtor(kind string, orig *goja.Object, writable bool) *goja.Object {
	vm := rt.vm
	ctor, _ := goja.AssertConstructor(orig)
	w := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		args := make([]goja.Value, len(call.Arguments))
		need := false
		size := 0
		for i, a := range call.Arguments {
			s := a.ToString()
			args[i] = s
			if size += len(s.String()); size > rt.e.cfg.MaxCodegenSource {
				rt.sourceTooLong("the source given to the "+kind+" constructor", size)
			}
			if !need && strings.Contains(s.String(), "...") {
				need = true
			}
		}
		if size > rt.e.cfg.MaxOperatorChain {
			rt.checkChains(ctorSource(kind, args))
		}
		compile := func() *goja.Object {
			o, err := ctor(call.NewTarget, args...)
			if err != nil {
				panic(err)
			}
			return o
		}
		if !need {
			return compile()
		}
		// The source goja's own constructor compiles, lowered.
		src := "return " + ctorSource(kind, args)
		low := rt.lower(src)
		if low == src {
			return compile() // nothing to lower
		}
		v, err := rt.origEval(goja.Undefined(), vm.ToValue("(function () {\n"+low+"\n})()"))
		if err != nil {
			panic(err)
		}
		return v.ToObject(vm)
	}).ToObject(vm)
	_ = w.SetPrototype(orig.Prototype())
	_ = w.DefineDataProperty("name", orig.Get("name"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = w.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	if proto, ok := orig.Get("prototype").(*goja.Object); ok {
		_ = w.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		flag := goja.FLAG_FALSE
		if writable {
			flag = goja.FLAG_TRUE
		}
		_ = proto.DefineDataProperty("constructor", w, flag, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return w
}

// ctorSource is the source a function constructor of the given kind
// compiles from its arguments (parameters, then the body).
func ctorSource(kind string, args []goja.Value) string {
	var src strings.Builder
	src.WriteString("(" + kind + " anonymous(")
	for i, a := range args[:max(len(args)-1, 0)] {
		if i > 0 {
			src.WriteByte(',')
		}
		src.WriteString(a.String())
	}
	src.WriteString("\n) {\n")
	if len(args) > 0 {
		src.WriteString(args[len(args)-1].String())
	}
	src.WriteString("\n})")
	return src.String()
}

// evalFn is the global eval: it lowers its source first, and is always
// indirect.
func (rt *runtime) evalFn() goja.Value {
	vm := rt.vm
	f := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		x := c.Argument(0)
		if s, ok := x.(goja.String); ok {
			if n := s.Length(); n > rt.e.cfg.MaxCodegenSource {
				rt.sourceTooLong("the source given to eval", n)
			}
			rt.checkChains(s.String())
			if src := s.String(); strings.Contains(src, "...") {
				x = vm.ToValue(rt.lower(src))
			}
		}
		v, err := rt.origEval(goja.Undefined(), x)
		if err != nil {
			panic(err)
		}
		return v
	}).ToObject(vm)
	_ = f.DefineDataProperty("name", vm.ToValue("eval"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

// checkChains refuses source compiled at run time whose operator chains
// are too long to compile (compilecheck.go). A chain of n operators needs
// at least n characters, so shorter sources are not parsed twice.
func (rt *runtime) checkChains(src string) {
	if len(src) <= rt.e.cfg.MaxOperatorChain {
		return
	}
	prog, err := parser.ParseFile(nil, "", src, 0, parser.WithDisableSourceMaps)
	if err != nil {
		return // goja's own compile reports it
	}
	if msg := chainError(prog, rt.e.cfg.MaxOperatorChain); msg != "" {
		panic(rt.limitError("Invalid source: " + msg))
	}
}

// sourceTooLong refuses source over MaxCodegenSource.
func (rt *runtime) sourceTooLong(what string, n int) {
	panic(rt.limitError(fmt.Sprintf("Invalid string length: %s has %d characters; the limit is %d (engine MaxCodegenSource)", what, n, rt.e.cfg.MaxCodegenSource)))
}

// lower runs Config.Lower, throwing its error as a SyntaxError.
func (rt *runtime) lower(src string) string {
	low, err := rt.e.cfg.Lower(src)
	if err == nil {
		return low
	}
	var e *goja.Object
	if ctor, ok := goja.AssertConstructor(rt.vm.Get("SyntaxError")); ok {
		e, _ = ctor(nil, rt.vm.ToValue(err.Error()))
	}
	if e == nil {
		panic(rt.vm.NewGoError(err))
	}
	panic(e)
}
