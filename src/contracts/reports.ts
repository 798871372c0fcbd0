// Reports for leaders (issue 17): the clause → outcome report (政策落实情况), one row per measure of
// an imported policy with what happened under it, and the leader's cockpit (领导驾驶舱). Every number
// names the list behind it. Not to be confused with the tasks module's *progress reports* (进展报告).
import { type Static, Type } from "@sinclair/typebox";
import { Nullable } from "./common.js";
import { endpoint } from "./endpoint.js";

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Fen = (description: string) => Type.Integer({ description: `${description}, in 分` });

export const ClauseReportQuery = Type.Object(
  {
    policy: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "Policy document id; absent: the latest imported",
      }),
    ),
    year: Type.Optional(
      Type.Integer({
        minimum: 2000,
        maximum: 2100,
        description: "Applications first submitted in this year (China time) and budget lines of this year",
      }),
    ),
    orgId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "Only this department's tasks, items, applications and money",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ClauseReportQuery = Static<typeof ClauseReportQuery>;

export const ClauseRow = Type.Object(
  {
    measureId: Type.String(),
    /** The measure's number in the policy's own numbering, e.g. "(七)". */
    clause: Type.String(),
    no: Type.Integer(),
    title: Type.String(),
    tasks: Type.Object({
      count: Count("Tasks of the measure (one per measure when imported)"),
      onTime: Count("Not completed, green light"),
      yellow: Count("Not completed, yellow light"),
      red: Count("Not completed, red light"),
      done: Count("Completed"),
      /** The task page when there is one task, else null. */
      taskId: Nullable(Type.String()),
    }),
    items: Type.Object({
      count: Count("Service items linked to the measure"),
      codes: Type.Array(Type.String()),
    }),
    applications: Type.Object({
      submitted: Count("Applications to the linked items submitted at least once"),
      approved: Count("Approved or filed (备案)"),
      rejected: Count("Rejected"),
      decided: Count("Approved, filed or rejected, with a decision date"),
      withinSla: Count("Decided on or before the promised date (承诺时限, working days)"),
      medianDays: Nullable(
        Type.Number({ description: "Median calendar days from first submission to decision" }),
      ),
      promisedDays: Nullable(
        Type.Integer({ description: "Longest promised time of the linked items, working days" }),
      ),
    }),
    money: Type.Object({
      budgetFen: Fen("Allocated to the measure's budget lines"),
      committedFen: Fen("Set aside for talents: reserved + payable + paid"),
      paidFen: Fen("Paid (net of bounced and returned payments)"),
    }),
    talentsReached: Count(
      "Distinct people with an approved application, a granted benefit or a recognition under the measure",
    ),
  },
  { $id: "ClauseRow" },
);
export type ClauseRow = Static<typeof ClauseRow>;

export const ClauseReport = Type.Object(
  {
    policy: Type.Object({ id: Type.String(), title: Type.String() }),
    year: Nullable(Type.Integer()),
    /** The departments the numbers are limited to; null: every department (the talent office's scope). */
    scope: Nullable(Type.Array(Type.String())),
    asOf: Type.String(),
    items: Type.Array(ClauseRow),
  },
  { $id: "ClauseReport" },
);
export type ClauseReport = Static<typeof ClauseReport>;

const Bar = Type.Object({
  key: Type.String(),
  label: Type.String(),
  value: Type.Number(),
  /** The web page listing the rows behind the bar. */
  href: Type.String(),
});

export const Cockpit = Type.Object(
  {
    asOf: Type.String(),
    year: Nullable(Type.Integer()),
    scope: Nullable(Type.Array(Type.String())),
    talentsByTier: Type.Array(Bar, { description: "Talents in the registry by their current tier" }),
    moneyPaidByClause: Type.Array(Bar, { description: "Paid, in 分, per measure with any budget" }),
    applicationsByItem: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        submitted: Type.Integer(),
        decided: Type.Integer(),
        withinSla: Type.Integer(),
        href: Type.String(),
      }),
    ),
    overdueTasksByDepartment: Type.Array(Bar, { description: "Red tasks per lead unit" }),
  },
  { $id: "Cockpit" },
);
export type Cockpit = Static<typeof Cockpit>;

const tags = ["reports"] as const;

export const reportContracts = {
  "GET /api/reports/clauses": endpoint({
    permission: "reports.clauses",
    summary: "Clause → outcome report: one row per measure / 政策落实情况",
    tags,
    query: ClauseReportQuery,
    response: ClauseReport,
  }),
  "GET /api/reports/clauses.xlsx": endpoint({
    permission: "reports.clauses",
    summary: "The clause report as Excel / 导出政策落实情况",
    tags,
    query: ClauseReportQuery,
  }),
  "GET /api/reports/cockpit": endpoint({
    permission: "reports.cockpit",
    summary: "The leader's cockpit / 领导驾驶舱",
    tags,
    query: ClauseReportQuery,
    response: Cockpit,
  }),
};
