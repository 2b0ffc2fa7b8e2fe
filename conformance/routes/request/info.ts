// The request object: URL parts, host/port/protocol, ip(s), id/raw/log types, headers, query, params.
// Headers are echoed with sorted names: their arrival order depends on the HTTP client.
import type { FastifyRequest } from "fastify";

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

export default [
  {},
  async (request: FastifyRequest) => ({
    method: request.method,
    url: request.url,
    originalUrl: request.originalUrl,
    hostname: request.hostname,
    host: request.host,
    port: request.port,
    protocol: request.protocol,
    ip: request.ip,
    ips: request.ips ?? "undefined",
    idType: typeof request.id,
    rawType: typeof request.raw,
    rawMethod: request.raw.method,
    rawUrl: request.raw.url,
    is404: request.is404,
    query: request.query,
    params: request.params,
    headers: sorted(request.headers),
    bodyType: typeof request.body,
  }),
];
