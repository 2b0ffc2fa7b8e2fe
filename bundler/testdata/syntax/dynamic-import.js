export default async () => { const m = await import('./_helper.js'); return [m.helper(2), m.default] }
