import nunjucks from "nunjucks";

export default () => [{}, async (request: any) => {
  const env = new nunjucks.Environment(null, { autoescape: true });
  env.addFilter("shout", (s: string) => s.toUpperCase() + "!");
  return { out: env.renderString("{% for u in users %}{{ loop.index }}. {{ u.name | shout }}{% if not loop.last %}, {% endif %}{% endfor %} {{ html }} {{ 3 + 4 * 2 }} {{ users | length }}", { users: [{ name: "ada" }, { name: "bob" }], html: "<x>" }) };
}];
