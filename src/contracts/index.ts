// Every endpoint the web app calls through `call()` (src/web/api/call.ts), by "METHOD /path".
// Add a domain's contract map here when its routes are mounted from contracts.
import type { certificateContracts } from "./certificates.js";
import type { RequestOf, ResponseOf } from "./endpoint.js";
import type { evaluationContracts } from "./evaluation.js";
import type { homeContracts } from "./home.js";
import type { hrAgencyContracts } from "./hr-agencies.js";
import type { orgContracts } from "./orgs.js";
import type { reportContracts } from "./reports.js";

export type Api = typeof orgContracts &
  typeof homeContracts &
  typeof certificateContracts &
  typeof hrAgencyContracts &
  typeof reportContracts &
  typeof evaluationContracts;
export type ApiKey = keyof Api & string;

/** What an endpoint answers, e.g. `Answer<"GET /api/orgs">["items"][number]`. */
export type Answer<K extends ApiKey> = ResponseOf<Api[K]>;
/** What a caller sends: `{ params, query, body, idempotencyKey }` as the endpoint declares them. */
export type Input<K extends ApiKey> = RequestOf<Api[K]>;
