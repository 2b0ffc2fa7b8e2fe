import { ulid, decodeTime, monotonicFactory } from "ulid";

export default () => [{}, async (request: any) => {
  const id = ulid(1700000000000);
  const next = monotonicFactory();
  const a = next(1700000000000), b = next(1700000000000);
  return { len: id.length, time: decodeTime(id), prefix: id.slice(0, 10), monotonic: a < b, crockford: /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) };
}];
