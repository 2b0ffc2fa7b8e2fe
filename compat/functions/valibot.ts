import * as v from "valibot";

export default () => [{}, async (request: any) => {
  const Schema = v.object({ email: v.pipe(v.string(), v.email()), password: v.pipe(v.string(), v.minLength(8)), age: v.optional(v.pipe(v.number(), v.integer(), v.minValue(18))) });
  const ok = v.safeParse(Schema, { email: "ada@example.com", password: "12345678", age: 36 });
  const bad = v.safeParse(Schema, { email: "nope", password: "short", age: 3 });
  return { ok: ok.success && ok.output, issues: bad.issues!.map((i) => ({ path: v.getDotPath(i), message: i.message })) };
}];
