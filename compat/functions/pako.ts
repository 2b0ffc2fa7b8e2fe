import * as pako from "pako";

export default () => [{}, async (request: any) => {
  const input = new TextEncoder().encode("hello hello hello hello tarsus ".repeat(20));
  const deflated = pako.deflate(input);
  const gz = pako.gzip(input);
  const back = new TextDecoder().decode(pako.inflate(deflated));
  return { deflatedLen: deflated.length, deflatedHead: Array.from(deflated.slice(0, 12)), gzLen: gz.length, roundtrip: back === new TextDecoder().decode(input), ungz: pako.ungzip(gz, { to: "string" }).length, raw: Array.from(pako.deflateRaw(input, { level: 9 })).slice(0, 10) };
}];
