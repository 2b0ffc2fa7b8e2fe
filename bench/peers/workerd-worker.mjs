// workerd peer: a module worker with the shared fetch handler.
import { handle } from "./web-handler.mjs";

export default { fetch: handle };
