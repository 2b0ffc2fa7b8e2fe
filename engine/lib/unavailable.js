// A Node module that needs what Tarsus functions do not have (the file
// system, sockets, processes, threads): it loads, so a package that only
// imports it works, and each of its functions throws ERR_NOT_AVAILABLE
// when called. host.module is the module's name.
'use strict';
var mod = host.module;
var names = require('internal/unavailable_names')(mod) || [];

function fail(what) {
  var e = new Error(what + ' is not available in Tarsus functions (node:' + mod + ' needs the host)');
  e.code = 'ERR_NOT_AVAILABLE';
  return e;
}

function stub(name) {
  var f = function () { throw fail(mod + '.' + name + '()'); };
  Object.defineProperty(f, 'name', { value: name });
  return f;
}

for (var i = 0; i < names.length; i++) {
  var n = names[i];
  if (n.charAt(0) === '.') continue;
  exports[n] = stub(n);
}
var extra = require('internal/unavailable_names')('.' + mod);
if (extra) {
  for (var k in extra) exports[k] = extra[k];
}
if (mod === 'fs') {
  Object.defineProperty(exports, 'promises', { get: function () { return require('fs/promises'); }, enumerable: true });
}
if (mod === 'dns') {
  Object.defineProperty(exports, 'promises', { get: function () { return require('dns/promises'); }, enumerable: true });
}
