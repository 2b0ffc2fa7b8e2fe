import Papa from "papaparse";

export default () => [{}, async (request: any) => {
  const res = Papa.parse("name,age,city\nAda,36,London\n\"Smith, J\",42,\"New\nYork\"\n", { header: true, dynamicTyping: true, skipEmptyLines: true });
  return { data: res.data, fields: res.meta.fields, errors: res.errors, unparsed: Papa.unparse([{ a: 1, b: "x,y" }, { a: 2, b: 'q"q' }]) };
}];
