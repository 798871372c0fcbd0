import { authorize } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { chinaDate, chinaDateOf, isCalendarDate, type ReportPeriod } from "../tasks/calendar.js";
import {
  adjustmentsOf,
  findScheme,
  milestoneFacts,
  orderFacts,
  reportFacts,
  taskFacts,
  taskUnitFacts,
} from "./assessment.repo.js";
import type {
  Adjustment,
  AdjustmentBody,
  AssessmentResult,
  SchemeBody,
  SchemeView,
  UnitScore,
} from "./assessment.schema.js";
import { assessmentWorkbook } from "./export-xlsx.js";
import { assess, DEFAULT_SCHEME, INDICATOR_NAMES, normaliseScheme, type Scheme } from "./scoring.js";
import "./assessment.policy.js";

const adjustmentLabel = { zh: "加减分记录", en: "Adjustment" };
const unitLabel = { zh: "本年度考核单位", en: "Assessed unit" };

const inRange = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100;

/** Weights: each an integer 0-100, each item once, adding up to 100; shares likewise 0-100. */
function schemeErrors(body: SchemeBody): FieldError[] {
  const errors: FieldError[] = [];
  const keys = body.indicators.map((i) => i.key);
  if (new Set(keys).size !== keys.length)
    errors.push({
      path: "/indicators",
      message: { zh: "同一指标只能出现一次", en: "Each indicator may appear only once" },
    });
  body.indicators.forEach((i, n) => {
    if (!inRange(i.weight))
      errors.push({
        path: `/indicators/${n}/weight`,
        message: {
          zh: `权重应为 0 至 100 的整数，现为 ${i.weight}`,
          en: `A weight must be a whole number from 0 to 100, not ${i.weight}`,
        },
      });
  });
  const sum = body.indicators.reduce((s, i) => s + i.weight, 0);
  if (sum !== 100)
    errors.push({
      path: "/indicators",
      message: {
        zh: `各指标权重之和应为 100，现为 ${sum}`,
        en: `Weights must add up to 100, not ${sum}`,
      },
    });
  if (body.shares !== undefined) {
    for (const role of ["lead", "responsible"] as const) {
      if (!inRange(body.shares[role]))
        errors.push({
          path: `/shares/${role}`,
          message: {
            zh: `${role === "lead" ? "牵头" : "配合"}任务计分比例应为 0 至 100 的整数`,
            en: `The ${role} share must be a whole number from 0 to 100`,
          },
        });
    }
    if (body.shares.lead === 0 && body.shares.responsible === 0)
      errors.push({
        path: "/shares",
        message: {
          zh: "牵头与配合任务计分比例不能同时为 0",
          en: "The lead and responsible shares cannot both be 0",
        },
      });
  }
  return errors;
}

export function makeAssessmentService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  async function scheme(year: number): Promise<{ scheme: Scheme; view: SchemeView }> {
    const row = await findScheme(db, year);
    const value = row ? normaliseScheme(JSON.parse(row.scheme) as Scheme) : DEFAULT_SCHEME;
    return {
      scheme: value,
      view: {
        year,
        indicators: value.indicators.map((i) => ({ ...i, name: INDICATOR_NAMES[i.key] })),
        reportGraceDays: value.reportGraceDays,
        shares: value.shares,
        isDefault: row === undefined,
        updatedAt: row?.updated_at ?? null,
      },
    };
  }

  function presentAdjustment(a: Awaited<ReturnType<typeof adjustmentsOf>>[number]): Adjustment {
    return {
      id: a.id,
      org: { id: a.org_id, name: a.org_name },
      points: a.points,
      reason: a.reason,
      createdBy: { id: a.created_by ?? "", name: a.created_by_name ?? "" },
      createdAt: a.created_at,
    };
  }

  async function compute(year: number): Promise<AssessmentResult> {
    const today = chinaDate(deps.clock.now());
    const [{ scheme: s, view }, units, tasks, reports, milestones, orders, adjustments] = await Promise.all([
      scheme(year),
      taskUnitFacts(db),
      taskFacts(db),
      reportFacts(db, year),
      milestoneFacts(db),
      orderFacts(db, year),
      adjustmentsOf(db, year),
    ]);
    // Assessed: every organisation that leads or shares a task begun by the end of the year, and any
    // organisation the talent office adjusted.
    const yearEnd = `${year}-12-31`;
    const active = units.filter((u) => chinaDateOf(u.created_at) <= yearEnd);
    const orgs = new Map<string, string>();
    for (const u of active) orgs.set(u.org_id, u.name);
    for (const a of adjustments) orgs.set(a.org_id, a.org_name);
    const presented = adjustments.map(presentAdjustment);
    const doneDates = new Map<string, string[]>();
    const openTasks = new Set<string>();
    for (const m of milestones) {
      if (m.done_at === null) openTasks.add(m.task_id);
      else doneDates.set(m.task_id, [...(doneDates.get(m.task_id) ?? []), chinaDateOf(m.done_at)]);
    }
    // A completed task (every milestone done) was completed on the day of its last milestone.
    const completedDate = (id: string, status: string): string | null => {
      if (status !== "completed" || openTasks.has(id)) return null;
      return [...(doneDates.get(id) ?? [])].sort().at(-1) ?? null;
    };
    const rows = assess({
      year,
      today,
      scheme: s,
      orgs: [...orgs].map(([id, name]) => ({ id, name })),
      taskUnits: active.map((u) => ({
        taskId: u.task_id,
        orgId: u.org_id,
        role: u.role,
        createdDate: chinaDateOf(u.created_at),
        period: (u.report_period ?? u.document_period) as ReportPeriod,
      })),
      tasks: tasks.map((task) => ({
        id: task.id,
        due: task.due !== null && isCalendarDate(task.due) ? task.due : null,
        completedDate: completedDate(task.id, task.status),
      })),
      reports: reports.map((r) => ({
        taskId: r.task_id,
        orgId: r.org_id,
        periodKey: r.period_key,
        firstSubmittedDate: chinaDateOf(r.first_submitted_at),
        status: r.status,
      })),
      milestones: milestones.map((m) => ({
        taskId: m.task_id,
        dueDate: m.due_date,
        doneDate: m.done_at === null ? null : chinaDateOf(m.done_at),
        weight: m.weight,
      })),
      orders: orders
        .filter((o) => orgs.has(o.org_id))
        .map((o) => ({
          orgId: o.org_id,
          dueDate: o.due_date,
          respondedDate: o.responded_at === null ? null : chinaDateOf(o.responded_at),
          late: o.late === 1,
        })),
      adjustments: adjustments.map((a) => ({
        id: a.id,
        orgId: a.org_id,
        points: a.points,
        reason: a.reason,
        createdAt: a.created_at,
        createdBy: a.created_by ?? "",
      })),
    });
    const byId = new Map(presented.map((a) => [a.id, a]));
    return {
      year,
      asOf: deps.clock.now().toISOString(),
      scheme: view,
      rows: rows.map((r) => ({ ...r, adjustments: r.adjustments.map((a) => byId.get(a.id)!) })),
    };
  }

  return {
    async scheme(op: Op, year: number): Promise<SchemeView> {
      authorize(op.actor, "assessment.read");
      return (await scheme(year)).view;
    },

    async setScheme(op: Op, year: number, body: SchemeBody): Promise<SchemeView> {
      authorize(op.actor, "assessment.manage");
      const errors = schemeErrors(body);
      if (errors.length > 0) throw invalidFields("ASSESSMENT_SCHEME_INVALID", errors);
      const value: Scheme = {
        indicators: body.indicators.map((i) => ({ key: i.key, weight: i.weight })),
        reportGraceDays: body.reportGraceDays ?? DEFAULT_SCHEME.reportGraceDays,
        shares: body.shares ?? { ...DEFAULT_SCHEME.shares },
      };
      const before = (await scheme(year)).scheme;
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const row = { year, scheme: JSON.stringify(value), updated_at: at, updated_by: op.actor.userId };
        await trx
          .insertInto("assessment_schemes")
          .values(row)
          .onConflict((oc) =>
            oc.column("year").doUpdateSet({ scheme: row.scheme, updated_at: at, updated_by: row.updated_by }),
          )
          .execute();
        await writeAudit(trx, op, {
          action: "assessment.scheme.set",
          objectType: "assessment_scheme",
          objectId: String(year),
          detail: { before, after: value },
        });
      });
      return (await scheme(year)).view;
    },

    async addAdjustment(op: Op, year: number, body: AdjustmentBody): Promise<Adjustment> {
      authorize(op.actor, "assessment.manage");
      const points = Math.round(body.points * 10) / 10;
      const reason = body.reason.trim();
      const errors: FieldError[] = [];
      if (points === 0)
        errors.push({ path: "/points", message: { zh: "分值不能为 0", en: "Points must not be zero" } });
      if (reason.length < 2)
        errors.push({
          path: "/reason",
          message: { zh: "加减分须写明理由", en: "A bonus or deduction needs a written reason" },
        });
      const org = await db
        .selectFrom("organisations")
        .select(["id", "name"])
        .where("id", "=", body.orgId)
        .executeTakeFirst();
      if (!org) errors.push({ path: "/orgId", message: { zh: "单位不存在", en: "No such organisation" } });
      if (errors.length > 0) throw invalidFields("ASSESSMENT_ADJUSTMENT_INVALID", errors);
      const now = deps.clock.now();
      const row = {
        id: newId(now.getTime()),
        year,
        org_id: body.orgId,
        points,
        reason,
        created_by: op.actor.userId,
        created_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("assessment_adjustments").values(row).execute();
        await writeAudit(trx, op, {
          action: "assessment.adjustment.add",
          objectType: "assessment_adjustment",
          objectId: row.id,
          detail: { year, orgId: row.org_id, points, reason },
        });
      });
      return {
        id: row.id,
        org: { id: org!.id, name: org!.name },
        points,
        reason,
        createdBy: { id: op.actor.userId, name: op.actor.displayName },
        createdAt: row.created_at,
      };
    },

    async removeAdjustment(op: Op, year: number, id: string): Promise<void> {
      authorize(op.actor, "assessment.manage");
      const row = await db
        .selectFrom("assessment_adjustments")
        .selectAll()
        .where("id", "=", id)
        .where("year", "=", year)
        .executeTakeFirst();
      if (!row) throw notFound(adjustmentLabel);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("assessment_adjustments").where("id", "=", id).execute();
        await writeAudit(trx, op, {
          action: "assessment.adjustment.remove",
          objectType: "assessment_adjustment",
          objectId: id,
          detail: { year, orgId: row.org_id, points: row.points, reason: row.reason },
        });
      });
    },

    async results(op: Op, year: number): Promise<AssessmentResult> {
      authorize(op.actor, "assessment.read");
      return compute(year);
    },

    /** One unit's score, line by line; 404 for an organisation not assessed this year. */
    async unitScore(op: Op, year: number, orgId: string): Promise<UnitScore> {
      authorize(op.actor, "assessment.read");
      const result = await compute(year);
      const row = result.rows.find((r) => r.org.id === orgId);
      if (!row) throw notFound(unitLabel);
      return { year, asOf: result.asOf, scheme: result.scheme, ...row };
    },

    /** The same numbers as an Excel workbook; the export itself is audited (it leaves the system). */
    async exportXlsx(op: Op, year: number): Promise<{ filename: string; content: Buffer }> {
      authorize(op.actor, "assessment.read");
      const result = await compute(year);
      const content = await assessmentWorkbook(result);
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          action: "assessment.export",
          objectType: "assessment",
          objectId: String(year),
          detail: { rows: result.rows.length, bytes: content.length },
        }),
      );
      return { filename: `assessment-${year}.xlsx`, content };
    },
  };
}
export type AssessmentService = ReturnType<typeof makeAssessmentService>;
