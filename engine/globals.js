// Web-platform and Node globals that are simplest in JS. The engine calls
// this function with the host bindings and a global's name the first time a
// function names that global (see globals.go) and defines what it returns.
// Each branch makes only its own closures.
(function (host, name) {
  'use strict';
  if (name === 'console') {
    // The host formats the arguments, stopping at the line cap: a huge
    // string or object costs no more than the line it makes.
    var consoleObj = {};
    ['log', 'info', 'warn', 'error', 'debug', 'trace'].forEach(function (lvl) {
      consoleObj[lvl] = function () { host.consoleArgs(lvl, arguments, ''); };
    });
    consoleObj.dir = consoleObj.log;
    consoleObj.table = consoleObj.log;
    consoleObj.assert = function (cond) {
      if (!cond) host.consoleArgs('error', Array.prototype.slice.call(arguments, 1), arguments.length > 1 ? 'Assertion failed: ' : 'Assertion failed');
    };
    var timers = {};
    consoleObj.time = function (l) { timers[l || 'default'] = host.now(); };
    consoleObj.timeEnd = function (l) {
      l = l || 'default';
      if (timers[l] !== undefined) { host.console('log', l + ': ' + (host.now() - timers[l]).toFixed(3) + 'ms'); delete timers[l]; }
    };
    return consoleObj;
  }

  if (name === 'queueMicrotask') {
    return function queueMicrotask(cb) {
      if (typeof cb !== 'function') throw new TypeError('The "callback" argument must be of type function');
      Promise.resolve().then(function () { cb(); });
    };
  }

  if (name === 'structuredClone') {
    var cloneError = function (msg) { var e = new Error(msg); e.name = 'DataCloneError'; return e; };
    var clone = function (v, seen) {
      if (v === null || typeof v !== 'object') {
        if (typeof v === 'function' || typeof v === 'symbol') throw cloneError(String(v) + ' could not be cloned.');
        return v;
      }
      if (seen.has(v)) return seen.get(v);
      var out;
      if (Array.isArray(v)) {
        out = new Array(v.length); seen.set(v, out);
        for (var i = 0; i < v.length; i++) if (i in v) out[i] = clone(v[i], seen);
        return out;
      }
      if (v instanceof Date) { out = new Date(v.getTime()); seen.set(v, out); return out; }
      if (v instanceof RegExp) { out = new RegExp(v.source, v.flags); seen.set(v, out); return out; }
      if (v instanceof Map) { out = new Map(); seen.set(v, out); v.forEach(function (val, k) { out.set(clone(k, seen), clone(val, seen)); }); return out; }
      if (v instanceof Set) { out = new Set(); seen.set(v, out); v.forEach(function (val) { out.add(clone(val, seen)); }); return out; }
      if (v instanceof ArrayBuffer) { out = v.slice(0); seen.set(v, out); return out; }
      if (ArrayBuffer.isView(v)) { out = new v.constructor(v); seen.set(v, out); return out; }
      if (v instanceof Error) { out = new Error(v.message); out.name = v.name; out.stack = v.stack; seen.set(v, out); return out; }
      out = {}; seen.set(v, out);
      var keys = Object.keys(v);
      for (var j = 0; j < keys.length; j++) out[keys[j]] = clone(v[keys[j]], seen);
      return out;
    };
    return function structuredClone(v) { return clone(v, new Map()); };
  }

  if (name === 'performance') {
    // Milliseconds on the runtime's clock (host.now), as Node's
    // performance.now() counts from the process's start.
    var origin = Date.now() - host.now();
    var perf = {
      now: function now() { return host.now(); },
      toJSON: function () { return { timeOrigin: origin }; }
    };
    Object.defineProperty(perf, 'timeOrigin', { value: origin, enumerable: true });
    Object.defineProperty(perf, Symbol.toStringTag, { value: 'Performance', configurable: true });
    return perf;
  }

  if (name === 'navigator') {
    var nav = {};
    Object.defineProperty(nav, 'userAgent', { value: 'Tarsus', enumerable: true });
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 1, enumerable: true });
    Object.defineProperty(nav, 'language', { value: 'en-US', enumerable: true });
    Object.defineProperty(nav, Symbol.toStringTag, { value: 'Navigator', configurable: true });
    return nav;
  }

  return undefined;
})
