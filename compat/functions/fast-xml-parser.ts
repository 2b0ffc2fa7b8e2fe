import { XMLParser, XMLBuilder, XMLValidator } from "fast-xml-parser";

export default () => [{}, async (request: any) => {
  const xml = '<?xml version="1.0"?><catalog><book id="bk101"><author>Gambardella</author><price>44.95</price></book><book id="bk102"><author>Ralls</author><price>5.95</price></book></catalog>';
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" });
  const obj = parser.parse(xml);
  return { obj, valid: XMLValidator.validate(xml), invalid: XMLValidator.validate("<a><b></a>"), built: new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: false }).build(obj) };
}];
