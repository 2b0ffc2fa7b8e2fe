import { v4, v5, v7, validate, version, parse, stringify, NIL } from "uuid";

export default () => [{}, async (request: any) => {
  const id = v4();
  const ns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
  const named = v5("tarsus.dev", ns);
  const v7id = v7({ msecs: 1700000000000, random: new Uint8Array(16).fill(7) });
  return { v4valid: validate(id), v4version: version(id), named, namedVersion: version(named), roundtrip: stringify(parse(named)), v7id, nil: NIL };
}];
