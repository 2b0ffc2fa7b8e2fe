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
