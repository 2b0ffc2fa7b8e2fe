import stringify from "fast-json-stable-stringify";

export default () => [{}, async (request: any) => {
  return { a: stringify({ c: 8, b: [{ z: 6, y: 5, x: 4 }, 7], a: 3 }), b: stringify({ b: 1, a: 2 }, { cmp: (x: any, y: any) => (x.key < y.key ? 1 : -1) }) };
}];
