const { Readable, Writable, Transform, Duplex, PassThrough, pipeline, finished } = require('stream');
const stream = require('node:stream');
const sp = require('stream/promises');
const collect = (r) => new Promise((res, rej) => { const out = []; r.on('data', (c) => out.push(typeof c === 'string' ? c : Buffer.isBuffer(c) ? c.toString() : c)); r.on('end', () => res(out)); r.on('error', rej); });
const upper = () => new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
const cases = [
  () => [typeof stream, stream === stream.Stream, typeof stream.Readable, stream.promises === sp, typeof sp.pipeline, typeof sp.finished],
  async () => collect(Readable.from(['a', 'b', 'c'])),
  async () => collect(Readable.from([1, 2, 3], { objectMode: true })),
  async () => { const r = new Readable({ read() {} }); r.push('x'); r.push('y'); r.push(null); return collect(r); },
  async () => { const got = []; for await (const c of Readable.from(['p', 'q'])) got.push(c); return got; },
  async () => { const r = new Readable({ read() {} }); r.push(Buffer.from('ab')); r.push(Buffer.from('cd')); r.push(null); const got = []; for await (const c of r) got.push(c.toString()); return got; },
  async () => { const chunks = []; const w = new Writable({ write(c, e, cb) { chunks.push(c.toString()); cb(); } }); await sp.pipeline(Readable.from(['a', 'b']), upper(), w); return chunks; },
  async () => new Promise((res) => pipeline(Readable.from(['x']), upper(), new Writable({ write(c, e, cb) { cb(new Error('write failed')); } }), (err) => res(err && err.message))),
  async () => { const p = new PassThrough(); p.end('through'); return collect(p); },
  async () => { const r = new Readable({ read() { this.destroy(new Error('read boom')); } }); return new Promise((res) => r.on('error', (e) => res(['error', e.message, r.destroyed])).resume()); },
  async () => { const w = new Writable({ highWaterMark: 3, write(c, e, cb) { setTimeout(cb, 1); } }); const a = w.write('ab'); const b = w.write('cd'); const drained = await new Promise((res) => w.once('drain', () => res(true))); return [a, b, drained, w.writableLength]; },
  async () => { const r = new Readable({ highWaterMark: 2, read() {} }); return [r.push('a'), r.push('bcd'), r.readableLength, r.readableHighWaterMark]; },
  async () => { const r = new Readable({ objectMode: true, read() {} }); return [r.readableObjectMode, r.readableHighWaterMark, new Writable({ objectMode: true }).writableHighWaterMark]; },
  async () => { const d = new Duplex({ read() { this.push('from duplex'); this.push(null); }, write(c, e, cb) { cb(); } }); d.write('in'); d.end(); return collect(d); },
  async () => { const r = Readable.from(['a']); await sp.finished(r.resume()); return 'finished'; },
  async () => new Promise((res) => { const r = Readable.from(['z']); finished(r, (err) => res(err === undefined || err === null ? 'ok' : err.message)); r.resume(); }),
  async () => { const r = new Readable({ read() {} }); r.setEncoding('utf8'); r.push(Buffer.from([0xe2, 0x82])); r.push(Buffer.from([0xac])); r.push(null); return collect(r); },
  async () => { const t = new Transform({ objectMode: true, transform(o, e, cb) { cb(null, { n: o.n * 2 }); }, flush(cb) { this.push({ n: 'end' }); cb(); } }); t.write({ n: 1 }); t.end({ n: 2 }); return collect(t); },
  async () => { const r = Readable.from(['1', '2', '3']); return r.map((x) => x * 2).toArray(); },
  async () => { const w = new Writable({ write(c, e, cb) { cb(); } }); w.end(); w.write('late'); return new Promise((res) => w.on('error', (e) => res([e.code, e.message]))); },
  async () => { const r = new Readable({ read() {} }); r.destroy(); return [r.destroyed, r.readable]; },
  async () => { const r = Readable.from(['a', 'b']); r.pause(); const first = await new Promise((res) => r.once('readable', () => res(r.read()))); return first; },
  () => { const s = new stream.Stream(); return [typeof s.pipe, s instanceof require('events')]; },
  () => [Readable.prototype instanceof stream.Stream, new PassThrough() instanceof Transform, new Transform() instanceof Duplex, new Duplex() instanceof Readable],
  async () => { const src = new PassThrough(); const dst = new PassThrough(); src.pipe(dst); src.end('piped'); return collect(dst); },
  async () => { const r = Readable.from([Buffer.from('a'), Buffer.from('b')]); const { text } = require('stream/consumers'); return text(r); },
  async () => { const { json } = require('stream/consumers'); return json(Readable.from(['{"a":', '1}'])); },
  () => typeof require('stream/web'),
  () => { const w = require('stream/web'); return [typeof w.ReadableStream, w.ReadableStream === ReadableStream, typeof w.TransformStream, typeof w.WritableStream]; },
  async () => { const { ReadableStream } = require('stream/web'); const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } }); const got = []; for await (const c of rs) got.push(c); return got; },
];
