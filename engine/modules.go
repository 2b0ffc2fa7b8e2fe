package engine

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// The built-in modules a function may require (and the bundler leaves as
// imports): each is Go (native), JavaScript in lib/ (made from our own
// source, compiled once per engine, run in a runtime the first time a
// function requires it), or JavaScript over Go bindings (host). Modules
// named "internal/…" hold the Web classes and shared parts: globals.go
// makes globals from them, functions cannot require them.
//
// A module's JavaScript is the body of
//
//	function (exports, require, module, host) { … }
//
// where require reaches the other built-in modules (internal ones
// included) and host is the module's Go bindings (nil without them).

//go:generate sh ../scripts/node-lib.sh

//go:embed lib
var libFS embed.FS

type builtinModule struct {
	// native makes the module in Go. Exclusive with file.
	native func(rt *runtime) *goja.Object
	// file is the module's source under lib/.
	file string
	// host makes the Go bindings handed to the source as host. Optional.
	host func(rt *runtime) goja.Value
}

// builtinModules is every built-in module by name.
func builtinModules() map[string]builtinModule {
	m := map[string]builtinModule{
		"buffer": {native: func(rt *runtime) *goja.Object { return rt.nodeModule("buffer") }},
		"url":    {native: func(rt *runtime) *goja.Object { return rt.nodeModule("url") }},
		"timers": {file: "lib/timers.js"},
		// Intl (intl.go): the glue, and one FormatJS polyfill per constructor.
		"internal/intl":                     {file: "lib/intl.js", host: (*runtime).intlHost},
		"internal/intl-getcanonicallocales": {file: "lib/intl/intl-getcanonicallocales.js"},
		"internal/intl-locale":              {file: "lib/intl/intl-locale.js"},
		"internal/intl-pluralrules":         {file: "lib/intl/intl-pluralrules.js"},
		"internal/intl-numberformat":        {file: "lib/intl/intl-numberformat.js"},
		"internal/intl-datetimeformat":      {file: "lib/intl/intl-datetimeformat.js"},
		"internal/intl-relativetimeformat":  {file: "lib/intl/intl-relativetimeformat.js"},
		"internal/intl-listformat":          {file: "lib/intl/intl-listformat.js"},
		"internal/intl-displaynames":        {file: "lib/intl/intl-displaynames.js"},
		"internal/intl-supportedvaluesof":   {file: "lib/intl/intl-supportedvaluesof.js"},

		// Cryptography (crypto.go): node:crypto, and Web Crypto for the
		// global crypto.subtle, over Go bindings.
		"crypto":             {file: "lib/crypto.js"},
		"internal/crypto":    {file: "lib/internal/crypto.js", host: func(rt *runtime) goja.Value { return rt.cryptoBindings() }},
		"internal/webcrypto": {file: "lib/internal/webcrypto.js"},

		// The Web platform's classes (globals.go makes the globals from them).
		"internal/domexception":         {file: "lib/domexception.js"},
		"internal/events":               {file: "lib/eventtarget.js"},
		"internal/abort":                {file: "lib/abort.js"},
		"internal/web-streams-polyfill": {file: "lib/web-streams-polyfill.js"},
		"internal/streams":              {file: "lib/streams.js", host: (*runtime).codecBindings},
		"internal/blob":                 {file: "lib/blob.js"},
		"internal/formdata":             {file: "lib/formdata.js", host: (*runtime).formBindings},
		"internal/fetch":                {file: "lib/internal/fetch.js", host: (*runtime).fetchHost},

		// Tarsus's own modules ("tarsus:…").
		"tarsus:kv": {file: "lib/kv.js", host: kvHost},
	}
	for name, def := range nodeModules() {
		m[name] = def
	}
	return m
}

// BuiltinModules lists the modules functions may import, without "node:":
// the bundler leaves exactly these (in both spellings) to the runtime.
func BuiltinModules() []string {
	var names []string
	for name := range builtinModules() {
		if !strings.HasPrefix(name, "internal/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// libPrograms compiles lib/ sources once per engine.
type libPrograms struct {
	mu    sync.Mutex
	progs map[string]*goja.Program
	mods  map[string]builtinModule
}

func (l *libPrograms) get(file string) (*goja.Program, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p, ok := l.progs[file]; ok {
		return p, nil
	}
	src, err := libFS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	p, err := goja.Compile(file, "(function (exports, require, module, host) {"+string(src)+"\n})", true)
	if err != nil {
		return nil, fmt.Errorf("engine: %s: %w", file, err)
	}
	if l.progs == nil {
		l.progs = map[string]*goja.Program{}
	}
	l.progs[file] = p
	return p, nil
}

// module returns a built-in module's exports, making it in this runtime on
// first use. fromUser: a function asked (internal modules do not exist).
func (rt *runtime) module(spec string, fromUser bool) goja.Value {
	name := strings.TrimPrefix(spec, "node:")
	// Checked before the cache: an internal module already made for a
	// global stays out of reach of functions.
	def, ok := rt.e.lib.mods[name]
	if !ok || (fromUser && strings.HasPrefix(name, "internal/")) {
		e := rt.vm.NewGoError(moduleNotFound{fmt.Sprintf("Cannot find module '%s': it is not one of the modules Tarsus functions can import (%s)", spec, strings.Join(BuiltinModules(), ", "))})
		_ = e.Set("code", "MODULE_NOT_FOUND")
		panic(e)
	}
	if v, ok := rt.modules[name]; ok {
		return v.Get("exports")
	}
	m := rt.vm.NewObject()
	if rt.modules == nil {
		rt.modules = map[string]*goja.Object{}
	}
	if def.native != nil {
		_ = m.Set("exports", def.native(rt))
		rt.modules[name] = m
		return m.Get("exports")
	}
	exports := rt.vm.NewObject()
	_ = m.Set("exports", exports)
	rt.modules[name] = m // before it runs: cycles see the partial exports, as in Node
	prog, err := rt.e.lib.get(def.file)
	if err != nil {
		delete(rt.modules, name)
		panic(rt.vm.NewGoError(err))
	}
	fv, err := rt.vm.RunProgram(prog)
	if err != nil {
		delete(rt.modules, name)
		panic(err)
	}
	fn, _ := goja.AssertFunction(fv)
	host := goja.Undefined()
	if def.host != nil {
		host = def.host(rt)
	}
	req := rt.vm.ToValue(func(c goja.FunctionCall) goja.Value { return rt.module(c.Argument(0).String(), false) })
	if _, err := fn(goja.Undefined(), exports, req, m, host); err != nil {
		delete(rt.modules, name)
		panic(err)
	}
	return m.Get("exports")
}

// moduleNotFound is require's error for a module that does not exist,
// worded as Node words it.
type moduleNotFound struct{ msg string }

func (e moduleNotFound) Error() string { return e.msg }
