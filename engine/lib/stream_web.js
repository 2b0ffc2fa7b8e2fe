// node:stream/web: the Web streams, the same classes as the globals.
'use strict';
var names = ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'];
// Each is read from the global on first use, so requiring stream/web costs
// nothing until a class is used.
names.forEach(function (n) {
  Object.defineProperty(exports, n, {
    get: function () { return globalThis[n]; }, enumerable: true, configurable: true,
  });
});
