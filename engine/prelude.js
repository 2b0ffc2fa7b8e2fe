// The Fastify-compatible request lifecycle, evaluated once in every runtime.
// It is a function expression: the engine calls it with the host bindings
// and keeps what it returns; nothing here is reachable from user code
// except through the request and reply objects it hands to handlers.
(function (host) {
  'use strict';
  var JSON_CT = 'application/json; charset=utf-8';
  var PLAIN_CT = 'text/plain; charset=utf-8';
  var OCTET_CT = 'application/octet-stream';
  var hasOwn = Object.prototype.hasOwnProperty;
  // Globals looked up once: a name lookup in the global scope is slow in goja.
  // Error and ArrayBuffer are looked up where they are used, on paths a
  // plain object or array never takes: reading one here makes goja build
  // the constructor in every runtime (13 µs).
  var $Object = Object, $isArray = Array.isArray;
  var toStr = Object.prototype.toString;


  // ---- route loading -------------------------------------------------
  var HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError'];

  // CTX is the prototype of every route context: the defaults, and config
  // and routeOptions made on first use.
  var CTX = {
    schema: undefined, attachValidation: false, errorHandler: null, bodyLimit: host.defaultBodyLimit,
    onRequest: null, preParsing: null, preValidation: null, preHandler: null,
    preSerialization: null, onSend: null, onResponse: null, onError: null,
    fast: true, direct: true, validates: true,
    get config() { return ownCtx(this, 'config', Object.assign({}, this.opts.config || {}, { url: this.url, method: 'POST' })); },
    get routeOptions() {
      return ownCtx(this, 'routeOptions', {
        method: 'POST', url: this.url, bodyLimit: this.bodyLimit, attachValidation: this.attachValidation,
        logLevel: '', exposeHeadRoute: false, prefixTrailingSlash: 'both', config: this.config,
        schema: this.schema, handler: this.handler, version: undefined
      });
    }
  };
  function ownCtx(ctx, name, v) { Object.defineProperty(ctx, name, { value: v, writable: true, enumerable: true, configurable: true }); return v; }

  // load turns a module's default export into a route context, or throws a
  // TypeError whose message says what the contract wanted.
  function load(mod, url) {
    if (mod === null || mod === undefined || !hasOwn.call(Object(mod), 'default')) {
      throw new TypeError('the module has no default export; export default [opts, handler] or a function returning it');
    }
    var exp = mod['default'];
    if (typeof exp === 'function') {
      exp = exp();
      if (exp && typeof exp.then === 'function') {
        throw new TypeError('the default export function returned a Promise; it must return [opts, handler] synchronously');
      }
      if (!Array.isArray(exp)) {
        throw new TypeError('the default export function returned ' + S().describe(exp) + '; it must return [opts, handler]');
      }
    } else if (!Array.isArray(exp)) {
      throw new TypeError('the default export is ' + S().describe(exp) + '; it must be [opts, handler] or a function returning it');
    }
    var opts = exp[0], handler = exp[1];
    if (exp.length < 2) {
      throw new TypeError('the default export is an array of length ' + exp.length + '; it must be [opts, handler]');
    }
    if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
      throw new TypeError('opts (the first element) is ' + S().describe(opts) + '; it must be an object of Fastify route options');
    }
    if (typeof handler !== 'function') {
      throw new TypeError('handler (the second element) is ' + S().describe(handler) + '; it must be a function (request, reply)');
    }
    // Only what differs from CTX (below) becomes an own property: each
    // property created costs a goja map insert, and a cold start pays them.
    var ctx = Object.create(CTX);
    ctx.opts = opts;
    ctx.handler = handler;
    ctx.url = url;
    if (opts.schema !== undefined) ctx.schema = opts.schema;
    if (opts.attachValidation === true) ctx.attachValidation = true;
    if (typeof opts.errorHandler === 'function') ctx.errorHandler = opts.errorHandler;
    if (typeof opts.bodyLimit === 'number') ctx.bodyLimit = opts.bodyLimit;
    for (var i = 0; i < HOOKS.length; i++) {
      var h = opts[HOOKS[i]];
      if (h === undefined || h === null) continue;
      var list = Array.isArray(h) ? h.slice() : [h];
      for (var j = 0; j < list.length; j++) {
        if (typeof list[j] !== 'function') {
          throw new TypeError('opts.' + HOOKS[i] + ' must be a function or an array of functions, found ' + S().describe(list[j]));
        }
      }
      if (list.length) ctx[HOOKS[i]] = list;
    }
    // The fast path: nothing can observe the payload between the handler
    // and the wire, so the host may serialize and answer in one call.
    if (!(ctx.preSerialization === null && ctx.onSend === null && ctx.onResponse === null)) ctx.fast = false;
    // No hook before the handler: invoke runs parse, validate and handle
    // inline (the same steps as afterOnRequest → parse → validate → handle).
    if (!(ctx.onRequest === null && ctx.preParsing === null && ctx.preValidation === null && ctx.preHandler === null)) ctx.direct = false;
    return ctx;
  }

  // ---- request and reply ----------------------------------------------
  // Per-request own properties are kept few: the rest are prototype getters
  // over the data the host passed in, so a warm call allocates little.
  // The request's one own property is the host's data object (d); the
  // route context and the parsed body are reached through it, and the body
  // becomes a JS value only when something reads it.
  function Request(d) {
    this._d = d;
  }
  // Assignments that find no property on the prototype reach host.lazy's
  // proxy (a Go call): the one every request makes is given a default here.
  Request.prototype._d = null;
  // headers and query are built on first use: most handlers read neither.
  function lazyOwn(name, make) {
    return {
      get: function () { var v = make(); Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true }); return v; },
      set: function (v) { Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true }); },
      enumerable: true, configurable: true
    };
  }
  function dget(name) { return { get: function () { return this._d[name]; }, enumerable: true, configurable: true }; }
  function ownBody(req, v) { Object.defineProperty(req, 'body', { value: v, writable: true, enumerable: true, configurable: true }); }
  function requestProp(name) {
    switch (name) {
      case 'body': return {
          // Before the body is parsed (onRequest, preParsing) it reads as
          // undefined and is not cached.
          get: function () { var d = this._d, v = d.body; if (d.parsed) ownBody(this, v); return v; },
          set: function (v) { ownBody(this, v); },
          enumerable: true, configurable: true
        };
      // As Fastify: assigning headers keeps them aside (additionalHeaders)
      // and reading merges them over the request's own.
      case 'headers': return {
          get: function () { var h = this._d.headers; return this.additionalHeaders ? Object.assign({}, h, this.additionalHeaders) : h; },
          set: function (v) { this.additionalHeaders = v; },
          configurable: true
        };
      case 'params': return lazyOwn('params', function () { return {}; });
      case 'query': return lazyOwn('query', function () { return host.query(); });
      case 'id': case 'ip': case 'hostname': case 'host': case 'port': case 'protocol': case 'method': case 'url':
        return dget(name);
      case 'originalUrl': return dget('url');
      case 'ips': return { get: function () { return undefined; }, enumerable: true, configurable: true };
      case 'is404': return { get: function () { return false; }, enumerable: true, configurable: true };
      case 'server': return { get: function () { return undefined; }, configurable: true };
      case 'log': return { get: function () { return S().rootLog; }, set: function (v) { Object.defineProperty(this, 'log', { value: v, writable: true, configurable: true }); }, configurable: true };
      case 'routeOptions': return { get: function () { return this._d.ctx.routeOptions; }, enumerable: true, configurable: true };
      case 'raw': return {
          get: function () {
            var d = this._d;
            var raw = { method: d.method, url: d.url, headers: d.headers, httpVersion: '1.1', socket: this.socket };
            Object.defineProperty(this, 'raw', { value: raw, writable: true, configurable: true });
            return raw;
          }, configurable: true
        };
      case 'socket': return {
          get: function () {
            var s = { remoteAddress: this._d.ip, encrypted: this._d.protocol === 'https' };
            Object.defineProperty(this, 'socket', { value: s, writable: true, configurable: true });
            return s;
          }, configurable: true
        };
      case 'getValidationFunction': return function () { return undefined; };
      // The verified JWT claims of a route with opts.config.auth "jwt"
      // (as @fastify/jwt's request.user); undefined elsewhere.
      case 'user': return {
          get: function () {
            var u = this._d.user, v = u === undefined ? undefined : JSON.parse(u);
            Object.defineProperty(this, 'user', { value: v, writable: true, enumerable: true, configurable: true });
            return v;
          },
          set: function (v) { Object.defineProperty(this, 'user', { value: v, writable: true, enumerable: true, configurable: true }); },
          configurable: true
        };
    }
  }
  Object.setPrototypeOf(Request.prototype, host.lazy(Request.prototype, requestProp,
    'body headers params query id ip hostname host port protocol method url originalUrl ips is404 server log routeOptions raw socket getValidationFunction user'));

  // A reply's headers object is made on first use: a handler that only
  // returns a value sets none.
  function Reply(ctx, req) {
    this.request = req;
    this._ctx = ctx;
  }
  Reply.prototype._status = 200;
  Reply.prototype._serializer = null;
  Reply.prototype._hasStatus = false;
  Reply.prototype._isError = false;
  Reply.prototype._inOnError = false;
  Reply.prototype._nextErr = undefined; // undefined: route handler next; 1: default; 2, 3: fallback
  Reply.prototype._end = undefined;
  Reply.prototype._done = false;
  Reply.prototype.request = null;
  Reply.prototype._ctx = null;
  // Reply's accessors and methods are made the first time a runtime's code
  // uses each one (host.lazy), so a handler that only returns a value costs
  // none of them.
  function replyProp(name) {
    switch (name) {
      case '_headers': return {
          get: function () { var h = {}; Object.defineProperty(this, '_headers', { value: h, writable: true, configurable: true }); return h; },
          set: function (v) { Object.defineProperty(this, '_headers', { value: v, writable: true, configurable: true }); },
          configurable: true
        };
      case 'log': return {
          get: function () { return this.request.log; },
          set: function (v) { Object.defineProperty(this, 'log', { value: v, writable: true, configurable: true }); },
          configurable: true
        };
      case 'statusCode': return {
          get: function () { return this._status; },
          set: function (v) { this.code(v); }
        };
      // raw is a small stand-in for Node's ServerResponse, made on first use.
      case 'raw': return {
          get: function () {
            var reply = this;
            var raw = {};
            Object.defineProperty(raw, 'statusCode', { get: function () { return reply._status; }, set: function (v) { reply._status = v; }, enumerable: true });
            Object.defineProperty(raw, 'headersSent', { get: function () { return reply._done; }, enumerable: true });
            Object.defineProperty(raw, 'writableEnded', { get: function () { return reply._done && reply._rawEnded !== false; }, enumerable: true });
            S().ST().rawMethods(reply, raw);
            Object.defineProperty(this, 'raw', { value: raw, writable: true, configurable: true });
            return raw;
          }, configurable: true
        };
      case 'sent': return {
          enumerable: true,
          get: function () { return this._done === true; },
          set: function () {}
        };
      case 'elapsedTime': return {
          get: function () {
            var r = this.request, start = r && r._d ? r._d.start : 0;
            return (this._end === undefined ? host.now() : this._end) - start;
          }
        };
      case 'routeOptions': return {
          get: function () { return this.request.routeOptions; }
        };
      case 'code': return function (code) {
          var sc = +code;
          if (!(sc >= 100 && sc <= 599)) {
            throw S().FastifyError('FST_ERR_BAD_STATUS_CODE', 500, 'Called reply with an invalid status code: ' + (code || String(code)));
      }
          this._status = sc;
          this._hasStatus = true;
          return this;
        };
      case 'status': return Reply.prototype.code;
      case 'header': return function (key, value) {
          if (value === undefined) value = '';
          key = String(key).toLowerCase();
          var cur = this._headers[key];
          if (cur && key === 'set-cookie') {
            if (typeof cur === 'string') cur = this._headers[key] = [cur];
            if (Array.isArray(value)) Array.prototype.push.apply(cur, value); else cur.push(value);
          } else if (key === 'set-cookie' && Array.isArray(value)) {
            this._headers[key] = value.slice();
          } else {
            this._headers[key] = value;
      }
          return this;
        };
      case 'headers': return function (h) {
          var keys = Object.keys(h);
          for (var i = 0; i < keys.length; i++) this.header(keys[i], h[keys[i]]);
          return this;
        };
      case 'getHeader': return function (key) { return this._headers[String(key).toLowerCase()]; };
      case 'getHeaders': return function () { return Object.assign({}, this._headers); };
      case 'hasHeader': return function (key) { return this._headers[String(key).toLowerCase()] !== undefined; };
      case 'removeHeader': return function (key) { delete this._headers[String(key).toLowerCase()]; return this; };
      case 'type': return function (t) { this._headers['content-type'] = t; return this; };
      case 'serializer': return function (fn) { this._serializer = fn; return this; };
      // hijack: the handler answers through reply.raw; the lifecycle sends
      // nothing for it (an async handler's undefined included).
      case 'hijack': return function () { this._done = true; this._hijacked = true; return this; };
      case 'redirect': return function (url, code) {
          if (!code) code = this._hasStatus ? this._status : 302;
          return this.header('location', url).code(code).send();
        };
      case 'callNotFound': return function () {
          var req = this.request;
          this.code(404);
          this._ctx = S().notFoundCtx;
          return this.send({ message: 'Route ' + req.method + ':' + req.url + ' not found', error: 'Not Found', statusCode: 404 });
        };
      case 'serialize': return function (payload) {
          if (this._serializer !== null) return this._serializer(payload);
          var s = host.serialize(this._ctx.url, this._status, payload);
          return s === undefined ? JSON.stringify(payload) : s;
        };
      case 'then': return function (ok) { if (ok) ok(); };
      case 'send': return function (payload) { return S().send(this, payload); };
    }
    return undefined;
  }
  Object.setPrototypeOf(Reply.prototype, host.lazy(Reply.prototype, replyProp,
    '_headers log statusCode raw sent elapsedTime routeOptions code status header headers getHeader getHeaders hasHeader removeHeader type serializer hijack redirect callNotFound serialize then send'));

  // sendResult is reply.send(payload) for what a handler returned, with a
  // fast path for the common case: a plain object or array, a 2xx status, no
  // hooks that could see the payload, no custom serializer or content type.
  function sendResult(reply, payload) {
    if (reply._ctx.fast && !reply._done && !reply._isError && reply._serializer === null &&
        payload !== null && typeof payload === 'object' &&
        reply._status >= 200 && reply._status < 300 && reply._status !== 204 &&
        (!hasOwn.call(reply, '_headers') || reply._headers['content-type'] === undefined) &&
        (payload.constructor === $Object || $isArray(payload) ||
         (!(payload instanceof Error) && !(payload instanceof ArrayBuffer) &&
          !(payload.buffer instanceof ArrayBuffer) && typeof payload.then !== 'function' &&
          typeof payload.pipe !== 'function' && typeof payload.getReader !== 'function' &&
          typeof payload[Symbol.asyncIterator] !== 'function' &&
          Object.prototype.toString.call(payload) !== '[object Response]'))) {
      var ok = false;
      try { ok = host.sendValue(reply._status, hasOwn.call(reply, '_headers') ? reply._headers : null, payload); } catch (e) { ok = false; }
      if (ok) { reply._done = true; reply._end = undefined; return; }
    }
    reply.send(payload);
  }

  function wrapThenable(p, reply) {
    p.then(function (payload) {
      if (payload !== undefined || reply._done === false) {
        try { sendResult(reply, payload); } catch (err) { reply._isError = true; reply.send(err); }
      }
    }, function (err) {
      if (reply._done === true) {
        reply.log.error('Promise errored, but reply.sent = true was set: ' + String(err && err.stack || err));
        return;
      }
      reply._isError = true;
      try { reply.send(err); } catch (e) { reply.send(e); }
    });
  }

  // ---- the lifecycle ----------------------------------------------------
  function invoke(ctx, d) {
    var req = new Request(d);
    var reply = new Reply(ctx, req);
    if (!ctx.direct) {
      var s = S();
      if (ctx.onRequest !== null) s.runHooks(ctx.onRequest, req, reply, s.afterOnRequest);
      else s.afterOnRequest(null, req, reply);
      return reply;
    }
    var result;
    try {
      host.parseBody();
      if (ctx.validates !== false) {
        var verr = host.validate(ctx.url, req, hasOwn.call(req, 'body'));
        if (verr) {
          if (!ctx.attachValidation) { reply.send(verr); return reply; }
          req.validationError = verr;
        }
      }
      var h = ctx.handler;
      result = h(req, reply);
    } catch (e) {
      reply._isError = true;
      reply.send(e);
      return reply;
    }
    if (result !== undefined) {
      if (result !== null && typeof result.then === 'function') wrapThenable(result, reply);
      else sendResult(reply, result);
    }
    return reply;
  }

  // The rarely needed parts (content types, hooks, errors, schemas, the
  // logger, reply.send's general path) are created in a runtime the first
  // time one of them is needed: a warm runtime that only returns values
  // from its handlers never holds their closures.
  var slowPart = null;
  function S() { return slowPart === null ? (slowPart = makeSlowPart()) : slowPart; }
  function makeSlowPart() {
    function FastifyError(code, statusCode, message) {
      var e = new Error(message);
      e.name = 'FastifyError';
      e.code = code;
      e.statusCode = statusCode;
      return e;
    }
    // ---- Fastify's ContentType (lib/content-type.js semantics) -----------
    // Regular expressions are compiled on first use: a cold start that never
    // parses a content type does not pay for them.
    var RE = null;
    function re() {
      if (RE === null) {
        RE = {
          typeName: /^[\w!#$%&'*+.^`|~-]+$/,
          subtypeName: /^[\w!#$%&'*+.^`|~-]+\s*$/,
          kv: /(?:^|;)\s*([\w!#$%&'*+.^`|~-]+)=("(?:[\t\u0020\u0021\u0023-\u005b\u005d-\u007e\u0080-\u00ff]|\\[\t\u0020-\u00ff])*"|[\w!#$%&'*+.^`|~-]+)/g,
          quotedPair: /\\([\t\u0020-\u00ff])/g,
          readProp: /^Cannot read property '(.*)' of (undefined|null)$/
        };
      }
      return RE;
    }
    function ContentType(v) {
      this.valid = false; this.empty = true; this.type = ''; this.subtype = ''; this.params = [];
      if (v == null || v === '' || v === 'undefined') return;
      v = String(v);
      var sep = v.indexOf(';');
      if (sep === -1) {
        sep = v.indexOf('/');
        if (sep === -1) return;
        var t = v.slice(0, sep).trimStart().toLowerCase(), st = v.slice(sep + 1).trimEnd().toLowerCase();
        if (re().typeName.test(t) && re().subtypeName.test(st)) { this.valid = true; this.empty = false; this.type = t; this.subtype = st; }
        return;
      }
      var media = v.slice(0, sep).toLowerCase(), plist = v.slice(sep + 1).trim();
      sep = media.indexOf('/');
      if (sep === -1) return;
      var t2 = media.slice(0, sep).trimStart(), st2 = media.slice(sep + 1).trimEnd();
      if (!re().typeName.test(t2) || !re().subtypeName.test(st2)) return;
      this.type = t2; this.subtype = st2; this.valid = true; this.empty = false;
      var kvReg = re().kv;
      kvReg.lastIndex = 0;
      var m;
      while ((m = kvReg.exec(plist)) !== null) {
        var key = m[1].toLowerCase(), val = m[2];
        if (val.charCodeAt(0) === 0x22) { val = val.slice(1, -1); if (val.indexOf('\\') !== -1) val = val.replace(re().quotedPair, '$1'); }
        var found = false;
        for (var i = 0; i < this.params.length; i++) if (this.params[i][0] === key) { this.params[i][1] = val; found = true; }
        if (!found) this.params.push([key, val]);
      }
    }
    var NO_CT = new ContentType(undefined);
    ContentType.prototype.mediaType = function () { return this.valid ? this.type + '/' + this.subtype : undefined; };
    ContentType.prototype.has = function (k) { for (var i = 0; i < this.params.length; i++) if (this.params[i][0] === k) return true; return false; };
    ContentType.prototype.toString = function () {
      var ps = this.params.map(function (p) { return p[0] + '="' + p[1] + '"'; });
      return this.type + '/' + this.subtype + (ps.length ? '; ' + ps.join('; ') : '');
    };

    function describe(v) {
      if (v === null) return 'null';
      if (Array.isArray(v)) return 'an array of length ' + v.length;
      if (typeof v === 'object') return 'an object';
      if (typeof v === 'function') return 'a function';
      return typeof v === 'string' ? 'a string' : typeof v;
    }

    // ---- logging -------------------------------------------------------
    function fmtLog(args) {
      var parts = [];
      for (var i = 0; i < args.length; i++) {
        var a = args[i];
        if (typeof a === 'string') parts.push(a);
        else if (a instanceof Error) parts.push(a.stack || String(a));
        else {
          try { parts.push(JSON.stringify(a)); } catch (e) { parts.push(String(a)); }
        }
      }
      return parts.join(' ');
    }
    function makeLogger(bindings) {
      var log = {};
      ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].forEach(function (lvl) {
        log[lvl] = function () {
          var args = Array.prototype.slice.call(arguments);
          if (bindings) args.unshift(bindings);
          host.log(lvl, fmtLog(args));
        };
      });
      log.child = function (b) {
        var merged = Object.assign({}, bindings || {}, b || {});
        return makeLogger(merged);
      };
      log.level = 'info';
      return log;
    }

    // reply.send
    function send(reply, payload) {
      if (reply._inOnError) {
        throw FastifyError('FST_ERR_SEND_INSIDE_ONERR', 500, 'You cannot use `send` inside the `onError` hook');
      }
      if (reply._done) {
        reply.log.warn('Reply was already sent, did you forget to "return reply" in "' + reply.request.url + '" (' + reply.request.method + ')?');
        return reply;
      }
      if (reply._isError || payload instanceof Error) {
        reply._isError = false;
        onErrorHook(reply, payload);
        return reply;
      }
      if (payload === undefined) { onSendHook(reply, payload); return reply; }
      var ctRaw = reply._headers['content-type'];
      var ctObj = ctRaw === undefined ? NO_CT : new ContentType(ctRaw);
      var hasCT = ctObj.empty === false;
      if (payload !== null) {
        // A stream (Web or Node), any async iterable, or a Web Response:
        // sent as it is produced (streamPayload), no content type added.
        if (isStreamPayload(payload)) {
          onSendHook(reply, payload);
          return reply;
        }
        if (payload instanceof ArrayBuffer || (payload.buffer instanceof ArrayBuffer)) {
          if (!hasCT) reply._headers['content-type'] = OCTET_CT;
          onSendHook(reply, payload);
          return reply;
        }
        if (!hasCT && typeof payload === 'string') {
          reply._headers['content-type'] = PLAIN_CT;
          onSendHook(reply, payload);
          return reply;
        }
      }
      if (reply._serializer !== null) {
        if (typeof payload !== 'string') { preSerialization(reply, payload); return reply; }
        payload = reply._serializer(payload);
      } else if (!hasCT || ctObj.mediaType().indexOf('json') !== -1) {
        if (!hasCT) reply._headers['content-type'] = JSON_CT;
        else if (!ctObj.has('charset')) reply._headers['content-type'] = ctObj.toString() + '; charset=utf-8';
        if (typeof payload !== 'string') { preSerialization(reply, payload); return reply; }
      }
      onSendHook(reply, payload);
      return reply;
    }

    // ---- streamed bodies (engine/stream.go) --------------------------------
    // A stream (Web or Node), any async iterable, or a Web Response (as
    // Fastify recognises one): sent as it is produced. The streaming parts
    // are made the first time a reply streams.
    function isStreamPayload(p) {
      return typeof p.pipe === 'function' || typeof p.getReader === 'function' ||
        typeof p[Symbol.asyncIterator] === 'function' || Object.prototype.toString.call(p) === '[object Response]';
    }
    var streamingPart = null;
    function ST() {
      if (streamingPart === null) streamingPart = (function () {
      // The onResponse hooks, once the stream is over (finish runs them
      // for other replies).
      function responded(reply) {
        var ctx = reply._ctx;
        if (ctx.onResponse !== null) {
          runHooks(ctx.onResponse, reply.request, { sent: true, _done: false, request: reply.request, statusCode: reply._status, elapsedTime: reply.elapsedTime, log: reply.log, getHeader: function (k) { return reply.getHeader(k); }, getHeaders: function () { return reply.getHeaders(); } }, function (err) {
            if (err) reply.log.error(String(err && err.stack || err));
          });
        }
      }
      function noop() {}
      // StreamSource reads a Web ReadableStream, an async iterable, or a
      // Node-style stream without async iteration (its data, end and error
      // events, paused while chunks wait).
      function StreamSource(p) {
        if (typeof p.getReader === 'function') {
          var reader = p.getReader();
          this.next = function () { return reader.read(); };
          this.cancel = function (e) { reader.cancel(e).catch(noop); };
        } else if (typeof p[Symbol.asyncIterator] === 'function') {
          var it = p[Symbol.asyncIterator]();
          this.next = function () { return it.next(); };
          this.cancel = function () {
            try { if (typeof it.return === 'function') Promise.resolve(it.return()).catch(noop); } catch (e) { /* already failed */ }
            if (typeof p.destroy === 'function') { try { p.destroy(); } catch (e) { /* its own */ } }
          };
        } else {
          var q = [], ended = false, failed = null, waiting = null;
          var wake = function () { if (waiting !== null) { var w = waiting; waiting = null; w(); } };
          p.on('data', function (c) { q.push(c); if (q.length >= 16 && typeof p.pause === 'function') p.pause(); wake(); });
          p.on('end', function () { ended = true; wake(); });
          p.on('error', function (e) { failed = e || new Error('stream error'); wake(); });
          this.next = function () {
            return new Promise(function (resolve, reject) {
              (function take() {
                if (q.length > 0) {
                  var c = q.shift();
                  if (q.length < 4 && typeof p.resume === 'function') p.resume();
                  resolve({ done: false, value: c });
                } else if (failed !== null) reject(failed);
                else if (ended) resolve({ done: true, value: undefined });
                else waiting = take;
              })();
            });
          };
          this.cancel = function () { if (typeof p.destroy === 'function') { try { p.destroy(); } catch (e) { /* its own */ } } };
        }
      }
      // pump reads the source into host.streamWrite, waiting when the
      // engine's queue is full; an error before the first chunk is answered
      // as Fastify does (the error handler), after it the body is cut.
      function pump(reply, src) {
        function onChunk(r) {
          if (r.done) { host.streamEnd(); responded(reply); return; }
          var w;
          try { w = host.streamWrite(r.value); } catch (e) { src.cancel(e); onError(e); return; }
          if (w === false) { src.cancel(); responded(reply); return; }
          if (w !== undefined) w.then(next); else next();
        }
        function onError(e) {
          if (host.streamError(e)) {
            reply._done = false;
            reply._isError = true;
            send(reply, e);
          } else responded(reply);
        }
        function next() {
          var p;
          try { p = src.next(); } catch (e) { onError(e); return; }
          Promise.resolve(p).then(onChunk, onError);
        }
        next();
      }

      // reply.raw's writing half, as far as Fastify users use Node's
      // ServerResponse: writeHead, setHeader, write (false: wait for
      // 'drain'), end, and the events drain, finish and close. The first
      // write starts a streamed response, as reply.hijack() and raw writes
      // do in Fastify.
      function rawMethods(reply, raw) {
        var listeners = {};
        function emit(ev) {
          var l = listeners[ev];
          if (!l) return false;
          listeners[ev] = l.filter(function (x) { return !x.once; });
          l.forEach(function (x) { x.fn.call(raw); });
          return true;
        }
        function on(ev, fn, once) { (listeners[ev] || (listeners[ev] = [])).push({ fn: fn, once: once }); return raw; }
        raw.on = raw.addListener = function (ev, fn) { return on(ev, fn, false); };
        raw.once = function (ev, fn) { return on(ev, fn, true); };
        raw.off = raw.removeListener = function (ev, fn) {
          if (listeners[ev]) listeners[ev] = listeners[ev].filter(function (x) { return x.fn !== fn; });
          return raw;
        };
        raw.emit = function (ev) { return emit(ev); };
        raw.setHeader = function (k, v) { reply.header(k, v); return raw; };
        raw.getHeader = function (k) { return reply.getHeader(k); };
        raw.getHeaders = function () { return reply.getHeaders(); };
        raw.hasHeader = function (k) { return reply.hasHeader(k); };
        raw.removeHeader = function (k) { reply.removeHeader(k); };
        raw.writeHead = function (code, msg, headers) {
          if (msg !== null && typeof msg === 'object') headers = msg;
          reply.code(code);
          if (headers) Object.keys(headers).forEach(function (k) { reply.header(k, headers[k]); });
          return raw;
        };
        function start() {
          if (reply._rawEnded !== undefined) return;
          if (reply._done && reply._hijacked !== true) {
            var e = new Error('Cannot write to reply.raw after the reply was sent');
            e.code = 'ERR_STREAM_WRITE_AFTER_END';
            throw e;
          }
          var bad = host.checkHeaders(reply._headers);
          if (bad !== undefined) {
            var he = new TypeError(bad.message);
            he.code = bad.code;
            throw he;
          }
          reply._done = true;
          reply._rawEnded = false;
          host.streamStart(reply._status, reply._headers);
        }
        raw.flushHeaders = function () { start(); };
        raw.write = function (chunk, enc, cb) {
          if (typeof enc === 'function') cb = enc;
          if (reply._rawEnded === true) {
            var e = new Error('write after end');
            e.code = 'ERR_STREAM_WRITE_AFTER_END';
            throw e;
          }
          start();
          var w = host.streamWrite(chunk);
          if (typeof cb === 'function') Promise.resolve().then(function () { cb(); });
          if (w === undefined) return true;
          if (w !== false) w.then(function () { emit('drain'); });
          return false;
        };
        raw.end = function (chunk, enc, cb) {
          if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
          if (typeof enc === 'function') cb = enc;
          if (reply._rawEnded === true) return raw;
          start();
          if (chunk !== undefined && chunk !== null) host.streamWrite(chunk);
          reply._rawEnded = true;
          host.streamEnd();
          responded(reply);
          Promise.resolve().then(function () { if (typeof cb === 'function') cb(); emit('finish'); emit('close'); });
          return raw;
        };
      }
      StreamSource.prototype._isSource = true;
      return { StreamSource: StreamSource, pump: pump, rawMethods: rawMethods };
      })();
      return streamingPart;
    }

    var notFoundCtx = { url: '', onSend: null, onError: null, preSerialization: null, onResponse: null, errorHandler: null };

    // ---- hook runners (Fastify's semantics: sync with done, or async) -----
    function runHooks(fns, req, reply, cb) {
      var i = 0;
      function next(err) {
        if (err || i === fns.length) { cb(err, req, reply); return; }
        var r;
        try {
          var fn = fns[i++];
          if (reply._done) return;
          r = fn.call(undefined, req, reply, next);
        } catch (e) { cb(e, req, reply); return; }
        if (r && typeof r.then === 'function') r.then(function () { next(); }, function (e) {
          cb(e || FastifyError('FST_ERR_SEND_UNDEFINED_ERR', 500, 'Undefined error has occurred'), req, reply);
        });
      }
      next();
    }
    function runPayloadHooks(fns, req, reply, payload, cb) {
      var i = 0;
      function next(err, np) {
        if (err) { cb(err, req, reply, payload); return; }
        if (np !== undefined) payload = np;
        if (i === fns.length) { cb(null, req, reply, payload); return; }
        var r;
        try { r = fns[i++].call(undefined, req, reply, payload, next); } catch (e) { cb(e, req, reply); return; }
        if (r && typeof r.then === 'function') r.then(function (np2) {
          try { next(null, np2); } catch (e) { cb(e, req, reply, payload); }
        }, function (e) {
          cb(e || FastifyError('FST_ERR_SEND_UNDEFINED_ERR', 500, 'Undefined error has occurred'), req, reply, payload);
        });
      }
      next();
    }

    function preSerialization(reply, payload) {
      if (reply._ctx.preSerialization !== null) {
        runPayloadHooks(reply._ctx.preSerialization, reply.request, reply, payload, preSerializationEnd);
      } else preSerializationEnd(null, reply.request, reply, payload);
    }
    function preSerializationEnd(err, req, reply, payload) {
      if (err != null) { onErrorHook(reply, err); return; }
      try {
        if (reply._serializer !== null) payload = reply._serializer(payload);
        else {
          var s = host.serialize(reply._ctx.url, reply._status, payload);
          payload = s === undefined ? JSON.stringify(payload) : s;
        }
      } catch (e) {
        e.serialization = reply._ctx.config;
        onErrorHook(reply, e);
        return;
      }
      onSendHook(reply, payload);
    }
    function onSendHook(reply, payload) {
      if (reply._ctx.onSend !== null) {
        runPayloadHooks(reply._ctx.onSend, reply.request, reply, payload, function (err, req, r, p) {
          if (err != null) onErrorHook(reply, err); else onSendEnd(reply, p);
        });
      } else onSendEnd(reply, payload);
    }
    function onSendEnd(reply, payload) {
      if (payload !== null && typeof payload === 'object' && Object.prototype.toString.call(payload) === '[object Response]') {
        // Fastify takes a Response's status, headers and body.
        if (typeof payload.status === 'number') reply.code(payload.status);
        if (payload.headers !== null && typeof payload.headers === 'object' && typeof payload.headers.forEach === 'function') {
          for (var pair of payload.headers) reply.header(pair[0], pair[1]);
        }
        if (payload.body !== null && payload.bodyUsed) {
          throwLater(reply, FastifyError('FST_ERR_REP_RESPONSE_BODY_CONSUMED', 500, 'Response.body is already consumed.'));
          return;
        }
        payload = payload.body;
      }
      var sc = reply._status;
      var h = reply._headers;
      if (payload === undefined || payload === null) {
        if (sc >= 200 && sc !== 204 && sc !== 304) h['content-length'] = '0';
        finish(reply, undefined);
        return;
      }
      if ((sc >= 100 && sc < 200) || sc === 204) {
        delete h['content-type'];
        delete h['content-length'];
        finish(reply, undefined);
        return;
      }
      if (typeof payload === 'object' && isStreamPayload(payload)) {
        if (typeof payload.getReader === 'function' && payload.locked) {
          throwLater(reply, FastifyError('FST_ERR_REP_READABLE_STREAM_LOCKED', 500, 'ReadableStream was locked. You should call releaseLock() method on reader before sending.'));
          return;
        }
        finish(reply, new (ST().StreamSource)(payload));
        return;
      }
      if (typeof payload !== 'string' && !(payload instanceof ArrayBuffer) && !(payload.buffer instanceof ArrayBuffer)) {
        throwLater(reply, FastifyError('FST_ERR_REP_INVALID_PAYLOAD_TYPE', 500,
          "Attempted to send payload of invalid type '" + typeof payload + "'. Expected a string or Buffer."));
        return;
      }
      finish(reply, payload);
    }
    function throwLater(reply, err) {
      // Fastify throws from inside the send path; the nearest catch turns it
      // into an error reply. Do the same without unwinding user frames.
      reply._isError = true;
      onErrorHook(reply, err);
    }
    function finish(reply, payload) {
      // Node refuses a header name that is not a token or a value with CR,
      // LF or another control character when the reply is written, and
      // Fastify answers that error (ERR_INVALID_HTTP_TOKEN,
      // ERR_INVALID_CHAR) instead; its own reply carries none of them.
      // Headers over the engine's cap are answered the same way
      // (TARSUS_RESPONSE_TOO_LARGE).
      // The route's error handler sees the error with the headers still
      // set; if its own reply fails the same way, Fastify's last resort
      // answers the error with none of them.
      var bad = host.checkHeaders(reply._headers);
      if (bad !== undefined) {
        if (!reply._badHeader) {
          reply._badHeader = true;
          throwLater(reply, FastifyError(bad.code, 500, bad.message));
          return;
        }
        if (!(reply._status >= 400)) reply._status = 500;
        reply._headers = { 'content-type': 'application/json; charset=utf-8' };
        payload = host.serializeError(reply._status, host.statusText(reply._status), bad.code, bad.message);
      }
      reply._done = true;
      reply._end = host.now();
      if (payload !== undefined && payload !== null && payload._isSource === true) {
        host.streamStart(reply._status, reply._headers);
        ST().pump(reply, payload);
        return;
      }
      host.respond(reply._status, reply._headers, payload);
      var ctx = reply._ctx;
      if (ctx.onResponse !== null) {
        runHooks(ctx.onResponse, reply.request, { sent: true, _done: false, request: reply.request, statusCode: reply._status, elapsedTime: reply.elapsedTime, log: reply.log, getHeader: function (k) { return reply.getHeader(k); }, getHeaders: function () { return reply.getHeaders(); } }, function (err) {
          if (err) reply.log.error(String(err && err.stack || err));
        });
      }
    }

    // ---- errors ----------------------------------------------------------
    function onErrorHook(reply, error) {
      if (reply._ctx.onError !== null && reply._nextErr === undefined) {
        reply._inOnError = true;
        runPayloadHooks(reply._ctx.onError, reply.request, reply, error, function () { handleError(reply, error); });
      } else handleError(reply, error);
    }
    function statusOf(err) {
      if (err && err.statusCode >= 400 && err.statusCode <= 599) return err.statusCode;
      if (err && err.status >= 400 && err.status <= 599) return err.status;
      return 0;
    }
    function handleError(reply, error) {
      reply._inOnError = false;
      var stage = reply._nextErr;
      if (stage === 2) { reply._nextErr = 3; fallback(reply, error, true); return; }
      if (stage === 3) { fallback(reply, error, false); return; }
      var fn;
      if (stage === undefined && reply._ctx.errorHandler) { fn = reply._ctx.errorHandler; reply._nextErr = 1; }
      else { fn = defaultErrorHandler; reply._nextErr = 2; }
      delete reply._headers['content-type'];
      delete reply._headers['content-length'];
      try {
        var r = fn.call(undefined, error, reply.request, reply);
        if (r !== undefined) {
          if (r !== null && typeof r.then === 'function') wrapThenable(r, reply);
          else reply.send(r);
        }
      } catch (e) {
        reply.send(e);
      }
    }
    function defaultErrorHandler(error, request, reply) {
      var sc = reply._status;
      sc = (sc >= 400 && sc <= 599) ? sc : 500;
      if (error != null) {
        if (error.headers !== undefined) reply.headers(error.headers);
        var es = statusOf(error);
        if (es) sc = es;
      }
      reply._status = sc;
      if (!reply._hasStatus || reply.statusCode === 200) {
        reply.code(statusOf(error) || 500);
      }
      if (reply._status >= 500) {
        host.logError(error);
      }
      reply.send(error);
    }
    // fallback serializes an error as Fastify's last error handler does; the
    // first time through the onSend hooks, after that straight out.
    function fallback(reply, error, viaOnSend) {
      var sc = reply._status;
      var h = reply._headers;
      if (h['content-type'] === undefined) h['content-type'] = JSON_CT;
      var payload;
      var e = (error !== null && typeof error === 'object') ? error : {};
      var msg = error === undefined ? undefined : (error !== null && typeof error === 'object' ? v8Message(error) : undefined);
      try {
        var custom = host.hasSerializer(reply._ctx.url, sc);
        if (custom) {
          // fast-json-stringify reads declared properties through the
          // prototype chain; copy them into a plain object for the host.
          var obj = {};
          for (var k in e) obj[k] = e[k];
          if (e.code !== undefined) obj.code = e.code;
          obj.error = host.statusText(sc); obj.message = msg; obj.statusCode = sc;
          payload = host.serialize(reply._ctx.url, sc, obj);
        } else {
          payload = host.serializeError(sc, host.statusText(sc), e.code, msg);
        }
      } catch (err) {
        reply._status = 500;
        payload = host.serializeError(500, host.statusText(500), 'FST_ERR_FAILED_ERROR_SERIALIZATION',
          'Failed to serialize an error. Error: ' + err.message + '. Original error: ' + msg);
      }
      h['content-length'] = '' + host.byteLength(payload);
      if (viaOnSend) { onSendHook(reply, payload); return; }
      finish(reply, payload);
    }

    // v8Message gives goja's TypeErrors V8's wording, which is what a
    // Fastify client sees for the same mistake.
    function v8Message(e) {
      var m = e.message;
      if (e instanceof TypeError && typeof m === 'string') {
        var r = re().readProp.exec(m);
        if (r) return 'Cannot read properties of ' + r[2] + " (reading '" + r[1] + "')";
      }
      return m;
    }

    function validationError(part, message, details) {
      var e = new Error(message);
      e.code = 'FST_ERR_VALIDATION';
      e.statusCode = 400;
      e.validation = details;
      e.validationContext = part;
      return e;
    }
    // The lifecycle of a route with hooks before its handler:
    // onRequest → preParsing → parse → preValidation → validate →
    // preHandler → handle (invoke runs the same steps inline otherwise).
    function afterOnRequest(err, req, reply) {
      if (reply._done) return;
      if (err != null) { reply._isError = true; reply.send(err); return; }
      var ctx = reply._ctx;
      if (ctx.preParsing !== null) {
        var payload = { pipe: function () {}, on: function () {}, readable: true };
        S().runPayloadHooks(ctx.preParsing, req, reply, payload, function (e) { parse(e, req, reply); });
      } else parse(null, req, reply);
    }
    function parse(err, req, reply) {
      if (reply._done) return;
      if (err != null) { reply._isError = true; reply.send(err); return; }
      try {
        host.parseBody();
        // Parsing sets the body, whatever an earlier hook assigned.
        if (hasOwn.call(req, 'body')) delete req.body;
      } catch (e) {
        reply._isError = true;
        reply.send(e);
        return;
      }
      var ctx = reply._ctx;
      try {
        if (ctx.preValidation !== null) S().runHooks(ctx.preValidation, req, reply, validate);
        else validate(null, req, reply);
      } catch (e) { validate(e, req, reply); }
    }
    function validate(err, req, reply) {
      if (reply._done) return;
      if (err != null) { reply._isError = true; reply.send(err); return; }
      var verr = reply._ctx.validates === false ? undefined : host.validate(reply._ctx.url, req, hasOwn.call(req, 'body'));
      if (verr) {
        if (!reply._ctx.attachValidation) { reply.send(verr); return; }
        req.validationError = verr;
      }
      var ctx = reply._ctx;
      if (ctx.preHandler !== null) S().runHooks(ctx.preHandler, req, reply, handle);
      else handle(null, req, reply);
    }
    function handle(err, req, reply) {
      if (reply._done) return;
      if (err != null) { reply._isError = true; reply.send(err); return; }
      var result;
      try {
        var h = reply._ctx.handler;
        result = h(req, reply);
      } catch (e) {
        reply._isError = true;
        reply.send(e);
        return;
      }
      if (result !== undefined) {
        if (result !== null && typeof result.then === 'function') wrapThenable(result, reply);
        else sendResult(reply, result);
      }
    }

    return {
      FastifyError: FastifyError, describe: describe, rootLog: makeLogger(null), afterOnRequest: afterOnRequest,
      send: send, runHooks: runHooks, ST: ST, runPayloadHooks: runPayloadHooks, onErrorHook: onErrorHook,
      notFoundCtx: notFoundCtx, validationError: validationError
    };
  }

  // The schema reader, used once per function when its schemas are compiled
  // (at deploy, or by the first runtime that loads a stored function).
  var schemaPart = null;
  function SP() { return schemaPart === null ? (schemaPart = makeSchemaPart()) : schemaPart; }
  function makeSchemaPart() {
    // lowerHeaders normalizes a headers schema as Fastify does (header names
    // are case-insensitive): property names, required, dependencies.
    function lowerHeaders(schema, inNames) {
      if (Array.isArray(schema)) return schema.map(function (x) { return lowerHeaders(x, inNames); });
      if (schema === null || typeof schema !== 'object') return schema;
      var out = {};
      Object.keys(schema).forEach(function (key) {
        var v = schema[key];
        var isObj = v !== null && typeof v === 'object';
        switch (key) {
          case 'properties':
            if (!isObj) { out[key] = v; break; }
            out[key] = {};
            Object.keys(v).forEach(function (p) { out[key][p.toLowerCase()] = lowerHeaders(v[p], inNames); });
            break;
          case 'required':
            out[key] = Array.isArray(v) ? v.map(function (n) { return String(n).toLowerCase(); }) : v;
            break;
          case 'dependencies': case 'dependentSchemas': case 'dependentRequired':
            if (!isObj) { out[key] = v; break; }
            out[key] = {};
            Object.keys(v).forEach(function (d) {
              out[key][d.toLowerCase()] = Array.isArray(v[d]) ? v[d].map(function (n) { return String(n).toLowerCase(); }) : lowerHeaders(v[d], inNames);
            });
            break;
          case 'allOf': case 'anyOf': case 'oneOf': case 'not': case 'if': case 'then': case 'else': case 'items':
          case 'additionalItems': case 'additionalProperties': case 'unevaluatedItems': case 'unevaluatedProperties':
          case 'contains': case 'contentSchema':
            out[key] = lowerHeaders(v, inNames);
            break;
          case 'propertyNames':
            out[key] = lowerHeaders(v, true);
            break;
          case 'definitions': case '$defs': case 'patternProperties':
            if (!isObj) { out[key] = v; break; }
            out[key] = {};
            Object.keys(v).forEach(function (k) { out[key][k] = lowerHeaders(v[k], inNames); });
            break;
          default:
            if (inNames && key === 'enum' && Array.isArray(v)) out[key] = v.map(function (x) { return typeof x === 'string' ? x.toLowerCase() : x; });
            else if (inNames && key === 'const' && typeof v === 'string') out[key] = v.toLowerCase();
            else out[key] = v;
        }
      });
      return out;
    }

    // schemaJSON returns JSON.stringify(opts.schema[part]) for the engine to
    // compile once per deploy.
    function schemas(mod, url) { return schemasOf(load(mod, url)); }
    function schemasOf(ctx) {
      var s = ctx.schema || {};
      var out = {};
      ['body', 'querystring', 'query', 'params', 'headers'].forEach(function (k) {
        if (s[k] === undefined || s[k] === null) return;
        var v = s[k];
        if (k === 'headers' && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) v = lowerHeaders(v, false);
        out[k] = JSON.stringify(v);
      });
      if (s.response && typeof s.response === 'object') {
        var r = {};
        Object.keys(s.response).forEach(function (k) { r[k] = JSON.stringify(s.response[k]); });
        out.response = r;
      }
      out.bodyLimit = ctx.bodyLimit;
      out.timeout = ctx.config && typeof ctx.config.timeout === 'number' ? ctx.config.timeout : 0;
      out.hasPreValidation = ctx.preValidation !== null;
      out.access = accessOf(ctx.opts);
      return out;
    }

    // accessOf returns, as JSON, the route options that decide who may call
    // the route and when (opts.method, opts.config's schedule, cors, auth,
    // jwt and rateLimit), for the platform to check at deploy; undefined
    // when the route sets none. A RegExp or a function, which JSON drops,
    // is kept as a marker so that the platform can accept or refuse it.
    var ACCESS = ['schedule', 'cors', 'auth', 'jwt', 'rateLimit'];
    function accessOf(opts) {
      var a = {}, any = false, c = opts.config;
      if (opts.method !== undefined) { a.method = opts.method; any = true; }
      if (c !== null && typeof c === 'object') {
        for (var i = 0; i < ACCESS.length; i++) {
          if (c[ACCESS[i]] !== undefined) { a[ACCESS[i]] = c[ACCESS[i]]; any = true; }
        }
      }
      if (!any) return undefined;
      return JSON.stringify(a, function (k, v) {
        if (v instanceof RegExp) return { $regexp: v.source, flags: v.flags };
        if (typeof v === 'function') return { $function: true };
        return v;
      });
    }

    return { schemas: schemas, schemasOf: schemasOf };
  }

  return { load: load, invoke: invoke, slow: S, schemaPart: SP };
})
