const timers = require('timers');
const tp = require('timers/promises');
const cases = [
  () => [typeof timers.setTimeout, timers.setTimeout === setTimeout, typeof tp.setTimeout, typeof tp.scheduler.wait],
  async () => tp.setTimeout(1, 'value'),
  async () => tp.setImmediate('imm'),
  async () => { const c = new AbortController(); const p = tp.setTimeout(1000, 'x', { signal: c.signal }); c.abort(); try { await p; } catch (e) { return [e.name, e.code, e.message]; } },
  async () => { const got = []; for await (const v of tp.setInterval(1, 'tick')) { got.push(v); if (got.length === 3) break; } return got; },
  async () => { await tp.scheduler.wait(1); return 'waited'; },
  async () => tp.setTimeout(1, 'x', 'bad options'),
  async () => { const c = new AbortController(); c.abort(); try { await tp.setTimeout(1, 'x', { signal: c.signal }); } catch (e) { return e.name; } },
];
