// node:path and node:path/posix: POSIX paths (path-browserify, Node's own
// path.posix, bundled in path.gen.js) with what later Node versions added.
// path.win32 exists as in Node, but each of its functions throws: Tarsus
// functions run on Linux.
'use strict';
var src = require('internal/path');
var posix = {};
Object.keys(src).forEach(function (k) { posix[k] = src[k]; });
// Node 20 adds the dot an extension lacks.
src.format = function format(o) {
  var dir = o.dir || o.root;
  var ext = o.ext ? (o.ext.charAt(0) === '.' ? '' : '.') + o.ext : '';
  var base = o.base || (o.name || '') + ext;
  if (!dir) return base;
  return dir === o.root ? dir + base : dir + '/' + base;
};
posix.toNamespacedPath = function toNamespacedPath(p) { return p; };
posix._makeLong = posix.toNamespacedPath;
posix.sep = '/';
posix.delimiter = ':';
['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'dirname', 'basename', 'extname', 'format', 'parse'].forEach(function (k) {
  var f = src[k];
  posix[k] = function () {
    for (var i = 0; i < arguments.length; i++) {
      // Node checks every argument (format takes an object, the rest strings).
      if (k === 'format') break;
      if (k === 'basename' && i === 1 && arguments[i] === undefined) continue;
      if (typeof arguments[i] !== 'string') {
        var v = arguments[i];
        var names = { join: 'path', resolve: 'paths[' + i + ']', relative: i === 0 ? 'from' : 'to', basename: i === 0 ? 'path' : 'suffix' };
        var e = new TypeError('The "' + (names[k] || 'path') + '" argument must be of type string. Received ' +
          (v === null ? 'null' : typeof v === 'object' ? 'an instance of ' + (v.constructor && v.constructor.name || 'Object') : typeof v === 'function' ? 'function ' + v.name : 'type ' + typeof v + ' (' + String(v) + ')'));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
    }
    if (k === 'format' && (arguments[0] === null || typeof arguments[0] !== 'object')) {
      var o = arguments[0];
      var fe = new TypeError('The "pathObject" argument must be of type object. Received ' + (o === null ? 'null' : 'type ' + typeof o + ' (' + String(o) + ')'));
      fe.code = 'ERR_INVALID_ARG_TYPE';
      throw fe;
    }
    // process.cwd() is "/", as path-browserify assumes.
    return f.apply(posix, arguments);
  };
});
var win32 = {};
Object.keys(posix).forEach(function (k) {
  if (typeof posix[k] === 'function') {
    win32[k] = function () {
      var e = new Error('path.win32.' + k + '() is not available in Tarsus functions (they run on Linux: use path.posix)');
      e.code = 'ERR_NOT_AVAILABLE';
      throw e;
    };
  }
});
win32.sep = '\\';
win32.delimiter = ';';
posix.posix = posix;
posix.win32 = win32;
win32.posix = posix;
win32.win32 = win32;
module.exports = posix;
