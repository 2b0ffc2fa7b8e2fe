import YAML from "yaml";

export default () => [{}, async (request: any) => {
  const doc = YAML.parse("name: tarsus\nversion: 1.2\nlist:\n  - a\n  - b: 2\nanchors:\n  base: &b { x: 1 }\n  copy: *b\ndate: 2024-01-01\nmulti: |\n  line1\n  line2\n");
  return { doc, out: YAML.stringify({ a: [1, { b: "c" }], s: "multi\nline", n: null }) };
}];
