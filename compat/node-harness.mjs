// The Node side of the compatibility corpus: runs each function file under
// Node itself and prints one JSON line per file:
//   {"file": "functions/zod.ts", "status": 200, "body": <the answer>}
//   {"file": ..., "error": "<what Node threw>"}
// Usage: node node-harness.mjs <work dir> <function file>...
// The work dir must be inside this project (so that node_modules resolves
// from it); TypeScript is stripped with esbuild's transform (no bundling:
// Node resolves and loads every package itself, with its own conditions).
import { transformSync } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [workDir, ...files] = process.argv.slice(2);
mkdirSync(workDir, { recursive: true });

// A Fastify-like request and reply, as Tarsus hands them to a handler
// called by POST with the JSON body {}.
function request(route) {
  return { method: "POST", url: "/compat/" + route, routeOptions: { url: "/compat/" + route }, params: {}, query: {}, body: {}, headers: { "content-type": "application/json" }, id: "req-1", ip: "127.0.0.1", hostname: "localhost", protocol: "http" };
}
function reply() {
  const r = {
    statusCode: 200, sent: false, payload: undefined, headersSent: {},
    code(n) { r.statusCode = n; return r; },
    status(n) { r.statusCode = n; return r; },
    header(k, v) { r.headersSent[String(k).toLowerCase()] = v; return r; },
    headers(h) { for (const [k, v] of Object.entries(h)) r.header(k, v); return r; },
    getHeader(k) { return r.headersSent[String(k).toLowerCase()]; },
    type(t) { return r.header("content-type", t); },
    send(p) { r.sent = true; r.payload = p; return r; },
  };
  return r;
}

for (const file of files) {
  const name = basename(file).replace(/\.ts$/, "");
  const line = { file };
  try {
    const out = join(workDir, name + ".mjs");
    const { code } = transformSync(readFileSync(file, "utf8"), { loader: "ts", format: "esm", target: "node20", sourcefile: file });
    writeFileSync(out, code);
    const mod = await import(pathToFileURL(resolve(out)).href);
    let tuple = mod.default;
    if (typeof tuple === "function") tuple = tuple();
    const [, handler] = tuple;
    const rep = reply();
    const ret = await handler(request(name), rep);
    line.status = rep.statusCode;
    line.body = JSON.parse(JSON.stringify(rep.sent ? rep.payload : ret) ?? "null");
  } catch (e) {
    line.error = String((e && e.stack) || e).split("\n").slice(0, 3).join(" | ");
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
// Timers a package left behind must not keep Node waiting.
process.exit(0);
