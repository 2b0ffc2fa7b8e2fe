package engine

import (
	"bytes"
	"reflect"

	"github.com/dop251/goja"
)

var (
	promiseType = reflect.TypeOf((*goja.Promise)(nil))
	proxyType   = reflect.TypeOf(goja.Proxy{})
)

// nodeModules are Node's built-in modules beyond goja_nodejs's buffer and
// url (modules.go has the registry's model). Most are JavaScript in lib/:
// our own (events, util, assert, querystring, timers/promises, process,
// async_hooks, …) or npm ports bundled by engine/libgen (*.gen.js:
// stream, string_decoder, path, punycode). Where bytes are touched (zlib)
// the work is Go's. Modules that need the host (fs, net, http, …) load,
// so a package that imports them without calling them works, and every
// function they export throws ERR_NOT_AVAILABLE when called.
func nodeModules() map[string]builtinModule {
	m := map[string]builtinModule{
		"events":                     {file: "lib/events.js"},
		"process":                    {file: "lib/process.js", host: (*runtime).processHost},
		"util":                       {file: "lib/util.js", host: (*runtime).utilHost},
		"util/types":                 {file: "lib/util_types.js", host: (*runtime).utilHost},
		"sys":                        {file: "lib/alias.js", host: name("util")},
		"internal/std":               {file: "lib/std.js"},
		"internal/buffer_extra":      {file: "lib/buffer_extra.js"},
		"internal/deepequal":         {file: "lib/deepequal.js", host: (*runtime).utilHost},
		"internal/unavailable_names": {file: "lib/unavailable_names.gen.js"},
		"stream":                     {file: "lib/stream.gen.js"},
		"stream/promises":            {file: "lib/alias.js", host: name("stream", "promises")},
		"stream/consumers":           {file: "lib/stream_consumers.js"},
		"stream/web":                 {file: "lib/stream_web.js"},
		"string_decoder":             {file: "lib/string_decoder.js"},
		"internal/string_decoder":    {file: "lib/string_decoder.gen.js"},
		"internal/path":              {file: "lib/path.gen.js"},
		"path":                       {file: "lib/path.js"},
		"path/posix":                 {file: "lib/alias.js", host: name("path", "posix")},
		"path/win32":                 {file: "lib/alias.js", host: name("path", "win32")},
		"punycode":                   {file: "lib/punycode.gen.js"},
		"querystring":                {file: "lib/querystring.js"},
		"assert":                     {file: "lib/assert.js"},
		"assert/strict":              {file: "lib/alias.js", host: name("assert", "strict")},
		"zlib":                       {file: "lib/zlib.js", host: (*runtime).zlibHost},
		"timers/promises":            {file: "lib/timers_promises.js"},
		"async_hooks":                {file: "lib/async_hooks.js", host: (*runtime).genHost},
		"perf_hooks":                 {file: "lib/perf_hooks.js"},
		"diagnostics_channel":        {file: "lib/diagnostics_channel.js"},
		"os":                         {file: "lib/os.js"},
		"module":                     {file: "lib/module.js", host: (*runtime).moduleHost},
		"console":                    {file: "lib/alias.js", host: global("console")},
	}
	for _, n := range unavailableModules {
		m[n] = builtinModule{file: "lib/unavailable.js", host: name(n)}
	}
	return m
}

// unavailableModules load with every function throwing ERR_NOT_AVAILABLE:
// they need the host's file system, network, processes or threads.
var unavailableModules = []string{
	"fs", "fs/promises", "net", "tls", "http", "https", "http2", "child_process",
	"worker_threads", "dns", "dns/promises", "cluster", "dgram", "vm", "v8",
	"inspector", "readline", "readline/promises", "repl", "tty", "trace_events", "wasi",
}

// name is a host binding that is just the module's own name (and a
// property to re-export), for lib/alias.js and lib/unavailable.js.
func name(mod string, prop ...string) func(rt *runtime) goja.Value {
	return func(rt *runtime) goja.Value {
		o := rt.vm.NewObject()
		_ = o.Set("module", mod)
		if len(prop) > 0 {
			_ = o.Set("prop", prop[0])
		}
		return o
	}
}

// global is a host binding naming a global to re-export.
func global(g string) func(rt *runtime) goja.Value {
	return func(rt *runtime) goja.Value {
		o := rt.vm.NewObject()
		_ = o.Set("global", g)
		return o
	}
}

// utilHost is the Go side of lib/util.js and lib/util_types.js.
func (rt *runtime) utilHost() goja.Value {
	vm := rt.vm
	if rt.utilBindings != nil {
		return rt.utilBindings
	}
	h := vm.NewObject()
	_ = h.Set("cls", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		// ExportType, never Export: exporting a Map or an array converts
		// every element.
		switch o.ExportType() {
		case promiseType:
			return vm.ToValue("Promise")
		case proxyType:
			return vm.ToValue("Proxy")
		}
		return vm.ToValue(o.ClassName())
	})
	_ = h.Set("promiseState", func(c goja.FunctionCall) goja.Value {
		o, ok := c.Argument(0).(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		if o.ExportType() != promiseType {
			return goja.Undefined()
		}
		p, ok := o.Export().(*goja.Promise)
		if !ok {
			return goja.Undefined()
		}
		switch p.State() {
		case goja.PromiseStateFulfilled:
			return vm.NewArray("fulfilled", p.Result())
		case goja.PromiseStateRejected:
			return vm.NewArray("rejected", p.Result())
		}
		return vm.NewArray("pending")
	})
	// bytesEqual(a, b): whether two views (typed arrays, DataViews,
	// ArrayBuffers) hold the same bytes, compared in Go.
	_ = h.Set("bytesEqual", func(c goja.FunctionCall) goja.Value {
		a, ok1 := rt.viewBytes(c.Argument(0))
		b, ok2 := rt.viewBytes(c.Argument(1))
		return vm.ToValue(ok1 && ok2 && bytes.Equal(a, b))
	})
	_ = h.Set("maxStringLen", rt.e.cfg.MaxStringLen)
	_ = h.Set("limit", func(c goja.FunctionCall) goja.Value {
		rt.stringTooLong(c.Argument(0).String(), c.Argument(1).ToFloat())
		return goja.Undefined()
	})
	_ = h.Set("poll", func(goja.FunctionCall) goja.Value {
		rt.poll()
		return goja.Undefined()
	})
	rt.utilBindings = h
	return h
}

// genHost gives lib/async_hooks.js the invocation's generation: a context
// made in one invocation is never current in the next.
func (rt *runtime) genHost() goja.Value {
	o := rt.vm.NewObject()
	_ = o.Set("gen", func(goja.FunctionCall) goja.Value { return rt.vm.ToValue(int64(rt.loop.gen)) })
	return o
}

// extendBuffer adds to goja_nodejs's buffer module what Node's has and it
// lacks (lib/buffer_extra.js).
func (rt *runtime) extendBuffer(mod *goja.Object) {
	ext, ok := goja.AssertFunction(rt.module("internal/buffer_extra", false).ToObject(rt.vm).Get("extend"))
	if !ok {
		return
	}
	if _, err := ext(goja.Undefined(), mod); err != nil {
		panic(err)
	}
}

// moduleHost gives lib/module.js the names of the built-in modules.
func (rt *runtime) moduleHost() goja.Value {
	o := rt.vm.NewObject()
	names := BuiltinModules()
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = n
	}
	_ = o.Set("builtins", rt.vm.NewArray(vals...))
	return o
}
