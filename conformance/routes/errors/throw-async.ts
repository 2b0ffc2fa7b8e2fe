// Errors thrown from an async handler; ?v= picks what is thrown.
import type { FastifyRequest, FastifyReply } from "fastify";

type Any = any;

function make(v: string | undefined): unknown {
  const e = (msg: string, props: Record<string, unknown> = {}) => Object.assign(new Error(msg), props);
  switch (v) {
    case "error": return e("boom");
    case "empty-message": return e("");
    case "status-404": return e("nothing here", { statusCode: 404 });
    case "status-418-code": return e("short and stout", { statusCode: 418, code: "E_TEAPOT" });
    case "status-400": return e("bad input", { statusCode: 400 });
    case "status-401": return e("who are you", { statusCode: 401 });
    case "status-409": return e("conflict", { statusCode: 409 });
    case "status-422": return e("unprocessable", { statusCode: 422 });
    case "status-429-headers": return e("slow down", { statusCode: 429, headers: { "retry-after": "10", "x-err": "1" } });
    case "status-500": return e("explicit 500", { statusCode: 500 });
    case "status-502": return e("upstream broke", { statusCode: 502 });
    case "status-503": return e("down for maintenance", { statusCode: 503, code: "E_DOWN" });
    case "status-302": return e("not an error status", { statusCode: 302 });
    case "status-600": return e("out of range", { statusCode: 600 });
    case "status-string": return e("string status", { statusCode: "404" });
    case "status-prop": return e("uses status", { status: 403 });
    case "status-and-statuscode": return e("both", { status: 403, statusCode: 409 });
    case "code-only": return e("has a code", { code: "E_CUSTOM" });
    case "code-number": return e("numeric code", { code: 42 });
    case "custom-props": return e("with extras", { statusCode: 400, details: { field: "x" }, extra: 1 });
    case "named": return Object.assign(e("named error"), { name: "CustomError" });
    case "validation-shape": return e("looks like validation", {
      statusCode: 400,
      validation: [{ instancePath: "/x", message: "must be y" }],
      validationContext: "body",
    });
    case "cause": return new Error("outer", { cause: new Error("inner") });
    case "type-error": return new TypeError("typed failure");
    case "range-error": return new RangeError("out of range");
    case "quotes": return e('quote " backslash \\ newline \n unicode é');
    case "string": return "oops";
    case "number": return 42;
    case "null": return null;
    case "undefined": return undefined;
    case "object": return { statusCode: 400, message: "plain object" };
    case "object-no-status": return { message: "plain object, no status" };
    case "array": return ["a", "b"];
    default: return e("unknown variant");
  }
}

export default [
  {},
  async (request: FastifyRequest, reply: FastifyReply) => {
    const q = request.query as { v?: string; pre?: string };
    if (q.pre) reply.code(Number(q.pre));
    if (q.v === "real-type-error") {
      const x: Any = null;
      return x.prop;
    }
    throw make(q.v);
  },
];
