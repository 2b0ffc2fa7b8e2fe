import JSON5 from "json5";

export default () => [{}, async (request: any) => {
  return { parsed: JSON5.parse("{ unquoted: 'single', trailing: [1, 2,], hex: 0xFF, inf: Infinity, // comment\n nested: { a: .5, b: +1 } }"), str: JSON5.stringify({ a: 1, "b-c": [true, null], s: "it's" }, null, 2) };
}];
