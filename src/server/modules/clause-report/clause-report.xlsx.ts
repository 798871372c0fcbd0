import ExcelJS from "exceljs";
import type { ClauseReport } from "../../../contracts/reports.js";

/** 元 with two decimals and thousands separators; cells hold 元 (分 / 100). */
export const YUAN_FORMAT = '#,##0.00"元"';
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };

/** The clause report as one sheet: a Chinese header row, frozen header and clause columns, one row
 * per measure, money in 元. */
export async function clauseReportWorkbook(report: ClauseReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "rencai";
  book.created = new Date(report.asOf);
  const sheet = book.addWorksheet("政策落实情况");
  sheet.columns = [
    { header: "条款", key: "clause", width: 9 },
    { header: "措施", key: "title", width: 40 },
    { header: "任务数", key: "tasks", width: 8 },
    { header: "按期", key: "onTime", width: 7 },
    { header: "黄灯", key: "yellow", width: 7 },
    { header: "红灯", key: "red", width: 7 },
    { header: "已完成", key: "done", width: 8 },
    { header: "关联事项数", key: "items", width: 11 },
    { header: "申请数", key: "submitted", width: 8 },
    { header: "通过", key: "approved", width: 7 },
    { header: "不予通过", key: "rejected", width: 9 },
    { header: "按时办结", key: "withinSla", width: 9 },
    { header: "办理天数中位数", key: "medianDays", width: 14 },
    { header: "承诺时限（工作日）", key: "promisedDays", width: 17 },
    { header: "预算（元）", key: "budget", width: 16 },
    { header: "已安排（元）", key: "committed", width: 16 },
    { header: "已支付（元）", key: "paid", width: 16 },
    { header: "惠及人才数", key: "talents", width: 11 },
  ];
  for (const r of report.items) {
    sheet.addRow({
      clause: r.clause,
      title: r.title,
      tasks: r.tasks.count,
      onTime: r.tasks.onTime,
      yellow: r.tasks.yellow,
      red: r.tasks.red,
      done: r.tasks.done,
      items: r.items.count,
      submitted: r.applications.submitted,
      approved: r.applications.approved,
      rejected: r.applications.rejected,
      withinSla: r.applications.withinSla,
      medianDays: r.applications.medianDays,
      promisedDays: r.applications.promisedDays,
      budget: r.money.budgetFen / 100,
      committed: r.money.committedFen / 100,
      paid: r.money.paidFen / 100,
      talents: r.talentsReached,
    });
  }
  for (const key of ["budget", "committed", "paid"]) sheet.getColumn(key).numFmt = YUAN_FORMAT;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  sheet.views = [{ state: "frozen", xSplit: 2, ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const clauseReportFilename = (report: ClauseReport) =>
  `clause-report-${report.year ?? "all"}-${report.asOf.slice(0, 10)}.xlsx`;
