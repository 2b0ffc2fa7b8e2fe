// What Node's Buffer has and goja_nodejs's lacks, added when the buffer
// module is first loaded (nodeguard.go's checks stay on what goja_nodejs
// provides; these are plain JavaScript over them, so the deadline reaches
// every loop).
'use strict';
exports.extend = function (mod) {
  var Buffer = mod.Buffer;
  var proto = Buffer.prototype;
  var encodings = ['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'ascii', 'latin1', 'binary', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le'];
  function def(o, k, v) {
    if (o[k] === undefined || o === proto && Object.getPrototypeOf(proto)[k] === o[k]) {
      Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
    }
  }
  function argType(name, v, what) {
    var e = new TypeError('The "' + name + '" argument must be ' + what + '. Received ' + (v === null ? 'null' : v === undefined ? 'undefined' : typeof v === 'object' ? 'an instance of ' + (v.constructor && v.constructor.name || 'Object') : 'type ' + typeof v + ' (' + String(v) + ')'));
    e.code = 'ERR_INVALID_ARG_TYPE';
    return e;
  }
  def(Buffer, 'isBuffer', function isBuffer(b) { return b instanceof Buffer; });
  def(Buffer, 'isEncoding', function isEncoding(e) { return typeof e === 'string' && e.length !== 0 && encodings.indexOf(e.toLowerCase()) !== -1; });
  def(Buffer, 'byteLength', function byteLength(s, enc) {
    if (typeof s !== 'string') {
      if (ArrayBuffer.isView(s) || s instanceof ArrayBuffer) return s.byteLength;
      throw argType('string', s, 'of type string or an instance of Buffer or ArrayBuffer');
    }
    return Buffer.from(s, enc).length;
  });
  def(Buffer, 'allocUnsafe', function allocUnsafe(n) { return Buffer.alloc(n); });
  def(Buffer, 'allocUnsafeSlow', function allocUnsafeSlow(n) { return Buffer.alloc(n); });
  def(Buffer, 'compare', function compare(a, b) {
    if (!(a instanceof Uint8Array)) throw argType('buf1', a, 'an instance of Buffer or Uint8Array');
    if (!(b instanceof Uint8Array)) throw argType('buf2', b, 'an instance of Buffer or Uint8Array');
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  });
  function view(buf, start, end) {
    var len = buf.length;
    start = start === undefined ? 0 : Math.trunc(+start) || 0;
    end = end === undefined ? len : Math.trunc(+end) || 0;
    if (start < 0) start = Math.max(len + start, 0); else if (start > len) start = len;
    if (end < 0) end = Math.max(len + end, 0); else if (end > len) end = len;
    if (end < start) end = start;
    return Buffer.from(buf.buffer, buf.byteOffset + start, end - start);
  }
  def(proto, 'subarray', function subarray(s, e) { return view(this, s, e); });
  def(proto, 'slice', function slice(s, e) { return view(this, s, e); });
  def(proto, 'toJSON', function toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; });
  def(proto, 'compare', function compare(target, ts, te, ss, se) {
    return Buffer.compare(view(this, ss, se), view(target, ts, te));
  });
  def(proto, 'copy', function copy(target, targetStart, sourceStart, sourceEnd) {
    targetStart = targetStart === undefined ? 0 : Math.max(0, Math.trunc(+targetStart) || 0);
    sourceStart = sourceStart === undefined ? 0 : Math.max(0, Math.trunc(+sourceStart) || 0);
    sourceEnd = sourceEnd === undefined ? this.length : Math.min(this.length, Math.trunc(+sourceEnd) || 0);
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    var n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
    Uint8Array.prototype.set.call(target, Uint8Array.prototype.subarray.call(this, sourceStart, sourceStart + n), targetStart);
    return n;
  });
  function needle(val, enc) {
    if (typeof val === 'string') return Buffer.from(val, enc);
    if (val instanceof Uint8Array) return val;
    if (typeof val === 'number') return new Uint8Array([val & 255]);
    throw argType('value', val, 'one of type number or string or an instance of Buffer or Uint8Array');
  }
  function find(buf, val, from, enc, last) {
    if (typeof from === 'string') { enc = from; from = undefined; }
    var n = needle(val, enc);
    var len = buf.length;
    var start = from === undefined ? (last ? len - n.length : 0) : Math.trunc(+from) || 0;
    if (start < 0) start += len;
    if (n.length === 0) return Math.min(Math.max(start, 0), len);
    var step = last ? -1 : 1;
    if (last && start > len - n.length) start = len - n.length;
    if (!last && start < 0) start = 0;
    for (var i = start; last ? i >= 0 : i <= len - n.length; i += step) {
      var j = 0;
      while (j < n.length && buf[i + j] === n[j]) j++;
      if (j === n.length) return i;
    }
    return -1;
  }
  def(proto, 'indexOf', function indexOf(v, from, enc) { return find(this, v, from, enc, false); });
  def(proto, 'lastIndexOf', function lastIndexOf(v, from, enc) { return find(this, v, from, enc, true); });
  def(proto, 'includes', function includes(v, from, enc) { return find(this, v, from, enc, false) !== -1; });
  def(proto, 'toLocaleString', proto.toString);
  def(proto, 'swap16', function swap16() {
    if (this.length % 2 !== 0) { var e = new RangeError('Buffer size must be a multiple of 16-bits'); e.code = 'ERR_INVALID_BUFFER_SIZE'; throw e; }
    for (var i = 0; i < this.length; i += 2) { var t = this[i]; this[i] = this[i + 1]; this[i + 1] = t; }
    return this;
  });
  // Encoding names as Node takes them (any case, aliases), and the
  // encodings goja_nodejs lacks (latin1, ascii, utf16le), in JavaScript.
  function norm(enc) {
    if (enc === undefined || enc === null) return enc;
    if (typeof enc !== 'string') return enc;
    switch (enc.toLowerCase()) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'hex': return 'hex';
      case 'base64': return 'base64';
      case 'base64url': return 'base64Url';
      case 'latin1': case 'binary': return 'latin1';
      case 'ascii': return 'ascii';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    }
    return enc;
  }
  function extra(enc) { return enc === 'latin1' || enc === 'ascii' || enc === 'utf16le'; }
  function encodeExtra(str, enc) {
    var n = str.length;
    var out;
    if (enc === 'utf16le') {
      out = Buffer.alloc(n * 2);
      for (var i = 0; i < n; i++) {
        var c = str.charCodeAt(i);
        out[2 * i] = c & 255;
        out[2 * i + 1] = c >> 8;
      }
      return out;
    }
    out = Buffer.alloc(n);
    for (var j = 0; j < n; j++) out[j] = str.charCodeAt(j) & 255;
    return out;
  }
  function decodeExtra(buf, enc, start, end) {
    var parts = [];
    var step = 8192;
    if (enc === 'utf16le') {
      end = start + ((end - start) & ~1);
      for (var i = start; i < end; i += step * 2) {
        var units = [];
        for (var k = i; k < Math.min(end, i + step * 2); k += 2) units.push(buf[k] | (buf[k + 1] << 8));
        parts.push(String.fromCharCode.apply(null, units));
      }
      return parts.join('');
    }
    var mask = enc === 'ascii' ? 127 : 255;
    for (var j = start; j < end; j += step) {
      var codes = [];
      for (var m = j; m < Math.min(end, j + step); m++) codes.push(buf[m] & mask);
      parts.push(String.fromCharCode.apply(null, codes));
    }
    return parts.join('');
  }
  var origFrom = Buffer.from;
  Object.defineProperty(Buffer, 'from', {
    value: function from(v, enc, len) {
      if (typeof v === 'string') {
        enc = norm(enc);
        if (extra(enc)) return encodeExtra(v, enc);
        return origFrom.call(this, v, enc);
      }
      return arguments.length > 2 ? origFrom.call(this, v, enc, len) : arguments.length > 1 ? origFrom.call(this, v, enc) : origFrom.call(this, v);
    }, writable: true, configurable: true,
  });
  var origToString = proto.toString;
  Object.defineProperty(proto, 'toString', {
    value: function toString(enc, start, end) {
      enc = norm(enc);
      if (extra(enc)) {
        var len = this.length;
        start = start === undefined ? 0 : Math.max(0, Math.min(len, Math.trunc(+start) || 0));
        end = end === undefined ? len : Math.max(start, Math.min(len, Math.trunc(+end) || 0));
        return decodeExtra(this, enc, start, end);
      }
      if (arguments.length === 0) return origToString.call(this);
      return origToString.apply(this, [enc].concat(Array.prototype.slice.call(arguments, 1)));
    }, writable: true, configurable: true,
  });
  var origWrite = proto.write;
  Object.defineProperty(proto, 'write', {
    value: function write(str, offset, length, enc) {
      if (typeof offset === 'string') { enc = offset; offset = 0; length = undefined; }
      else if (typeof length === 'string') { enc = length; length = undefined; }
      enc = norm(enc);
      if (extra(enc)) {
        offset = offset === undefined ? 0 : offset >>> 0;
        var bytes = encodeExtra(String(str), enc);
        var max = this.length - offset;
        if (length !== undefined) max = Math.min(max, length >>> 0);
        return bytes.copy(this, offset, 0, Math.max(0, max));
      }
      var args = [str];
      if (offset !== undefined) args.push(offset);
      if (length !== undefined) args.push(length);
      if (enc !== undefined) { while (args.length < 3) args.push(args.length === 1 ? 0 : this.length - (offset || 0)); args.push(enc); }
      return origWrite.apply(this, args);
    }, writable: true, configurable: true,
  });
  if (mod.kMaxLength === undefined) mod.kMaxLength = 4294967296;
  if (mod.constants === undefined) mod.constants = { MAX_LENGTH: 4294967296, MAX_STRING_LENGTH: 536870888 };
  if (mod.SlowBuffer === undefined) mod.SlowBuffer = function SlowBuffer(n) { return Buffer.alloc(n); };
  if (mod.INSPECT_MAX_BYTES === undefined) mod.INSPECT_MAX_BYTES = 50;
  if (mod.isUtf8 === undefined) mod.isUtf8 = function isUtf8(b) { try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch (e) { return false; } };
  if (mod.isAscii === undefined) mod.isAscii = function isAscii(b) { for (var i = 0; i < b.length; i++) if (b[i] > 127) return false; return true; };
  ['atob', 'btoa', 'Blob', 'File'].forEach(function (k) {
    if (!(k in mod)) Object.defineProperty(mod, k, { get: function () { return globalThis[k]; }, enumerable: true, configurable: true });
  });
};
