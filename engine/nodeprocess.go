package engine

import (
	goruntime "runtime"
	"slices"
	"time"

	"github.com/dop251/goja"
)

// NodeVersion is the Node.js version functions see (process.version
// without its "v"): the Node 20 release whose behaviour the built-in
// modules are tested against.
const NodeVersion = "20.20.2"

// processHost is the Go side of lib/process.js.
func (rt *runtime) processHost() goja.Value {
	vm := rt.vm
	h := vm.NewObject()
	_ = h.Set("version", NodeVersion)
	arch := goruntime.GOARCH
	if arch == "amd64" {
		arch = "x64"
	}
	_ = h.Set("arch", arch)
	_ = h.Set("env", vm.NewDynamicObject(&envObject{rt: rt}))
	_ = h.Set("hrtime", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(time.Since(rt.now0).Nanoseconds())
	})
	_ = h.Set("log", rt.hostConsole)
	return h
}

// envObject is process.env: the user's environment as the Host gives it,
// read on first use in each invocation (so a change made on the server is
// seen by the next invocation) and kept only for that invocation.
// Assignments change this invocation's copy only, as strings (as Node
// converts them).
type envObject struct {
	rt   *runtime
	gen  uint64 // the loop generation vars belongs to
	vars map[string]string
	ok   bool
}

func (e *envObject) load() map[string]string {
	rt := e.rt
	if e.ok && e.gen == rt.loop.gen {
		return e.vars
	}
	e.vars, e.ok, e.gen = map[string]string{}, true, rt.loop.gen
	if h := rt.e.cfg.Host; h != nil {
		vars, err := h.Env(rt.loop.context(), rt.user)
		if err != nil {
			e.ok = false
			// The error names what failed, never a value.
			panic(rt.hostError(err))
		}
		for k, v := range vars {
			e.vars[k] = v
		}
	}
	return e.vars
}

func (e *envObject) Get(key string) goja.Value {
	if v, ok := e.load()[key]; ok {
		return e.rt.vm.ToValue(v)
	}
	return nil
}

func (e *envObject) Set(key string, v goja.Value) bool {
	vars := e.load()
	rt := e.rt
	rt.checkStringArg("a process.env value", v, 1)
	vars[key] = v.String()
	return true
}

func (e *envObject) Has(key string) bool {
	_, ok := e.load()[key]
	return ok
}

func (e *envObject) Delete(key string) bool {
	delete(e.load(), key)
	return true
}

func (e *envObject) Keys() []string {
	vars := e.load()
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
