import { Type } from "@sinclair/typebox";
import { defineJob } from "../types.js";

/** Hourly: uploads nothing has been attached to within a day are deleted, row and bytes. */
export const purgeUnattachedFiles = defineJob({
  id: "files.purge",
  payload: Type.Object({}),
  cron: "17 * * * *",
  async handler(_payload, { services, log }) {
    const outcome = await services.files.purgeUnattached();
    if (outcome.bytesFailed > 0)
      log.warn(outcome, "unattached files purged; some bytes could not be removed");
    else log.info(outcome, "unattached files purged");
  },
});
