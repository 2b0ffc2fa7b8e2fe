// node:async_hooks. AsyncLocalStorage without engine hooks: goja has no
// promise hooks, so a store set by run() stays the current one until the
// function's result settles (not only while it runs synchronously). One
// runtime serves one invocation at a time, so a store set around a
// request's handler is what all of that request's code sees, across
// awaits, timers and callbacks. Two runs that overlap in time within one
// invocation see the later one's store until it settles. Nothing outlives
// its invocation: a context is tagged with the invocation it was made in
// (host.gen).
'use strict';

var current = null; // { gen, stores: Map(als → store) }

function frame() {
  var g = host.gen();
  if (current !== null && current.gen !== g) current = null;
  return current;
}

function withStore(als, store, remove) {
  var prev = frame();
  var stores = new Map(prev ? prev.stores : undefined);
  if (remove) stores.delete(als);
  else stores.set(als, store);
  return { gen: host.gen(), stores: stores };
}

function isThenable(v) {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';
}

// runIn runs fn with f current; when fn returns a promise, f stays
// current until it settles.
function runIn(f, fn, thisArg, args) {
  var prev = current;
  current = f;
  var r;
  try {
    r = Reflect.apply(fn, thisArg, args);
  } catch (e) {
    if (current === f) current = prev;
    throw e;
  }
  if (isThenable(r)) {
    var restore = function () { if (current === f) current = prev; };
    try { r.then(restore, restore); } catch (e) { restore(); }
  } else if (current === f) {
    current = prev;
  }
  return r;
}

function AsyncLocalStorage() {
  if (!(this instanceof AsyncLocalStorage)) throw new TypeError("Class constructor AsyncLocalStorage cannot be invoked without 'new'");
  this._enabled = true;
}
AsyncLocalStorage.prototype.getStore = function () {
  var f = frame();
  return f ? f.stores.get(this) : undefined;
};
AsyncLocalStorage.prototype.run = function (store, fn) {
  this._enabled = true;
  return runIn(withStore(this, store), fn, undefined, Array.prototype.slice.call(arguments, 2));
};
AsyncLocalStorage.prototype.exit = function (fn) {
  return runIn(withStore(this, undefined, true), fn, undefined, Array.prototype.slice.call(arguments, 1));
};
AsyncLocalStorage.prototype.enterWith = function (store) {
  this._enabled = true;
  current = withStore(this, store);
};
AsyncLocalStorage.prototype.disable = function () {
  this._enabled = false;
  var f = frame();
  if (f && f.stores.has(this)) current = withStore(this, undefined, true);
};
AsyncLocalStorage.bind = function (fn) {
  var f = frame();
  return function () { return runIn(f, fn, this, arguments); };
};
AsyncLocalStorage.snapshot = function () {
  var f = frame();
  return function (fn) { return runIn(f, fn, this, Array.prototype.slice.call(arguments, 1)); };
};

var nextId = 2;
function AsyncResource(type, opts) {
  if (typeof type !== 'string') {
    var e = new TypeError('The "type" argument must be of type string.');
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  this._frame = frame();
  this._type = type;
  this._id = nextId++;
  this._trigger = opts && typeof opts === 'object' && opts.triggerAsyncId !== undefined ? opts.triggerAsyncId : 1;
}
AsyncResource.prototype.runInAsyncScope = function (fn, thisArg) {
  return runIn(this._frame, fn, thisArg, Array.prototype.slice.call(arguments, 2));
};
AsyncResource.prototype.emitDestroy = function () { return this; };
AsyncResource.prototype.asyncId = function () { return this._id; };
AsyncResource.prototype.triggerAsyncId = function () { return this._trigger; };
AsyncResource.prototype.bind = function (fn, thisArg) {
  var self = this;
  var bound = function () { return self.runInAsyncScope.apply(self, [fn, thisArg === undefined ? this : thisArg].concat(Array.prototype.slice.call(arguments))); };
  Object.defineProperty(bound, 'length', { value: fn.length });
  bound.asyncResource = this;
  return bound;
};
AsyncResource.bind = function (fn, type, thisArg) {
  return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
};

function createHook() {
  return { enable: function () { return this; }, disable: function () { return this; } };
}

module.exports = {
  AsyncLocalStorage: AsyncLocalStorage,
  AsyncResource: AsyncResource,
  createHook: createHook,
  executionAsyncId: function () { return 1; },
  triggerAsyncId: function () { return 0; },
  executionAsyncResource: function () { return {}; },
  asyncWrapProviders: {},
};
