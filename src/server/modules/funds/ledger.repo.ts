// The ledger in the database: accounts per budget line, journals and their postings. Every movement
// goes through postMovement, inside the caller's transaction, after lockBudgetLine.
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../../db/connect.js";
import type { DB } from "../../db/schema.js";
import { conflict, invalidFields } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import {
  ACCOUNT_KINDS,
  type AccountKind,
  type Balances,
  emptyBalances,
  isSafeAmount,
  type MovementKind,
  type Posting,
  postingsOf,
  type RawBalances,
  reversalOf,
  shown,
  tryPost,
} from "./ledger.js";

export interface LineAccounts {
  ids: Record<AccountKind, string>;
  raw: RawBalances;
}

/** Creates a budget line's six accounts (all zero). */
export async function createAccounts(trx: Kysely<DB>, budgetLineId: string, at: string): Promise<void> {
  await trx
    .insertInto("fund_accounts")
    .values(
      ACCOUNT_KINDS.map((kind) => ({
        id: newId(),
        budget_line_id: budgetLineId,
        kind,
        balance: 0,
        postings: 0,
        updated_at: at,
      })),
    )
    .execute();
}

/**
 * Serialises movements on one budget line: PostgreSQL locks its row (SELECT … FOR UPDATE) until the
 * transaction ends; SQLite runs one transaction at a time on the process's single connection, and
 * the version bump takes the database's write lock against other processes. Returns false if the
 * line does not exist.
 */
export async function lockBudgetLine(trx: Kysely<DB>, dialect: Dialect, id: string): Promise<boolean> {
  if (dialect === "postgres") {
    const row = await trx
      .selectFrom("fund_budget_lines")
      .select("id")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return false;
  }
  const bumped = await trx
    .updateTable("fund_budget_lines")
    .set({ version: sql`version + 1` })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(bumped.numUpdatedRows) === 1;
}

export async function accountsOf(db: Kysely<DB>, budgetLineId: string): Promise<LineAccounts> {
  const rows = await db
    .selectFrom("fund_accounts")
    .select(["id", "kind", "balance"])
    .where("budget_line_id", "=", budgetLineId)
    .execute();
  const ids = {} as Record<AccountKind, string>;
  const raw = emptyBalances();
  for (const r of rows) {
    ids[r.kind as AccountKind] = r.id;
    raw[r.kind as AccountKind] = Number(r.balance);
  }
  return { ids, raw };
}

export const insufficientBudget = (available: number, wanted: number) =>
  conflict(
    "FUNDS_INSUFFICIENT",
    {
      zh: `预算额度不足：可用 ${yuan(available)} 元，需要 ${yuan(wanted)} 元`,
      en: `Not enough budget: ${yuan(available)} yuan available, ${yuan(wanted)} yuan needed`,
    },
    { available, wanted },
  );

const balanceWouldGoNegative = (kind: MovementKind | "reversal") =>
  conflict("FUNDS_BALANCE_NEGATIVE", {
    zh: "该操作会使账户余额为负，已拒绝",
    en: `This ${kind} would make an account balance negative; refused`,
  });

export const yuan = (fen: number): string => {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
};

export interface MovementInput {
  budgetLineId: string;
  kind: MovementKind | "reversal";
  amount: number;
  entitlementId?: string | null;
  stageId?: string | null;
  batchId?: string | null;
  reversesId?: string | null;
  memo?: string;
  actorId: string | null;
  at: string;
  /** For reversals: the postings to undo. */
  postings?: Posting[];
}

/**
 * Posts one movement (a journal and its postings, summing to zero) and updates the cached balances,
 * refusing with a 409 (and writing nothing) if any balance would go negative. The caller holds the
 * budget line's lock (lockBudgetLine) in this transaction.
 */
export async function postMovement(
  trx: Kysely<DB>,
  input: MovementInput,
): Promise<{ journalId: string; balances: Balances }> {
  if (!isSafeAmount(input.amount))
    throw invalidFields("FUNDS_BAD_AMOUNT", [
      {
        path: "/amount",
        message: { zh: "金额须为正整数（分）", en: "The amount must be a positive whole number of fen" },
      },
    ]);
  const accounts = await accountsOf(trx, input.budgetLineId);
  const postings = input.kind === "reversal" ? (input.postings ?? []) : postingsOf(input.kind, input.amount);
  const result = tryPost(accounts.raw, postings);
  if (!result.ok) {
    const available = shown(accounts.raw).available;
    if (input.kind === "reserve") throw insufficientBudget(available, input.amount);
    throw balanceWouldGoNegative(input.kind);
  }
  const journalId = newId();
  await trx
    .insertInto("fund_journals")
    .values({
      id: journalId,
      budget_line_id: input.budgetLineId,
      kind: input.kind,
      amount: input.amount,
      entitlement_id: input.entitlementId ?? null,
      stage_id: input.stageId ?? null,
      batch_id: input.batchId ?? null,
      reverses_id: input.reversesId ?? null,
      memo: input.memo ?? "",
      created_at: input.at,
      created_by: input.actorId,
    })
    .execute();
  await trx
    .insertInto("fund_postings")
    .values(
      postings.map((p) => ({
        id: newId(),
        journal_id: journalId,
        account_id: accounts.ids[p.account],
        amount: p.amount,
        created_at: input.at,
      })),
    )
    .execute();
  for (const p of postings) {
    await trx
      .updateTable("fund_accounts")
      .set({ balance: sql`balance + ${p.amount}`, postings: sql`postings + 1`, updated_at: input.at })
      .where("id", "=", accounts.ids[p.account])
      .execute();
  }
  return { journalId, balances: shown(result.next) };
}

/** Undoes a journal with a reversing journal (same accounts, amounts negated). */
export async function reverseJournal(
  trx: Kysely<DB>,
  journalId: string,
  context: { actorId: string | null; at: string; memo?: string },
): Promise<{ journalId: string; balances: Balances }> {
  const journal = await trx
    .selectFrom("fund_journals")
    .selectAll()
    .where("id", "=", journalId)
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom("fund_postings")
    .innerJoin("fund_accounts", "fund_accounts.id", "fund_postings.account_id")
    .select(["fund_accounts.kind", "fund_postings.amount"])
    .where("fund_postings.journal_id", "=", journalId)
    .execute();
  const postings: Posting[] = rows.map((r) => ({ account: r.kind as AccountKind, amount: Number(r.amount) }));
  return postMovement(trx, {
    budgetLineId: journal.budget_line_id,
    kind: "reversal",
    amount: Number(journal.amount),
    entitlementId: journal.entitlement_id,
    stageId: journal.stage_id,
    batchId: journal.batch_id,
    reversesId: journalId,
    memo: context.memo ?? `冲正 ${journal.kind}`,
    actorId: context.actorId,
    at: context.at,
    postings: reversalOf(postings),
  });
}

/** Shown balances per budget line, from the cached account rows. */
export async function balancesOfLines(
  db: Kysely<DB>,
  lineIds: readonly string[],
): Promise<Map<string, Balances>> {
  const out = new Map<string, Balances>();
  if (lineIds.length === 0) return out;
  const rows = await db
    .selectFrom("fund_accounts")
    .select(["budget_line_id", "kind", "balance"])
    .where("budget_line_id", "in", [...new Set(lineIds)])
    .execute();
  const raw = new Map<string, RawBalances>();
  for (const r of rows) {
    const b = raw.get(r.budget_line_id) ?? emptyBalances();
    b[r.kind as AccountKind] = Number(r.balance);
    raw.set(r.budget_line_id, b);
  }
  for (const id of lineIds) out.set(id, shown(raw.get(id) ?? emptyBalances()));
  return out;
}
