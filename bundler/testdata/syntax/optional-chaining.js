const o = { a: { b: { c: () => 'c', arr: [1, 2] } }, n: null, self() { return this } }
export default () => [o?.a?.b?.c?.(), o.n?.x, o.missing?.(), o.a.b.arr?.[1], o.self?.() === o, delete o?.a?.zz, o?.['a']?.b?.arr.length]
