# workerd peer. The harness copies this folder's files next to the compiled
# route (route.mjs) and runs:
#   workerd serve workerd.capnp --socket-addr http=127.0.0.1:<port>
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8080", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker", esModule = embed "workerd-worker.mjs"),
    (name = "web-handler.mjs", esModule = embed "web-handler.mjs"),
    (name = "route.mjs", esModule = embed "route.mjs"),
  ],
  compatibilityDate = "2025-01-01",
);
