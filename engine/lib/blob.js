// internal/blob: Blob and File. A blob's bytes are one Uint8Array held in
// JS (so its size is bounded by MaxTypedArrayBytes like any byte array);
// slices share it.
'use strict';
var kBytes = Symbol('bytes'), kType = Symbol('type'), kName = Symbol('name'), kModified = Symbol('lastModified');

function checkBlob(b) {
  if (b === null || typeof b !== 'object' || !(kBytes in b)) throw new TypeError('Value of "this" must be of type Blob');
}

function normalizeType(t) {
  t = t === undefined ? '' : String(t);
  for (var i = 0; i < t.length; i++) {
    var c = t.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return '';
  }
  return t.toLowerCase();
}

// partsBytes concatenates blob parts (strings as UTF-8, buffers, views,
// blobs) into one Uint8Array.
function partsBytes(parts, endings) {
  if (parts === undefined) return new Uint8Array(0);
  if (parts === null || typeof parts !== 'object' || typeof parts[Symbol.iterator] !== 'function') {
    throw new TypeError('The "sources" argument must be a sequence.');
  }
  var enc, list = [], total = 0;
  for (var p of parts) {
    var b;
    if (p !== null && typeof p === 'object' && kBytes in p) b = p[kBytes];
    else if (p instanceof ArrayBuffer) b = new Uint8Array(p.slice(0));
    else if (ArrayBuffer.isView(p)) b = new Uint8Array(p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength));
    else {
      var s = String(p);
      if (endings === 'native') s = s.replace(/\r\n|\r/g, '\n');
      b = (enc || (enc = new TextEncoder())).encode(s);
    }
    list.push(b);
    total += b.length;
  }
  if (list.length === 1) return list[0];
  var out = new Uint8Array(total), off = 0;
  for (var i = 0; i < list.length; i++) { out.set(list[i], off); off += list[i].length; }
  return out;
}

class Blob {
  constructor(parts, options) {
    if (options != null && typeof options !== 'object' && typeof options !== 'function') throw new TypeError('The "options" argument must be of type object.');
    var endings = options && options.endings !== undefined ? String(options.endings) : 'transparent';
    if (endings !== 'transparent' && endings !== 'native') throw new TypeError('The provided value \'' + endings + '\' is not a valid enum value of type EndingType.');
    this[kBytes] = partsBytes(parts, endings);
    this[kType] = normalizeType(options ? options.type : undefined);
  }
  get size() { checkBlob(this); return this[kBytes].length; }
  get type() { checkBlob(this); return this[kType]; }
  slice(start, end, contentType) {
    checkBlob(this);
    var size = this[kBytes].length;
    var rel = function (v, d) {
      if (v === undefined) return d;
      v = Math.trunc(Number(v)) || 0;
      return v < 0 ? Math.max(size + v, 0) : Math.min(v, size);
    };
    var s = rel(start, 0), e = rel(end, size);
    var b = Object.create(Blob.prototype);
    b[kBytes] = this[kBytes].subarray(s, Math.max(s, e));
    b[kType] = normalizeType(contentType);
    return b;
  }
  text() {
    try { checkBlob(this); } catch (e) { return Promise.reject(e); }
    return Promise.resolve(new TextDecoder().decode(this[kBytes]));
  }
  arrayBuffer() {
    try { checkBlob(this); } catch (e) { return Promise.reject(e); }
    var b = this[kBytes];
    return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }
  bytes() {
    try { checkBlob(this); } catch (e) { return Promise.reject(e); }
    return Promise.resolve(this[kBytes].slice());
  }
  stream() {
    checkBlob(this);
    var b = this[kBytes], off = 0;
    var ReadableStream = require('internal/streams').ReadableStream;
    return new ReadableStream({
      type: 'bytes',
      pull: function (c) {
        if (off >= b.length) { c.close(); return; }
        var n = Math.min(65536, b.length - off);
        c.enqueue(b.slice(off, off + n));
        off += n;
      }
    });
  }
}
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

class File extends Blob {
  constructor(parts, name, options) {
    if (arguments.length < 2) throw new TypeError('The "fileBits" and "fileName" arguments must be specified');
    super(parts, options);
    this[kName] = String(name);
    var lm = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
    this[kModified] = Math.trunc(lm) || 0;
  }
  get name() { if (!(kName in this)) throw new TypeError('Value of "this" must be of type File'); return this[kName]; }
  get lastModified() { if (!(kName in this)) throw new TypeError('Value of "this" must be of type File'); return this[kModified]; }
  get webkitRelativePath() { return ''; }
}
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

// bytesOf is a blob's bytes (shared: never change them).
function bytesOf(b) { checkBlob(b); return b[kBytes]; }
function isBlob(b) { return b !== null && typeof b === 'object' && kBytes in b; }

exports.Blob = Blob;
exports.File = File;
exports.bytesOf = bytesOf;
exports.isBlob = isBlob;
