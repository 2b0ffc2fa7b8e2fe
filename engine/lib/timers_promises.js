// node:timers/promises over the event loop's timers.
'use strict';

function abortError(signal) {
  var e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}

function checkOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    var e = new TypeError('The "options" argument must be of type object. Received ' + (options === null ? 'null' : 'type ' + typeof options + ' (' + (typeof options === 'string' ? "'" + options + "'" : String(options)) + ')'));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  var s = options.signal;
  if (s !== undefined && (s === null || typeof s !== 'object' || !('aborted' in s))) {
    var se = new TypeError('The "options.signal" property must be an instance of AbortSignal. Received ' + (s === null ? 'null' : typeof s));
    se.code = 'ERR_INVALID_ARG_TYPE';
    throw se;
  }
  return options;
}

function later(schedule, clear, delay, value, options) {
  try {
    options = checkOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  var signal = options.signal;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise(function (resolve, reject) {
    var onAbort;
    var id = schedule(function () {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(value);
    }, delay);
    if (signal) {
      onAbort = function () {
        clear(id);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function setTimeoutP(delay, value, options) { return later(setTimeout, clearTimeout, delay, value, options); }
function setImmediateP(value, options) { return later(function (cb) { return setImmediate(cb); }, clearImmediate, 0, value, options); }

// setInterval(delay, value): an async iterator yielding value every delay.
function setIntervalP(delay, value, options) {
  options = checkOptions(options);
  var signal = options.signal;
  var pending = 0;
  var waiting = null;
  var done = false;
  var id = null;
  var onAbort;
  function start() {
    if (id !== null || done) return;
    id = setInterval(function () {
      if (waiting) {
        var w = waiting;
        waiting = null;
        w.resolve({ value: value, done: false });
      } else {
        pending++;
      }
    }, delay);
    if (signal) {
      onAbort = function () {
        finish();
        if (waiting) {
          var w = waiting;
          waiting = null;
          w.reject(abortError(signal));
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  }
  function finish() {
    done = true;
    if (id !== null) clearInterval(id);
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
  }
  var it = {
    next: function () {
      if (signal && signal.aborted) { finish(); return Promise.reject(abortError(signal)); }
      if (done) return Promise.resolve({ value: undefined, done: true });
      start();
      if (pending > 0) {
        pending--;
        return Promise.resolve({ value: value, done: false });
      }
      return new Promise(function (resolve, reject) { waiting = { resolve: resolve, reject: reject }; });
    },
    return: function () {
      finish();
      if (waiting) {
        var w = waiting;
        waiting = null;
        w.resolve({ value: undefined, done: true });
      }
      return Promise.resolve({ value: undefined, done: true });
    },
  };
  it[Symbol.asyncIterator] = function () { return this; };
  return it;
}

module.exports = {
  setTimeout: setTimeoutP,
  setImmediate: setImmediateP,
  setInterval: setIntervalP,
  scheduler: {
    wait: function (delay, options) { return setTimeoutP(delay, undefined, options); },
    yield: function () { return setImmediateP(); },
  },
};
