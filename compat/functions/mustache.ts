import Mustache from "mustache";

export default () => [{}, async (request: any) => {
  const view = { name: "Ada", items: [{ n: 1 }, { n: 2 }], html: "<b>x</b>", show: false };
  return { out: Mustache.render("Hello {{name}}! {{#items}}[{{n}}]{{/items}} {{html}} {{{html}}} {{^show}}hidden{{/show}} {{> part}}", view, { part: "partial {{name}}" }) };
}];
