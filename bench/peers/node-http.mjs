// Plain node:http serving one compiled route file of the Fastify contract:
// JSON body parsed, the handler called, its result sent as JSON.
// Usage: node node-http.mjs <route.mjs> <port>
import http from "node:http";
import { pathToFileURL } from "node:url";

const [routeFile, port] = process.argv.slice(2);
const mod = await import(pathToFileURL(routeFile).href);
const exp = mod.default;
const [, handler] = typeof exp === "function" ? exp() : exp;

http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    let body;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    } catch {
      res.statusCode = 400;
      res.end('{"statusCode":400,"error":"Bad Request","message":"bad JSON"}');
      return;
    }
    const reply = { statusCode: 200, code(c) { this.statusCode = c; return this; } };
    const out = await handler({ body, headers: req.headers, method: req.method, url: req.url }, reply);
    res.statusCode = reply.statusCode;
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.end(JSON.stringify(out));
  });
}).listen(Number(port), "127.0.0.1");
