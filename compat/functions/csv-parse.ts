import { parse } from "csv-parse/sync";

export default () => [{}, async (request: any) => {
  const records = parse("id;name;note\n1;Ada;\"semi;colon\"\n2;Bob;  spaced  \n", { columns: true, delimiter: ";", trim: true, cast: true });
  return { records };
}];
