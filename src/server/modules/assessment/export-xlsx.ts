import ExcelJS from "exceljs";
import type { AssessmentResult } from "./assessment.schema.js";

const NO_DATA = "暂无数据";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

/** The ranking, each indicator's raw numbers and the adjustments, one sheet each. */
export async function assessmentWorkbook(result: AssessmentResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "rencai";
  book.created = new Date(result.asOf);

  const ranking = book.addWorksheet("考核排名");
  ranking.columns = [
    { header: "名次", key: "rank", width: 8 },
    { header: "单位", key: "org", width: 36 },
    ...result.scheme.indicators.map((i) => ({
      header: `${i.name.zh}（${i.weight}）`,
      key: i.key,
      width: 22,
    })),
    { header: "加减分", key: "adjustment", width: 10 },
    { header: "总分", key: "total", width: 10 },
  ];
  for (const row of result.rows) {
    ranking.addRow({
      rank: row.rank ?? NO_DATA,
      org: row.org.name,
      ...Object.fromEntries(row.indicators.map((i) => [i.key, i.measured ? i.score : NO_DATA])),
      adjustment: row.adjustmentTotal,
      total: row.total ?? NO_DATA,
    });
  }
  styleHeader(ranking);

  const detail = book.addWorksheet("指标明细");
  detail.columns = [
    { header: "单位", key: "org", width: 36 },
    { header: "指标", key: "indicator", width: 22 },
    { header: "权重", key: "weight", width: 8 },
    { header: "应考核数", key: "expected", width: 10 },
    { header: "达标数", key: "achieved", width: 10 },
    { header: "达标率", key: "rate", width: 10 },
    { header: "得分", key: "score", width: 10 },
    { header: "说明", key: "explanation", width: 70 },
  ];
  for (const row of result.rows) {
    for (const i of row.indicators) {
      detail.addRow({
        org: row.org.name,
        indicator: i.name.zh,
        weight: i.weight,
        expected: i.expected,
        achieved: i.achieved,
        rate: i.rate,
        score: i.score,
        explanation: i.explanation.zh,
      });
    }
  }
  detail.getColumn("rate").numFmt = "0.0%";
  styleHeader(detail);

  const adjustments = book.addWorksheet("加减分");
  adjustments.columns = [
    { header: "单位", key: "org", width: 36 },
    { header: "分值", key: "points", width: 8 },
    { header: "理由", key: "reason", width: 60 },
    { header: "录入人", key: "by", width: 14 },
    { header: "录入时间", key: "at", width: 24 },
  ];
  for (const row of result.rows) {
    for (const a of row.adjustments) {
      adjustments.addRow({
        org: a.org.name,
        points: a.points,
        reason: a.reason,
        by: a.createdBy.name,
        at: a.createdAt,
      });
    }
  }
  styleHeader(adjustments);

  return Buffer.from(await book.xlsx.writeBuffer());
}
