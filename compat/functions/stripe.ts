import Stripe from "stripe";
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
  const stripe = new Stripe("sk_test_123", { httpClient: Stripe.createFetchHttpClient(stubFetch as any), maxNetworkRetries: 0, telemetry: false });
  const c: any = await stripe.customers.create({ email: "ada@example.com", metadata: { plan: "pro" } });
  const sig = stripe.webhooks.generateTestHeaderString({ payload: "{}", secret: "whsec_x", timestamp: 1700000000 });
  return { id: c.id, url: c.url, method: c.method, body: c.body, sig };
}];
