import { authorize } from "../../lib/authz.js";
import type { Deps, Op, RequestMeta, Trx } from "../../lib/context.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import {
  type AuditEntry,
  type AuditResult,
  appendAuditRow,
  auditHead,
  listAuditRows,
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

export function makeAuditService(deps: Deps, options: { chain: AuditChain; dataDir: string }) {
  const { chain, dataDir } = options;
  const writeAudit = makeAuditWriter(deps, chain);
  const db = deps.database.db;

  /** The chain checked against the last anchor under DATA_DIR/audit (if any was written). */
  const verifyChain = async (onProgress?: (checked: number) => void) =>
    verifyAuditChain(db, { chain, anchor: await loadAnchor(dataDir), onProgress });

  return {
    writeAudit,
    chain,
    verifyChain,

    /** Signs the chain's head into DATA_DIR/audit/anchor.json (hourly, and at shutdown) and
     * records that it did; the caller logs the returned anchor, the second copy outside the database. */
    async anchor(op: Parameters<AuditWriter>[1]): Promise<Anchor> {
      const head = (await auditHead(db)) ?? { seq: 0, hash: "" };
      const anchor = signAnchor(chain, {
        seq: head.seq,
        hash: head.hash,
        at: deps.clock.now().toISOString(),
      });
      await saveAnchor(dataDir, anchor);
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          action: "audit.anchor",
          objectType: "audit_log",
          objectId: String(anchor.seq),
          detail: { seq: anchor.seq, hash: anchor.hash, alg: anchor.alg },
        }),
      );
      return anchor;
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
