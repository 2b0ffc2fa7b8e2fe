// ajv-formats as @fastify/ajv-compiler installs them.
import type { FastifyRequest } from "fastify";

export default [
  {
    schema: {
      body: {
        type: "object",
        properties: {
          datetime: { type: "string", format: "date-time" },
          date: { type: "string", format: "date" },
          time: { type: "string", format: "time" },
          email: { type: "string", format: "email" },
          uri: { type: "string", format: "uri" },
          uuid: { type: "string", format: "uuid" },
          ipv4: { type: "string", format: "ipv4" },
          ipv6: { type: "string", format: "ipv6" },
          hostname: { type: "string", format: "hostname" },
          uriref: { type: "string", format: "uri-reference" },
          regex: { type: "string", format: "regex" },
        },
      },
    },
  },
  async (request: FastifyRequest) => ({ body: request.body }),
];
