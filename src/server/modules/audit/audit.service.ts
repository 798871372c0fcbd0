import { authorize } from "../../lib/authz.js";
import type { Deps, Op, RequestMeta, Trx } from "../../lib/context.js";
import { AppError } from "../../lib/errors.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import {
  type AuditEntry,
  type AuditResult,
  appendAuditRow,
  auditHead,
  latestCheckpoint,
  listAuditRows,
  purgeAuditRows,
  verifyAuditChain,
} from "./audit.repo.js";
import { type Anchor, type AuditChain, loadAnchor, saveAnchor, signAnchor } from "./chain.js";
import "./audit.policy.js";

export type AuditRecord = Omit<AuditEntry, "actorId" | "actorName" | "ip" | "requestId" | "result"> & {
  result?: AuditResult;
};

/** Records one audit row in the caller's transaction, filling actor and request from the operation. */
export function makeAuditWriter(deps: Deps, chain: AuditChain) {
  return (
    trx: Trx,
    who: { actor: { userId: string; username: string } | null; meta: RequestMeta },
    record: AuditRecord,
  ) =>
    appendAuditRow(
      trx,
      deps.database.dialect,
      deps.clock.now(),
      {
        ...record,
        result: record.result ?? "ok",
        actorId: who.actor?.userId ?? null,
        actorName: who.actor?.username ?? (who.meta.requestId ? "anonymous" : "system"),
        ip: who.meta.ip,
        requestId: who.meta.requestId,
      },
      chain,
    );
}
export type AuditWriter = ReturnType<typeof makeAuditWriter>;

export interface AuditQuery {
  cursor?: string;
  limit?: number;
  action?: string;
  actor?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
}

/** Network logs are kept at least six months (网络安全法 第二十一条; 等保 2.0 8.1.4.3 c protects them). */
export const MIN_RETENTION_DAYS = 183;
const RETENTION_KEY = "audit.retention";
const DAY_MS = 86_400_000;

export interface AuditRetention {
  days: number;
  minimumDays: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export function makeAuditService(deps: Deps, options: { chain: AuditChain; dataDir: string }) {
  const { chain, dataDir } = options;
  const writeAudit = makeAuditWriter(deps, chain);
  const db = deps.database.db;

  /** The chain checked against the last anchor under DATA_DIR/audit (if any was written), from
   * the newest purge checkpoint on. */
  const verifyChain = async (onProgress?: (checked: number) => void) =>
    verifyAuditChain(db, {
      chain,
      anchor: await loadAnchor(dataDir),
      checkpoint: await latestCheckpoint(db),
      onProgress,
    });

  const retention = async (): Promise<AuditRetention> => {
    const row = await db
      .selectFrom("settings")
      .select(["value", "updated_at", "updated_by"])
      .where("key", "=", RETENTION_KEY)
      .executeTakeFirst();
    const stored = row ? (JSON.parse(row.value) as { days?: unknown }) : {};
    const days =
      typeof stored.days === "number" && Number.isInteger(stored.days) && stored.days >= MIN_RETENTION_DAYS
        ? stored.days
        : MIN_RETENTION_DAYS;
    return {
      days,
      minimumDays: MIN_RETENTION_DAYS,
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by ?? null,
    };
  };

  /** Signs the chain's head into DATA_DIR/audit/anchor.json and records that it did. */
  const anchor = async (op: Parameters<AuditWriter>[1]): Promise<Anchor> => {
    const head = (await auditHead(db)) ?? { seq: 0, hash: "" };
    const signed = signAnchor(chain, {
      seq: head.seq,
      hash: head.hash,
      at: deps.clock.now().toISOString(),
    });
    await saveAnchor(dataDir, signed);
    await db.transaction().execute((trx) =>
      writeAudit(trx, op, {
        action: "audit.anchor",
        objectType: "audit_log",
        objectId: String(signed.seq),
        detail: { seq: signed.seq, hash: signed.hash, alg: signed.alg },
      }),
    );
    return signed;
  };

  return {
    writeAudit,
    chain,
    verifyChain,

    /** Hourly and at shutdown; the caller logs the returned anchor, the second copy outside the
     * database. */
    anchor,

    /** The retention period, for the auditor. */
    async readRetention(op: Op): Promise<AuditRetention> {
      authorize(op.actor, "audit.readRetention");
      return retention();
    },

    /** Only the auditor sets it, and never below the legal minimum of 183 days. */
    async updateRetention(op: Op, days: number): Promise<AuditRetention> {
      authorize(op.actor, "audit.updateRetention");
      if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS)
        throw new AppError(
          "unprocessable",
          "AUDIT_RETENTION_TOO_SHORT",
          {
            zh: `审计记录至少保存 ${MIN_RETENTION_DAYS} 天（六个月），不能设为 ${days} 天`,
            en: `Audit records are kept at least ${MIN_RETENTION_DAYS} days (six months); ${days} is too short`,
          },
          [
            {
              path: "/days",
              message: { zh: `不得少于 ${MIN_RETENTION_DAYS} 天`, en: `at least ${MIN_RETENTION_DAYS} days` },
            },
          ],
        );
      const before = await retention();
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const value = JSON.stringify({ days });
        await trx
          .insertInto("settings")
          .values({ key: RETENTION_KEY, value, updated_at: at, updated_by: op.actor.userId })
          .onConflict((oc) =>
            oc.column("key").doUpdateSet({ value, updated_at: at, updated_by: op.actor.userId }),
          )
          .execute();
        await writeAudit(trx, op, {
          action: "audit.retention.update",
          objectType: "settings",
          objectId: RETENTION_KEY,
          detail: { before: before.days, after: days },
        });
      });
      return retention();
    },

    /**
     * The retention job: anchors the head first (so the purge stays behind the last anchor and a
     * cut tail is still found), then in one transaction records a signed checkpoint, deletes the
     * rows older than the retention period and writes the purge's own audit row.
     */
    async purgeExpired(op: Parameters<AuditWriter>[1]) {
      const { days } = await retention();
      const now = deps.clock.now();
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      const anchored = await anchor(op);
      return db.transaction().execute(async (trx) => {
        const outcome = await purgeAuditRows(trx, deps.database.dialect, {
          chain,
          cutoff,
          keepFrom: anchored.seq,
          at: now,
        });
        await writeAudit(trx, op, {
          action: "audit.purge",
          objectType: "audit_log",
          objectId: String(outcome.throughSeq),
          detail: { ...outcome, cutoff, retentionDays: days, anchorSeq: anchored.seq },
        });
        return { ...outcome, cutoff, retentionDays: days };
      });
    },

    /** A refused request, recorded in its own transaction (the request changed nothing). */
    writeDenied: (
      actor: { userId: string; username: string } | null,
      meta: RequestMeta,
      detail: Record<string, unknown>,
    ) =>
      db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, { actor, meta }, { action: "authz.denied", result: "denied", detail }),
        ),

    /** The auditor reads the trail; the read itself is recorded too. */
    async list(op: Op, query: AuditQuery) {
      authorize(op.actor, "audit.read");
      const limit = query.limit ?? 50;
      const rows = await listAuditRows(db, {
        beforeSeq: decodeCursor<number>(query.cursor, "number"),
        action: query.action,
        actorId: query.actor,
        result: query.result,
        from: query.from,
        to: query.to,
        limit: limit + 1,
      });
      await db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, op, { action: "audit.list", detail: { filter: { ...query, cursor: undefined } } }),
        );
      const page = pageOf(rows, limit, (r) => r.seq);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((r) => ({
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          result: r.result as AuditResult,
          ip: r.ip,
          requestId: r.request_id,
          detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
          hash: r.hash,
        })),
      };
    },

    async verify(op: Op) {
      authorize(op.actor, "audit.verify");
      const verdict = await verifyChain();
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          action: "audit.verify",
          result: verdict.ok ? "ok" : "failed",
          detail: { checked: verdict.checked, firstBroken: verdict.firstBroken },
        }),
      );
      return verdict;
    },
  };
}
export type AuditService = ReturnType<typeof makeAuditService>;
