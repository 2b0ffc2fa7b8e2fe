import queryString from "query-string";

export default () => [{}, async (request: any) => {
  return { parsed: queryString.parse("?foo=bar&n=1&arr=a&arr=b&flag", { parseNumbers: true }), str: queryString.stringify({ b: 2, a: [1, 3], c: null, d: undefined }), url: queryString.parseUrl("https://x.test/p?x=1#h"), comma: queryString.stringify({ a: [1, 2] }, { arrayFormat: "comma" }) };
}];
