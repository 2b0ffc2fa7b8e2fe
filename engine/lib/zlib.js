// node:zlib over Go's compress/* and brotli (host: run, stream, crc32;
// nodezlib.go has the bounds). The callback forms compute at once and call
// back on the next tick; the stream forms are Transforms.
'use strict';
var names = require('internal/unavailable_names')('.zlib');
var constants = names.constants;
var codes = names.codes;

function toBytes(buf, name) {
  if (typeof buf === 'string') return Buffer.from(buf);
  if (buf instanceof ArrayBuffer || ArrayBuffer.isView(buf)) return buf;
  var e = new TypeError('The "' + (name || 'buffer') + '" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.' + received(buf));
  e.code = 'ERR_INVALID_ARG_TYPE';
  throw e;
}

function received(v) {
  if (v == null) return ' Received ' + v;
  if (typeof v === 'function') return ' Received function ' + v.name;
  if (typeof v === 'object') return ' Received an instance of ' + (v.constructor && v.constructor.name || 'Object');
  return ' Received type ' + typeof v + ' (' + String(v) + ')';
}

function hostOpts(kind, opts) {
  opts = opts || {};
  var o = { level: opts.level, strategy: opts.strategy, maxOutputLength: opts.maxOutputLength, dictionary: opts.dictionary };
  if (opts.level !== undefined && (typeof opts.level !== 'number' || opts.level < -1 || opts.level > 9)) {
    var e = new RangeError('The value of "options.level" is out of range. It must be >= -1 and <= 9. Received ' + String(opts.level));
    e.code = 'ERR_OUT_OF_RANGE';
    throw e;
  }
  if (opts.params) {
    var q = opts.params[constants.BROTLI_PARAM_QUALITY];
    var w = opts.params[constants.BROTLI_PARAM_LGWIN];
    if (q !== undefined) o.quality = q;
    if (w !== undefined) o.lgwin = w;
  }
  if (opts.maxOutputLength !== undefined && (typeof opts.maxOutputLength !== 'number' || opts.maxOutputLength < 1)) {
    var me = new RangeError('The value of "options.maxOutputLength" is out of range. It must be >= 1 and <= 4294967296. Received ' + String(opts.maxOutputLength));
    me.code = 'ERR_OUT_OF_RANGE';
    throw me;
  }
  return o;
}

function wrap(ab) { return Buffer.from(ab); }

function syncFn(kind) {
  return function (buffer, opts) {
    var out = wrap(host.run(kind, toBytes(buffer), hostOpts(kind, opts)));
    if (opts && opts.info) return { buffer: out, engine: makeEngine(kind, opts) };
    return out;
  };
}

function asyncFn(kind, sync) {
  return function (buffer, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    if (typeof callback !== 'function') {
      var e = new TypeError('The "callback" argument must be of type function.' + received(callback));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    var res, err = null;
    try { res = sync(buffer, opts); } catch (x) { err = x; }
    process.nextTick(function () { if (err) callback(err); else callback(null, res); });
  };
}

var kinds = {
  Deflate: 'deflate', Inflate: 'inflate', DeflateRaw: 'deflateRaw', InflateRaw: 'inflateRaw',
  Gzip: 'gzip', Gunzip: 'gunzip', Unzip: 'unzip', BrotliCompress: 'brotliCompress', BrotliDecompress: 'brotliDecompress',
};

// The stream classes are made on first use: they need node:stream, which
// a function that only calls the sync or callback forms never loads.
var classes;
function makeClasses() {
  if (classes) return classes;
  var Transform = require('stream').Transform;
  function ZlibBase(kind, opts) {
    opts = opts || {};
    var hw = opts.chunkSize || 16 * 1024;
    Transform.call(this, { highWaterMark: opts.highWaterMark || hw, readableHighWaterMark: opts.readableHighWaterMark, writableHighWaterMark: opts.writableHighWaterMark, objectMode: false });
    this._kind = kind;
    this._handle = host.stream(kind, hostOpts(kind, opts));
    this._opts = opts;
    this.bytesWritten = 0;
    this._finishFlushFlag = opts.finishFlush;
    this._defaultFlushFlag = opts.flush;
  }
  Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
  Object.setPrototypeOf(ZlibBase, Transform);

  ZlibBase.prototype._transform = function (chunk, encoding, cb) {
    var out;
    try {
      out = this._handle.write(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    } catch (e) {
      cb(e);
      return;
    }
    this.bytesWritten += chunk.length;
    if (out && out.byteLength) this.push(wrap(out));
    cb();
  };

  ZlibBase.prototype._flush = function (cb) {
    var out;
    try {
      out = this._handle.end();
    } catch (e) {
      cb(e);
      return;
    }
    if (out && out.byteLength) this.push(wrap(out));
    cb();
  };

  ZlibBase.prototype.flush = function (kind, callback) {
    if (typeof kind === 'function') callback = kind;
    var out = this._handle.flush();
    if (out && out.byteLength) this.push(wrap(out));
    if (typeof callback === 'function') process.nextTick(callback);
  };

  ZlibBase.prototype.params = function (level, strategy, callback) {
    var e = new Error('zlib params() is not available in Tarsus functions');
    e.code = 'ERR_NOT_AVAILABLE';
    if (typeof callback === 'function') process.nextTick(callback, e);
    else throw e;
  };

  ZlibBase.prototype.close = function (callback) {
    if (callback) process.nextTick(callback);
    this.destroy();
  };

  ZlibBase.prototype.reset = function () {
    this._handle = host.stream(this._kind, hostOpts(this._kind, this._opts));
  };

  Object.defineProperty(ZlibBase.prototype, '_closed', { get: function () { return this.destroyed; }, configurable: true });
  classes = {};
  Object.keys(kinds).forEach(function (Name) {
    var kind = kinds[Name];
    var C = function (opts) {
      if (!(this instanceof C)) return new C(opts);
      ZlibBase.call(this, kind, opts);
    };
    Object.defineProperty(C, 'name', { value: Name });
    Object.setPrototypeOf(C.prototype, ZlibBase.prototype);
    Object.setPrototypeOf(C, ZlibBase);
    classes[Name] = C;
  });
  return classes;
}

function makeEngine(kind, opts) {
  var Name = Object.keys(kinds).filter(function (k) { return kinds[k] === kind; })[0];
  return new (makeClasses()[Name])(opts);
}

Object.keys(kinds).forEach(function (Name) {
  var kind = kinds[Name];
  Object.defineProperty(exports, Name, {
    get: function () { return makeClasses()[Name]; }, enumerable: true, configurable: true,
  });
  exports['create' + Name] = function (opts) { return new (makeClasses()[Name])(opts); };
  var sync = syncFn(kind);
  exports[kind + 'Sync'] = sync;
  exports[kind] = asyncFn(kind, sync);
});

exports.crc32 = function crc32(data, value) {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    var e = new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.' + received(data));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  return host.crc32(data, value === undefined ? 0 : value);
};
exports.constants = constants;
exports.codes = codes;
Object.keys(constants).forEach(function (k) {
  if (k.indexOf('Z_') === 0) Object.defineProperty(exports, k, { value: constants[k], enumerable: false, writable: false });
});
