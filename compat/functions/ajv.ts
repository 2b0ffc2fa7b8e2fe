import Ajv from "ajv";

export default () => [{}, async (request: any) => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile({ type: "object", properties: { id: { type: "integer", minimum: 1 }, name: { type: "string", maxLength: 5 }, tags: { type: "array", items: { type: "string" }, uniqueItems: true } }, required: ["id", "name"], additionalProperties: false });
  const good = validate({ id: 3, name: "abc", tags: ["x"] });
  const bad = validate({ id: 0, name: "too long", tags: ["x", "x"], extra: 1 });
  return { good, bad, errors: validate.errors!.map((e) => ({ path: e.instancePath, keyword: e.keyword, message: e.message })) };
}];
