// node:process, and the process global. host: env (the invocation's
// environment, read from the Host on first use in each invocation),
// hrtime (nanoseconds since the runtime started), log, version, arch.
'use strict';
var EventEmitter = require('events');

function notAvailable(what) {
  var e = new Error(what + ' is not available in Tarsus functions');
  e.code = 'ERR_NOT_AVAILABLE';
  return e;
}

function invalidArgType(name, expected, v) {
  var e = new TypeError('The "' + name + '" argument must be ' + expected + '. Received ' + (v === null ? 'null' : typeof v === 'object' ? 'an instance of ' + (v.constructor && v.constructor.name || 'Object') : 'type ' + typeof v + ' (' + (typeof v === 'string' ? "'" + v + "'" : String(v)) + ')'));
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}

var process = new EventEmitter();
var version = 'v' + host.version;

function nextTick(cb) {
  if (typeof cb !== 'function') throw invalidArgType('callback', 'of type function', cb);
  var args = Array.prototype.slice.call(arguments, 1);
  Promise.resolve().then(function () { cb.apply(undefined, args); });
}

function hrtime(prev) {
  var ns = host.hrtime();
  var s = Math.floor(ns / 1e9);
  var n = ns - s * 1e9;
  if (prev !== undefined) {
    if (!Array.isArray(prev)) throw invalidArgType('time', 'an instance of Array', prev);
    s -= prev[0];
    n -= prev[1];
    if (n < 0) { s--; n += 1e9; }
  }
  return [s, n];
}
hrtime.bigint = function () { return BigInt(host.hrtime()); };

function emitWarning(warning, type, code) {
  var name = 'Warning';
  var detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    name = type.type || name;
    code = type.code;
    detail = type.detail;
  } else if (typeof type === 'string') {
    name = type;
  } else if (typeof type === 'function') {
    type = undefined;
  }
  if (typeof warning === 'string') {
    var w = new Error(warning);
    w.name = String(name);
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    warning = w;
  } else if (!(warning instanceof Error)) {
    throw invalidArgType('warning', 'of type string or an instance of Error', warning);
  }
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  nextTick(function () {
    process.emit('warning', warning);
    var line = '(node:' + process.pid + ') ' + (warning.code ? '[' + warning.code + '] ' : '') + warning.name + ': ' + warning.message;
    if (warning.detail) line += '\n' + warning.detail;
    host.log('error', line);
  });
}

function stdio(fd, level) {
  var s = new EventEmitter();
  s.fd = fd;
  s.isTTY = false;
  s.writable = true;
  s.write = function (chunk, enc, cb) {
    var text = typeof chunk === 'string' ? chunk : String(chunk);
    if (text.charAt(text.length - 1) === '\n') text = text.slice(0, -1);
    host.log(level, text);
    if (typeof enc === 'function') cb = enc;
    if (typeof cb === 'function') nextTick(cb);
    return true;
  };
  s.end = function () { return s; };
  return s;
}
var stdout, stderr;

var props = {
  title: 'node',
  version: version,
  versions: { node: host.version, tarsus: '1' },
  arch: host.arch,
  platform: 'linux',
  release: { name: 'node', lts: 'Iron' },
  argv: [],
  argv0: 'node',
  execArgv: [],
  execPath: '/usr/local/bin/node',
  exitCode: undefined,
  pid: 1,
  ppid: 0,
  features: { inspector: false, debug: false, uv: false, ipv6: false, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true },
  config: { target_defaults: {}, variables: {} },
  allowedNodeEnvironmentFlags: new Set(),
  noDeprecation: false,
  throwDeprecation: false,
  traceDeprecation: false,
  nextTick: nextTick,
  hrtime: hrtime,
  emitWarning: emitWarning,
  cwd: function cwd() { return '/'; },
  chdir: function chdir() { throw notAvailable('process.chdir()'); },
  umask: function umask() { return 18; },
  uptime: function uptime() { return host.hrtime() / 1e9; },
  exit: function exit(code) {
    var e = notAvailable('process.exit(' + (code === undefined ? '' : String(code)) + '): return a reply instead; process.exit()');
    throw e;
  },
  abort: function abort() { throw notAvailable('process.abort()'); },
  kill: function kill() { throw notAvailable('process.kill()'); },
  reallyExit: function reallyExit() { throw notAvailable('process.reallyExit()'); },
  binding: function binding() { throw notAvailable('process.binding()'); },
  dlopen: function dlopen() { throw notAvailable('process.dlopen()'); },
  memoryUsage: (function () {
    var m = function memoryUsage() { return { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }; };
    m.rss = function rss() { return 0; };
    return m;
  })(),
  cpuUsage: function cpuUsage() { return { user: 0, system: 0 }; },
  resourceUsage: function resourceUsage() { return {}; },
  getuid: function () { return 0; },
  geteuid: function () { return 0; },
  getgid: function () { return 0; },
  getegid: function () { return 0; },
  getgroups: function () { return []; },
  hasUncaughtExceptionCaptureCallback: function () { return false; },
  setUncaughtExceptionCaptureCallback: function () {},
  getActiveResourcesInfo: function () { return []; },
  setSourceMapsEnabled: function () {},
};
Object.keys(props).forEach(function (k) { process[k] = props[k]; });
Object.defineProperty(process, 'env', { get: function () { return host.env; }, set: function () {}, enumerable: true, configurable: true });
Object.defineProperty(process, 'stdout', { get: function () { return stdout || (stdout = stdio(1, 'log')); }, enumerable: true, configurable: true });
Object.defineProperty(process, 'stderr', { get: function () { return stderr || (stderr = stdio(2, 'error')); }, enumerable: true, configurable: true });
Object.defineProperty(process, 'stdin', { get: function () { throw notAvailable('process.stdin'); }, enumerable: true, configurable: true });
Object.defineProperty(process, Symbol.toStringTag, { value: 'process', configurable: true });
module.exports = process;
