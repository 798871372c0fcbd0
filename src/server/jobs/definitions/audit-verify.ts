import { Type } from "@sinclair/typebox";
import { SYSTEM } from "../../lib/context.js";
import { notifyUser } from "../../modules/notifications/notifications.service.js";
import { defineJob } from "../types.js";

/** Nightly check of the audit hash chain; a break is put in front of every auditor at once. */
export const verifyAuditNightly = defineJob({
  id: "audit.verify",
  payload: Type.Object({}),
  cron: "30 2 * * *",
  async handler(_payload, { deps, services, log }) {
    const db = deps.database.db;
    const verdict = await services.audit.verifyChain();
    await db.transaction().execute(async (trx) => {
      await services.audit.writeAudit(trx, SYSTEM, {
        action: "audit.verify",
        result: verdict.ok ? "ok" : "failed",
        detail: { checked: verdict.checked, firstBroken: verdict.firstBroken, scheduled: true },
      });
      if (verdict.ok || !verdict.firstBroken) return;
      const auditors = await trx
        .selectFrom("user_roles")
        .select("user_id")
        .where("role", "=", "auditor")
        .distinct()
        .execute();
      for (const { user_id } of auditors) {
        await notifyUser(trx, deps.clock.now(), user_id, {
          kind: "security",
          title: "审计日志校验失败",
          body: `审计链在第 ${verdict.firstBroken.seq} 条记录处断裂（${verdict.firstBroken.reason}），请立即核查。`,
          link: "/admin/audit",
        });
      }
    });
    if (!verdict.ok) log.error({ firstBroken: verdict.firstBroken }, "audit chain broken");
  },
});

/** Hourly anchor of the chain's head outside the database (DATA_DIR/audit and this log line). */
export const anchorAuditHourly = defineJob({
  id: "audit.anchor",
  payload: Type.Object({}),
  cron: "0 * * * *",
  async handler(_payload, { services, log }) {
    const anchor = await services.audit.anchor(SYSTEM);
    log.info({ auditAnchor: { seq: anchor.seq, hash: anchor.hash, at: anchor.at } }, "audit anchor");
  },
});
