import { resumeProactiveRuns } from "../modules/proactive/proactive.job.js";
import { makeDatabaseJobProvider } from "./db-provider.js";
import { flagOverdueApplications } from "./definitions/applications-overdue.js";
import { purgeExpiredAudit } from "./definitions/audit-purge.js";
import { anchorAuditHourly, verifyAuditNightly } from "./definitions/audit-verify.js";
import { purgeUnattachedFiles } from "./definitions/files-purge.js";
import { purgeIdempotency } from "./definitions/idempotency-purge.js";
import { dispatchOutbox } from "./definitions/outbox-dispatch.js";
import { purgeArticleVisits } from "./definitions/portal-visits-purge.js";
import { purgeSessions } from "./definitions/sessions-purge.js";
import { refreshTaskLights } from "./definitions/tasks-lights.js";
import { makePgBossJobProvider } from "./pgboss-provider.js";
import type { JobContext, JobDefinition, JobProvider } from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: definitions carry their own payload types
export const JOB_DEFINITIONS: readonly JobDefinition<any>[] = [
  purgeSessions,
  purgeArticleVisits,
  dispatchOutbox,
  verifyAuditNightly,
  anchorAuditHourly,
  purgeExpiredAudit,
  refreshTaskLights,
  flagOverdueApplications,
  purgeUnattachedFiles,
  purgeIdempotency,
  resumeProactiveRuns,
];

export function createJobProvider(ctx: JobContext): JobProvider {
  if (ctx.deps.database.dialect === "postgres")
    return makePgBossJobProvider(ctx, JOB_DEFINITIONS, ctx.config.databaseUrl, ctx.config.jobsPollMs);
  return makeDatabaseJobProvider(ctx, JOB_DEFINITIONS, ctx.config.jobsPollMs);
}
