const fs = require('fs');
const os = require('os');
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
const cases = [
  () => [typeof fs.readFileSync, typeof fs.promises.readFile, typeof require('fs/promises').readFile, fs.constants.O_RDONLY, typeof fs.existsSync],
  () => [typeof require('http').request, require('http').STATUS_CODES[404], require('http').METHODS.includes('GET'), typeof require('https').Agent],
  () => [typeof require('net').connect, typeof require('child_process').spawn, typeof require('worker_threads').Worker, require('worker_threads').isMainThread],
  () => [typeof require('crypto' === 'x' ? 'fs' : 'dns').lookup, typeof require('vm').runInNewContext, typeof require('tls').connect, typeof require('http2').connect],
  () => [os.EOL, os.platform(), typeof os.tmpdir(), typeof os.cpus, typeof os.constants.signals.SIGTERM],
  async () => { const als = new AsyncLocalStorage(); return als.run({ id: 7 }, async () => { await new Promise((r) => setTimeout(r, 1)); return als.getStore().id; }); },
  () => { const als = new AsyncLocalStorage(); const inside = als.run('s', () => als.getStore()); return [inside, als.getStore()]; },
  async () => { const als = new AsyncLocalStorage(); let r; als.run('ctx', () => { r = new AsyncResource('X'); }); return r.runInAsyncScope(() => als.getStore()); },
  () => { const als = new AsyncLocalStorage(); return als.run(1, () => als.exit(() => als.getStore())); },
  () => { const { performance } = require('perf_hooks'); return [typeof performance.now(), typeof performance.timeOrigin]; },
  () => { const dc = require('diagnostics_channel'); const ch = dc.channel('x'); const got = []; ch.subscribe((m) => got.push(m)); ch.publish({ a: 1 }); return [got, ch.hasSubscribers, dc.hasSubscribers('x')]; },
  () => require('punycode').toASCII('mañana.com'), () => require('punycode').toUnicode('xn--maana-pta.com'),
  () => typeof require('console').log,
  () => require('sys') === require('util'),
  () => { const { createRequire, isBuiltin } = require('module'); const r = createRequire('/app/index.js'); return [typeof r('events'), r('node:path').sep, isBuiltin('fs'), isBuiltin('node:zlib'), isBuiltin('left-pad'), require('module').builtinModules.includes('stream')]; },
];
