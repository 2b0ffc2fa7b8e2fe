import Fuse from "fuse.js";

export default () => [{}, async (request: any) => {
  const books = [{ title: "Old Man's War", author: "John Scalzi" }, { title: "The Lock Artist", author: "Steve Hamilton" }, { title: "HTML5", author: "Remy Sharp" }, { title: "Right Ho Jeeves", author: "P.D. Woodhouse" }];
  const fuse = new Fuse(books, { keys: ["title", "author"], includeScore: true, threshold: 0.4 });
  return { hits: fuse.search("jon scalzi").map((r) => ({ title: r.item.title, score: Math.round(r.score! * 1e6) / 1e6 })), ext: new Fuse(books, { keys: ["title"], useExtendedSearch: true }).search("'Lock").map((r) => r.refIndex) };
}];
