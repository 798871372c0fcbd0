import type { Deps } from "../../lib/context.js";
import { SYSTEM } from "../../lib/context.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { chinaDate } from "./calendar.js";
import { type LightReason, type TaskStatus, taskLight } from "./state.js";
import { taskEventRow } from "./tasks.repo.js";

const PAGE = 500;

export interface LightsOutcome {
  checked: number;
  changed: number;
  reminders: number;
}

/** One reminder per item, light and deadline: a moved deadline may be reminded of again. */
const reminderKey = (r: LightReason): string => `${r.kind}:${r.id}:${r.light}:${r.dueDate}`;

function reminderText(taskTitle: string, r: LightReason): { title: string; body: string } {
  const what =
    r.kind === "milestone"
      ? `里程碑“${r.title}”`
      : r.kind === "supervision"
        ? `督办事项“${r.title}”`
        : "任务完成时限";
  return r.light === "red"
    ? {
        title: `任务逾期（红灯）：${taskTitle}`,
        body: `${what}已于 ${r.dueDate} 到期，尚未完成，请尽快办理。`,
      }
    : { title: `任务预警（黄灯）：${taskTitle}`, body: `${what}将于 ${r.dueDate} 到期，请抓紧推进。` };
}

/**
 * The scheduled pass: recomputes every task's light for today, stores it (so lists stay cheap), puts
 * changes in the task's history, and reminds the responsible officers once per item and light —
 * lead-unit officers for milestones and the task's own time limit, the addressed unit's officers for
 * supervision orders. One transaction and one audit row per page of tasks that changed.
 */
export async function refreshLights(deps: Deps, writeAudit: AuditWriter): Promise<LightsOutcome> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const today = chinaDate(now);
  const at = now.toISOString();
  const outcome: LightsOutcome = { checked: 0, changed: 0, reminders: 0 };
  let after = "";
  for (;;) {
    const tasks = await db
      .selectFrom("tasks")
      .select(["id", "title", "due", "status", "light", "light_detail"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE)
      .execute();
    if (tasks.length === 0) break;
    after = tasks[tasks.length - 1]!.id;
    const ids = tasks.map((t) => t.id);
    const [milestones, orders, leads] = await Promise.all([
      db
        .selectFrom("task_milestones")
        .select(["id", "task_id", "title", "due_date", "weight", "done_at"])
        .where("task_id", "in", ids)
        .where("done_at", "is", null)
        .execute(),
      db
        .selectFrom("supervision_orders")
        .select(["id", "task_id", "org_id", "content", "due_date", "status", "late"])
        .where("task_id", "in", ids)
        .where("status", "=", "open")
        .execute(),
      db
        .selectFrom("task_units")
        .select(["task_id", "org_id"])
        .where("task_id", "in", ids)
        .where("role", "=", "lead")
        .execute(),
    ]);

    const updates: { id: string; light: string; detail: string; from: string; reasons: LightReason[] }[] = [];
    const wanted: { taskId: string; taskTitle: string; reason: LightReason; orgIds: string[] }[] = [];
    for (const task of tasks) {
      const mine = milestones.filter((m) => m.task_id === task.id);
      const open = orders.filter((o) => o.task_id === task.id);
      const { light, reasons } = taskLight({ ...task, status: task.status as TaskStatus }, mine, open, today);
      const detail = JSON.stringify(reasons);
      if (light !== task.light || detail !== task.light_detail)
        updates.push({ id: task.id, light, detail, from: task.light, reasons });
      const leadOrgs = leads.filter((l) => l.task_id === task.id).map((l) => l.org_id);
      for (const reason of reasons) {
        const orgIds =
          reason.kind === "supervision"
            ? open.filter((o) => o.id === reason.id).map((o) => o.org_id)
            : leadOrgs;
        wanted.push({ taskId: task.id, taskTitle: task.title, reason, orgIds });
      }
    }
    outcome.checked += tasks.length;

    const keys = wanted.map((w) => reminderKey(w.reason));
    const sent =
      keys.length === 0
        ? new Set<string>()
        : new Set(
            (await db.selectFrom("task_reminders").select("key").where("key", "in", keys).execute()).map(
              (r) => r.key,
            ),
          );
    const due = wanted.filter((w) => !sent.has(reminderKey(w.reason)));
    if (updates.length === 0 && due.length === 0) continue;

    await db.transaction().execute(async (trx) => {
      for (const u of updates) {
        await trx
          .updateTable("tasks")
          .set({
            light: u.light,
            light_detail: u.detail,
            ...(u.light !== u.from ? { light_at: at } : {}),
            updated_at: at,
          })
          .where("id", "=", u.id)
          .execute();
        if (u.light !== u.from) {
          await trx
            .insertInto("task_events")
            .values(
              taskEventRow({
                taskId: u.id,
                at: now,
                actor: null,
                kind: "light.changed",
                detail: { from: u.from, to: u.light, reasons: u.reasons },
              }),
            )
            .execute();
        }
      }
      let reminded = 0;
      for (const w of due) {
        // A second process running the same pass has already reminded them: the key is taken.
        const claimed = await trx
          .insertInto("task_reminders")
          .values({ key: reminderKey(w.reason), task_id: w.taskId, created_at: at })
          .onConflict((oc) => oc.column("key").doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0 || w.orgIds.length === 0) continue;
        const officers = await trx
          .selectFrom("user_roles")
          .innerJoin("users", "users.id", "user_roles.user_id")
          .select("user_roles.user_id")
          .where("user_roles.role", "=", "officer")
          .where("user_roles.org_id", "in", w.orgIds)
          .where("users.status", "=", "active")
          .distinct()
          .execute();
        const text = reminderText(w.taskTitle, w.reason);
        for (const { user_id } of officers) {
          await notifyUser(trx, now, user_id, { kind: "task", ...text, link: `/tasks/${w.taskId}` });
          reminded += 1;
        }
      }
      outcome.changed += updates.filter((u) => u.light !== u.from).length;
      outcome.reminders += reminded;
      await writeAudit(trx, SYSTEM, {
        action: "tasks.lights.refresh",
        detail: {
          today,
          lightChanges: updates
            .filter((u) => u.light !== u.from)
            .map((u) => ({ taskId: u.id, from: u.from, to: u.light })),
          reminders: reminded,
        },
      });
    });
  }
  return outcome;
}
