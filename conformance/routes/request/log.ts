// request.log exists and every level can be called without breaking the request.
import type { FastifyRequest } from "fastify";

export default [
  {},
  async (request: FastifyRequest) => {
    const log = request.log;
    const levels = ["trace", "debug", "info", "warn", "error", "fatal", "child"] as const;
    const types: Record<string, string> = {};
    for (const l of levels) types[l] = typeof (log as any)[l];
    log.info("info message");
    log.info({ some: "object" }, "with object");
    log.warn("warn");
    log.error(new Error("logged error"));
    log.debug("debug");
    log.trace("trace");
    log.fatal("fatal");
    const child = log.child({ scope: "child" });
    child.info("from child");
    return { types, childInfo: typeof child.info };
  },
];
