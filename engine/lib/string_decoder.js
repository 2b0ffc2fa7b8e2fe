// node:string_decoder: the npm port of Node's (string_decoder.gen.js),
// with Node 20's error for an unknown encoding.
'use strict';
var SD = require('internal/string_decoder').StringDecoder;
var known = ['utf8', 'utf-8', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'latin1', 'binary', 'base64', 'base64url', 'ascii', 'hex'];
function StringDecoder(encoding) {
  if (encoding !== undefined && encoding !== null && encoding !== '' && known.indexOf(String(encoding).toLowerCase()) === -1) {
    var e = new TypeError('Unknown encoding: ' + encoding);
    e.code = 'ERR_UNKNOWN_ENCODING';
    throw e;
  }
  return Reflect.construct(SD, [encoding], new.target || StringDecoder);
}
StringDecoder.prototype = SD.prototype;
Object.defineProperty(SD.prototype, 'constructor', { value: StringDecoder, writable: true, configurable: true });
exports.StringDecoder = StringDecoder;
