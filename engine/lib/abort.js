// internal/abort: AbortController and AbortSignal (abort, timeout, any).
'use strict';
var events = require('internal/events');
var DOMException = require('internal/domexception').DOMException;
var kCreate = Symbol('create'), kAborted = Symbol('aborted'), kReason = Symbol('reason'), kSignal = Symbol('signal');

function checkSignal(s) {
  if (s === null || typeof s !== 'object' || !(kAborted in s)) throw new TypeError('Value of "this" must be of type AbortSignal');
}

class AbortSignal extends events.EventTarget {
  constructor(key) {
    if (key !== kCreate) throw new TypeError('Illegal constructor');
    super();
    this[kAborted] = false;
    this[kReason] = undefined;
  }
  get aborted() { checkSignal(this); return this[kAborted]; }
  get reason() { checkSignal(this); return this[kReason]; }
  throwIfAborted() { checkSignal(this); if (this[kAborted]) throw this[kReason]; }
  static abort(reason) {
    var s = new AbortSignal(kCreate);
    s[kAborted] = true;
    s[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    return s;
  }
  // timeout uses the runtime's timers: the signal fires within the
  // invocation that made it (an invocation's end stops its timers).
  static timeout(ms) {
    ms = Number(ms);
    if (!(ms >= 0) || ms > 4294967295 || ms !== Math.floor(ms)) {
      var e = new RangeError('The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ' + String(ms));
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    var s = new AbortSignal(kCreate);
    setTimeout(function () { abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')); }, ms);
    return s;
  }
  static any(signals) {
    if (signals == null || typeof signals[Symbol.iterator] !== 'function') throw new TypeError('The "signals" argument must be an instance of Array.');
    var list = [];
    for (var x of signals) { checkSignal(x); list.push(x); }
    var s = new AbortSignal(kCreate);
    for (var i = 0; i < list.length; i++) {
      if (list[i][kAborted]) { s[kAborted] = true; s[kReason] = list[i][kReason]; return s; }
    }
    list.forEach(function (src) {
      src.addEventListener('abort', function () { abortSignal(s, src[kReason]); }, { once: true });
    });
    return s;
  }
}
events.defineEventHandler(AbortSignal.prototype, 'abort');
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

function abortSignal(s, reason) {
  if (s[kAborted]) return;
  s[kAborted] = true;
  s[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
  s.dispatchEvent(new events.Event('abort'));
}

class AbortController {
  constructor() { this[kSignal] = new AbortSignal(kCreate); }
  get signal() { if (!(this && kSignal in this)) throw new TypeError('Value of "this" must be of type AbortController'); return this[kSignal]; }
  abort(reason) { abortSignal(this.signal, reason); }
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

exports.AbortController = AbortController;
exports.AbortSignal = AbortSignal;
