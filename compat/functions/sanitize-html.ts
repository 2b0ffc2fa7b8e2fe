import sanitizeHtml from "sanitize-html";

export default () => [{}, async (request: any) => {
  const dirty = '<p onclick="evil()">Hello <b>world</b><script>alert(1)</script><a href="javascript:x" title="t">link</a><img src="x.png" onerror="y"><span style="color:red">s</span></p>';
  return { default: sanitizeHtml(dirty), strict: sanitizeHtml(dirty, { allowedTags: ["b"], allowedAttributes: {} }), withImg: sanitizeHtml(dirty, { allowedTags: sanitizeHtml.defaults.allowedTags.concat(["img"]) }) };
}];
