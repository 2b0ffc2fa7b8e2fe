import superjson from "superjson";

export default () => [{}, async (request: any) => {
  const value = { date: new Date(Date.UTC(2024, 0, 2)), set: new Set([1, 2]), map: new Map([["k", { deep: 1n }]]), re: /ab+c/gi, undef: undefined, nan: NaN };
  const { json, meta } = superjson.serialize(value);
  const back: any = superjson.deserialize({ json, meta });
  return { json, meta, backDate: back.date.toISOString(), backSet: [...back.set], backBig: typeof back.map.get("k").deep, backRe: back.re.source + back.re.flags };
}];
