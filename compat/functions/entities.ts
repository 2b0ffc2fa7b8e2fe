import { encodeHTML, decodeHTML, encodeXML, escapeUTF8 } from "entities";

export default () => [{}, async (request: any) => {
  return { enc: encodeHTML("<a> & é ≠ 😀"), dec: decodeHTML("&lt;p&gt; &eacute; &#128512; &amp;amp; &notin;"), xml: encodeXML("<x a=\"1\">'"), utf8: escapeUTF8("<é>") };
}];
