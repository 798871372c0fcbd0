import type { Kysely } from "kysely";
import { type Dialect, lockForUpdate } from "../../db/connect.js";
import type { AuditRowDb, DB } from "../../db/schema.js";
import { type Anchor, type AuditChain, anchorSignatureValid, type RowAlg } from "./chain.js";

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

/** Walk the chain in order, in batches (the table can be large), and report the first bad row;
 * then hold what is left against the last anchor, which finds rows deleted from the end. */
export async function verifyAuditChain(
  db: Kysely<DB>,
  options: {
    chain: AuditChain;
    anchor?: Anchor | null;
    batchSize?: number;
    onProgress?: (checked: number) => void;
  },
): Promise<ChainVerdict> {
  const { chain, anchor } = options;
  const batchSize = options.batchSize ?? 5_000;
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
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
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
      if (row.prev_hash !== prevHash) return broken("prev_hash does not match the previous row");
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
  if (anchor && checked < anchor.seq) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: checked + 1,
        reason: `rows ${checked + 1}–${anchor.seq} are missing: the anchor of ${anchor.at} recorded the chain up to row ${anchor.seq}`,
      },
    };
  }
  return { ok: true, checked, firstBroken: null };
}
