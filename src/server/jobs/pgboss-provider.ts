import { Value } from "@sinclair/typebox/value";
import PgBoss from "pg-boss";
import { JOB_TIMEZONE, type JobContext, type JobDefinition, type JobProvider } from "./types.js";

/** Jobs on PostgreSQL through pg-boss (its own `pgboss` schema, SKIP LOCKED claiming, cron). */
export function makePgBossJobProvider(
  ctx: JobContext,
  definitions: readonly JobDefinition[],
  connectionString: string,
  pollMs: number,
): JobProvider {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 3 });
  boss.on("error", (error: Error) => ctx.log.error({ err: error.message }, "pg-boss error"));
  const byId = new Map(definitions.map((d) => [d.id, d]));

  return {
    kind: "pg-boss",
    async start({ work }) {
      await boss.start();
      for (const def of definitions) {
        await boss.createQueue(def.id, {
          name: def.id,
          retryLimit: (def.maxAttempts ?? 3) - 1,
          retryBackoff: true,
        });
        if (def.cron) await boss.schedule(def.id, def.cron, {}, { tz: JOB_TIMEZONE });
        if (work) {
          await boss.work(def.id, { pollingIntervalSeconds: Math.max(0.5, pollMs / 1000) }, async (jobs) => {
            for (const job of jobs) {
              if (!Value.Check(def.payload, job.data))
                throw new Error(`payload for ${def.id} does not match its schema`);
              await def.handler(job.data, ctx);
            }
          });
        }
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    async enqueue(jobId, payload, options = {}) {
      const def = byId.get(jobId);
      if (!def) throw new Error(`unknown job ${jobId}`);
      if (!Value.Check(def.payload, payload))
        throw new Error(`payload for ${jobId} does not match its schema`);
      const id = await boss.send(
        jobId,
        payload as object,
        options.runAt ? { startAfter: options.runAt } : {},
      );
      if (!id) throw new Error(`pg-boss refused job ${jobId}`);
      return id;
    },
  };
}
