// internal/fetch: WHATWG fetch with Headers, Request and Response, as Node
// 20 (undici) has them. Sending, redirects, limits and body bytes are Go
// (engine/fetch.go, reached through host); the classes are here. Blob,
// FormData, ReadableStream and AbortSignal come from their own internal
// modules, required when first needed (a function that only fetches text
// never makes them); an AbortSignal is recognised by its shape.
'use strict';

var INTERNAL = {}; // the token of the internal constructor paths

// loaded is a module only if this runtime already made it.
function loaded(name) {
  return host.made(name) ? require(name) : null;
}

// ---- Headers ------------------------------------------------------------

var tokenRE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
var badValueRE = /[\0\r\n]/;

function normValue(v) {
  v = String(v);
  var s = 0, e = v.length;
  while (s < e && (v[s] === ' ' || v[s] === '\t' || v[s] === '\n' || v[s] === '\r')) s++;
  while (e > s && (v[e - 1] === ' ' || v[e - 1] === '\t' || v[e - 1] === '\n' || v[e - 1] === '\r')) e--;
  return v.slice(s, e);
}

function checkName(who, name) {
  name = String(name);
  if (!tokenRE.test(name)) throw new TypeError('Headers.' + who + ': "' + name + '" is an invalid header name.');
  return name.toLowerCase();
}

function checkValue(who, v) {
  v = normValue(v);
  if (badValueRE.test(v)) throw new TypeError('Headers.' + who + ': "' + v + '" is an invalid header value.');
  for (var i = 0; i < v.length; i++) {
    if (v.charCodeAt(i) > 0xff) throw new TypeError('Headers.' + who + ': "' + v + '" is an invalid header value.');
  }
  return v;
}

class Headers {
  #list = []; // [lower-case name, value] in insertion order
  #guard = 'none';
  #cache = null; // the sorted and combined list, until the next change

  constructor(init = undefined) {
    if (init === undefined || init === null) {
      if (init === null) throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
      return;
    }
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
    }
    if (#list in init) {
      var l = init.#list;
      for (var i = 0; i < l.length; i++) this.#list.push([l[i][0], l[i][1]]);
      return;
    }
    if (typeof init[Symbol.iterator] === 'function') {
      for (var pair of init) {
        if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
          throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + (pair && pair.length) + '.');
        }
        var p = Array.from(pair);
        if (p.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + p.length + '.');
        this.append(p[0], p[1]);
      }
      return;
    }
    var keys = Reflect.ownKeys(init);
    for (var j = 0; j < keys.length; j++) {
      var k = keys[j];
      var d = Reflect.getOwnPropertyDescriptor(init, k);
      if (d === undefined || !d.enumerable) continue;
      if (typeof k === 'symbol') throw new TypeError('Headers constructor: Key Symbol() in init is a symbol, which cannot be converted to a ByteString.');
      this.append(k, init[k]);
    }
  }

  #mutable() {
    if (this.#guard === 'immutable') throw new TypeError('immutable');
  }

  append(name, value) {
    if (arguments.length < 2) throw new TypeError('Headers.append: 2 arguments required, but only ' + arguments.length + ' present.');
    var n = checkName('append', name), v = checkValue('append', value);
    this.#mutable();
    this.#list.push([n, v]);
    this.#cache = null;
  }

  delete(name) {
    if (arguments.length < 1) throw new TypeError('Headers.delete: 1 arguments required, but only 0 present.');
    var n = checkName('delete', name);
    this.#mutable();
    this.#list = this.#list.filter(function (e) { return e[0] !== n; });
    this.#cache = null;
  }

  get(name) {
    if (arguments.length < 1) throw new TypeError('Headers.get: 1 arguments required, but only 0 present.');
    var n = checkName('get', name);
    var out = null;
    for (var i = 0; i < this.#list.length; i++) {
      if (this.#list[i][0] === n) out = out === null ? this.#list[i][1] : out + ', ' + this.#list[i][1];
    }
    return out;
  }

  getSetCookie() {
    var out = [];
    for (var i = 0; i < this.#list.length; i++) if (this.#list[i][0] === 'set-cookie') out.push(this.#list[i][1]);
    return out;
  }

  has(name) {
    if (arguments.length < 1) throw new TypeError('Headers.has: 1 arguments required, but only 0 present.');
    var n = checkName('has', name);
    return this.#list.some(function (e) { return e[0] === n; });
  }

  set(name, value) {
    if (arguments.length < 2) throw new TypeError('Headers.set: 2 arguments required, but only ' + arguments.length + ' present.');
    var n = checkName('set', name), v = checkValue('set', value);
    this.#mutable();
    this.#cache = null;
    var i = this.#list.findIndex(function (e) { return e[0] === n; });
    if (i < 0) { this.#list.push([n, v]); return; }
    this.#list[i][1] = v;
    this.#list = this.#list.filter(function (e, j) { return j <= i || e[0] !== n; });
  }

  // The sorted and combined list that iteration shows (set-cookie values
  // stay separate).
  #sorted() {
    if (this.#cache !== null) return this.#cache;
    var names = [];
    var seen = {};
    for (var i = 0; i < this.#list.length; i++) {
      var n = this.#list[i][0];
      if (!Object.prototype.hasOwnProperty.call(seen, n)) { seen[n] = true; names.push(n); }
    }
    names.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    var out = [];
    for (var j = 0; j < names.length; j++) {
      if (names[j] === 'set-cookie') {
        var sc = this.getSetCookie();
        for (var k = 0; k < sc.length; k++) out.push(['set-cookie', sc[k]]);
      } else {
        out.push([names[j], this.get(names[j])]);
      }
    }
    this.#cache = out;
    return out;
  }

  // Iteration is live, as the standard says: each step reads the current
  // sorted list at the next index.
  forEach(cb, thisArg = undefined) {
    if (typeof cb !== 'function') throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    for (var i = 0; i < this.#sorted().length; i++) { var e = this.#sorted()[i]; cb.call(thisArg, e[1], e[0], this); }
  }

  *entries() { for (var i = 0; i < this.#sorted().length; i++) { var e = this.#sorted()[i]; yield [e[0], e[1]]; } }
  *keys() { for (var i = 0; i < this.#sorted().length; i++) yield this.#sorted()[i][0]; }
  *values() { for (var i = 0; i < this.#sorted().length; i++) yield this.#sorted()[i][1]; }
  get [Symbol.toStringTag]() { return 'Headers'; }

  // Internal: raw list, flat, for sending; guard; appending without checks.
  static _flat(h) { var out = []; for (var i = 0; i < h.#list.length; i++) out.push(h.#list[i][0], h.#list[i][1]); return out; }
  static _guard(h, g) { h.#guard = g; return h; }
  static _fromFlat(flat, guard) {
    var h = new Headers();
    for (var i = 0; i + 1 < flat.length; i += 2) h.#list.push([String(flat[i]).toLowerCase(), String(flat[i + 1])]);
    h.#cache = null;
    h.#guard = guard;
    return h;
  }
  static _setIfMissing(h, n, v) { if (!h.has(n)) { h.#list.push([n, v]); h.#cache = null; } }
}
Object.defineProperty(Headers.prototype, Symbol.iterator, { value: Headers.prototype.entries, writable: true, configurable: true });
var headersFlat = Headers._flat, headersGuard = Headers._guard, headersFromFlat = Headers._fromFlat, headersDefault = Headers._setIfMissing;
delete Headers._flat; delete Headers._guard; delete Headers._fromFlat; delete Headers._setIfMissing;

// ---- bodies -------------------------------------------------------------

// Blobs and FormData are recognised by their own modules (only once a
// function has made one: an object whose class was never made cannot be
// one); a ReadableStream, by its shape.
function isBlob(x) { var m = loaded('internal/blob'); return m !== null && m.isBlob(x); }
function isFormData(x) { var m = loaded('internal/formdata'); return m !== null && x instanceof m.FormData; }
function isStream(x) { return x !== null && typeof x === 'object' && typeof x.getReader === 'function'; }
function isParams(x) { return typeof URLSearchParams === 'function' && x instanceof URLSearchParams; }

// extract turns a body init into {src, type}: src is null, {bytes}, {host},
// {stream} or {blob} (FormData becomes its multipart blob).
function extract(body) {
  if (body === null || body === undefined) return { src: null, type: null };
  if (typeof body === 'string') return { src: { bytes: host.encode(body) }, type: 'text/plain;charset=UTF-8' };
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { src: { bytes: new Uint8Array(host.copy(body)) }, type: null };
  if (isParams(body)) return { src: { bytes: host.encode(body.toString()) }, type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (isBlob(body)) return { src: { blob: body }, type: body.type || null };
  if (isStream(body)) return { src: { stream: body }, type: null };
  if (isFormData(body)) { var f = require('internal/formdata').serialize(body); return { src: { blob: f.body }, type: f.contentType }; }
  return { src: { bytes: host.encode(String(body)) }, type: 'text/plain;charset=UTF-8' };
}

async function streamBytes(stream) {
  var reader = stream.getReader();
  var parts = [];
  for (;;) {
    var r = await reader.read();
    if (r.done) break;
    var c = r.value;
    if (typeof c === 'string' || !(c instanceof ArrayBuffer || ArrayBuffer.isView(c))) {
      throw new TypeError('Received non-Uint8Array chunk');
    }
    parts.push(c);
  }
  return host.concat(parts);
}

// A fetched body, shared by clones: read once, in full, on first need.
class HostBody {
  constructor(id) { this.id = id; this.all = null; this.users = 1; }
  load() {
    if (this.all === null) this.all = host.readAll(this.id);
    return this.all;
  }
}

// toBytes reads a body source in full: a Promise of an ArrayBuffer.
function toBytes(src) {
  if (src === null) return Promise.resolve(new ArrayBuffer(0));
  if (src.bytes) return Promise.resolve(host.copy(src.bytes));
  if (src.host) {
    if (src.host.users > 1) return src.host.load().then(function (ab) { return host.copy(ab); });
    return src.host.load();
  }
  if (src.blob) return src.blob.arrayBuffer();
  if (src.stream) return streamBytes(src.stream);
  return Promise.resolve(new ArrayBuffer(0));
}

// makeStream is a body's ReadableStream (a byte stream, as Node's): a
// fetched body is pulled from the connection a chunk at a time.
function makeStream(src, st) {
  if (src.stream) return src.stream;
  var done = false;
  return new (require('internal/streams').ReadableStream)({
    type: 'bytes',
    pull: function (ctl) {
      st.used = true; // read: the body is disturbed
      if (src.host && src.host.users === 1 && src.host.all === null) {
        return host.read(src.host.id).then(function (chunk) {
          if (chunk === null) { ctl.close(); if (ctl.byobRequest) ctl.byobRequest.respond(0); } else ctl.enqueue(chunk);
        }, function (e) {
          if (st.signal && st.signal.aborted) throw st.signal.reason; // aborted: the reason, as in Node
          throw e;
        });
      }
      if (done) { ctl.close(); return; }
      return toBytes(src).then(function (ab) { done = true; if (ab.byteLength) ctl.enqueue(new Uint8Array(ab)); ctl.close(); if (ctl.byobRequest) ctl.byobRequest.respond(0); });
    },
    cancel: function () { if (src.host) host.cancel(src.host.id); }
  });
}

// The body methods, shared by Request and Response through a state object
// (both classes keep theirs in a private field and hand it here).
function consume(st, signal) {
  if (st.src === null) return Promise.resolve(new ArrayBuffer(0)); // a null body is never used up
  if (st.used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
  if (st.streamed && st.streamed.locked) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
  st.used = true;
  var p = toBytes(st.src);
  if (signal) {
    p = p.catch(function (e) { if (signal.aborted) throw signal.reason; throw e; });
  }
  return p;
}

function bodyMethods(proto, state) {
  Object.defineProperties(proto, {
    body: { configurable: true, enumerable: true, get: function () {
      var st = state(this);
      if (st.src === null) return null;
      if (!st.streamed) st.streamed = makeStream(st.src, st);
      return st.streamed;
    } },
    bodyUsed: { configurable: true, enumerable: true, get: function () {
      var st = state(this);
      // Disturbed: read by a body method or through its stream (makeStream
      // marks it); a stream the function gave, once it was read
      // (web-streams-polyfill's own mark).
      return st.used || !!(st.src && st.src.stream && st.src.stream._disturbed === true);
    } },
    arrayBuffer: { configurable: true, writable: true, value: function arrayBuffer() { var st = state(this); return consume(st, st.signal); } },
    bytes: { configurable: true, writable: true, value: function bytes() { var st = state(this); return consume(st, st.signal).then(function (ab) { return new Uint8Array(ab); }); } },
    text: { configurable: true, writable: true, value: function text() { var st = state(this); return consume(st, st.signal).then(function (ab) { return host.decode(ab); }); } },
    json: { configurable: true, writable: true, value: function json() { var st = state(this); return consume(st, st.signal).then(function (ab) { return JSON.parse(host.decode(ab)); }); } },
    blob: { configurable: true, writable: true, value: function blob() {
      var st = state(this), self = this;
      return consume(st, st.signal).then(function (ab) {
        return new (require('internal/blob').Blob)([ab], { type: self.headers.get('content-type') || '' });
      });
    } },
    formData: { configurable: true, writable: true, value: function formData() {
      var st = state(this), self = this;
      return consume(st, st.signal).then(function (ab) {
        var ct = self.headers.get('content-type') || '';
        var fdm = require('internal/formdata');
        if (ct.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded') {
          // By entries: goja_nodejs's URLSearchParams.forEach passes
          // (name, value), the reverse of the standard's order.
          var fd = new fdm.FormData();
          for (var kv of new URLSearchParams(host.decode(ab))) fd.append(kv[0], kv[1]);
          return fd;
        }
        try { return fdm.parse(new Uint8Array(ab), ct); }
        catch (e) { throw new TypeError((self instanceof Response ? 'Response' : 'Request') + '.formData: ' + (e && e.message)); }
      });
    } },
  });
}

// cloneSource gives a clone its own view of the source.
function cloneSource(st) {
  var s = st.src;
  if (s === null) return null;
  if (s.host) { s.host.users++; return s; }
  if (s.stream && typeof s.stream.tee === 'function') {
    var t = s.stream.tee();
    st.src = { stream: t[0] }; st.streamed = null;
    return { stream: t[1] };
  }
  if (s.stream) {
    // No tee: read it once, share the bytes.
    var all = streamBytes(s.stream);
    var hb = { all: all, users: 2, load: function () { return all; } };
    st.src = { host: hb }; st.streamed = null;
    return { host: hb };
  }
  return s;
}

// ---- Request ------------------------------------------------------------

var methodNorm = { DELETE: 1, GET: 1, HEAD: 1, OPTIONS: 1, POST: 1, PUT: 1 };
var methodForbidden = { CONNECT: 1, TRACE: 1, TRACK: 1 };
var redirectModes = ['follow', 'manual', 'error'];

function parseURL(input, base) {
  try {
    return base === undefined ? new URL(String(input)) : new URL(String(input), base);
  } catch (e) {
    var err = new TypeError('Failed to parse URL from ' + String(input));
    err.cause = e;
    throw err;
  }
}

function dummySignal() {
  return new (require('internal/abort').AbortController)().signal;
}

class Request {
  #st;
  #method = 'GET';
  #url;
  #headers;
  #redirect = 'follow';
  #signal;
  #dup;

  constructor(input, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Request constructor: 1 argument required, but only 0 present.");
    if (init === undefined || init === null) init = {};
    var st = { src: null, used: false, streamed: null, signal: null };
    var from = null;
    if (input instanceof Request) {
      from = input;
      this.#method = input.#method;
      this.#url = input.#url;
      this.#redirect = input.#redirect;
      this.#signal = input.#signal;
      this.#dup = input.#dup;
    } else {
      this.#url = parseURL(input).href;
    }
    if (init.method !== undefined) {
      var m = String(init.method);
      if (!tokenRE.test(m)) throw new TypeError("'" + m + "' is not a valid HTTP method.");
      var up = m.toUpperCase();
      if (methodForbidden[up]) throw new TypeError("'" + m + "' HTTP method is unsupported.");
      this.#method = methodNorm[up] ? up : m;
    }
    if (init.redirect !== undefined) {
      if (redirectModes.indexOf(String(init.redirect)) < 0) throw new TypeError('Request constructor: ' + init.redirect + ' is not an accepted type. Expected one of follow, manual, error.');
      this.#redirect = String(init.redirect);
    }
    if (init.signal !== undefined && init.signal !== null) {
      var sg = init.signal;
      if (typeof sg !== 'object' || !('aborted' in sg) || typeof sg.addEventListener !== 'function') {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      this.#signal = sg;
    }
    if (init.duplex !== undefined) this.#dup = String(init.duplex);
    this.#headers = new Headers(init.headers !== undefined ? init.headers : (from ? from.#headers : undefined));
    var hasInitBody = init.body !== undefined && init.body !== null;
    if ((hasInitBody || (from && from.#st.src !== null)) && (this.#method === 'GET' || this.#method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    if (hasInitBody) {
      var ex = extract(init.body);
      if (ex.src && ex.src.stream && init.duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
      st.src = ex.src;
      if (ex.type !== null) headersDefault(this.#headers, 'content-type', ex.type);
    } else if (from && from.#st.src !== null) {
      if (from.#st.used || (from.#st.streamed && from.#st.streamed.locked)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      st.src = from.#st.src;
      from.#st.used = true;
    }
    st.signal = this.#signal || null;
    this.#st = st;
  }

  get method() { return this.#method; }
  get url() { return this.#url; }
  get headers() { return this.#headers; }
  get destination() { return ''; }
  get referrer() { return 'about:client'; }
  get referrerPolicy() { return ''; }
  get mode() { return 'cors'; }
  get credentials() { return 'same-origin'; }
  get cache() { return 'default'; }
  get redirect() { return this.#redirect; }
  get integrity() { return ''; }
  get keepalive() { return false; }
  get isReloadNavigation() { return false; }
  get isHistoryNavigation() { return false; }
  get signal() { if (!this.#signal) this.#signal = dummySignal(); return this.#signal; }
  get duplex() { return 'half'; }
  get [Symbol.toStringTag]() { return 'Request'; }

  clone() {
    if (this.bodyUsed) throw new TypeError('unusable');
    var r = new Request(this.#url, { headers: this.#headers, method: this.#method, redirect: this.#redirect, signal: this.#signal });
    r.#dup = this.#dup;
    r.#st = { src: cloneSource(this.#st), used: false, streamed: null, signal: this.#st.signal };
    return r;
  }

  static _state(r) { return r.#st; }
  static _signal(r) { return r.#signal; }
}
var requestState = Request._state, requestSignal = Request._signal;
delete Request._state; delete Request._signal;
bodyMethods(Request.prototype, requestState);

// ---- Response -----------------------------------------------------------

var nullBodyStatus = { 101: 1, 103: 1, 204: 1, 205: 1, 304: 1 };
var redirectStatus = { 301: 1, 302: 1, 303: 1, 307: 1, 308: 1 };
var reasonRE = /^[\t\x20-\x7e\x80-\xff]*$/;

class Response {
  #st;
  #status = 200;
  #statusText = '';
  #headers;
  #type = 'default';
  #url = '';
  #redirected = false;

  constructor(body = null, init = undefined) {
    if (body === INTERNAL) { this.#st = { src: null, used: false, streamed: null, signal: null }; this.#headers = init; return; }
    if (body === undefined) body = null;
    if (init === undefined || init === null) init = {};
    if (typeof init !== 'object') throw new TypeError("Response constructor: Expected init to be an object.");
    var status = init.status === undefined ? 200 : Number(init.status);
    if (!(status >= 200 && status <= 599) || Math.floor(status) !== status) {
      throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    }
    if (init.statusText !== undefined && !reasonRE.test(String(init.statusText))) throw new TypeError('Invalid statusText');
    this.#status = status;
    this.#statusText = init.statusText === undefined ? '' : String(init.statusText);
    this.#headers = new Headers(init.headers);
    var st = { src: null, used: false, streamed: null, signal: null };
    if (body !== null) {
      if (nullBodyStatus[status]) throw new TypeError('Response constructor: Invalid response status code ' + status);
      var ex = extract(body);
      st.src = ex.src;
      if (ex.type !== null) headersDefault(this.#headers, 'content-type', ex.type);
    }
    this.#st = st;
  }

  get type() { return this.#type; }
  get url() { return this.#url; }
  get redirected() { return this.#redirected; }
  get status() { return this.#status; }
  get ok() { return this.#status >= 200 && this.#status <= 299; }
  get statusText() { return this.#statusText; }
  get headers() { return this.#headers; }
  get [Symbol.toStringTag]() { return 'Response'; }

  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    var r = new Response(INTERNAL, new Headers(this.#headers));
    if (this.#type === 'error' || this.#type === 'basic') headersGuard(r.#headers, 'immutable');
    r.#status = this.#status; r.#statusText = this.#statusText; r.#type = this.#type;
    r.#url = this.#url; r.#redirected = this.#redirected;
    r.#st = { src: cloneSource(this.#st), used: false, streamed: null, signal: this.#st.signal };
    return r;
  }

  static error() {
    var r = new Response(INTERNAL, headersGuard(new Headers(), 'immutable'));
    r.#status = 0; r.#type = 'error';
    return r;
  }

  static redirect(url, status) {
    if (arguments.length < 1) throw new TypeError('Response.redirect: 1 argument required, but only 0 present.');
    var u = parseURL(url);
    status = status === undefined ? 302 : Number(status);
    if (!redirectStatus[status]) throw new RangeError('Invalid status code ' + status);
    var h = new Headers([['location', u.href]]);
    var r = new Response(INTERNAL, headersGuard(h, 'immutable'));
    r.#status = status;
    return r;
  }

  static json(data, init) {
    var s = JSON.stringify(data);
    if (s === undefined) throw new TypeError('Value is not JSON serializable');
    var r = new Response(s, init);
    r.#headers.set('content-type', 'application/json');
    if (init && init.headers && new Headers(init.headers).has('content-type')) r.#headers.set('content-type', new Headers(init.headers).get('content-type'));
    return r;
  }

  static _fetched(res, signal) {
    var r = new Response(INTERNAL, headersFromFlat(res.headers, 'immutable'));
    r.#status = res.status; r.#statusText = res.statusText; r.#type = 'basic';
    r.#url = res.url; r.#redirected = res.redirected;
    r.#st.src = res.body === null ? null : { host: new HostBody(res.body) };
    r.#st.signal = signal || null;
    return r;
  }
  static _state(r) { return r.#st; }
}
var responseFetched = Response._fetched, responseState = Response._state;
delete Response._fetched; delete Response._state;
bodyMethods(Response.prototype, responseState);

// ---- fetch --------------------------------------------------------------

function abortReason(signal) {
  if (signal.reason !== undefined) return signal.reason;
  var e = new Error('This operation was aborted');
  e.name = 'AbortError'; e.code = 20;
  return e;
}

function fetch(input, init = undefined) {
  var argc = arguments.length;
  return new Promise(function (resolve, reject) {
    var req;
    if (argc < 1) { reject(new TypeError("fetch: 1 argument required, but only 0 present.")); return; }
    try { req = new Request(input, init); } catch (e) { reject(e); return; }
    var signal = requestSignal(req) || null;
    if (signal && signal.aborted) { reject(abortReason(signal)); return; }
    var st = requestState(req);
    var h = new Headers(req.headers);
    headersDefault(h, 'accept', '*/*');
    headersDefault(h, 'accept-language', '*');
    headersDefault(h, 'sec-fetch-mode', 'cors');
    headersDefault(h, 'user-agent', 'tarsus');
    var id = 0, settled = false;
    var onAbort = function () {
      // Before the response: the request stops and fetch rejects; after
      // it: the body stops (its reads reject with the reason).
      if (id) host.cancel(id);
      if (settled) return;
      settled = true;
      reject(abortReason(signal));
    };
    if (signal) signal.addEventListener('abort', onAbort);
    var bodyP = st.src === null ? Promise.resolve(null) : consume(st, null);
    bodyP.then(function (bytes) {
      if (settled) return;
      var sent = host.send(req.method, req.url, headersFlat(h), bytes, req.redirect);
      id = sent[0];
      return sent[1].then(function (res) {
        if (settled) { if (res.body !== null) host.cancel(res.body); return; }
        settled = true;
        resolve(responseFetched(res, signal));
      });
    }).catch(function (e) {
      if (settled) return;
      settled = true;
      reject(e);
    });
  });
}

module.exports = { Headers: Headers, Request: Request, Response: Response, fetch: fetch };
