import escapeHtml from "escape-html";

export default () => [{}, async (request: any) => {
  return { a: escapeHtml(`<script>alert("x & 'y'")</script>`), b: escapeHtml("plain"), c: escapeHtml("") };
}];
