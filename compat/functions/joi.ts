import Joi from "joi";

export default () => [{}, async (request: any) => {
  const schema = Joi.object({ username: Joi.string().alphanum().min(3).max(30).required(), birth: Joi.number().integer().min(1900).max(2013), email: Joi.string().email({ tlds: { allow: false } }) });
  const ok = schema.validate({ username: "abc", birth: 1994, email: "a@b.co" });
  const bad = schema.validate({ username: "a!", birth: 1800 }, { abortEarly: false });
  return { ok: ok.value, okError: ok.error ?? null, errors: bad.error!.details.map((d) => ({ message: d.message, path: d.path, type: d.type })) };
}];
