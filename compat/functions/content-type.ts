import contentType from "content-type";

export default () => [{}, async (request: any) => {
  const parsed = contentType.parse("text/html; charset=UTF-8; boundary=\"a b\"");
  return { parsed: { type: parsed.type, parameters: parsed.parameters }, formatted: contentType.format({ type: "image/svg+xml", parameters: { charset: "utf-8", q: "a b" } }) };
}];
