import { Router } from "itty-router";

export default () => [{}, async (request: any) => {
  const router = Router();
  router.get("/users/:id", ({ params, query }: any) => ({ id: params.id, q: query.q ?? null }));
  router.post("/users", async (req: any) => ({ created: req.content ?? "none" }));
  router.all("*", () => ({ status: 404 }));
  const a = await router.fetch({ method: "GET", url: "https://x.test/users/42?q=hi" } as any);
  const n = await router.fetch({ method: "GET", url: "https://x.test/other" } as any);
  return { a, n };
}];
