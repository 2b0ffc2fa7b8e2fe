// known-deviation: Invalid flags supplied to RegExp constructor 'd'
export default () => { const m = /a(?<B>b)c/d.exec('xxabc'); return [m.indices[0], m.indices[1], m.indices.groups.B] }
