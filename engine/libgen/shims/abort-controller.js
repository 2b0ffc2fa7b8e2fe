// Stands in for the npm "abort-controller" package inside readable-stream,
// which asks for it only where globalThis has no AbortController: the
// global's classes when they exist, else a minimal pair.
'use strict';
function MiniSignal() {
  this.aborted = false;
  this.reason = undefined;
  this.onabort = null;
  this._listeners = [];
}
MiniSignal.prototype.addEventListener = function (type, fn, opts) {
  if (type === 'abort' && typeof fn === 'function') this._listeners.push({ fn: fn, once: !!(opts && opts.once) });
};
MiniSignal.prototype.removeEventListener = function (type, fn) {
  this._listeners = this._listeners.filter(function (l) { return l.fn !== fn; });
};
MiniSignal.prototype.throwIfAborted = function () {
  if (this.aborted) throw this.reason;
};
MiniSignal.prototype._abort = function (reason) {
  if (this.aborted) return;
  this.aborted = true;
  if (reason === undefined) {
    reason = new Error('This operation was aborted');
    reason.name = 'AbortError';
    reason.code = 20;
  }
  this.reason = reason;
  var ev = { type: 'abort', target: this };
  if (typeof this.onabort === 'function') this.onabort(ev);
  var ls = this._listeners.slice();
  this._listeners = this._listeners.filter(function (l) { return !l.once; });
  for (var i = 0; i < ls.length; i++) ls[i].fn.call(this, ev);
};
function MiniController() {
  this.signal = new MiniSignal();
}
MiniController.prototype.abort = function (reason) { this.signal._abort(reason); };
module.exports = {
  get AbortController() { return globalThis.AbortController || MiniController; },
  get AbortSignal() { return globalThis.AbortSignal || MiniSignal; },
};
