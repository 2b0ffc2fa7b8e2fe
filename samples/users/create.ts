// Schema validation and response serialization, as in Fastify:
// the body is validated (400 with Fastify's message when it is not valid),
// defaults are filled in, and the reply keeps only the declared fields.
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";

interface NewUser {
  name: string;
  age?: number;
  tags: string[];
}

const opts: RouteShorthandOptions = {
  schema: {
    body: {
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string", minLength: 2, maxLength: 40 },
        age: { type: "integer", minimum: 0, maximum: 150 },
        tags: { type: "array", items: { type: "string" }, default: [] },
      },
    },
    response: {
      200: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          age: { type: "integer" },
          tags: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
};

export default [
  opts,
  async (request: FastifyRequest<{ Body: NewUser }>, _reply: FastifyReply) => {
    const user = request.body;
    // passwordHash is not in the response schema, so it never leaves the server.
    return { id: crypto.randomUUID(), ...user, passwordHash: "secret" };
  },
];
