// node:diagnostics_channel: named channels within the runtime.
'use strict';
var channels = new Map();

function Channel(name) {
  this.name = name;
  this._subscribers = [];
}
Object.defineProperty(Channel.prototype, 'hasSubscribers', { get: function () { return this._subscribers.length > 0; } });
Channel.prototype.subscribe = function (fn) {
  if (typeof fn !== 'function') {
    var e = new TypeError('The "subscription" argument must be of type function.');
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  this._subscribers.push(fn);
};
Channel.prototype.unsubscribe = function (fn) {
  var i = this._subscribers.indexOf(fn);
  if (i === -1) return false;
  this._subscribers.splice(i, 1);
  return true;
};
Channel.prototype.publish = function (data) {
  var subs = this._subscribers.slice();
  for (var i = 0; i < subs.length; i++) {
    try {
      subs[i](data, this.name);
    } catch (err) {
      process.nextTick(function () { throw err; });
    }
  }
};
Channel.prototype.bindStore = function () {};
Channel.prototype.unbindStore = function () { return false; };
Channel.prototype.runStores = function (data, fn, thisArg) {
  this.publish(data);
  return Reflect.apply(fn, thisArg, Array.prototype.slice.call(arguments, 3));
};

function channel(name) {
  var c = channels.get(name);
  if (c) return c;
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    var e = new TypeError('The "channel" argument must be one of type string or symbol.');
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  c = new Channel(name);
  channels.set(name, c);
  return c;
}

function TracingChannel(nameOrChannels) {
  var self = this;
  ['start', 'end', 'asyncStart', 'asyncEnd', 'error'].forEach(function (ev) {
    self[ev] = typeof nameOrChannels === 'string' ? channel('tracing:' + nameOrChannels + ':' + ev) : nameOrChannels[ev];
  });
}
Object.defineProperty(TracingChannel.prototype, 'hasSubscribers', {
  get: function () { return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers || this.asyncEnd.hasSubscribers || this.error.hasSubscribers; },
});
TracingChannel.prototype.subscribe = function (h) { var s = this; Object.keys(h).forEach(function (k) { if (s[k]) s[k].subscribe(h[k]); }); };
TracingChannel.prototype.unsubscribe = function (h) { var s = this, ok = true; Object.keys(h).forEach(function (k) { if (s[k] && !s[k].unsubscribe(h[k])) ok = false; }); return ok; };
TracingChannel.prototype.traceSync = function (fn, context, thisArg) {
  context = context || {};
  var args = Array.prototype.slice.call(arguments, 3);
  this.start.publish(context);
  try {
    var r = Reflect.apply(fn, thisArg, args);
    context.result = r;
    return r;
  } catch (err) {
    context.error = err;
    this.error.publish(context);
    throw err;
  } finally {
    this.end.publish(context);
  }
};
TracingChannel.prototype.tracePromise = function (fn, context, thisArg) {
  var self = this;
  context = context || {};
  var args = Array.prototype.slice.call(arguments, 3);
  this.start.publish(context);
  try {
    var p = Reflect.apply(fn, thisArg, args);
    return Promise.resolve(p).then(function (r) {
      context.result = r;
      self.asyncStart.publish(context);
      self.asyncEnd.publish(context);
      return r;
    }, function (err) {
      context.error = err;
      self.error.publish(context);
      self.asyncStart.publish(context);
      self.asyncEnd.publish(context);
      throw err;
    });
  } catch (err) {
    context.error = err;
    this.error.publish(context);
    throw err;
  } finally {
    this.end.publish(context);
  }
};
TracingChannel.prototype.traceCallback = function (fn, position, context, thisArg) {
  return Reflect.apply(fn, thisArg, Array.prototype.slice.call(arguments, 4));
};

module.exports = {
  channel: channel,
  hasSubscribers: function (name) { var c = channels.get(name); return c ? c.hasSubscribers : false; },
  subscribe: function (name, fn) { channel(name).subscribe(fn); },
  unsubscribe: function (name, fn) { return channel(name).unsubscribe(fn); },
  tracingChannel: function (n) { return new TracingChannel(n); },
  Channel: Channel,
};
