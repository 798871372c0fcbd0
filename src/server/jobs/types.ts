import type { Static, TSchema } from "@sinclair/typebox";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import type { Deps } from "../lib/context.js";
import type { Services } from "../services.js";

export interface JobContext {
  deps: Deps;
  services: Services;
  config: Config;
  log: Pick<FastifyBaseLogger, "info" | "warn" | "error">;
}

/** A job: a stable id, the schema its payload must match, an optional cron schedule, a handler. */
export interface JobDefinition<S extends TSchema = TSchema> {
  id: string;
  payload: S;
  /** Five-field cron in Asia/Shanghai time; scheduled jobs run with an empty payload. */
  cron?: string;
  maxAttempts?: number;
  handler(payload: Static<S>, ctx: JobContext): Promise<void>;
}

export const defineJob = <S extends TSchema>(def: JobDefinition<S>): JobDefinition<S> => def;

/** Where jobs are queued and run: database-backed on SQLite, pg-boss on PostgreSQL. */
export interface JobProvider {
  readonly kind: "database" | "pg-boss";
  /** work = false only enqueues (a server whose jobs run in `rencai worker`). */
  start(options: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  enqueue(jobId: string, payload: unknown, options?: { runAt?: Date }): Promise<string>;
}

export const JOB_TIMEZONE = "Asia/Shanghai";
