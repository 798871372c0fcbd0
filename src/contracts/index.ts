// Every endpoint the web app calls through `call()` (src/web/api/call.ts), by "METHOD /path".
// Add a domain's contract map here when its routes are mounted from contracts.
import type { orgContracts } from "./orgs.js";

export type Api = typeof orgContracts;
