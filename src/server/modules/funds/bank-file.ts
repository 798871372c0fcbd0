import ExcelJS from "exceljs";
import { yuan } from "./ledger.repo.js";

// The bank payment file of a batch, as CSV (UTF-8 with BOM, so Excel opens it in Chinese) and xlsx.
// It carries the FULL account numbers: it is made only for an approved batch, and every export is
// audited. Amounts are written in 元 with two decimals, computed from integer 分 without floats.

export interface BankFileLine {
  no: number;
  lineId: string;
  payeeName: string;
  payeeAccount: string;
  payeeBank: string;
  amount: number;
  purpose: string;
}

export interface BankFile {
  batchId: string;
  title: string;
  total: number;
  lines: BankFileLine[];
}

const HEADERS = ["序号", "收款人户名", "收款账号", "开户行", "金额（元）", "用途", "批次号", "明细号"];

const plainYuan = (fen: number) => yuan(fen).replace(/,/g, "");

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function bankFileCsv(file: BankFile): Buffer {
  const rows = [
    HEADERS,
    ...file.lines.map((l) => [
      l.no,
      l.payeeName,
      l.payeeAccount,
      l.payeeBank,
      plainYuan(l.amount),
      l.purpose,
      file.batchId,
      l.lineId,
    ]),
    ["合计", "", "", "", plainYuan(file.total), `${file.lines.length} 笔`, file.batchId, ""],
  ];
  const text = rows.map((r) => r.map(csvCell).join(",")).join("\r\n");
  return Buffer.from(`\uFEFF${text}\r\n`, "utf8");
}

export async function bankFileXlsx(file: BankFile): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "rencai";
  const sheet = book.addWorksheet("支付明细");
  sheet.columns = [
    { header: HEADERS[0], key: "no", width: 6 },
    { header: HEADERS[1], key: "name", width: 16 },
    // Account numbers are text: as numbers Excel would round them past 15 digits.
    { header: HEADERS[2], key: "account", width: 26, style: { numFmt: "@" } },
    { header: HEADERS[3], key: "bank", width: 28 },
    { header: HEADERS[4], key: "amount", width: 14, style: { numFmt: "#,##0.00" } },
    { header: HEADERS[5], key: "purpose", width: 36 },
    { header: HEADERS[6], key: "batch", width: 28 },
    { header: HEADERS[7], key: "line", width: 28 },
  ];
  for (const l of file.lines) {
    sheet.addRow({
      no: l.no,
      name: l.payeeName,
      account: l.payeeAccount,
      bank: l.payeeBank,
      // 分 → 元 for display only; the exact figure is also in the CSV as text.
      amount: l.amount / 100,
      purpose: l.purpose,
      batch: file.batchId,
      line: l.lineId,
    });
  }
  const total = sheet.addRow({ no: "合计", amount: file.total / 100, purpose: `${file.lines.length} 笔` });
  total.font = { bold: true };
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
