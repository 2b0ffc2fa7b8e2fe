async function* gen(n) { for (let i = 0; i < n; i++) { await null; yield i * i } }
class Q { static async *items() { yield* gen(3) } }
export default async () => { const out = []; for await (const v of gen(4)) out.push(v); for await (const v of Q.items()) out.push(-v); const it = gen(2); return [out, await it.next(), await it.return('r'), await it.next()] }
