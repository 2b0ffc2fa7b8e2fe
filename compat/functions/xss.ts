import xss from "xss";

export default () => [{}, async (request: any) => {
  return { a: xss('<p onclick="x()">hi <script>alert(1)</script><a href="javascript:alert(1)">l</a><img src="a.png" onerror="y"></p>'), b: xss("<b>bold</b><iframe src=x></iframe>", { whiteList: { b: [] }, stripIgnoreTag: true }) };
}];
