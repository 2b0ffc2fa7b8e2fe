import { LRUCache } from "lru-cache";

export default () => [{}, async (request: any) => {
  const cache = new LRUCache<string, number>({ max: 3 });
  cache.set("a", 1); cache.set("b", 2); cache.set("c", 3); cache.get("a"); cache.set("d", 4);
  const sized = new LRUCache<string, string>({ maxSize: 10, sizeCalculation: (v) => v.length });
  sized.set("x", "12345"); sized.set("y", "123456");
  return { keys: [...cache.keys()], hasB: cache.has("b"), size: cache.size, sizedKeys: [...sized.keys()], peek: cache.peek("c") ?? null };
}];
