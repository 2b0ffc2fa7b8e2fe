// reply.send with every kind of payload; ?v= picks one.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const v = (request.query as { v?: string }).v;
    switch (v) {
      case "object": return reply.send({ a: 1, nested: { b: [1, "2", null] } });
      case "string": return reply.send("hello");
      case "string-json": return reply.send('{"looks":"like json"}');
      case "empty-string": return reply.send("");
      case "buffer": return reply.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
      case "buffer-text": return reply.send(Buffer.from("plain bytes"));
      case "uint8array": return reply.send(new Uint8Array([104, 105]));
      case "uint8array-binary": return reply.send(new Uint8Array([0, 255, 128]));
      case "null": return reply.send(null);
      case "undefined": return reply.send();
      case "number": return reply.send(42);
      case "zero": return reply.send(0);
      case "boolean": return reply.send(true);
      case "false": return reply.send(false);
      case "array": return reply.send([1, "a", { b: true }]);
      case "date": return reply.send(new Date("2024-01-02T03:04:05.000Z"));
      case "error": return reply.send(new Error("bad thing"));
      case "error-404": {
        const e = new Error("gone") as Error & { statusCode: number };
        e.statusCode = 404;
        return reply.send(e);
      }
      case "type-error": return reply.send(new TypeError("typed"));
      case "string-as-json": return reply.type("application/json").send('{"raw":1}');
      case "object-as-text": return reply.type("text/plain").send({ a: 1 });
      case "object-as-html": return reply.type("text/html").send({ a: 1 });
      case "buffer-as-png": return reply.type("image/png").send(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case "string-as-html": return reply.type("text/html; charset=utf-8").send("<b>hi</b>");
      case "unicode": return reply.send("héllo ✓ 😀");
      case "object-unicode": return reply.send({ s: "é\u2028😀" });
      case "nan": return reply.send({ n: NaN, i: Infinity, u: undefined, f: () => 1 });
      default: return reply.send({ v: v ?? null });
    }
  },
];
