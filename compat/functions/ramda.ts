import * as R from "ramda";

export default () => [{}, async (request: any) => {
  const data = [{ n: "a", v: 3 }, { n: "b", v: 1 }, { n: "c", v: 2 }];
  const top = R.pipe(R.sortBy(R.prop("v")), R.reverse, R.take(2), R.pluck("n"));
  return { top: top(data), sum: R.sum(R.map(R.prop("v"), data)), grouped: R.groupBy((x: any) => (x.v > 1 ? "big" : "small"), data), curried: R.add(2)(3), path: R.path(["a", "b"], { a: { b: 7 } }), evolve: R.evolve({ v: R.inc }, data[0]), zip: R.zipObj(["x", "y"], [1, 2]) };
}];
