import { Type } from "@sinclair/typebox";
import { defineJob } from "../../jobs/types.js";

/** Every minute: 免申即享 runs still queued, or whose process died mid-run (lease expired), resume. */
export const resumeProactiveRuns = defineJob({
  id: "proactive.resume",
  payload: Type.Object({}),
  cron: "* * * * *",
  async handler(_payload, { services, log }) {
    const outcome = await services.proactive.resumePending();
    if (outcome.resumed > 0) log.info(outcome, "proactive runs resumed");
  },
});
