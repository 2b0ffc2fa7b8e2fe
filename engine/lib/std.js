// Standard built-ins that Node 20 has (or that code written for newer
// Node feature-tests for) and goja lacks. static(name, key) makes one
// missing static of a standard constructor the first time it is read
// (stdextra.go); std(name) makes the WeakRef or FinalizationRegistry
// global.
'use strict';
exports.static = function (name, key) {
  var C = globalThis[name];
  var val;
  var d = function (o, k, v) { if (o === C && k === key) val = v; };
  make(name, C, d);
  if (key === 'stackTraceLimit') return 10;
  return val;
};

exports.std = function (name) {
  return make(name, undefined, def);
};

function make(name, C, def) {
  switch (name) {
    case 'Symbol':
      // esbuild's helpers fall back to Symbol.for("Symbol.x") where
      // Symbol.x is missing: the same symbols, so bundles and the
      // built-in modules agree.
      ['asyncIterator', 'dispose', 'asyncDispose'].forEach(function (k) {
        def(C, k, Symbol.for('Symbol.' + k));
      });
      return C;
    case 'Promise':
      {
        def(C, 'withResolvers', function withResolvers() {
          var resolve, reject;
          var promise = new this(function (res, rej) { resolve = res; reject = rej; });
          return { promise: promise, resolve: resolve, reject: reject };
        });
      }
      return C;
    case 'Object':
      {
        def(C, 'groupBy', function groupBy(items, callback) {
          var out = Object.create(null);
          group(items, callback, function (k, v) {
            k = typeof k === 'symbol' ? k : String(k);
            if (Object.prototype.hasOwnProperty.call(out, k)) out[k].push(v);
            else out[k] = [v];
          });
          return out;
        });
      }
      return C;
    case 'Map':
      {
        def(C, 'groupBy', function groupBy(items, callback) {
          var out = new Map();
          group(items, callback, function (k, v) {
            if (k === 0) k = 0; // -0 → +0
            var l = out.get(k);
            if (l) l.push(v);
            else out.set(k, [v]);
          });
          return out;
        });
      }
      return C;
    case 'Array':
      {
        def(C, 'fromAsync', function fromAsync(items, mapfn, thisArg) {
          var Ctor = this;
          return new Promise(function (resolve, reject) {
            if (mapfn !== undefined && typeof mapfn !== 'function') throw new TypeError(String(mapfn) + ' is not a function');
            var out = typeof Ctor === 'function' && Ctor !== Array ? new Ctor() : [];
            var i = 0;
            var ai = items != null ? items[Symbol.asyncIterator] : undefined;
            var it;
            if (ai != null) {
              it = ai.call(items);
            } else {
              var si = items != null ? items[Symbol.iterator] : undefined;
              if (si != null) {
                var sync = si.call(items);
                it = { next: function () { var r = sync.next(); return Promise.resolve(r.value).then(function (v) { return { done: r.done, value: v }; }); } };
              } else {
                var obj = Object(items);
                var len = Math.min(Math.max(Number(obj.length) || 0, 0), Number.MAX_SAFE_INTEGER);
                var k = 0;
                it = { next: function () { if (k >= len) return Promise.resolve({ done: true }); return Promise.resolve(obj[k++]).then(function (v) { return { done: false, value: v }; }); } };
              }
            }
            var step = function () {
              Promise.resolve(it.next()).then(function (r) {
                if (r.done) {
                  out.length = i;
                  resolve(out);
                  return;
                }
                var v = r.value;
                var p = mapfn ? Promise.resolve(mapfn.call(thisArg, v, i)) : Promise.resolve(v);
                return p.then(function (mv) {
                  out[i++] = mv;
                  step();
                });
              }).then(undefined, function (e) {
                if (it && typeof it.return === 'function') { try { it.return(); } catch (x) { /* the first error wins */ } }
                reject(e);
              });
            };
            step();
          });
        });
      }
      return C;
    case 'Error':
      {
        // The stack of the place it is called from, under obj's own
        // "name: message" line, as V8 makes it.
        def(C, 'captureStackTrace', function captureStackTrace(obj) {
          if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) {
            throw new TypeError('Invalid argument');
          }
          var s = String(new Error().stack || '');
          var lines = s.split('\n');
          lines.splice(0, 2);
          var head;
          try { head = Error.prototype.toString.call(obj); } catch (e) { head = 'Error'; }
          Object.defineProperty(obj, 'stack', { value: head + (lines.length ? '\n' + lines.join('\n') : ''), writable: true, configurable: true, enumerable: false });
        });
      }
      return C;
    case 'WeakRef':
      // goja has no weak references: the target is held (which the
      // language allows: nothing obliges a collection).
      var WeakRef = function WeakRef(target) {
        if (!new.target) throw new TypeError("Constructor WeakRef requires 'new'");
        if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeError('WeakRef: target must be an object');
        this._t = target;
      };
      def(WeakRef.prototype, 'deref', function deref() { return this._t; });
      Object.defineProperty(WeakRef.prototype, Symbol.toStringTag, { value: 'WeakRef', configurable: true });
      return WeakRef;
    case 'FinalizationRegistry':
      // Cleanup callbacks are never called (allowed: nothing is ever
      // known to be collected).
      var FR = function FinalizationRegistry(cb) {
        if (!new.target) throw new TypeError("Constructor FinalizationRegistry requires 'new'");
        if (typeof cb !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable');
      };
      def(FR.prototype, 'register', function register(target) {
        if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeError('FinalizationRegistry.prototype.register: target must be an object');
      });
      def(FR.prototype, 'unregister', function unregister() { return false; });
      Object.defineProperty(FR.prototype, Symbol.toStringTag, { value: 'FinalizationRegistry', configurable: true });
      return FR;
  }
  return C;
}

function def(o, k, v) {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: false, configurable: true });
}

function group(items, callback, add) {
  if (typeof callback !== 'function') throw new TypeError(String(callback) + ' is not a function');
  var k = 0;
  var it = items[Symbol.iterator]();
  for (var r = it.next(); !r.done; r = it.next()) add(callback(r.value, k++), r.value);
}
