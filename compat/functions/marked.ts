import { marked } from "marked";

export default () => [{}, async (request: any) => {
  const md = "# Title\n\nSome *emphasis*, **bold** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```\n\n[link](https://example.com)";
  return { html: await marked.parse(md) };
}];
