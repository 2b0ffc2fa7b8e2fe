// node:stream/web: the Web streams, the same classes as the globals.
'use strict';
var names = ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'];
// Each is read from the engine's Web streams (internal/streams, where the
// globals come from) on first use, so requiring stream/web costs nothing
// until a class is used.
var src;
names.forEach(function (n) {
  Object.defineProperty(exports, n, {
    get: function () {
      if (src === undefined) src = require('internal/streams');
      return n in src ? src[n] : globalThis[n];
    },
    enumerable: true, configurable: true,
  });
});
