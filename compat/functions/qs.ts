import qs from "qs";

export default () => [{}, async (request: any) => {
  return { parsed: qs.parse("a[b][c]=d&list[]=1&list[]=2&e=f%20g"), str: qs.stringify({ a: { b: [1, 2] }, c: "d e" }, { encodeValuesOnly: true }), arr: qs.stringify({ a: ["x", "y"] }, { arrayFormat: "brackets" }), dots: qs.parse("a.b=c", { allowDots: true }) };
}];
