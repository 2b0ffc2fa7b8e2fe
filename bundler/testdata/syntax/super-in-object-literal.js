const base = { hi() { return 'base' } };
export default () => { const o = { __proto__: base, hi() { return 'obj>' + super.hi() } }; return o.hi() }
