import { parseDocument, DomUtils } from "htmlparser2";

export default () => [{}, async (request: any) => {
  const doc = parseDocument("<html><body><h1 class=t>Title</h1><p>One <a href='/a'>A</a></p><p>Two <a href='/b'>B</a></p></body></html>");
  const links = DomUtils.findAll((el) => el.name === "a", doc.children).map((a) => ({ href: a.attribs.href, text: DomUtils.textContent(a) }));
  return { links, text: DomUtils.textContent(doc).trim(), h1: DomUtils.getAttributeValue(DomUtils.findOne((el) => el.name === "h1", doc.children)!, "class") };
}];
