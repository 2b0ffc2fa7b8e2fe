// tarsus:kv: the user's key-value store (Go bindings in kv.go). Every call
// returns a promise settled on the event loop.
'use strict';

var TYPES = { text: 1, json: 1, bytes: 1, arrayBuffer: 1 };

function typeOf(opts, def) {
  var t = def;
  if (typeof opts === 'string') t = opts;
  else if (opts != null && typeof opts === 'object' && opts.type !== undefined) t = opts.type;
  if (!TYPES[t]) {
    throw new TypeError('kv: unknown type ' + JSON.stringify(String(t)) + ': use "text", "json", "bytes" or "arrayBuffer"');
  }
  return t;
}

function decode(value, type) {
  switch (type) {
    case 'text': return value;
    case 'json': return JSON.parse(value);
    case 'bytes': return new Uint8Array(value);
    default: return value; // arrayBuffer
  }
}

function encode(value, type) {
  if (type === 'json') {
    var s = JSON.stringify(value);
    if (s === undefined) throw new TypeError('kv: the value has no JSON form (undefined or a function)');
    return s;
  }
  if (typeof value === 'string' || value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('kv: a value must be a string, an ArrayBuffer or a typed array; for any other value pass {type: "json"}');
}

function ttlOf(opts) {
  if (opts == null || typeof opts !== 'object') return 0;
  var ttl = opts.ttl !== undefined ? opts.ttl : opts.expirationTtl;
  if (ttl === undefined) {
    if (opts.expiration === undefined) return 0;
    ttl = Number(opts.expiration) - Date.now() / 1000;
    if (!(ttl > 0)) throw new RangeError('kv: expiration is in the past');
  }
  ttl = Number(ttl);
  if (!(ttl > 0) || ttl > 315360000) {
    throw new RangeError('kv: ttl is in seconds and must be positive and at most 10 years');
  }
  return ttl * 1000;
}

function key(k) {
  if (typeof k !== 'string') throw new TypeError('kv: the key must be a string');
  return k;
}

var MAX_ATTEMPTS = 1000;

var kv = {
  get: function get(k, opts) {
    var type = typeOf(opts, 'text');
    return host.get(key(k), type === 'text' || type === 'json').then(function (r) {
      return r === null ? null : decode(r.value, type);
    });
  },
  getWithMetadata: function getWithMetadata(k, opts) {
    var type = typeOf(opts, 'text');
    return host.get(key(k), type === 'text' || type === 'json').then(function (r) {
      if (r === null) return { value: null, version: 0, expiresAt: null };
      return { value: decode(r.value, type), version: r.version, expiresAt: r.expiresAt };
    });
  },
  put: function put(k, value, opts) {
    var type = opts != null && typeof opts === 'object' && opts.type === 'json' ? 'json' : 'raw';
    return host.put(key(k), encode(value, type), ttlOf(opts)).then(function () { return undefined; });
  },
  delete: function del(k) {
    return host.delete(key(k));
  },
  list: function list(opts) {
    opts = opts || {};
    var limit = opts.limit === undefined ? 1000 : Number(opts.limit);
    if (!(limit >= 1 && limit <= 1000)) throw new RangeError('kv: limit must be between 1 and 1000');
    return host.list(opts.prefix, Math.floor(limit), opts.cursor);
  },
  // update reads the key (null when absent), calls fn with its value and
  // writes what fn returns if nobody wrote the key meanwhile, retrying
  // otherwise (fn may run more than once). fn returning undefined writes
  // nothing. It resolves to the value written. Each attempt is one call of
  // the invocation's budget of KV calls (kv.go), which bounds it too.
  update: function update(k, fn, opts) {
    key(k);
    if (typeof fn !== 'function') throw new TypeError('kv: update needs a function');
    var type = typeOf(opts, 'json');
    var ttl = ttlOf(opts);
    var asText = type === 'text' || type === 'json';
    var attempts = 0;
    function attempt(cur) {
      if (++attempts > MAX_ATTEMPTS) {
        var e = new Error('kv: update of ' + JSON.stringify(k) + ' lost to other writers ' + MAX_ATTEMPTS + ' times; try again');
        e.code = 'TARSUS_KV_CONFLICT';
        throw e;
      }
      return Promise.resolve(fn(cur.found ? decode(cur.value, type) : null)).then(function (next) {
        if (next === undefined) return undefined;
        return host.cas(k, encode(next, type === 'json' ? 'json' : 'raw'), ttl, cur.version, asText).then(function (r) {
          if (r.swapped) return next;
          return attempt({ found: r.found, value: r.value, version: r.version });
        });
      });
    }
    return host.get(k, asText).then(function (r) {
      return attempt(r === null ? { found: false, version: 0 } : { found: true, value: r.value, version: r.version });
    });
  },
};

module.exports = { kv: kv, default: kv };
