import { parse, stringify } from "smol-toml";

export default () => [{}, async (request: any) => {
  const doc: any = parse('title = "TOML"\n[owner]\nname = "Tom"\ndob = 1979-05-27T07:32:00-08:00\n[database]\nports = [ 8000, 8001 ]\nenabled = true\n[[products]]\nname = "Hammer"\n[[products]]\nname = "Nail"\n');
  return { title: doc.title, owner: doc.owner.name, dob: new Date(doc.owner.dob).toISOString(), ports: doc.database.ports, products: doc.products, out: stringify({ a: 1, b: { c: [1, 2], d: "x" } }) };
}];
