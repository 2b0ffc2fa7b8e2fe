function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b] } }
function* take(n, it) { for (const v of it) { if (n-- <= 0) return; yield v } }
export default () => { const g = (function* () { const x = yield 1; return x * 2 })(); return [[...take(10, fib())], g.next(), g.next(21), g.next()] }
