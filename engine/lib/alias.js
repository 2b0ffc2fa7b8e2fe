// A module that is another's exports (or one of its properties), or a
// global: sys, stream/promises, assert/strict, path/win32, console.
'use strict';
if (host.global) {
  module.exports = globalThis[host.global];
} else {
  var m = require(host.module);
  module.exports = host.prop ? m[host.prop] : m;
}
