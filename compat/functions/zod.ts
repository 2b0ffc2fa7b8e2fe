import { z } from "zod";

export default () => [{}, async (request: any) => {
  const User = z.object({ name: z.string().min(2), email: z.string().email(), age: z.number().int().positive().optional(), tags: z.array(z.enum(["a", "b"])).default([]) });
  const ok = User.safeParse({ name: "Ada", email: "ada@example.com", age: 36 });
  const bad = User.safeParse({ name: "A", email: "nope", age: -1, tags: ["c"] });
  return { ok: ok.success && ok.data, issues: bad.success ? [] : bad.error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })), coerced: z.coerce.number().parse("42"), union: z.union([z.string(), z.number()]).safeParse(true).success };
}];
