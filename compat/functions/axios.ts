import axios from "axios";
// A fetch that answers every request itself, so the answer does not depend on a network.
async function stubFetch(input: any, init: any = {}): Promise<Response> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = (init.method ?? (typeof input === "object" && !(input instanceof URL) ? input.method : "GET")).toUpperCase();
  let body: any = init.body ?? null;
  if (body === null && typeof input === "object" && !(input instanceof URL) && input.body) body = await input.text();
  if (body !== null && typeof body !== "string") body = await new Response(body).text();
  return new Response(JSON.stringify({ url, method, body, id: "obj_123", object: "customer", choices: [{ index: 0, message: { role: "assistant", content: "stubbed" }, finish_reason: "stop" }] }), { status: 200, headers: { "content-type": "application/json", "request-id": "req_1" } });
}

export default () => [{}, async (request: any) => {
  const client = axios.create({ adapter: "fetch", baseURL: "https://api.example.com/v1", env: { fetch: stubFetch } as any });
  const r = await client.post("/items", { a: 1 }, { params: { q: "x y" } });
  const g = await client.get("/items/2");
  return { status: r.status, data: r.data, gUrl: g.data.url, ctype: r.headers["content-type"] };
}];
