import { Type } from "@sinclair/typebox";
import { defineJob } from "../types.js";

/** Forgets portal visits counted over an hour ago: they no longer stop a visit from counting, so the
 * table holds at most an hour of visitors. The counts themselves stay on the articles. */
export const purgeArticleVisits = defineJob({
  id: "portal.visits.purge",
  payload: Type.Object({}),
  cron: "17 * * * *",
  async handler(_payload, { deps, log }) {
    const cutoff = new Date(deps.clock.now().getTime() - 3_600_000).toISOString();
    const result = await deps.database.db
      .deleteFrom("portal_article_visits")
      .where("counted_at", "<=", cutoff)
      .executeTakeFirst();
    log.info({ purged: Number(result.numDeletedRows) }, "portal visits purged");
  },
});
