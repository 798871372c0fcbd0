import type { SupervisionOrderRow } from "../../db/schema.js";
import { type Actor, authorize, can } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { conflict, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { chinaDate, isCalendarDate } from "../tasks/calendar.js";
import { refreshTaskState } from "../tasks/refresh-task-state.js";
import { orderLight } from "../tasks/state.js";
import {
  appendTaskEvent,
  namesOfOrgs,
  namesOfUsers,
  titlesOfTasks,
  unitsOfTasks,
  usersWithRoleAt,
} from "../tasks/tasks.repo.js";
import { loadVisibleTask, subjectOf, visibleOrgIds } from "../tasks/visible-task.js";
import { findOrder, listOrders, ordersOfTask } from "./supervision.repo.js";
import type { IssueOrderBody, ListOrdersQuery, OrderStatus, SupervisionOrder } from "./supervision.schema.js";
import "./supervision.policy.js";

const orderLabel = { zh: "督办单", en: "Supervision order" };

export function makeSupervisionService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  async function present(actor: Actor, rows: SupervisionOrderRow[]): Promise<SupervisionOrder[]> {
    if (rows.length === 0) return [];
    const [orgs, users, taskTitle] = await Promise.all([
      namesOfOrgs(
        db,
        rows.map((r) => r.org_id),
      ),
      namesOfUsers(db, [
        ...rows.map((r) => r.issued_by),
        ...rows.map((r) => r.responded_by).filter((id): id is string => id !== null),
      ]),
      titlesOfTasks(
        db,
        rows.map((r) => r.task_id),
      ),
    ]);
    const today = chinaDate(deps.clock.now());
    return rows.map((r) => ({
      id: r.id,
      task: { id: r.task_id, title: taskTitle.get(r.task_id) ?? "" },
      org: { id: r.org_id, name: orgs.get(r.org_id) ?? "" },
      content: r.content,
      dueDate: r.due_date,
      status: r.status as OrderStatus,
      light: orderLight(r, today),
      late: r.late === 1,
      issuedBy: { id: r.issued_by, name: users.get(r.issued_by) ?? "" },
      issuedAt: r.issued_at,
      response: r.response,
      respondedBy:
        r.responded_by === null ? null : { id: r.responded_by, name: users.get(r.responded_by) ?? "" },
      respondedAt: r.responded_at,
      abilities: { respond: r.status === "open" && can(actor, "supervision.respond", { orgId: r.org_id }) },
    }));
  }

  return {
    /** Orders addressed to the actor's units (every order for the talent office), newest first. */
    async list(op: Op, query: ListOrdersQuery) {
      authorize(op.actor, "supervision.read");
      const limit = query.limit ?? 50;
      const rows = await listOrders(db, {
        orgIds: visibleOrgIds(op.actor),
        status: query.status,
        taskId: query.taskId,
        beforeId: decodeCursor<string>(query.cursor, "string"),
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await present(op.actor, page.items), nextCursor: page.nextCursor };
    },

    /** Every order on a task the actor sees (they are part of its history). */
    async listForTask(op: Op, taskId: string): Promise<SupervisionOrder[]> {
      authorize(op.actor, "tasks.read");
      await loadVisibleTask(db, op.actor, taskId);
      return present(op.actor, await ordersOfTask(db, taskId));
    },

    async issue(op: Op, taskId: string, input: IssueOrderBody): Promise<SupervisionOrder> {
      authorize(op.actor, "supervision.issue");
      const { task, units } = await loadVisibleTask(db, op.actor, taskId);
      const now = deps.clock.now();
      const today = chinaDate(now);
      const content = input.content.trim();
      const errors = [];
      if (!units.some((u) => u.orgId === input.orgId))
        errors.push({
          path: "/orgId",
          message: {
            zh: "督办对象须是该任务的牵头或责任单位",
            en: "The addressed unit must lead or share this task",
          },
        });
      if (!isCalendarDate(input.dueDate))
        errors.push({
          path: "/dueDate",
          message: { zh: "日期无效，应为真实存在的 yyyy-mm-dd", en: "Not a real calendar date (yyyy-mm-dd)" },
        });
      else if (input.dueDate < today)
        errors.push({
          path: "/dueDate",
          message: { zh: "反馈期限不能早于今天", en: "The response deadline cannot be in the past" },
        });
      if (content.length < 2)
        errors.push({ path: "/content", message: { zh: "请填写督办内容", en: "Write what is to be done" } });
      if (errors.length > 0) throw invalidFields("SUPERVISION_INVALID", errors);
      const at = now.toISOString();
      const row: SupervisionOrderRow = {
        id: newId(now.getTime()),
        task_id: taskId,
        org_id: input.orgId,
        content,
        due_date: input.dueDate,
        status: "open",
        issued_by: op.actor.userId,
        issued_at: at,
        response: null,
        responded_by: null,
        responded_at: null,
        late: 0,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("supervision_orders").values(row).execute();
        const detail = { orderId: row.id, orgId: row.org_id, dueDate: row.due_date, content };
        await appendTaskEvent(trx, { taskId, at: now, actor: op.actor, kind: "supervision.issued", detail });
        await refreshTaskState(trx, taskId, now, op.actor);
        const recipients = [
          ...(await usersWithRoleAt(trx, "officer", [row.org_id])),
          ...(await usersWithRoleAt(trx, "leader", [row.org_id])),
        ];
        for (const userId of new Set(recipients)) {
          await notifyUser(trx, now, userId, {
            kind: "supervision",
            title: `督办通知：${task.title}`,
            body: `请于 ${row.due_date} 前反馈：${content}`,
            link: `/tasks/${taskId}`,
          });
        }
        await writeAudit(trx, op, {
          action: "supervision.issue",
          objectType: "supervision_order",
          objectId: row.id,
          detail: { taskId, ...detail },
        });
      });
      const [order] = await present(op.actor, [row]);
      return order!;
    },

    /** The addressed unit's answer; after the deadline it is recorded as late (and stays red). */
    async respond(op: Op, id: string, input: { response: string }): Promise<SupervisionOrder> {
      authorize(op.actor, "supervision.respond");
      const order = await findOrder(db, id);
      if (!order) throw notFound(orderLabel);
      // An order on a task the actor cannot see answers like a missing one.
      const subject = subjectOf(await unitsOfTasks(db, [order.task_id]));
      if (!can(op.actor, "tasks.read", subject)) throw notFound(orderLabel);
      authorize(op.actor, "supervision.respond", { orgId: order.org_id });
      if (order.status !== "open")
        throw conflict("SUPERVISION_ANSWERED", {
          zh: "该督办单已反馈",
          en: "This order has already been answered",
        });
      const response = input.response.trim();
      if (response === "")
        throw invalidFields("SUPERVISION_INVALID", [
          { path: "/response", message: { zh: "请填写反馈内容", en: "Write the response" } },
        ]);
      const now = deps.clock.now();
      const at = now.toISOString();
      const late = chinaDate(now) > order.due_date ? 1 : 0;
      const next: SupervisionOrderRow = {
        ...order,
        status: "answered",
        response,
        responded_by: op.actor.userId,
        responded_at: at,
        late,
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("supervision_orders")
          .set({ status: "answered", response, responded_by: op.actor.userId, responded_at: at, late })
          .where("id", "=", id)
          .where("status", "=", "open")
          .execute();
        const detail = { orderId: id, orgId: order.org_id, dueDate: order.due_date, late: late === 1 };
        await appendTaskEvent(trx, {
          taskId: order.task_id,
          at: now,
          actor: op.actor,
          kind: "supervision.responded",
          detail,
        });
        await refreshTaskState(trx, order.task_id, now, op.actor);
        await notifyUser(trx, now, order.issued_by, {
          kind: "supervision",
          title: late === 1 ? "督办单已反馈（逾期）" : "督办单已反馈",
          body: response.slice(0, 200),
          link: `/tasks/${order.task_id}`,
        });
        await writeAudit(trx, op, {
          action: "supervision.respond",
          objectType: "supervision_order",
          objectId: id,
          detail: { taskId: order.task_id, ...detail },
        });
      });
      const [view] = await present(op.actor, [next]);
      return view!;
    },
  };
}
export type SupervisionService = ReturnType<typeof makeSupervisionService>;
