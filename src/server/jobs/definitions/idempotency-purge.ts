import { Type } from "@sinclair/typebox";
import { purgeIdempotencyKeys } from "../../lib/idempotency.js";
import { defineJob } from "../types.js";

/** How long an Idempotency-Key answers retries with the stored result (after that a retry runs anew). */
export const IDEMPOTENCY_KEEP_DAYS = 30;

/** Forgets answered Idempotency-Keys older than IDEMPOTENCY_KEEP_DAYS, so the table stays small. */
export const purgeIdempotency = defineJob({
  id: "idempotency.purge",
  payload: Type.Object({}),
  cron: "17 3 * * *",
  async handler(_payload, { deps, log }) {
    const before = new Date(deps.clock.now().getTime() - IDEMPOTENCY_KEEP_DAYS * 86_400_000).toISOString();
    log.info({ purged: await purgeIdempotencyKeys(deps, before) }, "idempotency keys purged");
  },
});
