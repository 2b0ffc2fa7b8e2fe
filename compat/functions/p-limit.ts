import pLimit from "p-limit";

export default () => [{}, async (request: any) => {
  const limit = pLimit(2);
  let running = 0, maxRunning = 0;
  const task = (n: number) => limit(async () => { running++; maxRunning = Math.max(maxRunning, running); await new Promise((r) => setTimeout(r, 5)); running--; return n * 2; });
  const out = await Promise.all([1, 2, 3, 4, 5].map(task));
  return { out, maxRunning, active: limit.activeCount, pending: limit.pendingCount };
}];
