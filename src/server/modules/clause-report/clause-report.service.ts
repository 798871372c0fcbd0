import type { ClauseReport, ClauseReportQuery, ClauseRow, Cockpit } from "../../../contracts/reports.js";
import { authorize } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { notFound } from "../../lib/errors.js";
import { shown } from "../funds/ledger.js";
import { reportScope } from "./clause-report.policy.js";
import {
  applicationCounts,
  applicationsByItem,
  decisionDays,
  findDocument,
  linkedItems,
  measuresOf,
  moneyByMeasure,
  redTasksByLead,
  talentsByTier,
  talentsReached,
  taskCounts,
} from "./clause-report.repo.js";

const policyLabel = { zh: "政策文件", en: "Policy document" };
const orgLabel = { zh: "单位", en: "Organisation" };

/** The median of a histogram of values (the mean of the middle two for an even count), or null. */
export function medianOf(histogram: readonly { value: number; n: number }[]): number | null {
  const sorted = [...histogram].filter((h) => h.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  // The value at 0-based position k of the expanded, sorted list.
  const at = (k: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (k < seen) return h.value;
    }
    return sorted[sorted.length - 1]?.value ?? 0;
  };
  const mid = Math.floor(total / 2);
  return total % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

const TIER_LABEL: Record<string, string> = { A: "A类", B: "B类", C: "C类", D: "D类", E: "E类" };

// The clause → outcome report (政策落实情况) and the leader's cockpit (领导驾驶舱): read-only
// aggregates over tasks, the catalogue, applications, the fund ledger and the registry. `op` null
// is the platform itself (the CLI), reading every department.
export function makeClauseReportService(deps: Deps) {
  const db = deps.database.db;

  async function scopeOf(op: Op | null, permission: "reports.clauses" | "reports.cockpit", orgId?: string) {
    if (op) authorize(op.actor, permission, orgId);
    if (orgId !== undefined) {
      const org = await db
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", orgId)
        .executeTakeFirst();
      if (!org) throw notFound(orgLabel);
      return [orgId];
    }
    return reportScope(
      op?.actor ?? null,
      permission === "reports.cockpit" ? ["leader"] : ["officer", "leader"],
    );
  }

  async function build(query: ClauseReportQuery, orgs: string[] | undefined): Promise<ClauseReport> {
    const doc = await findDocument(db, query.policy);
    if (!doc) throw notFound(policyLabel);
    const f = { documentId: doc.id, year: query.year, orgs };
    const [measures, tasks, items, apps, times, money, reached] = await Promise.all([
      measuresOf(db, doc.id),
      taskCounts(db, doc.id, orgs),
      linkedItems(db, doc.id, orgs),
      applicationCounts(db, f),
      decisionDays(db, deps.database.dialect, f),
      moneyByMeasure(db, doc.id, query.year, orgs),
      talentsReached(db, f),
    ]);
    const days = new Map<string, { value: number; n: number }[]>();
    for (const t of times) {
      const list = days.get(t.measureId) ?? [];
      list.push({ value: t.days, n: t.n });
      days.set(t.measureId, list);
    }
    const rows: ClauseRow[] = measures.map((m) => {
      const t = tasks.get(m.id);
      const linked = items.filter((i) => i.measureId === m.id);
      const a = apps.get(m.id);
      const promised = linked.map((i) => i.promisedDays).filter((d): d is number => d !== null);
      const mo = money.get(m.id);
      const b = mo
        ? shown({ allocated: 0, available: 0, reserved: 0, payable: 0, paid: 0, returned: 0, ...mo.raw })
        : null;
      return {
        measureId: m.id,
        clause: m.label,
        no: m.no,
        title: m.title,
        tasks: t ?? { count: 0, onTime: 0, yellow: 0, red: 0, done: 0, taskId: null },
        items: { count: linked.length, codes: linked.map((i) => i.code) },
        applications: {
          submitted: a?.submitted ?? 0,
          approved: a?.approved ?? 0,
          rejected: a?.rejected ?? 0,
          decided: a?.decided ?? 0,
          withinSla: a?.withinSla ?? 0,
          medianDays: medianOf(days.get(m.id) ?? []),
          promisedDays: promised.length > 0 ? Math.max(...promised) : null,
        },
        money: {
          budgetFen: b?.allocated ?? 0,
          committedFen: b ? b.reserved + b.payable + b.paid : 0,
          paidFen: b?.paid ?? 0,
        },
        talentsReached: reached.get(m.id) ?? 0,
      };
    });
    return {
      policy: { id: doc.id, title: doc.title },
      year: query.year ?? null,
      scope: orgs ?? null,
      asOf: deps.clock.now().toISOString(),
      items: rows,
    };
  }

  return {
    async clauses(op: Op | null, query: ClauseReportQuery): Promise<ClauseReport> {
      return build(query, await scopeOf(op, "reports.clauses", query.orgId));
    },

    async cockpit(op: Op, query: ClauseReportQuery): Promise<Cockpit> {
      const orgs = await scopeOf(op, "reports.cockpit", query.orgId);
      const [report, tiers, byItem, red] = await Promise.all([
        build(query, orgs),
        talentsByTier(db),
        applicationsByItem(db, query.year, orgs),
        redTasksByLead(db, orgs),
      ]);
      return {
        asOf: report.asOf,
        year: report.year,
        scope: report.scope,
        talentsByTier: tiers.map((r) => ({
          key: r.tier,
          label: TIER_LABEL[r.tier] ?? r.tier,
          value: r.n,
          href: `/registry/talents?tier=${encodeURIComponent(r.tier)}`,
        })),
        moneyPaidByClause: report.items
          .filter((r) => r.money.budgetFen > 0 || r.money.paidFen > 0)
          .map((r) => ({
            key: r.measureId,
            label: `${r.clause}${r.title}`,
            value: r.money.paidFen,
            href: "/funds",
          })),
        applicationsByItem: byItem.map((r) => ({
          key: r.code,
          label: r.name,
          submitted: r.submitted,
          decided: r.decided,
          withinSla: r.withinSla,
          href: `/services/workbench?itemCode=${encodeURIComponent(r.code)}`,
        })),
        overdueTasksByDepartment: red.map((r) => ({
          key: r.orgId,
          label: r.name,
          value: r.n,
          href: `/tasks?light=red&orgId=${encodeURIComponent(r.orgId)}`,
        })),
      };
    },
  };
}
export type ClauseReportService = ReturnType<typeof makeClauseReportService>;
