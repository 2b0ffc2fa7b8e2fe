import * as yaml from "js-yaml";

export default () => [{}, async (request: any) => {
  const doc = yaml.load("server:\n  port: 8080\n  hosts: [a, b]\n  enabled: yes\nlist:\n  - {x: 1}\n  - !!str 123\n") as any;
  let err = "";
  try { yaml.load("a: [1, 2"); } catch (e: any) { err = e.name + " " + e.reason; }
  return { doc, dumped: yaml.dump({ a: 1, b: [true, null, "x: y"], c: { d: "multi\nline" } }), err };
}];
