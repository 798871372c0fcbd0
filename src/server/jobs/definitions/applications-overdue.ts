import { Type } from "@sinclair/typebox";
import { defineJob } from "../types.js";

/** Hourly: flags application steps past their working-day deadline and notifies the officers once. */
export const flagOverdueApplications = defineJob({
  id: "applications.overdue",
  payload: Type.Object({}),
  cron: "15 * * * *",
  async handler(_payload, { services, log }) {
    const outcome = await services.applications.flagOverdue();
    log.info(outcome, "overdue application steps flagged");
  },
});
