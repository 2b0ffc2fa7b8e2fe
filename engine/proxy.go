package engine

import "github.com/dop251/goja"

// A Proxy's ownKeys trap may return any array, and goja turns that list
// into keys, checks its invariants and, for Object.keys and for...in, asks
// for each key's descriptor, all in one native call: 4 Mi keys ran more
// than 10 s past the deadline. The Proxy a function sees checks the trap's
// result against MaxKeyedElements before goja gets it. It is the original
// Proxy (and Proxy.revocable) with its handler wrapped in a second proxy
// that hands out a checked ownKeys; every other trap is the handler's
// own, looked up when it is used, as the standard asks.
const proxyGuardSource = `(function (P, R, check) {
  'use strict';
  function wrap(handler) {
    if (handler === null || (typeof handler !== 'object' && typeof handler !== 'function')) return handler;
    return new P(handler, {
      get(h, key) {
        const trap = R.get(h, key);
        if (key !== 'ownKeys' || trap == null) return trap;
        return function (target) { const keys = R.apply(trap, h, [target]); check(keys); return keys; };
      },
    });
  }
  const revocable = function revocable(target, handler) { return P.revocable(target, wrap(handler)); };
  return new P(P, {
    construct(t, args) { return R.construct(t, [args[0], wrap(args[1])]); },
    get(t, key) { return key === 'revocable' ? revocable : R.get(t, key); },
  });
})`

// guardProxy returns the Proxy constructor a function sees.
func (rt *runtime) guardProxy(proxy goja.Value) goja.Value {
	vm := rt.vm
	mk, err := vm.RunString(proxyGuardSource)
	if err != nil {
		panic(err)
	}
	f, _ := goja.AssertFunction(mk)
	check := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		if n := lengthOf(c.Argument(0)); n > float64(rt.e.cfg.MaxKeyedElements) {
			rt.tooManyKeys("the list a Proxy's ownKeys trap returned", n)
		}
		return goja.Undefined()
	})
	v, err := f(goja.Undefined(), proxy, rt.stdGlobal.Get("Reflect"), check)
	if err != nil {
		panic(err)
	}
	return v
}
