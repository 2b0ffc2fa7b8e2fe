import async from "async";

export default () => [{}, async (request: any) => {
  const squares = await async.mapLimit([1, 2, 3, 4], 2, async (n: number) => n * n);
  const series = await async.series([async () => "a", async () => "b"]);
  const waterfall = await new Promise((resolve, reject) => async.waterfall([(cb: any) => cb(null, 1), (n: number, cb: any) => cb(null, n + 1), (n: number, cb: any) => cb(null, n * 10)], (err: any, r: any) => (err ? reject(err) : resolve(r))));
  const grouped = await async.groupBy([1, 2, 3, 4], async (n: number) => (n % 2 ? "odd" : "even"));
  return { squares, series, waterfall, grouped };
}];
