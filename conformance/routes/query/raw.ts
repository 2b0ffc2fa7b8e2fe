// No schema: the raw parsed querystring (fast-querystring).
import type { FastifyRequest } from "fastify";

export default [{}, async (request: FastifyRequest) => ({ query: request.query })];
