import Handlebars from "handlebars";

export default () => [{}, async (request: any) => {
  Handlebars.registerHelper("upper", (s: string) => s.toUpperCase());
  const tpl = Handlebars.compile("<h1>{{upper title}}</h1>{{#each items}}<li>{{@index}}: {{name}}{{#if done}} ✓{{/if}}</li>{{/each}}{{{raw}}}{{escaped}}");
  return { html: tpl({ title: "todo", items: [{ name: "a", done: true }, { name: "b" }], raw: "<b>raw</b>", escaped: "<i>&</i>" }) };
}];
