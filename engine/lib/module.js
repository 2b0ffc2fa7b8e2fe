// node:module. createRequire gives a require that reaches the built-in
// modules (ESM packages built for Node make one at load time); anything
// else is not found, as there is no file system. host.builtins lists the
// modules functions can import.
'use strict';
var builtins = host.builtins.slice();

function isBuiltin(name) {
  if (typeof name !== 'string') return false;
  return builtins.indexOf(name.indexOf('node:') === 0 ? name.slice(5) : name) !== -1;
}

// Any filename is taken: in a bundle, import.meta.url (what packages pass)
// is undefined.
function createRequire() {
  var req = function require(id) {
    if (isBuiltin(id)) return globalThis.require(id);
    var err = new Error("Cannot find module '" + id + "': only Node's built-in modules can be required at run time in Tarsus functions (bundle the others)");
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  };
  req.resolve = function resolve(id) {
    if (isBuiltin(id)) return id.indexOf('node:') === 0 ? id : 'node:' + id;
    var err = new Error("Cannot find module '" + id + "'");
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  };
  req.cache = Object.create(null);
  return req;
}

function notAvailable(name) {
  return function () {
    var e = new Error('module.' + name + '() is not available in Tarsus functions');
    e.code = 'ERR_NOT_AVAILABLE';
    throw e;
  };
}

function Module() { throw notAvailable('Module')(); }
Module.createRequire = createRequire;
Module.isBuiltin = isBuiltin;
Module.builtinModules = builtins;
Module.Module = Module;
Module.register = notAvailable('register');
Module.syncBuiltinESMExports = function () {};
Module.findSourceMap = function () { return undefined; };
Module._cache = Object.create(null);
Module._extensions = Object.create(null);
module.exports = Module;
