// The original design of the seed (shared/seed/TarsusCloudServer.md), as a
// benchmark peer: a Node `cluster` primary forks one worker per user; each
// worker is one Fastify 5 instance on its own port that loads every compiled
// route file of its user's folder at start (Fastify cannot add routes to a
// running instance), and a deploy kills the user's worker and forks it again.
//
// Usage: node original.mjs <routes-dir> <control-port> <first-worker-port>
//   <routes-dir>/<user>/**/*.{js,mjs} are the users' compiled route files,
//   served at POST /<sub>/<name> by that user's worker on first-worker-port+i
//   (users in sorted order).
// Control (plain node:http on 127.0.0.1:<control-port>, for the harness):
//   GET  /workers        → {"<user>": {"pid": n, "port": n, "ready": bool}}
//   POST /reset/<user>   → kills the user's worker and forks it again (the
//                          seed's "reset"); answers at once.
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

if (cluster.isPrimary) {
  const [routesDir, controlPort, firstPort] = process.argv.slice(2);
  const users = fs.readdirSync(routesDir).filter((u) => fs.statSync(path.join(routesDir, u)).isDirectory()).sort();
  const workers = new Map(); // user → {worker, port, ready}
  const fork = (user, port) => {
    const worker = cluster.fork({ TARSUS_PEER_USER_DIR: path.join(routesDir, user), TARSUS_PEER_PORT: String(port) });
    const entry = { worker, port, ready: false, resetting: false };
    workers.set(user, entry);
    worker.on("message", (m) => { if (m === "ready") entry.ready = true; });
    worker.on("exit", () => {
      // A worker that was reset is forked again (the seed's primary restarts
      // a worker that asks for it); one that crashed on its own is not, so
      // a broken route file cannot make a fork loop.
      if (entry.resetting && !shuttingDown) fork(user, port);
    });
  };
  let shuttingDown = false;
  users.forEach((u, i) => fork(u, Number(firstPort) + i));
  const control = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/workers") {
      const out = {};
      for (const [u, e] of workers) out[u] = { pid: e.worker.process.pid, port: e.port, ready: e.ready };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(out));
      return;
    }
    const m = /^\/reset\/(.+)$/.exec(req.url ?? "");
    if (req.method === "POST" && m && workers.has(m[1])) {
      const e = workers.get(m[1]);
      e.resetting = true;
      e.worker.process.kill("SIGKILL");
      res.end("reset\n");
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  control.listen(Number(controlPort), "127.0.0.1");
  const stop = () => {
    shuttingDown = true;
    for (const e of workers.values()) e.worker.process.kill("SIGKILL");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const { default: Fastify } = await import("fastify");
  const dir = process.env.TARSUS_PEER_USER_DIR;
  const port = Number(process.env.TARSUS_PEER_PORT);
  const server = Fastify({ logger: false });
  // The seed's load_routes (production mode: compiled files only), without
  // the multipart $upload routes, which the benchmark does not use.
  const loadRoutes = async (d, prefix) => {
    for (const file of fs.readdirSync(d).sort()) {
      const p = path.join(d, file);
      const st = fs.statSync(p);
      if (st.isDirectory()) {
        await loadRoutes(p, `${prefix}/${file}`);
      } else if (st.isFile() && /\.m?js$/.test(file)) {
        const route = await import(pathToFileURL(p).href);
        const exp = route.default;
        const [opts, handler] = typeof exp === "function" ? exp() : exp;
        server.route({ method: "POST", url: `${prefix}/${file.replace(/\.m?js$/, "")}`, ...opts, handler });
      }
    }
  };
  await loadRoutes(dir, "");
  await server.listen({ port, host: "127.0.0.1" });
  process.send("ready");
}
