// request.body as seen by a handler with no schema, echoed with its JS type per key.
import type { FastifyRequest } from "fastify";

export default [
  {},
  async (request: FastifyRequest) => {
    const b = request.body as Record<string, unknown> | undefined;
    const types: Record<string, string> = {};
    if (b && typeof b === "object") for (const [k, v] of Object.entries(b)) types[k] = v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
    return { types, keys: b && typeof b === "object" ? Object.keys(b) : null };
  },
];
