import { authorize } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { chinaDate, chinaDateOf, type ReportPeriod } from "../tasks/calendar.js";
import {
  adjustmentsOf,
  findScheme,
  milestoneFacts,
  orderFacts,
  reportFacts,
  taskUnitFacts,
} from "./assessment.repo.js";
import type {
  Adjustment,
  AdjustmentBody,
  AssessmentResult,
  SchemeBody,
  SchemeView,
} from "./assessment.schema.js";
import { assessmentWorkbook } from "./export-xlsx.js";
import { assess, DEFAULT_SCHEME, INDICATOR_NAMES, type Scheme } from "./scoring.js";
import "./assessment.policy.js";

const adjustmentLabel = { zh: "加减分记录", en: "Adjustment" };

export function makeAssessmentService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  async function scheme(year: number): Promise<{ scheme: Scheme; view: SchemeView }> {
    const row = await findScheme(db, year);
    const value = row ? (JSON.parse(row.scheme) as Scheme) : DEFAULT_SCHEME;
    return {
      scheme: value,
      view: {
        year,
        indicators: value.indicators.map((i) => ({ ...i, name: INDICATOR_NAMES[i.key] })),
        reportGraceDays: value.reportGraceDays,
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
    const [{ scheme: s, view }, units, reports, milestones, orders, adjustments] = await Promise.all([
      scheme(year),
      taskUnitFacts(db),
      reportFacts(db, year),
      milestoneFacts(db, year),
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
      reports: reports.map((r) => ({
        taskId: r.task_id,
        orgId: r.org_id,
        periodKey: r.period_key,
        firstSubmittedDate: chinaDateOf(r.first_submitted_at),
      })),
      milestones: milestones.map((m) => ({
        orgId: m.org_id,
        dueDate: m.due_date,
        doneDate: m.done_at === null ? null : chinaDateOf(m.done_at),
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
      const errors: FieldError[] = [];
      const keys = body.indicators.map((i) => i.key);
      if (new Set(keys).size !== keys.length)
        errors.push({
          path: "/indicators",
          message: { zh: "同一指标只能出现一次", en: "Each indicator may appear only once" },
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
      if (errors.length > 0) throw invalidFields("ASSESSMENT_SCHEME_INVALID", errors);
      const value: Scheme = {
        indicators: body.indicators.map((i) => ({ key: i.key, weight: i.weight })),
        reportGraceDays: body.reportGraceDays ?? DEFAULT_SCHEME.reportGraceDays,
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
