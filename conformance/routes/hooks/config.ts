// Route config is available as request.routeOptions.config (in hooks too).
import type { FastifyRequest, FastifyReply } from "fastify";

export default [
  {
    config: { hello: "world", n: 1, nested: { list: [1, 2] } },
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header("x-config-hello", String((request.routeOptions.config as { hello?: string }).hello));
    },
  },
  async (request: FastifyRequest) => ({ config: request.routeOptions.config }),
];
