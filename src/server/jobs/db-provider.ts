import { hostname } from "node:os";
import { Value } from "@sinclair/typebox/value";
import { CronExpressionParser } from "cron-parser";
import { newId } from "../lib/ids.js";
import { JOB_TIMEZONE, type JobContext, type JobDefinition, type JobProvider } from "./types.js";

const LOCK_MS = 5 * 60_000;
const BATCH = 10;

export function nextCronRun(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: JOB_TIMEZONE }).next().toDate();
}

/**
 * Jobs in the application database. Claiming is a compare-and-set on the row's status, so two
 * processes (server and worker) never run the same job; a crashed run is retried after its lock expires.
 */
export function makeDatabaseJobProvider(
  ctx: JobContext,
  definitions: readonly JobDefinition[],
  pollMs: number,
) {
  const db = ctx.deps.database.db;
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const owner = `${hostname()}:${process.pid}:${newId()}`;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let stopped = false;

  const now = () => ctx.deps.clock.now();

  async function syncSchedules() {
    for (const def of definitions) {
      if (!def.cron) continue;
      const existing = await db
        .selectFrom("job_schedules")
        .selectAll()
        .where("name", "=", def.id)
        .executeTakeFirst();
      if (!existing) {
        await db
          .insertInto("job_schedules")
          .values({
            name: def.id,
            cron: def.cron,
            next_run_at: nextCronRun(def.cron, now()).toISOString(),
            last_run_at: null,
          })
          .onConflict((oc) => oc.column("name").doNothing())
          .execute();
      } else if (existing.cron !== def.cron) {
        await db
          .updateTable("job_schedules")
          .set({ cron: def.cron, next_run_at: nextCronRun(def.cron, now()).toISOString() })
          .where("name", "=", def.id)
          .execute();
      }
    }
  }

  async function enqueue(jobId: string, payload: unknown, options: { runAt?: Date } = {}): Promise<string> {
    const def = byId.get(jobId);
    if (!def) throw new Error(`unknown job ${jobId}`);
    if (!Value.Check(def.payload, payload)) throw new Error(`payload for ${jobId} does not match its schema`);
    const id = newId();
    await db
      .insertInto("jobs")
      .values({
        id,
        name: jobId,
        payload: JSON.stringify(payload),
        status: "queued",
        run_at: (options.runAt ?? now()).toISOString(),
        attempts: 0,
        max_attempts: def.maxAttempts ?? 3,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now().toISOString(),
        finished_at: null,
      })
      .execute();
    return id;
  }

  /** Turns due schedules into queued jobs; the conditional update lets only one process win each run. */
  async function fireSchedules() {
    const at = now();
    const due = await db
      .selectFrom("job_schedules")
      .selectAll()
      .where("next_run_at", "<=", at.toISOString())
      .execute();
    for (const s of due) {
      const claimed = await db
        .updateTable("job_schedules")
        .set({ next_run_at: nextCronRun(s.cron, at).toISOString(), last_run_at: at.toISOString() })
        .where("name", "=", s.name)
        .where("next_run_at", "=", s.next_run_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1 && byId.has(s.name)) await enqueue(s.name, {});
    }
  }

  async function runOne(job: {
    id: string;
    name: string;
    payload: string;
    attempts: number;
    max_attempts: number;
  }) {
    const def = byId.get(job.name);
    const finish = (status: string, error: string | null, runAt?: Date) =>
      db
        .updateTable("jobs")
        .set({
          status,
          last_error: error,
          locked_by: null,
          locked_until: null,
          finished_at: status === "queued" ? null : now().toISOString(),
          ...(runAt ? { run_at: runAt.toISOString() } : {}),
        })
        .where("id", "=", job.id)
        .execute();
    if (!def) return finish("failed", `no definition for ${job.name}`);
    try {
      const payload: unknown = JSON.parse(job.payload);
      if (!Value.Check(def.payload, payload)) throw new Error("payload does not match the job's schema");
      await def.handler(payload, ctx);
      await finish("done", null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.error({ job: job.name, id: job.id, err: message }, "job failed");
      // Retry with exponential backoff (30 s, 60 s, 120 s …) until max_attempts.
      if (job.attempts < job.max_attempts)
        await finish("queued", message, new Date(now().getTime() + 30_000 * 2 ** (job.attempts - 1)));
      else await finish("failed", message);
    }
  }

  /** One pass: release crashed runs, fire schedules, claim and run due jobs. Returns how many ran. */
  async function runDue(): Promise<number> {
    const at = now().toISOString();
    await db
      .updateTable("jobs")
      .set({ status: "queued", locked_by: null, locked_until: null })
      .where("status", "=", "running")
      .where("locked_until", "<", at)
      .execute();
    await fireSchedules();
    const candidates = await db
      .selectFrom("jobs")
      .select(["id", "name", "payload", "attempts", "max_attempts"])
      .where("status", "=", "queued")
      .where("run_at", "<=", at)
      .orderBy("run_at")
      .limit(BATCH)
      .execute();
    let ran = 0;
    for (const job of candidates) {
      if (stopped) break;
      const claimed = await db
        .updateTable("jobs")
        .set({
          status: "running",
          locked_by: owner,
          locked_until: new Date(now().getTime() + LOCK_MS).toISOString(),
          attempts: job.attempts + 1,
        })
        .where("id", "=", job.id)
        .where("status", "=", "queued")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      await runOne({ ...job, attempts: job.attempts + 1 });
      ran += 1;
    }
    return ran;
  }

  const provider: JobProvider & { runDue(): Promise<number> } = {
    kind: "database",
    async start({ work }) {
      await syncSchedules();
      if (!work) return;
      stopped = false;
      const loop = () => {
        if (stopped) return;
        ticking = runDue()
          .catch((error: unknown) =>
            ctx.log.error({ err: error instanceof Error ? error.message : String(error) }, "job tick failed"),
          )
          .then(() => {
            ticking = null;
            if (!stopped) timer = setTimeout(loop, pollMs);
          });
      };
      timer = setTimeout(loop, pollMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
    },
    enqueue,
    runDue,
  };
  return provider;
}
