import { match, compile, pathToRegexp } from "path-to-regexp";

export default () => [{}, async (request: any) => {
  const m = match("/users/:id/books{/:bookId}")("/users/42/books/7");
  const toPath = compile("/users/:id/:tab");
  return { m, path: toPath({ id: "a b", tab: "x" }), keys: pathToRegexp("/a/:b/*rest").keys.map((k: any) => k.name), none: match("/users/:id")("/posts/1") };
}];
