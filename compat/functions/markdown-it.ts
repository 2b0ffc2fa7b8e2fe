import MarkdownIt from "markdown-it";

export default () => [{}, async (request: any) => {
  const md = new MarkdownIt({ linkify: true, typographer: true });
  return { html: md.render("# Hi\n\n\"Quotes\" -- and https://example.com\n\n1. a\n2. b\n\n> quote\n\n~~strike~~"), inline: md.renderInline("__bold__ (c)") };
}];
