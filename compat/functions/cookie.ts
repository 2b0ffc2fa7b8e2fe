import { parse, serialize } from "cookie";

export default () => [{}, async (request: any) => {
  return { parsed: parse("foo=bar; equation=E%3Dmc%5E2; empty=; quoted=\"q\""), set: serialize("session", "abc 123", { httpOnly: true, maxAge: 3600, path: "/", sameSite: "lax", secure: true, expires: new Date(Date.UTC(2030, 0, 1)) }) };
}];
