import type { FastifyInstance } from "fastify";
import { reportContracts } from "../../../contracts/reports.js";
import { mount } from "../../http/mount.js";
import type { ClauseReportService } from "./clause-report.service.js";
import { clauseReportFilename, clauseReportWorkbook } from "./clause-report.xlsx.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function clauseReportRoutes(reports: ClauseReportService) {
  return async (app: FastifyInstance) =>
    mount(app, reportContracts, {
      "GET /api/reports/clauses": async ({ op, query }) => reports.clauses(op, query),
      "GET /api/reports/clauses.xlsx": async ({ op, query, reply }) => {
        const report = await reports.clauses(op, query);
        return reply
          .type(XLSX)
          .header("content-disposition", `attachment; filename="${clauseReportFilename(report)}"`)
          .header("cache-control", "no-store")
          .send(await clauseReportWorkbook(report));
      },
      "GET /api/reports/cockpit": async ({ op, query }) => reports.cockpit(op, query),
    });
}
