import { h } from "preact";
import { render } from "preact-render-to-string";

export default () => [{}, async (request: any) => {
  const Item = ({ name, done }: any) => h("li", { class: done ? "done" : undefined }, name, done && h("span", null, " ✓"));
  const App = ({ items }: any) => h("main", null, h("h1", { style: { color: "red", fontSize: 12 } }, "Todo <list>"), h("ul", null, items.map((i: any) => h(Item, { key: i.name, ...i }))), h("input", { type: "checkbox", checked: true, disabled: false }));
  return { html: render(h(App, { items: [{ name: "a", done: true }, { name: "b & c" }] })) };
}];
