const src = { a: 1, get b() { return 2 }, [Symbol.iterator]: 0 };
export default () => { const s = { ...src, c: 3, ...null, ...'hi' }; const { a, ...rest } = s; const f = ({ x, ...o }) => o; return [s.b, Object.keys(s), rest, f({ x: 1, y: 2 })] }
