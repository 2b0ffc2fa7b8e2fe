// Bun peer: Bun.serve with the shared fetch handler.
// Usage: bun bun.mjs <port>
import { handle } from "./web-handler.mjs";

Bun.serve({ hostname: "127.0.0.1", port: Number(process.argv[2]), fetch: handle });
