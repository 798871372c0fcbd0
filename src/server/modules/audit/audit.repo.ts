import type { Kysely } from "kysely";
import { type Dialect, lockForUpdate } from "../../db/connect.js";
import type { AuditRowDb, DB } from "../../db/schema.js";
import {
  type Anchor,
  type AuditChain,
  anchorSignatureValid,
  type Checkpoint,
  checkpointSignatureValid,
  type RowAlg,
  signCheckpoint,
} from "./chain.js";

export const GENESIS_HASH = "0".repeat(64);
const AUDIT_CHAIN_LOCK = 7_001;

export type AuditResult = "ok" | "denied" | "failed";

export interface AuditEntry {
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: AuditResult;
  ip?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown> | null;
}

type ChainFields = Omit<AuditRowDb, "hash">;

/** The hash covers every field of the row and the previous row's hash, so editing, deleting or
 * reordering any row breaks the chain from that row on; keyed rows cover their algorithm too. */
export function hashAuditRow(chain: AuditChain, row: ChainFields): string {
  const fields: unknown[] = [
    row.seq,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.object_type,
    row.object_id,
    row.result,
    row.ip,
    row.request_id,
    row.detail,
    row.prev_hash,
  ];
  if (row.alg !== "sha256") fields.push(row.alg);
  return chain.digest(row.alg as RowAlg, JSON.stringify(fields));
}

/** Append one row inside the caller's transaction (so it commits or rolls back with the change). */
export async function appendAuditRow(
  trx: Kysely<DB>,
  dialect: Dialect,
  at: Date,
  entry: AuditEntry,
  chain: AuditChain,
): Promise<AuditRowDb> {
  await lockForUpdate(trx, dialect, AUDIT_CHAIN_LOCK);
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    action: entry.action,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId ?? null,
    result: entry.result,
    ip: entry.ip ?? null,
    request_id: entry.requestId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
    alg: chain.alg,
  };
  const row = { ...fields, hash: hashAuditRow(chain, fields) };
  await trx.insertInto("audit_log").values(row).execute();
  return row;
}

export interface AuditFilter {
  beforeSeq?: number;
  action?: string;
  actorId?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
  limit: number;
}

export function listAuditRows(db: Kysely<DB>, f: AuditFilter): Promise<AuditRowDb[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (f.beforeSeq !== undefined) q = q.where("seq", "<", f.beforeSeq);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  if (f.result) q = q.where("result", "=", f.result);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  return q.orderBy("seq", "desc").limit(f.limit).execute();
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** The newest row's seq and hash (what an anchor records); null for an empty trail. */
export function auditHead(db: Kysely<DB>): Promise<{ seq: number; hash: string } | undefined> {
  return db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The newest purge checkpoint (where the remaining chain starts), or null if nothing was purged. */
export async function latestCheckpoint(db: Kysely<DB>): Promise<Checkpoint | null> {
  const row = await db
    .selectFrom("audit_checkpoints")
    .selectAll()
    .orderBy("through_seq", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    throughSeq: Number(row.through_seq),
    lastHash: row.last_hash,
    cutoff: row.cutoff,
    at: row.at,
    alg: row.alg,
    signature: row.signature,
  };
}

export interface PurgeOutcome {
  throughSeq: number;
  purgedRows: number;
  lastHash: string | null;
}

/**
 * Deletes the oldest rows up to the last one recorded before `cutoff`, but never the row `keepFrom`
 * or anything after it (the last anchor's row stays, so verify still holds the tail against it).
 * First writes the signed checkpoint that the append-only trigger requires and verify starts from.
 * Runs in the caller's transaction, under the chain's lock.
 */
export async function purgeAuditRows(
  trx: Kysely<DB>,
  dialect: Dialect,
  options: { chain: AuditChain; cutoff: string; keepFrom: number; at: Date },
): Promise<PurgeOutcome> {
  await lockForUpdate(trx, dialect, AUDIT_CHAIN_LOCK);
  const firstYoung = await trx
    .selectFrom("audit_log")
    .select((eb) => eb.fn.min<number | string>("seq").as("seq"))
    .where("at", ">=", options.cutoff)
    .executeTakeFirst();
  const young = firstYoung?.seq == null ? Number.POSITIVE_INFINITY : Number(firstYoung.seq);
  const limit = Math.min(young, options.keepFrom) - 1;
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .where("seq", "<=", limit)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const previous = await latestCheckpoint(trx);
  if (!last || (previous && last.seq <= previous.throughSeq))
    return { throughSeq: previous?.throughSeq ?? 0, purgedRows: 0, lastHash: null };
  const { n } = await trx
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("seq", "<=", last.seq)
    .executeTakeFirstOrThrow();
  const checkpoint = signCheckpoint(options.chain, {
    throughSeq: last.seq,
    lastHash: last.hash,
    cutoff: options.cutoff,
    at: options.at.toISOString(),
  });
  await trx
    .insertInto("audit_checkpoints")
    .values({
      through_seq: checkpoint.throughSeq,
      last_hash: checkpoint.lastHash,
      purged_rows: Number(n),
      cutoff: checkpoint.cutoff,
      at: checkpoint.at,
      alg: checkpoint.alg,
      signature: checkpoint.signature,
    })
    .execute();
  await trx.deleteFrom("audit_log").where("seq", "<=", last.seq).execute();
  return { throughSeq: last.seq, purgedRows: Number(n), lastHash: last.hash };
}

/** Walk the chain in order, in batches (the table can be large), and report the first bad row;
 * then hold what is left against the last anchor, which finds rows deleted from the end. After a
 * purge the chain starts at the newest checkpoint: its first row must link to the checkpoint's
 * hash, and the checkpoint itself must carry a valid signature. */
export async function verifyAuditChain(
  db: Kysely<DB>,
  options: {
    chain: AuditChain;
    anchor?: Anchor | null;
    checkpoint?: Checkpoint | null;
    batchSize?: number;
    onProgress?: (checked: number) => void;
  },
): Promise<ChainVerdict> {
  const { chain, anchor } = options;
  const checkpoint = options.checkpoint === undefined ? await latestCheckpoint(db) : options.checkpoint;
  const batchSize = options.batchSize ?? 5_000;
  if (checkpoint && !checkpointSignatureValid(chain, checkpoint)) {
    return {
      ok: false,
      checked: 0,
      firstBroken: {
        seq: checkpoint.throughSeq + 1,
        reason:
          "the purge checkpoint's signature does not match: it was forged or not written with this AUDIT_KEY",
      },
    };
  }
  if (anchor && !anchorSignatureValid(chain, anchor)) {
    return {
      ok: false,
      checked: 0,
      firstBroken: {
        seq: Number(anchor.seq) || 0,
        reason:
          "the anchor file's signature does not match: it was edited or not written with this AUDIT_KEY",
      },
    };
  }
  let expectedSeq = checkpoint ? checkpoint.throughSeq + 1 : 1;
  let prevHash = checkpoint ? checkpoint.lastHash : GENESIS_HASH;
  let checked = 0;
  let keyedSeen = false;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq", "asc")
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const broken = (reason: string): ChainVerdict => ({
        ok: false,
        checked,
        firstBroken: { seq: row.seq, reason },
      });
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: expectedSeq, reason: `row ${expectedSeq} is missing` },
        };
      }
      if (row.prev_hash !== prevHash)
        return broken(
          checkpoint && row.seq === checkpoint.throughSeq + 1
            ? "prev_hash does not match the purge checkpoint"
            : "prev_hash does not match the previous row",
        );
      if (row.alg === "sha256" && keyedSeen) return broken("unkeyed hash after keyed rows (a downgrade)");
      if (row.alg !== "sha256" && row.alg !== "hmac-sha256" && row.alg !== "hmac-sm3")
        return broken(`unknown hash algorithm ${row.alg}`);
      keyedSeen ||= row.alg !== "sha256";
      const { hash, ...fields } = row;
      if (hashAuditRow(chain, fields) !== hash) return broken("row content does not match its hash");
      if (anchor && row.seq === anchor.seq && hash !== anchor.hash)
        return broken(`row differs from the anchor of ${anchor.at}`);
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    options.onProgress?.(checked);
    if (rows.length < batchSize) break;
  }
  const lastSeq = expectedSeq - 1;
  if (anchor && checkpoint && anchor.seq === checkpoint.throughSeq && anchor.hash !== checkpoint.lastHash)
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: anchor.seq,
        reason: `the purge checkpoint differs from the anchor of ${anchor.at}`,
      },
    };
  if (anchor && lastSeq < anchor.seq) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: lastSeq + 1,
        reason: `rows ${lastSeq + 1}–${anchor.seq} are missing: the anchor of ${anchor.at} recorded the chain up to row ${anchor.seq}`,
      },
    };
  }
  return { ok: true, checked, firstBroken: null };
}
