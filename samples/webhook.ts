// A webhook receiver that checks the sender's HMAC-SHA256 signature with a
// secret, as GitHub, Stripe and most providers sign their webhooks.
//
//   tarsus env set WEBHOOK_SECRET --secret        (the secret you gave the sender)
//
// The sender signs the exact bytes of the body and sends
// "x-signature: sha256=<hex>". Send the body as text/plain (or as JSON
// written compactly, e.g. by JSON.stringify: a JSON body is parsed, and the
// signature is checked over JSON.stringify of it). A missing or wrong
// signature is answered 401 and the payload is not trusted.
import type { FastifyReply, FastifyRequest } from "fastify";

const encoder = new TextEncoder();

function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function handler(request: FastifyRequest, reply: FastifyReply) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    return reply.code(500).send({ error: "WEBHOOK_SECRET is not set: tarsus env set WEBHOOK_SECRET --secret" });
  }
  const header = request.headers["x-signature"];
  const sig = typeof header === "string" && header.startsWith("sha256=") ? fromHex(header.slice(7)) : null;
  if (!sig) return reply.code(401).send({ error: "missing or malformed x-signature: sha256=<hex>" });

  const raw = typeof request.body === "string" ? request.body : JSON.stringify(request.body ?? "");
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  // verify compares in constant time.
  const ok = await crypto.subtle.verify("HMAC", key, sig, encoder.encode(raw));
  if (!ok) return reply.code(401).send({ error: "bad signature" });

  const event = typeof request.body === "string" ? JSON.parse(request.body) : request.body;
  return { ok: true, received: event?.type ?? null };
}

export default function () {
  return [{}, handler];
}
