import { nanoid, customAlphabet } from "nanoid";

export default () => [{}, async (request: any) => {
  const id = nanoid();
  const short = customAlphabet("0123456789abcdef", 10)();
  return { len: id.length, urlSafe: /^[A-Za-z0-9_-]+$/.test(id), shortLen: short.length, hex: /^[0-9a-f]+$/.test(short), distinct: new Set(Array.from({ length: 50 }, () => nanoid())).size };
}];
