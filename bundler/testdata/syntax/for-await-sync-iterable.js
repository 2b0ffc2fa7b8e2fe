export default async () => { const out = []; for await (const v of [Promise.resolve(1), 2, Promise.resolve(3)]) out.push(v); return out }
