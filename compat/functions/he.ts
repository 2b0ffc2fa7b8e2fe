import he from "he";

export default () => [{}, async (request: any) => {
  return { enc: he.encode("foo © bar ≠ baz 𝌆 qux <>&\""), dec: he.decode("foo &copy; bar &ne; baz &#x1D306; &amp;lt; &nbsp;x"), esc: he.escape("<img src='x'>"), named: he.encode("é", { useNamedReferences: true }) };
}];
