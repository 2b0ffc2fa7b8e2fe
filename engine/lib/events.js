// node:events: Node 20's EventEmitter, written for the engine (the npm
// "events" port lacks captureRejections, errorMonitor and on()).
'use strict';

var kCapture = Symbol('kCapture');
var kRejection = Symbol.for('nodejs.rejection');
var kErrorMonitor = Symbol('events.errorMonitor');
var kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
var kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');
var defaultMaxListeners = 10;
var defaultCaptureRejections = false;

function codeError(Ctor, code, msg) {
  var e = new Ctor(msg);
  e.code = code;
  return e;
}

function typeName(v) {
  if (v === null) return 'null';
  if (typeof v === 'function') return 'function ' + (v.name || '');
  if (typeof v === 'object') {
    if (v.constructor && v.constructor.name) return 'an instance of ' + v.constructor.name;
    return 'an instance of Object';
  }
  var s = typeof v === 'string' ? "'" + v + "'" : String(v);
  if (typeof v === 'string' && s.length > 28) s = s.slice(0, 25) + '...';
  if (typeof v === 'bigint') s += 'n';
  return 'type ' + typeof v + ' (' + s + ')';
}

function invalidArgType(name, expected, v) {
  return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be ' + expected + '. Received ' + typeName(v));
}

function checkListener(listener) {
  if (typeof listener !== 'function') throw invalidArgType('listener', 'of type function', listener);
}

function checkNonNegative(name, n) {
  if (typeof n !== 'number') throw invalidArgType(name, 'of type number', n);
  if (n < 0 || n !== n) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be >= 0. Received ' + String(n));
  }
}

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function (opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts && opts.captureRejections !== undefined) {
    if (typeof opts.captureRejections !== 'boolean') throw invalidArgType('options.captureRejections', 'of type boolean', opts.captureRejections);
    this[kCapture] = opts.captureRejections;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

Object.defineProperty(EventEmitter, 'captureRejections', {
  get: function () { return defaultCaptureRejections; },
  set: function (v) {
    if (typeof v !== 'boolean') throw invalidArgType('EventEmitter.captureRejections', 'of type boolean', v);
    defaultCaptureRejections = v;
    EventEmitter.prototype[kCapture] = v;
  },
  enumerable: true,
});
EventEmitter.prototype[kCapture] = false;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get: function () { return defaultMaxListeners; },
  set: function (n) {
    checkNonNegative('defaultMaxListeners', n);
    defaultMaxListeners = n;
  },
});

EventEmitter.captureRejectionSymbol = kRejection;
EventEmitter.errorMonitor = kErrorMonitor;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  checkNonNegative('setMaxListeners', n);
  this._maxListeners = n;
  return this;
};

function getMax(that) {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() { return getMax(this); };

function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    var then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, function (err) {
        // The error handler runs in a later turn, as in Node.
        process.nextTick(emitUnhandledRejectionOrErr, that, err, type, args);
      });
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection].apply(ee, [err, type].concat(args));
  } else {
    var prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

EventEmitter.prototype.emit = function emit(type) {
  var args = [];
  for (var i = 1; i < arguments.length; i++) args.push(arguments[i]);
  var doError = type === 'error';
  var events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) this.emit.apply(this, [kErrorMonitor].concat(args));
    doError = doError && events.error === undefined;
  } else if (!doError) {
    return false;
  }
  if (doError) {
    var er = args.length > 0 ? args[0] : undefined;
    if (er instanceof Error) throw er;
    var shown;
    try { shown = require('util').inspect(er); } catch (e) { shown = String(er); }
    var err = codeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + shown + ')');
    err.context = er;
    throw err;
  }
  var handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    var r = handler.apply(this, args);
    if (r !== undefined && r !== null) addCatch(this, r, type, args);
  } else {
    var listeners = handler.slice();
    for (var j = 0; j < listeners.length; j++) {
      var r2 = listeners[j].apply(this, args);
      if (r2 !== undefined && r2 !== null) addCatch(this, r2, type, args);
    }
  }
  return true;
};

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  var events = target._events;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ? listener.listener : listener);
      events = target._events;
    }
  }
  var existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    var m = getMax(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      var name = target.constructor && target.constructor.name || 'EventEmitter';
      var w = new Error('Possible EventEmitter memory leak detected. ' + existing.length + ' ' + String(type) +
        ' listeners added to [' + name + ']. Use emitter.setMaxListeners() to increase limit');
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      process.emitWarning(w);
    }
  }
  return target;
}

EventEmitter.prototype.addListener = function addListenerM(type, listener) { return addListener(this, type, listener, false); };
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, listener) { return addListener(this, type, listener, true); };

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, arguments);
  }
}

function onceWrap(target, type, listener) {
  var state = { fired: false, wrapFn: undefined, target: target, type: type, listener: listener };
  var wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  var events = this._events;
  if (events === undefined) return this;
  var list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this._eventsCount === 0) {
      this._events = Object.create(null);
    } else {
      delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    }
  } else if (typeof list !== 'function') {
    var position = -1;
    for (var i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  var events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    return this;
  }
  if (arguments.length === 0) {
    var keys = Reflect.ownKeys(events);
    for (var i = 0; i < keys.length; i++) {
      if (keys[i] === 'removeListener') continue;
      this.removeAllListeners(keys[i]);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    return this;
  }
  var listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (var j = listeners.length - 1; j >= 0; j--) this.removeListener(type, listeners[j]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  var events = target._events;
  if (events === undefined) return [];
  var l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  var out = new Array(l.length);
  for (var i = 0; i < l.length; i++) out[i] = unwrap ? (l[i].listener || l[i]) : l[i];
  return out;
}

EventEmitter.prototype.listeners = function listeners(type) { return listenersOf(this, type, true); };
EventEmitter.prototype.rawListeners = function rawListeners(type) { return listenersOf(this, type, false); };

function listenerCount(type, listener) {
  var events = this._events;
  if (events !== undefined) {
    var l = events[type];
    if (typeof l === 'function') {
      if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
      return 1;
    }
    if (l !== undefined) {
      if (listener != null) {
        var n = 0;
        for (var i = 0; i < l.length; i++) if (l[i] === listener || l[i].listener === listener) n++;
        return n;
      }
      return l.length;
    }
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;
EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// ---- statics ----------------------------------------------------------

function isEventTarget(t) {
  return t && typeof t.addEventListener === 'function' && typeof t.removeEventListener === 'function' && typeof t.on !== 'function';
}

function abortError(signal) {
  var e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}

function validateSignal(signal) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
  }
}

EventEmitter.once = function once(emitter, name, options) {
  options = options || {};
  var signal = options.signal;
  validateSignal(signal);
  return new Promise(function (resolve, reject) {
    if (signal && signal.aborted) {
      reject(abortError(signal));
      return;
    }
    var cleanup;
    var resolver = function () {
      cleanup();
      resolve(Array.prototype.slice.call(arguments));
    };
    var errorListener = function (err) {
      cleanup();
      reject(err);
    };
    var onAbort = function () {
      cleanup();
      reject(abortError(signal));
    };
    cleanup = function () {
      if (isEventTarget(emitter)) {
        emitter.removeEventListener(name, resolver);
      } else {
        emitter.removeListener(name, resolver);
        if (name !== 'error') emitter.removeListener('error', errorListener);
      }
      if (signal) signal.removeEventListener('abort', onAbort);
    };
    if (isEventTarget(emitter)) {
      emitter.addEventListener(name, resolver, { once: true });
    } else {
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', errorListener);
    }
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
};

// on(emitter, event): an async iterator of the event's argument arrays.
EventEmitter.on = function on(emitter, event, options) {
  options = options || {};
  var signal = options.signal;
  validateSignal(signal);
  if (signal && signal.aborted) throw abortError(signal);
  var unconsumedEvents = [];
  var unconsumedPromises = [];
  var error = null;
  var finished = false;
  var iterator = {
    next: function () {
      var value = unconsumedEvents.shift();
      if (value) return Promise.resolve({ value: value, done: false });
      if (error) {
        var p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise(function (resolve, reject) { unconsumedPromises.push({ resolve: resolve, reject: reject }); });
    },
    return: function () {
      closeHandler();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw: function (err) {
      if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'an instance of Error', err);
      error = err;
      removeAll();
      return Promise.resolve({ value: undefined, done: true });
    },
  };
  iterator[Symbol.asyncIterator] = function () { return this; };
  var eventHandler = function () {
    var args = Array.prototype.slice.call(arguments);
    var p = unconsumedPromises.shift();
    if (p) p.resolve({ value: args, done: false });
    else unconsumedEvents.push(args);
  };
  var errorHandler = function (err) {
    finished = true;
    var p = unconsumedPromises.shift();
    if (p) p.reject(err);
    else error = err;
    iterator.return();
  };
  var abortListener = function () { errorHandler(abortError(signal)); };
  function removeAll() {
    if (isEventTarget(emitter)) {
      emitter.removeEventListener(event, eventHandler);
    } else {
      emitter.removeListener(event, eventHandler);
      emitter.removeListener('error', errorHandler);
    }
    if (signal) signal.removeEventListener('abort', abortListener);
  }
  function closeHandler() {
    removeAll();
    finished = true;
    var p;
    while ((p = unconsumedPromises.shift())) p.resolve({ value: undefined, done: true });
  }
  if (isEventTarget(emitter)) {
    emitter.addEventListener(event, eventHandler);
  } else {
    emitter.on(event, eventHandler);
    if (event !== 'error') emitter.on('error', errorHandler);
  }
  if (signal) signal.addEventListener('abort', abortListener, { once: true });
  return iterator;
};

EventEmitter.getEventListeners = function getEventListeners(emitter, type) {
  if (typeof emitter.listeners === 'function') return emitter.listeners(type);
  throw invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitter);
};

EventEmitter.getMaxListeners = function getMaxListeners(emitter) {
  if (typeof emitter.getMaxListeners === 'function') return getMax(emitter);
  if (emitter && emitter[kMaxEventTargetListeners] !== undefined) return emitter[kMaxEventTargetListeners];
  return defaultMaxListeners;
};

EventEmitter.setMaxListeners = function setMaxListeners(n) {
  if (n === undefined) n = defaultMaxListeners;
  checkNonNegative('setMaxListeners', n);
  if (arguments.length <= 1) {
    defaultMaxListeners = n;
    return;
  }
  for (var i = 1; i < arguments.length; i++) {
    var t = arguments[i];
    if (t && typeof t.setMaxListeners === 'function') {
      t.setMaxListeners(n);
    } else if (t && typeof t.addEventListener === 'function') {
      t[kMaxEventTargetListeners] = n;
      t[kMaxEventTargetListenersWarned] = false;
    } else {
      throw invalidArgType('eventTargets', 'an instance of EventEmitter or EventTarget', t);
    }
  }
};

EventEmitter.addAbortListener = function addAbortListener(signal, listener) {
  validateSignal(signal);
  if (signal === undefined) throw invalidArgType('signal', 'an instance of AbortSignal', signal);
  checkListener(listener);
  var removed = false;
  var wrapped = function () { if (!removed) listener.apply(this, arguments); };
  if (signal.aborted) {
    process.nextTick(function () { wrapped(); });
  } else {
    signal.addEventListener('abort', wrapped, { once: true });
  }
  var d = {
    dispose: function () {
      removed = true;
      signal.removeEventListener('abort', wrapped);
    },
  };
  var dispose = Symbol.dispose || Symbol.for('nodejs.dispose');
  d[dispose] = d.dispose;
  return d;
};

// EventEmitterAsyncResource needs async_hooks' resources; this is the
// emitter with the same constructor options.
function EventEmitterAsyncResource(options) {
  EventEmitter.call(this, options);
}
Object.setPrototypeOf(EventEmitterAsyncResource.prototype, EventEmitter.prototype);
Object.setPrototypeOf(EventEmitterAsyncResource, EventEmitter);
EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource;

module.exports = EventEmitter;
