import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Reconciliation } from "./funds.schema.js";
import { type AccountKind, emptyBalances, type RawBalances, shown, violations } from "./ledger.js";
import { yuan } from "./ledger.repo.js";

/**
 * Checks the ledger against itself: every account's cached balance and posting count equal the sum
 * and count of its postings; every journal sums to zero; every budget line keeps its invariants; and
 * the accounts agree with the entitlements' stages (reserved = pending stages, payable = payable and
 * in-batch stages, paid = paid stages).
 */
export async function reconcile(
  db: Kysely<DB>,
  fundIds: readonly string[],
  at: Date,
): Promise<Reconciliation> {
  const checkedAt = at.toISOString();
  if (fundIds.length === 0)
    return { ok: true, checkedAt, accounts: [], unbalancedJournals: [], lineProblems: [] };
  const lines = await db
    .selectFrom("fund_budget_lines")
    .innerJoin("funds", "funds.id", "fund_budget_lines.fund_id")
    .select([
      "fund_budget_lines.id",
      "fund_budget_lines.code",
      "fund_budget_lines.name",
      "funds.name as fund",
    ])
    .where("funds.id", "in", [...fundIds])
    .orderBy("funds.id")
    .orderBy("fund_budget_lines.code")
    .execute();
  const lineIds = lines.map((l) => l.id);
  if (lineIds.length === 0)
    return { ok: true, checkedAt, accounts: [], unbalancedJournals: [], lineProblems: [] };
  const [accounts, sums, unbalanced, stageSums] = await Promise.all([
    db
      .selectFrom("fund_accounts")
      .select(["id", "budget_line_id", "kind", "balance", "postings"])
      .where("budget_line_id", "in", lineIds)
      .execute(),
    db
      .selectFrom("fund_postings")
      .innerJoin("fund_accounts", "fund_accounts.id", "fund_postings.account_id")
      .select((eb) => [
        "fund_postings.account_id",
        eb.fn.sum<string | number>("fund_postings.amount").as("total"),
        eb.fn.countAll<string | number>().as("n"),
      ])
      .where("fund_accounts.budget_line_id", "in", lineIds)
      .groupBy("fund_postings.account_id")
      .execute(),
    db
      .selectFrom("fund_postings")
      .innerJoin("fund_journals", "fund_journals.id", "fund_postings.journal_id")
      .select("fund_postings.journal_id")
      .where("fund_journals.budget_line_id", "in", lineIds)
      .groupBy("fund_postings.journal_id")
      .having((eb) => eb.fn.sum("fund_postings.amount"), "<>", 0)
      .execute(),
    db
      .selectFrom("fund_stages")
      .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_stages.entitlement_id")
      .select((eb) => [
        "fund_entitlements.budget_line_id",
        "fund_stages.status",
        eb.fn.sum<string | number>("fund_stages.amount").as("total"),
      ])
      .where("fund_entitlements.budget_line_id", "in", lineIds)
      .groupBy(["fund_entitlements.budget_line_id", "fund_stages.status"])
      .execute(),
  ]);
  const sumByAccount = new Map(sums.map((s) => [s.account_id, { total: Number(s.total), n: Number(s.n) }]));
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const rawByLine = new Map<string, RawBalances>();
  const rows: Reconciliation["accounts"] = [];
  for (const a of accounts) {
    const line = lineById.get(a.budget_line_id)!;
    const ledger = sumByAccount.get(a.id) ?? { total: 0, n: 0 };
    const raw = rawByLine.get(a.budget_line_id) ?? emptyBalances();
    raw[a.kind as AccountKind] = ledger.total;
    rawByLine.set(a.budget_line_id, raw);
    rows.push({
      fund: line.fund,
      budgetLine: { id: line.id, code: line.code, name: line.name },
      account: a.kind,
      cached: Number(a.balance),
      ledger: ledger.total,
      cachedPostings: Number(a.postings),
      ledgerPostings: ledger.n,
      ok: Number(a.balance) === ledger.total && Number(a.postings) === ledger.n,
    });
  }
  rows.sort((x, y) => (x.budgetLine.id < y.budgetLine.id ? -1 : x.budgetLine.id > y.budgetLine.id ? 1 : 0));
  const lineProblems: Reconciliation["lineProblems"] = [];
  for (const id of lineIds) {
    const raw = rawByLine.get(id) ?? emptyBalances();
    for (const v of violations(raw))
      lineProblems.push({ budgetLineId: id, problem: v, detail: JSON.stringify(shown(raw)) });
    const stage = (...statuses: string[]) =>
      stageSums
        .filter((s) => s.budget_line_id === id && statuses.includes(s.status))
        .reduce((sum, s) => sum + Number(s.total), 0);
    const b = shown(raw);
    const expect: [string, number, number][] = [
      ["reserved", b.reserved, stage("pending")],
      ["payable", b.payable, stage("payable", "in_batch")],
      ["paid", b.paid, stage("paid")],
    ];
    for (const [account, ledger, stages] of expect)
      if (ledger !== stages)
        lineProblems.push({
          budgetLineId: id,
          problem: "stages_disagree",
          detail: `${account}: ledger ${yuan(ledger)} ≠ stages ${yuan(stages)}`,
        });
  }
  const unbalancedJournals = unbalanced.map((u) => u.journal_id);
  return {
    ok: rows.every((r) => r.ok) && unbalancedJournals.length === 0 && lineProblems.length === 0,
    checkedAt,
    accounts: rows,
    unbalancedJournals,
    lineProblems,
  };
}

const ACCOUNT_ZH: Record<string, string> = {
  allocated: "下达预算",
  available: "可用额度",
  reserved: "已预留",
  payable: "待支付",
  paid: "已支付",
  returned: "已退回",
};

export async function reconciliationWorkbook(report: Reconciliation): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "rencai";
  const sheet = book.addWorksheet("对账");
  sheet.columns = [
    { header: "资金", key: "fund", width: 28 },
    { header: "预算科目编码", key: "code", width: 16 },
    { header: "预算科目", key: "line", width: 30 },
    { header: "账户", key: "account", width: 12 },
    { header: "账户余额（分）", key: "cached", width: 16 },
    { header: "分录合计（分）", key: "ledger", width: 16 },
    { header: "账户笔数", key: "cachedPostings", width: 10 },
    { header: "分录笔数", key: "ledgerPostings", width: 10 },
    { header: "结果", key: "ok", width: 8 },
  ];
  for (const r of report.accounts)
    sheet.addRow({
      fund: r.fund,
      code: r.budgetLine.code,
      line: r.budgetLine.name,
      account: ACCOUNT_ZH[r.account] ?? r.account,
      cached: r.cached,
      ledger: r.ledger,
      cachedPostings: r.cachedPostings,
      ledgerPostings: r.ledgerPostings,
      ok: r.ok ? "一致" : "不一致",
    });
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const summary = book.addWorksheet("结论");
  summary.addRow(["对账时间", report.checkedAt]);
  summary.addRow(["结论", report.ok ? "账实相符" : "存在差异"]);
  summary.addRow(["借贷不平的凭证", report.unbalancedJournals.join(", ") || "无"]);
  for (const p of report.lineProblems) summary.addRow(["科目问题", p.budgetLineId, p.problem, p.detail]);
  summary.getColumn(1).width = 18;
  summary.getColumn(2).width = 30;
  return Buffer.from(await book.xlsx.writeBuffer());
}
