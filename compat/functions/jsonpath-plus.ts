import { JSONPath } from "jsonpath-plus";

export default () => [{}, async (request: any) => {
  const json = { store: { book: [{ category: "ref", author: "Rees", price: 8.95 }, { category: "fiction", author: "Waugh", price: 12.99 }, { category: "fiction", author: "Tolkien", price: 22.99, isbn: "0-395" }], bicycle: { price: 19.95 } } };
  return { authors: JSONPath({ path: "$.store.book[*].author", json }), cheap: JSONPath({ path: "$..book[?(@.price < 10)].author", json }), isbn: JSONPath({ path: "$..book[?(@.isbn)].author", json }), prices: JSONPath({ path: "$..price", json }), last: JSONPath({ path: "$..book[-1:].author", json }) };
}];
