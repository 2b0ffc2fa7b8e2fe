import deepmerge from "deepmerge";

export default () => [{}, async (request: any) => {
  const a = { x: { y: 1, arr: [1] }, keep: true };
  const b = { x: { z: 2, arr: [2] }, extra: "e" };
  return { merged: deepmerge(a, b), overwrite: deepmerge(a, b, { arrayMerge: (_d: any, s: any) => s }), all: deepmerge.all([{ a: 1 }, { b: 2 }, { a: 3 }]), untouched: a };
}];
