import { Type } from "@sinclair/typebox";
import { defineJob } from "../types.js";

/** Removes sessions past their absolute lifetime or idle limit, so the table stays small. */
export const purgeSessions = defineJob({
  id: "sessions.purge",
  payload: Type.Object({}),
  cron: "*/10 * * * *",
  async handler(_payload, { deps, services, log }) {
    const now = deps.clock.now();
    const security = await services.settings.security();
    const idleCutoff = new Date(now.getTime() - security.sessionIdleMinutes * 60_000).toISOString();
    const result = await deps.database.db
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", now.toISOString()), eb("last_seen_at", "<", idleCutoff)]))
      .executeTakeFirst();
    log.info({ purged: Number(result.numDeletedRows) }, "sessions purged");
  },
});
