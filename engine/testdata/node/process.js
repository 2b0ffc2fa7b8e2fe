const proc = require('process');
const cases = [
  () => [proc === process, require('node:process') === process, typeof process.on, process instanceof require('events')],
  () => [process.version, process.versions.node, process.platform, process.arch, process.cwd(), process.release.name],
  () => [Array.isArray(process.hrtime()), process.hrtime().length, typeof process.hrtime.bigint(), process.hrtime([0, 0]).length],
  () => { const a = process.hrtime.bigint(); const b = process.hrtime.bigint(); return b >= a; },
  async () => { const order = []; process.nextTick(() => order.push('tick')); Promise.resolve().then(() => order.push('promise')); order.push('sync'); await new Promise((r) => setTimeout(r, 1)); return order.filter((x) => x !== 'promise').join(','); },
  async () => new Promise((res) => process.nextTick((a, b) => res([a, b]), 1, 2)),
  () => process.nextTick('not a function'),
  async () => new Promise((res) => { process.once('warning', (w) => res([w.name, w.message, w.code])); process.emitWarning('careful', 'CustomWarning', 'W001'); }),
  async () => new Promise((res) => { process.once('warning', (w) => res([w.name, w.message])); process.emitWarning(new Error('as error')); }),
  () => process.emitWarning(5),
  () => [typeof process.env, typeof process.memoryUsage().heapUsed, typeof process.uptime(), typeof process.umask()],
  () => { process.env.TARSUS_TEST_VAR = 42; const v = process.env.TARSUS_TEST_VAR; delete process.env.TARSUS_TEST_VAR; return [v, typeof v, process.env.TARSUS_TEST_VAR, 'TARSUS_TEST_VAR' in process.env]; },
  () => [typeof process.stdout.write, typeof process.stderr.write, process.stdout.isTTY === true],
  () => Object.prototype.toString.call(process),
  () => [typeof queueMicrotask, typeof setImmediate, typeof structuredClone],
];
