import { Hono } from "hono";

export default () => [{}, async (request: any) => {
  const app = new Hono();
  app.get("/hello/:name", (c) => c.json({ hello: c.req.param("name"), q: c.req.query("q") ?? null }));
  app.post("/echo", async (c) => c.json({ got: await c.req.json() }, 201));
  app.notFound((c) => c.text("nope", 404));
  const a = await app.request("/hello/ada?q=1");
  const b = await app.request("/echo", { method: "POST", body: JSON.stringify({ x: 1 }), headers: { "content-type": "application/json" } });
  const n = await app.request("/missing");
  return { a: [a.status, await a.json()], b: [b.status, await b.json()], n: [n.status, await n.text()] };
}];
