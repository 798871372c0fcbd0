// Authorization rows of the clause report and the cockpit (modules/clause-report). The report is
// read by the talent office and by a department's officers and leaders (their own units' numbers);
// the cockpit by the office and leaders. Another department's orgId is refused in
// clause-report.test.ts.
import type { Case, CaseList } from "./case.js";

export const reportCases: CaseList = (): Case[] => [
  { method: "GET", route: "/api/reports/clauses", allowed: ["talent_office", "officer", "leader"] },
  { method: "GET", route: "/api/reports/clauses.xlsx", allowed: ["talent_office", "officer", "leader"] },
  { method: "GET", route: "/api/reports/cockpit", allowed: ["talent_office", "leader"] },
];
