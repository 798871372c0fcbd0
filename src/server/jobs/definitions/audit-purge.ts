import { Type } from "@sinclair/typebox";
import { SYSTEM } from "../../lib/context.js";
import { defineJob } from "../types.js";

/** Nightly: audit rows older than the retention period (≥ 183 days, set by the auditor) are purged
 * behind a signed checkpoint, so the chain still verifies; the purge writes its own audit row. */
export const purgeExpiredAudit = defineJob({
  id: "audit.purge",
  payload: Type.Object({}),
  cron: "45 3 * * *",
  async handler(_payload, { services, log }) {
    const outcome = await services.audit.purgeExpired(SYSTEM);
    log.info({ auditPurge: outcome }, "expired audit rows purged");
  },
});
