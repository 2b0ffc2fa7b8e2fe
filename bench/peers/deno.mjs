// Deno peer: Deno.serve with the shared fetch handler.
// Usage: deno run --allow-net --allow-read --allow-env deno.mjs <port>
import { handle } from "./web-handler.mjs";

Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.args[0]), onListen() {} }, handle);
