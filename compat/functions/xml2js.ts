import xml2js from "xml2js";

export default () => [{}, async (request: any) => {
  const obj = await xml2js.parseStringPromise('<root><item id="1">A</item><item id="2">B</item><empty/></root>');
  const xml = new xml2js.Builder({ headless: true, renderOpts: { pretty: false } }).buildObject({ note: { $: { lang: "en" }, to: "Ada", body: "Hi & bye" } });
  return { obj, xml };
}];
