import * as yup from "yup";

export default () => [{}, async (request: any) => {
  const schema = yup.object({ name: yup.string().required(), age: yup.number().required().positive().integer(), email: yup.string().email(), website: yup.string().url().nullable() });
  const ok = await schema.validate({ name: "jimmy", age: "24", email: "j@x.io", website: null });
  let errors: string[] = [];
  try { await schema.validate({ name: "", age: -3, email: "x" }, { abortEarly: false }); } catch (e: any) { errors = e.errors; }
  return { ok, errors, cast: schema.cast({ name: "n", age: "7" }) };
}];
