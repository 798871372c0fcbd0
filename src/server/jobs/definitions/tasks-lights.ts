import { Type } from "@sinclair/typebox";
import { defineJob } from "../types.js";

/** Hourly: each task's traffic light for today, stored on the task, with one reminder per item and light. */
export const refreshTaskLights = defineJob({
  id: "tasks.lights",
  payload: Type.Object({}),
  cron: "5 * * * *",
  async handler(_payload, { services, log }) {
    const outcome = await services.tasks.refreshLights();
    log.info(outcome, "task lights refreshed");
  },
});
