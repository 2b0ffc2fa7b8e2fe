// return reply.send(...) from an async handler.
import type { FastifyRequest, FastifyReply } from "fastify";

export default [{}, async (_request: FastifyRequest, reply: FastifyReply) => reply.code(202).send("returned reply")];
