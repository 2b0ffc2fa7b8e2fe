// A small stand-in for WPT's testharness.js, enough to run the .any.js
// tests of streams/, encoding/ and compression/ inside one function:
// tests are queued and run one at a time; __wptRun resolves with
// [{name, status: "PASS"|"FAIL"|"TIMEOUT", message}].
var __wptTests = [];
var __wptResults = [];
var self = globalThis;
var GLOBAL = { isWindow: function () { return false; }, isWorker: function () { return false; }, isShadowRealm: function () { return false; } };
function setup() {}
function done() {}
function garbageCollect() {}
function AssertionError(message) { this.message = message; this.name = 'AssertionError'; }
AssertionError.prototype = Object.create(Error.prototype);
function format_value(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && v !== null) { try { return Object.prototype.toString.call(v) + ' ' + JSON.stringify(v); } catch (e) { return String(Object.prototype.toString.call(v)); } }
  try { return String(v); } catch (e) { return typeof v; }
}
function fail(desc, msg) { throw new AssertionError((desc ? desc + ': ' : '') + msg); }
function same(a, b) { return a === b ? (a !== 0 || 1 / a === 1 / b) : (a !== a && b !== b); }
function assert_true(v, d) { if (v !== true) fail(d, 'expected true got ' + format_value(v)); }
function assert_false(v, d) { if (v !== false) fail(d, 'expected false got ' + format_value(v)); }
function assert_equals(a, b, d) { if (!same(a, b)) fail(d, 'expected ' + format_value(b) + ' but got ' + format_value(a)); }
function assert_not_equals(a, b, d) { if (same(a, b)) fail(d, 'got disallowed value ' + format_value(a)); }
function assert_in_array(a, arr, d) { if (arr.indexOf(a) === -1) fail(d, 'value ' + format_value(a) + ' not in array'); }
function assert_array_equals(a, b, d) {
  if (typeof a !== 'object' || a === null || !('length' in a)) fail(d, 'value is not array-like: ' + format_value(a));
  if (a.length !== b.length) fail(d, 'lengths differ, expected ' + b.length + ' got ' + a.length);
  for (var i = 0; i < a.length; i++) if (!same(a[i], b[i])) fail(d, 'expected ' + format_value(b[i]) + ' but got ' + format_value(a[i]) + ' at index ' + i);
}
function assert_object_equals(a, b, d) {
  var seen = [];
  (function cmp(x, y, path) {
    if (typeof y !== 'object' || y === null) { if (!same(x, y)) fail(d, path + ': expected ' + format_value(y) + ' got ' + format_value(x)); return; }
    if (seen.indexOf(y) !== -1) return;
    seen.push(y);
    if (typeof x !== 'object' || x === null) fail(d, path + ': expected an object');
    for (var k in x) if (!(k in y)) fail(d, path + ': unexpected property ' + k);
    for (var k2 in y) { if (!(k2 in x)) fail(d, path + ': missing property ' + k2); cmp(x[k2], y[k2], path + '.' + k2); }
  })(a, b, '');
}
function assert_class_string(o, cls, d) { var s = Object.prototype.toString.call(o); if (s !== '[object ' + cls + ']') fail(d, 'expected [object ' + cls + '] got ' + s); }
function assert_own_property(o, p, d) { if (!Object.prototype.hasOwnProperty.call(o, p)) fail(d, 'expected own property ' + String(p)); }
function assert_not_own_property(o, p, d) { if (Object.prototype.hasOwnProperty.call(o, p)) fail(d, 'unexpected own property ' + String(p)); }
function assert_inherits(o, p, d) { if (Object.prototype.hasOwnProperty.call(o, p) || !(p in o)) fail(d, 'expected inherited property ' + String(p)); }
function assert_readonly(o, p, d) { var v = o[p]; try { o[p] = v + 'x'; } catch (e) { /* strict */ } if (!same(o[p], v)) fail(d, 'property ' + String(p) + ' is writable'); }
function assert_less_than(a, b, d) { if (!(a < b)) fail(d, format_value(a) + ' is not less than ' + format_value(b)); }
function assert_greater_than(a, b, d) { if (!(a > b)) fail(d, format_value(a) + ' is not greater than ' + format_value(b)); }
function assert_less_than_equal(a, b, d) { if (!(a <= b)) fail(d, format_value(a) + ' is not <= ' + format_value(b)); }
function assert_greater_than_equal(a, b, d) { if (!(a >= b)) fail(d, format_value(a) + ' is not >= ' + format_value(b)); }
function assert_approx_equals(a, b, eps, d) { if (!(Math.abs(a - b) <= eps)) fail(d, format_value(a) + ' is not within ' + eps + ' of ' + format_value(b)); }
function assert_regexp_match(a, re, d) { if (!re.test(a)) fail(d, format_value(a) + ' does not match ' + re); }
function assert_unreached(d) { fail(d, 'reached unreachable code'); }
function assert_implements(c, d) { if (!c) fail(d, 'not implemented'); }
function assert_implements_optional(c, d) { if (!c) fail(d, 'optional feature not implemented'); }
function assert_throws_js(ctor, fn, d) {
  try { fn(); } catch (e) {
    if (!(e instanceof ctor) && !(e && e.name === ctor.name)) fail(d, 'threw ' + format_value(e && e.name) + ' ' + format_value(e && e.message) + ', expected ' + ctor.name);
    return;
  }
  fail(d, 'did not throw');
}
function assert_throws_exactly(v, fn, d) { try { fn(); } catch (e) { if (!same(e, v)) fail(d, 'threw ' + format_value(e) + ', expected ' + format_value(v)); return; } fail(d, 'did not throw'); }
var domNames = { 11: 'InvalidStateError', 20: 'AbortError', 23: 'TimeoutError', 25: 'DataCloneError', 9: 'NotSupportedError' };
function domName(n) {
  if (typeof n === 'number') return domNames[n];
  var m = { INVALID_STATE_ERR: 'InvalidStateError', ABORT_ERR: 'AbortError', DATA_CLONE_ERR: 'DataCloneError' };
  return m[n] || n;
}
function assert_throws_dom(type, fn, d) {
  if (typeof fn !== 'function') fn = arguments[2], d = arguments[3];
  try { fn(); } catch (e) { if (!e || e.name !== domName(type)) fail(d, 'threw ' + format_value(e && e.name) + ', expected ' + domName(type)); return; }
  fail(d, 'did not throw');
}
function promise_rejects_js(t, ctor, p, d) {
  return Promise.resolve(p).then(function () { fail(d, 'promise resolved, expected rejection with ' + ctor.name); },
    function (e) { if (!(e instanceof ctor) && !(e && e.name === ctor.name)) fail(d, 'rejected with ' + format_value(e && e.name) + ', expected ' + ctor.name); });
}
function promise_rejects_exactly(t, v, p, d) {
  return Promise.resolve(p).then(function () { fail(d, 'promise resolved, expected rejection'); },
    function (e) { if (!same(e, v)) fail(d, 'rejected with ' + format_value(e) + ', expected ' + format_value(v)); });
}
function promise_rejects_dom(t, type, p, d) {
  return Promise.resolve(p).then(function () { fail(d, 'promise resolved, expected rejection'); },
    function (e) { if (!e || e.name !== domName(type)) fail(d, 'rejected with ' + format_value(e && e.name) + ', expected ' + domName(type)); });
}
function Test(name) { this.name = name; this.cleanups = []; this.finished = null; this.error = null; }
Test.prototype.step = function (fn, thisObj) {
  var args = Array.prototype.slice.call(arguments, 2);
  try { return fn.apply(thisObj, args); } catch (e) { this.fail(e); }
};
Test.prototype.step_func = function (fn, thisObj) { var t = this; return function () { return t.step.apply(t, [fn, thisObj === undefined ? this : thisObj].concat(Array.prototype.slice.call(arguments))); }; };
Test.prototype.step_func_done = function (fn, thisObj) { var t = this; return function () { if (fn) t.step.apply(t, [fn, thisObj === undefined ? this : thisObj].concat(Array.prototype.slice.call(arguments))); t.done(); }; };
Test.prototype.unreached_func = function (d) { var t = this; return function () { t.fail(new AssertionError((d || '') + ': reached unreachable code')); }; };
Test.prototype.step_timeout = function (fn, ms) { var t = this, args = Array.prototype.slice.call(arguments, 2); return setTimeout(function () { t.step.apply(t, [fn, undefined].concat(args)); }, ms); };
Test.prototype.add_cleanup = function (fn) { this.cleanups.push(fn); };
Test.prototype.fail = function (e) { if (this.error === null) this.error = e; if (this.finished) this.finished(); };
Test.prototype.done = function () { if (this.finished) this.finished(); };
function step_timeout(fn, ms) { var args = Array.prototype.slice.call(arguments, 2); return setTimeout(function () { fn.apply(undefined, args); }, ms); }
function test(fn, name) { __wptTests.push({ kind: 'sync', fn: fn, name: name }); }
function async_test(fn, name) { if (typeof fn === 'string') { name = fn; fn = null; } var t = new Test(name); __wptTests.push({ kind: 'async', fn: fn, name: name, t: t }); return t; }
function promise_test(fn, name) { __wptTests.push({ kind: 'promise', fn: fn, name: name }); }
function __wptRunOne(entry) {
  var t = entry.t || new Test(entry.name);
  return new Promise(function (resolve) {
    var settled = false;
    var timer = setTimeout(function () { finish('TIMEOUT'); }, 3000);
    function finish(status) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      t.cleanups.forEach(function (c) { try { c(); } catch (e) { /* ignored */ } });
      var err = t.error;
      if (status === 'PASS' && err !== null) status = 'FAIL';
      resolve({ name: String(entry.name), status: status, message: err === null ? '' : String(err && err.message || err) });
    }
    t.finished = function () { finish('PASS'); };
    try {
      if (entry.kind === 'sync') { entry.fn.call(t, t); finish('PASS'); return; }
      if (entry.kind === 'async') { if (entry.fn) entry.fn.call(t, t); if (t.error !== null) finish('FAIL'); return; }
      var p = entry.fn.call(t, t);
      Promise.resolve(p).then(function () { finish('PASS'); }, function (e) { t.fail(e); finish('FAIL'); });
    } catch (e) { t.fail(e); finish('FAIL'); }
  });
}
async function __wptRun() {
  for (var i = 0; i < __wptTests.length; i++) __wptResults.push(await __wptRunOne(__wptTests[i]));
  return __wptResults;
}
// Helpers WPT's resource scripts provide (our own versions).
function createBuffer(type, length, opts) {
  if (type === 'SharedArrayBuffer') throw new TypeError('SharedArrayBuffer is not available');
  return new ArrayBuffer(length || 0, opts);
}
function readableStreamFromArray(array) {
  return new ReadableStream({ start: function (c) { for (var i = 0; i < array.length; i++) c.enqueue(array[i]); c.close(); } });
}
async function readableStreamToArray(stream) {
  var out = [], reader = stream.getReader();
  for (;;) { var r = await reader.read(); if (r.done) return out; out.push(r.value); }
}
function promise_rejects(t, expected, p, d) {
  return Promise.resolve(p).then(function () { fail(d, 'promise resolved, expected rejection'); },
    function (e) { if (expected && typeof expected === 'object' && e && expected.name !== e.name && !same(e, expected)) fail(d, 'rejected with ' + format_value(e && e.name) + ', expected ' + expected.name); });
}
function assert_throws(expected, fn, d) {
  try { fn(); } catch (e) { if (expected && typeof expected === 'object' && e && expected.name !== e.name && !same(e, expected)) fail(d, 'threw ' + format_value(e && e.name) + ', expected ' + expected.name); return; }
  fail(d, 'did not throw');
}
