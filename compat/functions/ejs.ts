import ejs from "ejs";

export default () => [{}, async (request: any) => {
  const html = ejs.render("<ul><% items.forEach(function(i){ %><li><%= i %></li><% }) %></ul><%- raw %>", { items: ["a", "<b>"], raw: "<hr>" });
  return { html };
}];
