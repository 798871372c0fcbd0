import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Deps, Trx } from "./context.js";
import { AppError, conflict } from "./errors.js";

// Idempotent requests (see docs/api/funds.md): a client sends `Idempotency-Key` with a request that
// moves money or creates something once. The key is claimed by inserting its row in the SAME
// transaction as the work, so:
// - a second identical request (same actor, scope, key and body) gets the stored answer back and the
//   work does not run again;
// - concurrent identical requests run the work once (PostgreSQL makes the second insert wait on the
//   unique key until the first commits; SQLite runs transactions one at a time);
// - if the work throws or the process dies, the claim rolls back with it: no key is ever left claimed
//   without its result, and a retry simply runs the work.
// Only answers the work returns are stored; a refused request (an AppError) leaves no trace and may be
// retried with the same key.

export interface IdempotencyRequest {
  /** The client's Idempotency-Key (see idempotencyKeyOf). */
  key: string;
  /** Who asks; keys are private to their user (null: the platform itself). */
  actorId: string | null;
  /** What is asked, e.g. "applications.submit" or "funds.pay": the same key may be reused across scopes. */
  scope: string;
  /** A digest of what makes the request (route parameters and body), see requestHashOf. */
  requestHash: string;
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
}

export interface IdempotentResult<T> extends IdempotentAnswer<T> {
  /** True when this answer was stored by an earlier request and the work did not run now. */
  replayed: boolean;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
export const IDEMPOTENCY_HEADER = "idempotency-key";

export const idempotencyKeyReused = () =>
  conflict("IDEMPOTENCY_KEY_REUSED", {
    zh: "该幂等键已用于另一内容不同的请求，请为新请求生成新的幂等键",
    en: "This Idempotency-Key was already used for a different request; use a new key for a new request",
  });

/** The Idempotency-Key header: 8–128 characters of [A-Za-z0-9_-]. Missing → 400 unless optional. */
export function idempotencyKeyOf(request: FastifyRequest): string;
export function idempotencyKeyOf(request: FastifyRequest, options: { required: false }): string | undefined;
export function idempotencyKeyOf(
  request: FastifyRequest,
  options: { required?: boolean } = {},
): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === "") {
    if (options.required === false) return undefined;
    throw new AppError("bad_request", "IDEMPOTENCY_KEY_REQUIRED", {
      zh: "此操作须带 Idempotency-Key 请求头（8–128 位字母、数字、- 或 _）",
      en: "This request needs an Idempotency-Key header (8–128 letters, digits, - or _)",
    });
  }
  if (!KEY_PATTERN.test(value))
    throw new AppError("bad_request", "IDEMPOTENCY_KEY_INVALID", {
      zh: "Idempotency-Key 须为 8–128 位字母、数字、- 或 _",
      en: "Idempotency-Key must be 8–128 letters, digits, - or _",
    });
  return value;
}

/** JSON with object keys sorted, so equal requests hash equally whatever the key order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** The digest of a request's content (e.g. `{ params, body }`), for IdempotencyRequest.requestHash. */
export function requestHashOf(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex");
}

/**
 * Runs `work` once per (actor, scope, key): the first request runs it in a transaction that also
 * records the answer; later ones with the same content get that answer (`replayed: true`); a later
 * one with other content is refused with 409 IDEMPOTENCY_KEY_REUSED. The answer's body must be plain
 * JSON (it is stored as JSON text and parsed when replayed).
 */
export async function runIdempotent<T>(
  deps: Deps,
  request: IdempotencyRequest,
  work: (trx: Trx) => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentResult<T>> {
  const actorId = request.actorId ?? "";
  const at = deps.clock.now().toISOString();
  return deps.database.db.transaction().execute(async (trx) => {
    // Claim the key. On PostgreSQL a concurrent claim of the same key waits here until the other
    // transaction ends, then inserts nothing (it committed) or claims it (it rolled back).
    const claimed = await trx
      .insertInto("idempotency_keys")
      .values({
        actor_id: actorId,
        scope: request.scope,
        key: request.key,
        request_hash: request.requestHash,
        status: 0,
        body: "",
        created_at: at,
        completed_at: null,
      })
      .onConflict((oc) => oc.columns(["actor_id", "scope", "key"]).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const stored = await trx
        .selectFrom("idempotency_keys")
        .select(["request_hash", "status", "body"])
        .where("actor_id", "=", actorId)
        .where("scope", "=", request.scope)
        .where("key", "=", request.key)
        .executeTakeFirstOrThrow();
      if (stored.request_hash !== request.requestHash) throw idempotencyKeyReused();
      return { status: stored.status, body: JSON.parse(stored.body) as T, replayed: true };
    }
    const answer = await work(trx);
    await trx
      .updateTable("idempotency_keys")
      .set({
        status: answer.status,
        body: JSON.stringify(answer.body ?? null),
        completed_at: deps.clock.now().toISOString(),
      })
      .where("actor_id", "=", actorId)
      .where("scope", "=", request.scope)
      .where("key", "=", request.key)
      .execute();
    return { ...answer, replayed: false };
  });
}

/** Forgets keys answered before `before` (ISO time); returns how many. Retries after that run anew. */
export async function purgeIdempotencyKeys(deps: Deps, before: string): Promise<number> {
  const result = await deps.database.db
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", before)
    .where("status", ">", 0)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
