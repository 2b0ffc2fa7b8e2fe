// internal/events: the DOM's Event, CustomEvent and EventTarget (what
// Node 20 has as globals; no capture or bubbling: a target has no parent).
'use strict';
var kType = Symbol('type'), kFlags = Symbol('flags'), kTarget = Symbol('target'),
  kCurrent = Symbol('currentTarget'), kPhase = Symbol('phase'), kStamp = Symbol('timeStamp'),
  kDetail = Symbol('detail'), kListeners = Symbol('listeners'), kDispatching = Symbol('dispatching'),
  kPassive = Symbol('inPassive');
var STOP = 1, STOP_NOW = 2, CANCELED = 4, BUBBLES = 8, CANCELABLE = 16, COMPOSED = 32;
var t0 = Date.now();

function isEvent(e) { return e !== null && typeof e === 'object' && kType in e; }
function checkEvent(e) { if (!isEvent(e)) throw new TypeError('Value of "this" must be of type Event'); }

class Event {
  constructor(type, options) {
    if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
    if (options != null && typeof options !== 'object' && typeof options !== 'function') throw new TypeError('The "options" argument must be of type object.');
    var f = 0;
    if (options) {
      if (options.bubbles) f |= BUBBLES;
      if (options.cancelable) f |= CANCELABLE;
      if (options.composed) f |= COMPOSED;
    }
    this[kType] = String(type);
    this[kFlags] = f;
    this[kTarget] = null;
    this[kCurrent] = null;
    this[kPhase] = 0;
    this[kPassive] = false;
    this[kStamp] = Date.now() - t0;
    this[kDispatching] = false;
  }
  get type() { checkEvent(this); return this[kType]; }
  get bubbles() { checkEvent(this); return !!(this[kFlags] & BUBBLES); }
  get cancelable() { checkEvent(this); return !!(this[kFlags] & CANCELABLE); }
  get composed() { checkEvent(this); return !!(this[kFlags] & COMPOSED); }
  get defaultPrevented() { checkEvent(this); return !!(this[kFlags] & CANCELED); }
  get target() { checkEvent(this); return this[kTarget]; }
  get currentTarget() { checkEvent(this); return this[kCurrent]; }
  get srcElement() { checkEvent(this); return this[kTarget]; }
  get eventPhase() { checkEvent(this); return this[kPhase]; }
  get timeStamp() { checkEvent(this); return this[kStamp]; }
  get isTrusted() { return false; }
  get returnValue() { checkEvent(this); return !(this[kFlags] & CANCELED); }
  set returnValue(v) { checkEvent(this); if (!v) this.preventDefault(); }
  get cancelBubble() { checkEvent(this); return !!(this[kFlags] & STOP); }
  set cancelBubble(v) { checkEvent(this); if (v) this[kFlags] |= STOP; }
  preventDefault() { checkEvent(this); if ((this[kFlags] & CANCELABLE) && !this[kPassive]) this[kFlags] |= CANCELED; }
  stopPropagation() { checkEvent(this); this[kFlags] |= STOP; }
  stopImmediatePropagation() { checkEvent(this); this[kFlags] |= STOP | STOP_NOW; }
  composedPath() { checkEvent(this); return this[kDispatching] ? [this[kCurrent]] : []; }
}
[['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]].forEach(function (c) {
  var d = { value: c[1], enumerable: true };
  Object.defineProperty(Event, c[0], d);
  Object.defineProperty(Event.prototype, c[0], d);
});
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class CustomEvent extends Event {
  constructor(type, options) {
    if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
    super(type, options);
    this[kDetail] = options && options.detail !== undefined ? options.detail : null;
  }
  get detail() { if (!(kDetail in this)) throw new TypeError('Value of "this" must be of type CustomEvent'); return this[kDetail]; }
}
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

function flatten(options) {
  if (typeof options === 'boolean' || options == null) return { capture: !!options };
  return { capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal: options.signal };
}

// reportError: a listener's exception does not stop the dispatch; it is
// reported as an uncaught exception (logged "Uncaught …" by the loop).
function report(err) { setTimeout(function () { throw err; }, 0); }

class EventTarget {
  constructor() { this[kListeners] = new Map(); }
  addEventListener(type, listener, options) {
    checkTarget(this);
    if (arguments.length < 2) throw new TypeError('The "type" and "listener" arguments must be specified');
    var o = flatten(options);
    if (listener == null) return;
    if (typeof listener !== 'function' && typeof listener !== 'object') throw new TypeError('The "listener" argument must be an instance of EventListener.');
    var signal = o.signal;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) throw new TypeError('The "options.signal" property must be an instance of AbortSignal.');
    if (signal && signal.aborted) return;
    type = String(type);
    var list = this[kListeners].get(type);
    if (!list) { list = []; this[kListeners].set(type, list); }
    for (var i = 0; i < list.length; i++) if (list[i].listener === listener && list[i].capture === o.capture) return;
    var entry = { listener: listener, capture: o.capture, once: !!o.once, passive: !!o.passive, removed: false };
    list.push(entry);
    if (signal) {
      var self = this;
      signal.addEventListener('abort', function () { self.removeEventListener(type, listener, { capture: o.capture }); }, { once: true });
    }
  }
  removeEventListener(type, listener, options) {
    checkTarget(this);
    if (arguments.length < 2) throw new TypeError('The "type" and "listener" arguments must be specified');
    var capture = flatten(options).capture;
    var list = this[kListeners].get(String(type));
    if (!list) return;
    for (var i = 0; i < list.length; i++) {
      if (list[i].listener === listener && list[i].capture === capture) {
        list[i].removed = true;
        list.splice(i, 1);
        return;
      }
    }
  }
  dispatchEvent(event) {
    checkTarget(this);
    if (!isEvent(event)) throw new TypeError('The "event" argument must be an instance of Event. Received ' + (event === null ? 'null' : typeof event));
    if (event[kDispatching]) {
      var DOMException = require('internal/domexception').DOMException;
      throw new DOMException('The event is already being dispatched', 'InvalidStateError');
    }
    event[kDispatching] = true;
    event[kTarget] = this;
    event[kCurrent] = this;
    event[kPhase] = 2;
    var list = this[kListeners].get(event[kType]);
    if (list) {
      list = list.slice();
      for (var i = 0; i < list.length; i++) {
        var e = list[i];
        if (e.removed) continue;
        if (e.once) this.removeEventListener(event[kType], e.listener, { capture: e.capture });
        event[kPassive] = e.passive;
        try {
          var l = e.listener;
          if (typeof l === 'function') l.call(this, event);
          else if (l && typeof l.handleEvent === 'function') l.handleEvent(event);
        } catch (err) {
          report(err);
        }
        event[kPassive] = false;
        if (event[kFlags] & STOP_NOW) break;
      }
    }
    event[kDispatching] = false;
    event[kCurrent] = null;
    event[kPhase] = 0;
    return !(event[kFlags] & CANCELED);
  }
}
function checkTarget(t) {
  if (t === null || typeof t !== 'object' || !(kListeners in t)) throw new TypeError('Value of "this" must be of type EventTarget');
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

// defineEventHandler gives a class an on<type> attribute (AbortSignal's
// onabort).
function defineEventHandler(proto, type) {
  var k = Symbol('on' + type);
  Object.defineProperty(proto, 'on' + type, {
    configurable: true, enumerable: true,
    get: function () { return this[k] ? this[k].fn : null; },
    set: function (fn) {
      if (this[k]) { this.removeEventListener(type, this[k].wrapper); this[k] = null; }
      if (typeof fn === 'function' || (fn !== null && typeof fn === 'object')) {
        var h = { fn: fn, wrapper: function (ev) { return typeof h.fn === 'function' ? h.fn.call(this, ev) : undefined; } };
        this[k] = h;
        this.addEventListener(type, h.wrapper);
      }
    }
  });
}

exports.Event = Event;
exports.CustomEvent = CustomEvent;
exports.EventTarget = EventTarget;
exports.defineEventHandler = defineEventHandler;
