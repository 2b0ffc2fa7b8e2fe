// Async handlers returning plain values; ?v= picks one.
import type { FastifyRequest } from "fastify";

export default [
  {},
  async (request: FastifyRequest) => {
    const v = (request.query as { v?: string }).v;
    if (v === "null") return null;
    if (v === "string") return "just text";
    if (v === "number") return 7;
    if (v === "false") return false;
    if (v === "array") return [1, 2];
    if (v === "empty-string") return "";
    return { v: v ?? null };
  },
];
