// internal/streams: the WHATWG streams (web-streams-polyfill, vendored by
// libgen as internal/web-streams-polyfill), TextEncoderStream,
// TextDecoderStream, and CompressionStream/DecompressionStream over Go's
// compress/* (host: see streams.go; the output of a decompression is
// capped).
'use strict';
var P = require('internal/web-streams-polyfill');
['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream',
  'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream',
  'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy'].forEach(function (k) {
  exports[k] = P[k];
});

var kTransform = Symbol('transform'), kDecoder = Symbol('decoder');

function pair(self) {
  if (self === null || typeof self !== 'object' || !(kTransform in self)) throw new TypeError('Illegal invocation');
  return self[kTransform];
}

class TextEncoderStream {
  constructor() {
    var enc = new TextEncoder(), high = '';
    this[kTransform] = new P.TransformStream({
      transform: function (chunk, c) {
        var s = high + String(chunk);
        high = '';
        // A lone high surrogate at the end waits for the next chunk.
        var last = s.charCodeAt(s.length - 1);
        if (last >= 0xD800 && last <= 0xDBFF) { high = s.slice(-1); s = s.slice(0, -1); }
        if (s.length > 0) c.enqueue(enc.encode(s));
      },
      flush: function (c) { if (high) c.enqueue(new Uint8Array([0xEF, 0xBF, 0xBD])); }
    });
  }
  get encoding() { pair(this); return 'utf-8'; }
  get readable() { return pair(this).readable; }
  get writable() { return pair(this).writable; }
}
Object.defineProperty(TextEncoderStream.prototype, Symbol.toStringTag, { value: 'TextEncoderStream', configurable: true });

class TextDecoderStream {
  constructor(label, options) {
    var dec = new TextDecoder(label === undefined ? 'utf-8' : label, options);
    this[kDecoder] = dec;
    this[kTransform] = new P.TransformStream({
      transform: function (chunk, c) {
        var s = dec.decode(chunk, { stream: true });
        if (s) c.enqueue(s);
      },
      flush: function (c) { var s = dec.decode(); if (s) c.enqueue(s); }
    });
  }
  get encoding() { pair(this); return this[kDecoder].encoding; }
  get fatal() { pair(this); return this[kDecoder].fatal; }
  get ignoreBOM() { pair(this); return this[kDecoder].ignoreBOM; }
  get readable() { return pair(this).readable; }
  get writable() { return pair(this).writable; }
}
Object.defineProperty(TextDecoderStream.prototype, Symbol.toStringTag, { value: 'TextDecoderStream', configurable: true });

function checkFormat(format) {
  format = String(format);
  if (format !== 'gzip' && format !== 'deflate' && format !== 'deflate-raw') {
    var e = new TypeError('The provided value \'' + format + '\' is not a valid enum value of type CompressionFormat.');
    e.code = 'ERR_INVALID_ARG_VALUE';
    throw e;
  }
  return format;
}

function bytesOf(chunk) {
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('The "chunk" argument must be an ArrayBuffer or ArrayBufferView');
}

function codecStream(self, format, decompress) {
  var z = host.codec(checkFormat(format), decompress);
  self[kTransform] = new P.TransformStream({
    transform: function (chunk, c) {
      var out = z.write(bytesOf(chunk));
      if (out) c.enqueue(out);
    },
    flush: function (c) {
      var out = z.finish();
      if (out) c.enqueue(out);
    }
  });
}

class CompressionStream {
  constructor(format) { codecStream(this, format, false); }
  get readable() { return pair(this).readable; }
  get writable() { return pair(this).writable; }
}
Object.defineProperty(CompressionStream.prototype, Symbol.toStringTag, { value: 'CompressionStream', configurable: true });

class DecompressionStream {
  constructor(format) { codecStream(this, format, true); }
  get readable() { return pair(this).readable; }
  get writable() { return pair(this).writable; }
}
Object.defineProperty(DecompressionStream.prototype, Symbol.toStringTag, { value: 'DecompressionStream', configurable: true });

exports.TextEncoderStream = TextEncoderStream;
exports.TextDecoderStream = TextDecoderStream;
exports.CompressionStream = CompressionStream;
exports.DecompressionStream = DecompressionStream;
