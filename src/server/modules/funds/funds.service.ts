import { Value } from "@sinclair/typebox/value";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { BudgetLineRow, EntitlementRow, FundRow, StageRow } from "../../db/tables/funds.js";
import { compileRule, evaluate, explain, talentCatalogue } from "../../engine/rules/index.js";
import { type Actor, authorize, can } from "../../lib/authz.js";
import type { Deps, Op, Trx } from "../../lib/context.js";
import { AppError, conflict, type FieldError, forbidden, invalidFields, notFound } from "../../lib/errors.js";
import { requestHashOf, runIdempotent } from "../../lib/idempotency.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { BANK_ACCOUNT_FIELD, type BankCipher, maskedAccount, normaliseBankAccount } from "./bank-account.js";
import { type EntitlementSubject, type FundSubject, noteFinanceOrg } from "./funds.policy.js";
import {
  findBudgetLine,
  findEntitlement,
  findFund,
  findStage,
  fundsOfLines,
  namesOf,
  refreshEntitlementStatus,
  stagesOf,
} from "./funds.repo.js";
import {
  type AmountBody,
  type BudgetLineView,
  type ContributionBody,
  type CreateBudgetLineBody,
  type CreateEntitlementBody,
  type CreateFundBody,
  type CreateSubsidySchemeBody,
  DEFAULT_FUNDS_SETTINGS,
  type DecideSettingsRequestBody,
  type EntitlementView,
  FundsSettings,
  type FundView,
  type GrantSubsidyBody,
  type JournalView,
  type ListEntitlementsQuery,
  type MovementResult,
  type PayeeInput,
  type Reconciliation,
  type SettingsRequestView,
  type StageCondition,
  type StagePlan,
  type StageReturnBody,
  type StageReturnResult,
  type StageView,
  type SubsidySchemeView,
} from "./funds.schema.js";
import { type Balances, emptyBalances, type MovementKind } from "./ledger.js";
import {
  balancesOfLines,
  createAccounts,
  lockBudgetLine,
  postMovement,
  reverseJournal,
  yuan,
} from "./ledger.repo.js";
import { reconcile } from "./reconcile.js";
import "./funds.policy.js";

const fundLabel = { zh: "资金", en: "Fund" };
const lineLabel = { zh: "预算科目", en: "Budget line" };
const entitlementLabel = { zh: "资金待遇", en: "Entitlement" };
const stageLabel = { zh: "拨付阶段", en: "Stage" };
const journalLabel = { zh: "记账凭证", en: "Journal" };
const schemeLabel = { zh: "奖补方案", en: "Subsidy scheme" };

export const FUNDS_SETTINGS_KEY = "funds";

export const subjectOfFund = (f: Pick<FundRow, "owner_org_id" | "finance_org_id">): FundSubject => ({
  ownerOrgId: f.owner_org_id,
  financeOrgId: f.finance_org_id,
});

/** The payee the registry knows for a talent (its sealed account copied as is), if any. */
export type PayeeLookup = (
  db: Kysely<DB>,
  talentUserId: string,
) => Promise<{ name: string; bank: string; accountEnc: string } | null>;

/** Which of these talents (by account) have a bank-account change waiting for confirmation. */
export type PayeeHolds = (db: Kysely<DB>, talentUserIds: readonly string[]) => Promise<Set<string>>;

export interface FundsOptions {
  cipher: BankCipher;
  payeeOf?: PayeeLookup;
  payeeHolds?: PayeeHolds;
}

interface NewStage {
  name: string;
  amount: number;
  condition: StageCondition;
  conditionRef: string | null;
}

export interface NewEntitlement {
  budgetLineId: string;
  talentUserId: string;
  employerOrgId: string | null;
  sourceKind: "application" | "grant" | "subsidy" | "manual";
  sourceId: string;
  title: string;
  stages: NewStage[];
  payee?: PayeeInput;
  memo?: string;
}

const sumOf = (xs: readonly { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

/** Splits an amount by a stage plan's percentages; the last stage takes the rounding remainder. */
export function splitByPlan(amount: number, plan: StagePlan): NewStage[] {
  let left = amount;
  return plan
    .map((p, i) => {
      const part = i === plan.length - 1 ? left : Math.floor((amount * p.percent) / 100);
      left -= part;
      return { name: p.name, amount: part, condition: p.condition, conditionRef: p.conditionRef ?? null };
    })
    .filter((s) => s.amount > 0);
}

export function makeFundsService(deps: Deps, writeAudit: AuditWriter, options: FundsOptions) {
  const db = deps.database.db;
  const dialect = deps.database.dialect;
  const now = () => deps.clock.now().toISOString();
  // The menu shows the funds pages to the finance side of existing funds (see funds.policy.ts).
  void db
    .selectFrom("funds")
    .select("finance_org_id")
    .execute()
    .then(
      (rows) => {
        for (const r of rows) noteFinanceOrg(r.finance_org_id);
      },
      () => undefined,
    );

  // ---------- loading with authorization (objects the actor may not see answer 404) ----------

  async function visibleFund(actor: Actor, id: string, action = "funds.read"): Promise<FundRow> {
    const fund = await findFund(db, id);
    if (!fund || !can(actor, "funds.read", subjectOfFund(fund))) throw notFound(fundLabel);
    authorize(actor, action, subjectOfFund(fund));
    return fund;
  }

  async function visibleLine(actor: Actor, id: string, action = "funds.read") {
    const line = await findBudgetLine(db, id);
    if (!line) throw notFound(lineLabel);
    const fund = (await findFund(db, line.fund_id))!;
    if (!can(actor, "funds.read", subjectOfFund(fund))) throw notFound(lineLabel);
    authorize(actor, action, subjectOfFund(fund));
    return { line, fund };
  }

  async function entitlementSubject(
    e: EntitlementRow,
  ): Promise<{ fund: FundRow; subject: EntitlementSubject }> {
    const fund = (await fundsOfLines(db, [e.budget_line_id])).get(e.budget_line_id)!;
    return {
      fund,
      subject: {
        ...subjectOfFund(fund),
        talentUserId: e.talent_user_id,
        employerOrgId: e.employer_org_id,
      },
    };
  }

  async function visibleEntitlement(actor: Actor, id: string) {
    const e = await findEntitlement(db, id);
    if (!e) throw notFound(entitlementLabel);
    const { fund, subject } = await entitlementSubject(e);
    if (!can(actor, "funds.readEntitlement", subject)) throw notFound(entitlementLabel);
    return { entitlement: e, fund, subject };
  }

  // ---------- presenters ----------

  async function presentLines(lines: BudgetLineRow[]): Promise<BudgetLineView[]> {
    const balances = await balancesOfLines(
      db,
      lines.map((l) => l.id),
    );
    const measureIds = [...new Set(lines.map((l) => l.measure_id).filter((id): id is string => id !== null))];
    const measures =
      measureIds.length === 0
        ? []
        : await db
            .selectFrom("policy_measures")
            .select(["id", "label", "title"])
            .where("id", "in", measureIds)
            .execute();
    const byId = new Map(measures.map((m) => [m.id, m]));
    return lines.map((l) => {
      const m = l.measure_id ? byId.get(l.measure_id) : undefined;
      return {
        id: l.id,
        fundId: l.fund_id,
        year: l.year,
        code: l.code,
        name: l.name,
        measure: m
          ? { id: m.id, label: l.measure_label ?? m.label, title: m.title }
          : l.measure_label
            ? { id: "", label: l.measure_label, title: "" }
            : null,
        itemCode: l.item_code,
        stagePlan: l.stage_plan ? (JSON.parse(l.stage_plan) as StagePlan) : null,
        balances: balances.get(l.id) ?? emptyBalancesShown(),
      };
    });
  }

  async function presentFunds(actor: Actor, funds: FundRow[]): Promise<FundView[]> {
    if (funds.length === 0) return [];
    const orgs = await namesOf(db, "organisations", [
      ...funds.map((f) => f.owner_org_id),
      ...funds.map((f) => f.finance_org_id),
    ]);
    const lines = await db
      .selectFrom("fund_budget_lines")
      .select(["id", "fund_id"])
      .where(
        "fund_id",
        "in",
        funds.map((f) => f.id),
      )
      .execute();
    const balances = await balancesOfLines(
      db,
      lines.map((l) => l.id),
    );
    return funds.map((f) => {
      const totals = emptyBalancesShown();
      for (const l of lines) if (l.fund_id === f.id) addInto(totals, balances.get(l.id));
      const subject = subjectOfFund(f);
      return {
        id: f.id,
        code: f.code,
        name: f.name,
        description: f.description,
        owner: { id: f.owner_org_id, name: orgs.get(f.owner_org_id) ?? "" },
        finance: { id: f.finance_org_id, name: orgs.get(f.finance_org_id) ?? "" },
        totals,
        abilities: {
          manage: can(actor, "funds.manage", subject),
          allocate: can(actor, "funds.allocate", subject),
          pay: can(actor, "funds.pay", subject),
        },
      };
    });
  }

  async function presentEntitlements(actor: Actor, rows: EntitlementRow[]): Promise<EntitlementView[]> {
    if (rows.length === 0) return [];
    const [stages, funds, orgs, lines] = await Promise.all([
      stagesOf(
        db,
        rows.map((r) => r.id),
      ),
      fundsOfLines(
        db,
        rows.map((r) => r.budget_line_id),
      ),
      namesOf(
        db,
        "organisations",
        rows.map((r) => r.employer_org_id),
      ),
      db
        .selectFrom("fund_budget_lines")
        .select(["id", "code", "name", "year"])
        .where("id", "in", [...new Set(rows.map((r) => r.budget_line_id))])
        .execute(),
    ]);
    const lineById = new Map(lines.map((l) => [l.id, l]));
    return rows.map((r) => {
      const own = stages.filter((s) => s.entitlement_id === r.id);
      const fund = funds.get(r.budget_line_id)!;
      const line = lineById.get(r.budget_line_id)!;
      return {
        id: r.id,
        budgetLine: { id: line.id, code: line.code, name: line.name, year: line.year },
        fund: { id: fund.id, name: fund.name },
        talent: { id: r.talent_user_id, name: r.talent_name },
        employer: r.employer_org_id
          ? { id: r.employer_org_id, name: orgs.get(r.employer_org_id) ?? "" }
          : null,
        sourceKind: r.source_kind as EntitlementView["sourceKind"],
        sourceId: r.source_id,
        title: r.title,
        amount: Number(r.amount),
        paid: sumOf(own.filter((s) => s.status === "paid").map((s) => ({ amount: Number(s.amount) }))),
        status: r.status as EntitlementView["status"],
        payee: { name: r.payee_name, bank: r.payee_bank, account: maskedAccount(r.payee_account_last4) },
        stages: own.map(stageView),
        createdAt: r.created_at,
        abilities: { manage: can(actor, "funds.manage", subjectOfFund(fund)) },
      };
    });
  }

  // ---------- payees ----------

  async function payeeFor(
    trx: Kysely<DB>,
    talentUserId: string,
    talentName: string,
    input: PayeeInput | undefined,
  ): Promise<{ name: string; bank: string; accountEnc: string; last4: string }> {
    if (input) {
      const account = normaliseBankAccount(input.account, "/payee/account");
      if (!account.ok) throw invalidFields("FUNDS_INVALID", [account.error]);
      return {
        name: input.name.trim(),
        bank: input.bank.trim(),
        accountEnc: options.cipher.encrypt(BANK_ACCOUNT_FIELD, account.value),
        last4: account.value.slice(-4),
      };
    }
    const known = options.payeeOf ? await options.payeeOf(trx, talentUserId) : null;
    if (!known) return { name: talentName, bank: "", accountEnc: "", last4: "" };
    let last4 = "";
    try {
      last4 = options.cipher.decrypt(BANK_ACCOUNT_FIELD, known.accountEnc).slice(-4);
    } catch {
      // A ciphertext this key cannot open pays nobody: treat the account as missing.
      return { name: talentName, bank: "", accountEnc: "", last4: "" };
    }
    return { ...known, last4 };
  }

  // ---------- movements ----------

  async function moveIn(
    trx: Trx,
    op: Op | null,
    input: {
      budgetLineId: string;
      kind: MovementKind;
      amount: number;
      entitlementId?: string;
      stageId?: string;
      batchId?: string;
      memo?: string;
    },
  ) {
    return postMovement(trx, { ...input, actorId: op?.actor.userId ?? null, at: now() });
  }

  /**
   * Creates an entitlement and reserves its whole amount at once, inside the caller's transaction;
   * refuses with 409 FUNDS_INSUFFICIENT (and writes nothing, as the caller's transaction rolls back)
   * when the line cannot cover it. Stages whose condition is "on_creation" become payable at once.
   */
  async function createEntitlementIn(
    trx: Trx,
    op: Op | null,
    input: NewEntitlement,
  ): Promise<EntitlementRow> {
    const errors: FieldError[] = [];
    if (
      input.stages.length === 0 ||
      input.stages.some((s) => !Number.isSafeInteger(s.amount) || s.amount <= 0)
    )
      errors.push({
        path: "/stages",
        message: { zh: "每个阶段的金额须为正整数（分）", en: "Every stage needs a positive amount in fen" },
      });
    input.stages.forEach((s, i) => {
      if (s.condition === "application_approved" && !s.conditionRef)
        errors.push({
          path: `/stages/${i}/conditionRef`,
          message: {
            zh: "以办件审批通过为条件的阶段须指明事项编码",
            en: "A stage met by an approved application needs the item code",
          },
        });
    });
    const talent = await trx
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "=", input.talentUserId)
      .executeTakeFirst();
    if (!talent)
      errors.push({ path: "/talentUserId", message: { zh: "人才账号不存在", en: "No such talent account" } });
    if (input.employerOrgId) {
      const org = await trx
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", input.employerOrgId)
        .executeTakeFirst();
      if (!org)
        errors.push({ path: "/employerOrgId", message: { zh: "用人单位不存在", en: "No such employer" } });
    }
    if (errors.length > 0) throw invalidFields("FUNDS_INVALID", errors);
    const existing = await trx
      .selectFrom("fund_entitlements")
      .select("id")
      .where("source_kind", "=", input.sourceKind)
      .where("source_id", "=", input.sourceId)
      .executeTakeFirst();
    if (existing)
      throw conflict(
        "FUNDS_ENTITLEMENT_EXISTS",
        { zh: "该来源已有资金待遇，不能重复核定", en: "This source already has an entitlement" },
        { entitlementId: existing.id },
      );
    if (!(await lockBudgetLine(trx, dialect, input.budgetLineId))) throw notFound(lineLabel);
    const at = now();
    const amount = sumOf(input.stages);
    const payee = await payeeFor(trx, input.talentUserId, talent!.display_name, input.payee);
    const row: EntitlementRow = {
      id: newId(),
      budget_line_id: input.budgetLineId,
      talent_user_id: input.talentUserId,
      talent_name: talent!.display_name,
      employer_org_id: input.employerOrgId,
      source_kind: input.sourceKind,
      source_id: input.sourceId,
      title: input.title.trim(),
      amount,
      status: "reserved",
      payee_name: payee.name,
      payee_bank: payee.bank,
      payee_account_enc: payee.accountEnc,
      payee_account_last4: payee.last4,
      created_at: at,
      created_by: op?.actor.userId ?? null,
      updated_at: at,
    };
    await trx.insertInto("fund_entitlements").values(row).execute();
    const stages: StageRow[] = input.stages.map((s, i) => ({
      id: newId(),
      entitlement_id: row.id,
      no: i + 1,
      name: s.name,
      amount: s.amount,
      condition_kind: s.condition,
      condition_ref: s.conditionRef,
      status: "pending",
      met_at: null,
      met_by: null,
      met_source_id: null,
      paid_at: null,
    }));
    await trx.insertInto("fund_stages").values(stages).execute();
    await moveIn(trx, op, {
      budgetLineId: row.budget_line_id,
      kind: "reserve",
      amount,
      entitlementId: row.id,
      memo: input.memo ?? row.title,
    });
    for (const s of stages) {
      if (s.condition_kind !== "on_creation") continue;
      await moveIn(trx, op, {
        budgetLineId: row.budget_line_id,
        kind: "payable",
        amount: s.amount,
        entitlementId: row.id,
        stageId: s.id,
        memo: s.name,
      });
      await trx
        .updateTable("fund_stages")
        .set({ status: "payable", met_at: at, met_by: op?.actor.userId ?? null })
        .where("id", "=", s.id)
        .execute();
    }
    row.status = await refreshEntitlementStatus(trx, row.id, at);
    await writeAudit(trx, op ?? { actor: null, meta: { ip: null, requestId: null, userAgent: "rencai" } }, {
      action: "funds.entitlement.create",
      objectType: "fund_entitlement",
      objectId: row.id,
      detail: {
        budgetLineId: row.budget_line_id,
        talentUserId: row.talent_user_id,
        source: `${row.source_kind}:${row.source_id}`,
        amount,
        stages: stages.map((s) => ({ no: s.no, amount: s.amount, condition: s.condition_kind })),
      },
    });
    return row;
  }

  /** Marks a pending stage met (payable), inside the caller's transaction. */
  async function markStageMetIn(
    trx: Trx,
    op: Op | null,
    stageId: string,
    sourceId: string | null,
    memo?: string,
  ) {
    const stage = await findStage(trx, stageId);
    if (!stage) throw notFound(stageLabel);
    const entitlement = (await findEntitlement(trx, stage.entitlement_id))!;
    if (!(await lockBudgetLine(trx, dialect, entitlement.budget_line_id))) throw notFound(lineLabel);
    const fresh = (await findStage(trx, stageId))!;
    if (fresh.status !== "pending")
      throw conflict(
        "FUNDS_STAGE_NOT_PENDING",
        { zh: "该阶段已达成条件或已取消", en: "This stage is no longer pending" },
        { status: fresh.status },
      );
    const at = now();
    const moved = await moveIn(trx, op, {
      budgetLineId: entitlement.budget_line_id,
      kind: "payable",
      amount: Number(fresh.amount),
      entitlementId: entitlement.id,
      stageId,
      memo: memo ?? fresh.name,
    });
    await trx
      .updateTable("fund_stages")
      .set({ status: "payable", met_at: at, met_by: op?.actor.userId ?? null, met_source_id: sourceId })
      .where("id", "=", stageId)
      .execute();
    await refreshEntitlementStatus(trx, entitlement.id, at);
    await writeAudit(trx, op ?? { actor: null, meta: { ip: null, requestId: null, userAgent: "rencai" } }, {
      action: "funds.stage.met",
      objectType: "fund_stage",
      objectId: stageId,
      detail: { entitlementId: entitlement.id, amount: Number(fresh.amount), sourceId },
    });
    return { journalId: moved.journalId, budgetLineId: entitlement.budget_line_id, balances: moved.balances };
  }

  async function settings(trx: Kysely<DB> = db): Promise<FundsSettings> {
    const row = await trx
      .selectFrom("settings")
      .select("value")
      .where("key", "=", FUNDS_SETTINGS_KEY)
      .executeTakeFirst();
    const stored: unknown = row ? JSON.parse(row.value) : {};
    const merged = { ...DEFAULT_FUNDS_SETTINGS, ...(typeof stored === "object" ? stored : {}) };
    return Value.Check(FundsSettings, merged) ? merged : DEFAULT_FUNDS_SETTINGS;
  }

  /** Whether an officer or leader belongs to an organisation that pays some fund (finance). */
  async function paysSomeFund(actor: Actor): Promise<boolean> {
    const orgIds = actor.roles.filter((r) => r.role === "officer" || r.role === "leader").map((r) => r.orgId);
    if (orgIds.length === 0) return false;
    const row = await db
      .selectFrom("funds")
      .select("id")
      .where("finance_org_id", "in", orgIds)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async function writeSettings(trx: Trx, op: Op, next: FundsSettings, at: string) {
    const value = JSON.stringify(next);
    await trx
      .insertInto("settings")
      .values({ key: FUNDS_SETTINGS_KEY, value, updated_at: at, updated_by: op.actor.userId })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value, updated_at: at, updated_by: op.actor.userId }),
      )
      .execute();
  }

  const requestLabel = { zh: "限额调整申请", en: "Threshold request" };
  const requestDecided = () =>
    conflict("FUNDS_REQUEST_DECIDED", {
      zh: "该限额调整申请已处理或已被新的申请取代",
      en: "This threshold request has already been decided or replaced",
    });

  async function loadRequest(id: string) {
    const row = await db
      .selectFrom("funds_settings_requests")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound(requestLabel);
    return row;
  }

  async function presentRequests(
    actor: Actor,
    rows: Awaited<ReturnType<typeof loadRequest>>[],
  ): Promise<SettingsRequestView[]> {
    const names = await namesOf(
      db,
      "users",
      rows.flatMap((r) => [r.requested_by, r.decided_by]),
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      from: Number(r.from_value),
      to: Number(r.to_value),
      requestedBy: { id: r.requested_by, name: names.get(r.requested_by) ?? "" },
      createdAt: r.created_at,
      decidedBy: r.decided_by ? { id: r.decided_by, name: names.get(r.decided_by) ?? "" } : null,
      decidedAt: r.decided_at,
      note: r.note,
      abilities: {
        decide:
          r.status === "pending" && can(actor, "funds.cosignSettings") && r.requested_by !== actor.userId,
      },
    }));
  }

  /** Runs a money-moving request once per Idempotency-Key (see lib/idempotency.ts). */
  function once<T>(
    op: Op,
    scope: string,
    key: string,
    request: unknown,
    work: (trx: Trx) => Promise<T>,
    status = 200,
  ) {
    return runIdempotent(
      deps,
      { key, actorId: op.actor.userId, scope, requestHash: requestHashOf(request) },
      async (trx) => ({ status, body: await work(trx) }),
    );
  }

  return {
    settings,
    createEntitlementIn,
    markStageMetIn,
    once,
    visibleFund,
    presentEntitlements,

    /** Links budget lines that name a measure only by its label ("(七)") to the imported policy's
     * measure with that label (the newest document's); returns how many were linked. For seeding. */
    async linkMeasuresByLabel(): Promise<number> {
      const norm = (label: string) => label.replace(/（/g, "(").replace(/）/g, ")").trim();
      const lines = await db
        .selectFrom("fund_budget_lines")
        .select(["id", "measure_label"])
        .where("measure_id", "is", null)
        .where("measure_label", "is not", null)
        .execute();
      if (lines.length === 0) return 0;
      const measures = await db
        .selectFrom("policy_measures")
        .select(["id", "label"])
        .orderBy("id", "desc")
        .execute();
      let linked = 0;
      for (const line of lines) {
        const m = measures.find((x) => norm(x.label) === norm(line.measure_label!));
        if (!m) continue;
        await db
          .updateTable("fund_budget_lines")
          .set({ measure_id: m.id })
          .where("id", "=", line.id)
          .execute();
        linked += 1;
      }
      return linked;
    },

    async readSettings(op: Op): Promise<FundsSettings> {
      authorize(op.actor, "funds.read");
      return settings();
    },

    /**
     * Changes the settings. Lowering the dual-approval threshold (more control) takes effect at once,
     * by the talent office or the finance side of some fund. Raising it (less control) is only ever a
     * request by finance (202, replacing an older pending one), which takes effect when someone at
     * the talent office other than the requester co-signs it (approveSettingsRequest); the talent
     * office alone is refused (403 FUNDS_RAISE_NEEDS_FINANCE).
     */
    async updateSettings(
      op: Op,
      next: FundsSettings,
    ): Promise<{ status: 200; body: FundsSettings } | { status: 202; body: SettingsRequestView }> {
      authorize(op.actor, "funds.changeSettings");
      const office = can(op.actor, "funds.manage");
      const finance = await paysSomeFund(op.actor);
      if (!office && !finance) throw forbidden();
      const before = await settings();
      const at = now();
      if (next.dualApprovalAbove <= before.dualApprovalAbove) {
        await db.transaction().execute(async (trx) => {
          await writeSettings(trx, op, next, at);
          await writeAudit(trx, op, {
            action: "funds.settings.update",
            objectType: "settings",
            objectId: FUNDS_SETTINGS_KEY,
            detail: { before, after: next },
          });
        });
        return { status: 200, body: await settings() };
      }
      if (!finance)
        throw new AppError("forbidden", "FUNDS_RAISE_NEEDS_FINANCE", {
          zh: "提高双人审批限额须由财政部门提出申请，并经人才办另一人会签后生效",
          en: "Raising the dual-approval limit needs a request by the finance bureau and the talent office's co-signature",
        });
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("funds_settings_requests")
          .set({ status: "superseded", updated_at: at })
          .where("scope", "=", FUNDS_SETTINGS_KEY)
          .where("status", "=", "pending")
          .execute();
        await trx
          .insertInto("funds_settings_requests")
          .values({
            id,
            scope: FUNDS_SETTINGS_KEY,
            status: "pending",
            from_value: before.dualApprovalAbove,
            to_value: next.dualApprovalAbove,
            requested_by: op.actor.userId,
            decided_by: null,
            decided_at: null,
            note: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await writeAudit(trx, op, {
          action: "funds.settings.raiseRequest",
          objectType: "funds_settings_request",
          objectId: id,
          detail: { from: before.dualApprovalAbove, to: next.dualApprovalAbove },
        });
      });
      return { status: 202, body: (await presentRequests(op.actor, [await loadRequest(id)]))[0]! };
    },

    async listSettingsRequests(op: Op): Promise<SettingsRequestView[]> {
      authorize(op.actor, "funds.read");
      const rows = await db
        .selectFrom("funds_settings_requests")
        .selectAll()
        .where("scope", "=", FUNDS_SETTINGS_KEY)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(20)
        .execute();
      return presentRequests(op.actor, rows);
    },

    /** The talent office's co-signature (approve) or refusal (reject) of a pending raise; once. */
    async decideSettingsRequest(
      op: Op,
      id: string,
      decision: "approve" | "reject",
      input: DecideSettingsRequestBody,
    ): Promise<SettingsRequestView> {
      authorize(op.actor, "funds.cosignSettings");
      const request = await loadRequest(id);
      if (request.status !== "pending") throw requestDecided();
      if (request.requested_by === op.actor.userId)
        throw conflict("FUNDS_COSIGN_SELF", {
          zh: "提高限额的申请须由申请人以外的人才办工作人员会签",
          en: "A raise is co-signed by someone at the talent office other than its requester",
        });
      const at = now();
      const note = input.note?.trim() || null;
      await db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable("funds_settings_requests")
          .set({
            status: decision === "approve" ? "approved" : "rejected",
            decided_by: op.actor.userId,
            decided_at: at,
            note,
            updated_at: at,
          })
          .where("id", "=", id)
          .where("status", "=", "pending")
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw requestDecided();
        const before = await settings(trx);
        const after = { ...before, dualApprovalAbove: Number(request.to_value) };
        if (decision === "approve") await writeSettings(trx, op, after, at);
        await writeAudit(trx, op, {
          action: decision === "approve" ? "funds.settings.raiseApprove" : "funds.settings.raiseReject",
          objectType: "funds_settings_request",
          objectId: id,
          detail: {
            requestedBy: request.requested_by,
            from: before.dualApprovalAbove,
            to: Number(request.to_value),
            ...(note ? { note } : {}),
          },
        });
      });
      return (await presentRequests(op.actor, [await loadRequest(id)]))[0]!;
    },

    // ---------- funds and budget lines ----------

    async listFunds(op: Op): Promise<FundView[]> {
      authorize(op.actor, "funds.read");
      const rows = await db.selectFrom("funds").selectAll().orderBy("id", "desc").execute();
      return presentFunds(
        op.actor,
        rows.filter((f) => can(op.actor, "funds.read", subjectOfFund(f))),
      );
    },

    async getFund(op: Op, id: string): Promise<FundView> {
      const fund = await visibleFund(op.actor, id);
      return (await presentFunds(op.actor, [fund]))[0]!;
    },

    async createFund(op: Op, input: CreateFundBody): Promise<FundView> {
      authorize(op.actor, "funds.manage");
      const owner = op.actor.roles.find((r) => r.role === "talent_office")!.orgId;
      const finance = await db
        .selectFrom("organisations")
        .select(["id", "kind"])
        .where("id", "=", input.financeOrgId)
        .executeTakeFirst();
      if (finance?.kind !== "party_gov")
        throw invalidFields("FUNDS_INVALID", [
          {
            path: "/financeOrgId",
            message: {
              zh: "财政部门须为党政机关单位",
              en: "The finance organisation must be a government body",
            },
          },
        ]);
      const taken = await db
        .selectFrom("funds")
        .select("id")
        .where("code", "=", input.code)
        .executeTakeFirst();
      if (taken)
        throw conflict(
          "FUNDS_CODE_TAKEN",
          { zh: "资金编码已存在", en: "A fund with this code exists" },
          { fundId: taken.id },
        );
      const row: FundRow = {
        id: newId(),
        code: input.code,
        name: input.name.trim(),
        owner_org_id: owner,
        finance_org_id: input.financeOrgId,
        description: input.description?.trim() ?? "",
        created_at: now(),
        created_by: op.actor.userId,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("funds").values(row).execute();
        noteFinanceOrg(row.finance_org_id);
        await writeAudit(trx, op, {
          action: "funds.fund.create",
          objectType: "fund",
          objectId: row.id,
          detail: { code: row.code, name: row.name, financeOrgId: row.finance_org_id },
        });
      });
      return (await presentFunds(op.actor, [row]))[0]!;
    },

    async listBudgetLines(op: Op, fundId: string, year?: number): Promise<BudgetLineView[]> {
      await visibleFund(op.actor, fundId);
      let q = db.selectFrom("fund_budget_lines").selectAll().where("fund_id", "=", fundId);
      if (year !== undefined) q = q.where("year", "=", year);
      return presentLines(await q.orderBy("year", "desc").orderBy("code").execute());
    },

    async getBudgetLine(op: Op, id: string): Promise<BudgetLineView> {
      const { line } = await visibleLine(op.actor, id);
      return (await presentLines([line]))[0]!;
    },

    async createBudgetLine(op: Op, fundId: string, input: CreateBudgetLineBody): Promise<BudgetLineView> {
      const fund = await visibleFund(op.actor, fundId, "funds.manage");
      const errors: FieldError[] = [];
      let measureLabel: string | null = input.measureLabel?.trim() ?? null;
      if (input.measureId) {
        const m = await db
          .selectFrom("policy_measures")
          .select(["id", "label"])
          .where("id", "=", input.measureId)
          .executeTakeFirst();
        if (!m) errors.push({ path: "/measureId", message: { zh: "政策条款不存在", en: "No such measure" } });
        else measureLabel = m.label;
      }
      if (input.stagePlan) {
        const total = input.stagePlan.reduce((s, p) => s + p.percent, 0);
        if (total !== 100)
          errors.push({
            path: "/stagePlan",
            message: {
              zh: `各阶段比例之和须为100（现为${total}）`,
              en: `Stage percentages must sum to 100 (got ${total})`,
            },
          });
      }
      if (errors.length > 0) throw invalidFields("FUNDS_INVALID", errors);
      const taken = await db
        .selectFrom("fund_budget_lines")
        .select("id")
        .where("fund_id", "=", fund.id)
        .where("code", "=", input.code)
        .executeTakeFirst();
      if (taken)
        throw conflict(
          "FUNDS_LINE_CODE_TAKEN",
          { zh: "该资金下已有此编码的预算科目", en: "This fund already has a budget line with this code" },
          { budgetLineId: taken.id },
        );
      const at = now();
      const row: BudgetLineRow = {
        id: newId(),
        fund_id: fund.id,
        year: input.year,
        code: input.code,
        name: input.name.trim(),
        measure_id: input.measureId ?? null,
        measure_label: measureLabel,
        item_code: input.itemCode ?? null,
        stage_plan: input.stagePlan ? JSON.stringify(input.stagePlan) : null,
        version: 0,
        created_at: at,
        created_by: op.actor.userId,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("fund_budget_lines").values(row).execute();
        await createAccounts(trx, row.id, at);
        await writeAudit(trx, op, {
          action: "funds.line.create",
          objectType: "fund_budget_line",
          objectId: row.id,
          detail: {
            fundId: fund.id,
            year: row.year,
            code: row.code,
            measureId: row.measure_id,
            itemCode: row.item_code,
          },
        });
      });
      return (await presentLines([row]))[0]!;
    },

    /** The finance bureau allocates (or takes back) budget on a line. Idempotent per key. */
    async allocate(
      op: Op,
      lineId: string,
      input: AmountBody,
      key: string,
      kind: "allocate" | "deallocate" = "allocate",
    ) {
      await visibleLine(op.actor, lineId, "funds.allocate");
      return once(op, `funds.${kind}`, key, { lineId, input }, async (trx): Promise<MovementResult> => {
        if (!(await lockBudgetLine(trx, dialect, lineId))) throw notFound(lineLabel);
        const moved = await moveIn(trx, op, {
          budgetLineId: lineId,
          kind,
          amount: input.amount,
          memo: input.memo,
        });
        await writeAudit(trx, op, {
          action: `funds.${kind}`,
          objectType: "fund_budget_line",
          objectId: lineId,
          detail: { amount: input.amount, journalId: moved.journalId, memo: input.memo ?? null },
        });
        return { journalId: moved.journalId, budgetLineId: lineId, balances: moved.balances };
      });
    },

    /** Corrects a budget adjustment (allocate/deallocate) by a reversing journal. Idempotent per key. */
    async reverse(op: Op, journalId: string, memo: string | undefined, key: string) {
      const journal = await db
        .selectFrom("fund_journals")
        .selectAll()
        .where("id", "=", journalId)
        .executeTakeFirst();
      if (!journal) throw notFound(journalLabel);
      await visibleLine(op.actor, journal.budget_line_id, "funds.allocate");
      if (journal.kind !== "allocate" && journal.kind !== "deallocate")
        throw conflict("FUNDS_NOT_REVERSIBLE", {
          zh: "只能冲正预算下达或调减凭证；待遇和支付通过取消、支付失败等操作更正",
          en: "Only allocations can be reversed here; entitlements and payments are corrected by their own operations",
        });
      return once(op, "funds.reverse", key, { journalId, memo }, async (trx): Promise<MovementResult> => {
        if (!(await lockBudgetLine(trx, dialect, journal.budget_line_id))) throw notFound(lineLabel);
        const already = await trx
          .selectFrom("fund_journals")
          .select("id")
          .where("reverses_id", "=", journalId)
          .executeTakeFirst();
        if (already)
          throw conflict(
            "FUNDS_ALREADY_REVERSED",
            { zh: "该凭证已冲正", en: "This journal has already been reversed" },
            { reversalId: already.id },
          );
        const moved = await reverseJournal(trx, journalId, { actorId: op.actor.userId, at: now(), memo });
        await writeAudit(trx, op, {
          action: "funds.reverse",
          objectType: "fund_journal",
          objectId: journalId,
          detail: { reversalId: moved.journalId, amount: Number(journal.amount) },
        });
        return { journalId: moved.journalId, budgetLineId: journal.budget_line_id, balances: moved.balances };
      });
    },

    async listJournals(op: Op, lineId: string, query: { cursor?: string; limit?: number }) {
      await visibleLine(op.actor, lineId);
      const limit = query.limit ?? 50;
      const before = decodeCursor<string>(query.cursor, "string");
      let q = db.selectFrom("fund_journals").selectAll().where("budget_line_id", "=", lineId);
      if (before !== undefined) q = q.where("id", "<", before);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      const ids = page.items.map((r) => r.id);
      const [postings, reversals, users] = await Promise.all([
        ids.length === 0
          ? []
          : db
              .selectFrom("fund_postings")
              .innerJoin("fund_accounts", "fund_accounts.id", "fund_postings.account_id")
              .select(["fund_postings.journal_id", "fund_accounts.kind", "fund_postings.amount"])
              .where("fund_postings.journal_id", "in", ids)
              .orderBy("fund_postings.id")
              .execute(),
        ids.length === 0
          ? []
          : db
              .selectFrom("fund_journals")
              .select(["id", "reverses_id"])
              .where("reverses_id", "in", ids)
              .execute(),
        namesOf(
          db,
          "users",
          page.items.map((r) => r.created_by),
        ),
      ]);
      const items: JournalView[] = page.items.map((r) => ({
        id: r.id,
        kind: r.kind,
        amount: Number(r.amount),
        memo: r.memo,
        entitlementId: r.entitlement_id,
        stageId: r.stage_id,
        batchId: r.batch_id,
        reversesId: r.reverses_id,
        reversedBy: reversals.find((x) => x.reverses_id === r.id)?.id ?? null,
        createdAt: r.created_at,
        createdBy: r.created_by ? { id: r.created_by, name: users.get(r.created_by) ?? "" } : null,
        postings: postings
          .filter((p) => p.journal_id === r.id)
          .map((p) => ({ account: p.kind, amount: Number(p.amount) })),
      }));
      return { items, nextCursor: page.nextCursor };
    },

    // ---------- entitlements ----------

    /** The talent office approves an entitlement: amount fixed now, reserved at once or refused (409). */
    async createEntitlement(op: Op, input: CreateEntitlementBody, key: string) {
      const { fund } = await visibleLine(op.actor, input.budgetLineId, "funds.manage");
      const stages: NewStage[] = input.stages
        ? input.stages.map((s) => ({
            name: s.name,
            amount: s.amount,
            condition: s.condition,
            conditionRef: s.conditionRef ?? null,
          }))
        : input.amount !== undefined
          ? [{ name: "一次性拨付", amount: input.amount, condition: "on_creation", conditionRef: null }]
          : [];
      if (
        stages.length === 0 ||
        (input.stages && input.amount !== undefined && input.amount !== sumOf(stages))
      )
        throw invalidFields("FUNDS_INVALID", [
          {
            path: "/stages",
            message: {
              zh: "请给出金额或各阶段（两者都给时须相等）",
              en: "Give an amount or stages (if both, they must agree)",
            },
          },
        ]);
      // The talent is named by account id or, as people type it, by username.
      const talentUser = await db
        .selectFrom("users")
        .select("id")
        .where((eb) => eb.or([eb("id", "=", input.talentUserId), eb("username", "=", input.talentUserId)]))
        .executeTakeFirst();
      return once(
        op,
        "funds.entitlement.create",
        key,
        input,
        async (trx) => {
          const row = await createEntitlementIn(trx, op, {
            budgetLineId: input.budgetLineId,
            talentUserId: talentUser?.id ?? input.talentUserId,
            employerOrgId: input.employerOrgId ?? null,
            sourceKind: input.sourceKind ?? "manual",
            sourceId: input.sourceId ?? `${fund.code}-${newId()}`,
            title: input.title,
            stages,
            payee: input.payee,
          });
          return { id: row.id, status: row.status, amount: Number(row.amount) };
        },
        201,
      );
    },

    async listEntitlements(op: Op, query: ListEntitlementsQuery) {
      authorize(op.actor, "funds.read");
      const limit = query.limit ?? 50;
      const visibleFunds = (await db.selectFrom("funds").selectAll().execute())
        .filter((f) => can(op.actor, "funds.read", subjectOfFund(f)))
        .map((f) => f.id);
      if (visibleFunds.length === 0) return { items: [], nextCursor: null };
      const before = decodeCursor<string>(query.cursor, "string");
      let q = db
        .selectFrom("fund_entitlements")
        .innerJoin("fund_budget_lines", "fund_budget_lines.id", "fund_entitlements.budget_line_id")
        .selectAll("fund_entitlements")
        .where("fund_budget_lines.fund_id", "in", visibleFunds);
      if (query.fundId) q = q.where("fund_budget_lines.fund_id", "=", query.fundId);
      if (query.budgetLineId) q = q.where("fund_entitlements.budget_line_id", "=", query.budgetLineId);
      if (query.measureId) q = q.where("fund_budget_lines.measure_id", "=", query.measureId);
      if (query.status) q = q.where("fund_entitlements.status", "=", query.status);
      if (query.payableOnly) q = q.where("fund_entitlements.status", "=", "payable");
      if (before !== undefined) q = q.where("fund_entitlements.id", "<", before);
      const rows = await q
        .orderBy("fund_entitlements.id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await presentEntitlements(op.actor, page.items), nextCursor: page.nextCursor };
    },

    /** A talent's own entitlements; an employer's staff's. */
    async mine(op: Op, query: { cursor?: string; limit?: number }) {
      authorize(op.actor, "funds.mine");
      const limit = query.limit ?? 50;
      const before = decodeCursor<string>(query.cursor, "string");
      const employerOrgs = op.actor.roles.filter((r) => r.role === "employer").map((r) => r.orgId);
      const isTalent = op.actor.roles.some((r) => r.role === "talent");
      let q = db
        .selectFrom("fund_entitlements")
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(isTalent ? [eb("talent_user_id", "=", op.actor.userId)] : []),
            ...(employerOrgs.length > 0 ? [eb("employer_org_id", "in", employerOrgs)] : []),
          ]),
        );
      if (before !== undefined) q = q.where("id", "<", before);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await presentEntitlements(op.actor, page.items), nextCursor: page.nextCursor };
    },

    async getEntitlement(op: Op, id: string) {
      const { entitlement } = await visibleEntitlement(op.actor, id);
      const [view] = await presentEntitlements(op.actor, [entitlement]);
      const payments = await db
        .selectFrom("fund_batch_lines")
        .innerJoin("fund_batches", "fund_batches.id", "fund_batch_lines.batch_id")
        .select([
          "fund_batch_lines.id",
          "fund_batch_lines.stage_id",
          "fund_batch_lines.amount",
          "fund_batch_lines.status",
          "fund_batch_lines.failure_reason",
          "fund_batch_lines.resolved_at",
          "fund_batches.id as batch_id",
          "fund_batches.title as batch_title",
        ])
        .where("fund_batch_lines.entitlement_id", "=", id)
        .orderBy("fund_batch_lines.id")
        .execute();
      return {
        ...view!,
        payments: payments.map((p) => ({
          id: p.id,
          stageId: p.stage_id,
          amount: Number(p.amount),
          status: p.status as "pending" | "paid" | "failed",
          failureReason: p.failure_reason,
          resolvedAt: p.resolved_at,
          batch: { id: p.batch_id, title: p.batch_title },
        })),
      };
    },

    async markStageMet(op: Op, stageId: string, input: { sourceId?: string; memo?: string }, key: string) {
      const stage = await findStage(db, stageId);
      if (!stage) throw notFound(stageLabel);
      const { subject } = await visibleEntitlement(op.actor, stage.entitlement_id);
      if (!can(op.actor, "funds.manage", subject)) throw forbidden();
      return once(op, "funds.stage.met", key, { stageId, input }, (trx) =>
        markStageMetIn(trx, op, stageId, input.sourceId ?? null, input.memo),
      );
    },

    /**
     * Money paid on a stage came back from the payee (追回): the whole paid amount moves paid → returned
     * and then returned → available (the ledger's `return` and `reuse`), so the line can spend it again.
     * The stage becomes "returned". The fund's finance side records it; idempotent per key.
     */
    async returnStage(op: Op, stageId: string, input: StageReturnBody, key: string) {
      const stage = await findStage(db, stageId);
      if (!stage) throw notFound(stageLabel);
      const { entitlement, subject } = await visibleEntitlement(op.actor, stage.entitlement_id);
      if (!can(op.actor, "funds.pay", subject)) throw forbidden();
      const reason = input.reason.trim();
      if (reason.length < 2)
        throw invalidFields("FUNDS_INVALID", [
          { path: "/reason", message: { zh: "请填写追回原因", en: "Give the reason for the return" } },
        ]);
      return once(
        op,
        "funds.stage.return",
        key,
        { stageId, reason },
        async (trx): Promise<StageReturnResult> => {
          if (!(await lockBudgetLine(trx, dialect, entitlement.budget_line_id))) throw notFound(lineLabel);
          const current = await findStage(trx, stageId);
          if (current?.status !== "paid")
            throw conflict("FUNDS_STAGE_NOT_PAID", {
              zh: "只有已支付的阶段才能登记资金追回",
              en: "Only a paid stage can be recorded as returned",
            });
          const amount = Number(current.amount);
          const memo = `追回：${reason}`;
          const common = {
            budgetLineId: entitlement.budget_line_id,
            amount,
            entitlementId: entitlement.id,
            stageId,
            memo,
          };
          const returned = await moveIn(trx, op, { ...common, kind: "return" });
          const reused = await moveIn(trx, op, { ...common, kind: "reuse" });
          const at = now();
          await trx
            .updateTable("fund_stages")
            .set({ status: "returned" })
            .where("id", "=", stageId)
            .execute();
          const status = await refreshEntitlementStatus(trx, entitlement.id, at);
          await writeAudit(trx, op, {
            action: "funds.stage.return",
            objectType: "fund_stage",
            objectId: stageId,
            detail: {
              entitlementId: entitlement.id,
              amount,
              reason,
              returnJournalId: returned.journalId,
              reuseJournalId: reused.journalId,
            },
          });
          return {
            stageId,
            entitlementId: entitlement.id,
            status,
            returned: amount,
            returnJournalId: returned.journalId,
            reuseJournalId: reused.journalId,
            budgetLineId: entitlement.budget_line_id,
            balances: reused.balances,
          };
        },
      );
    },

    /** Cancels what is not yet paid or in a batch: pending stages are released, payable ones reversed then released. */
    async cancelEntitlement(op: Op, id: string, reason: string, key: string) {
      const { entitlement, subject } = await visibleEntitlement(op.actor, id);
      if (!can(op.actor, "funds.manage", subject)) throw forbidden();
      return once(op, "funds.entitlement.cancel", key, { id, reason }, async (trx) => {
        if (!(await lockBudgetLine(trx, dialect, entitlement.budget_line_id))) throw notFound(lineLabel);
        const stages = await stagesOf(trx, [id]);
        const open = stages.filter((s) => s.status === "pending" || s.status === "payable");
        if (open.length === 0)
          throw conflict("FUNDS_NOTHING_TO_CANCEL", {
            zh: "没有可取消的阶段（已支付或正在支付）",
            en: "Nothing left to cancel (paid or in a payment batch)",
          });
        const at = now();
        let released = 0;
        for (const s of open) {
          if (s.status === "payable") {
            const made = await trx
              .selectFrom("fund_journals")
              .select("id")
              .where("stage_id", "=", s.id)
              .where("kind", "=", "payable")
              .orderBy("id", "desc")
              .executeTakeFirstOrThrow();
            await reverseJournal(trx, made.id, { actorId: op.actor.userId, at, memo: `取消：${reason}` });
          }
          await moveIn(trx, op, {
            budgetLineId: entitlement.budget_line_id,
            kind: "release",
            amount: Number(s.amount),
            entitlementId: id,
            stageId: s.id,
            memo: `取消：${reason}`,
          });
          released += Number(s.amount);
          await trx.updateTable("fund_stages").set({ status: "cancelled" }).where("id", "=", s.id).execute();
        }
        const status = await refreshEntitlementStatus(trx, id, at);
        await writeAudit(trx, op, {
          action: "funds.entitlement.cancel",
          objectType: "fund_entitlement",
          objectId: id,
          detail: { released, reason },
        });
        return { id, status, released };
      });
    },

    // ---------- post-hoc subsidies (事后奖补) ----------

    async createSubsidyScheme(op: Op, input: CreateSubsidySchemeBody): Promise<SubsidySchemeView> {
      await visibleLine(op.actor, input.budgetLineId, "funds.manage");
      compileRule(input.rule, talentCatalogue, "amount");
      const row = {
        id: newId(),
        budget_line_id: input.budgetLineId,
        name: input.name.trim(),
        rule: JSON.stringify(input.rule),
        cap_per_person: input.capPerPerson,
        cap_per_year: input.capPerYear,
        created_at: now(),
        created_by: op.actor.userId,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("fund_subsidy_schemes").values(row).execute();
        await writeAudit(trx, op, {
          action: "funds.subsidy.scheme",
          objectType: "fund_subsidy_scheme",
          objectId: row.id,
          detail: {
            budgetLineId: row.budget_line_id,
            name: row.name,
            capPerPerson: row.cap_per_person,
            capPerYear: row.cap_per_year,
          },
        });
      });
      return schemeView(row);
    },

    async listSubsidySchemes(op: Op, fundId: string): Promise<SubsidySchemeView[]> {
      await visibleFund(op.actor, fundId);
      const rows = await db
        .selectFrom("fund_subsidy_schemes")
        .innerJoin("fund_budget_lines", "fund_budget_lines.id", "fund_subsidy_schemes.budget_line_id")
        .selectAll("fund_subsidy_schemes")
        .where("fund_budget_lines.fund_id", "=", fundId)
        .orderBy("fund_subsidy_schemes.id")
        .execute();
      return rows.map(schemeView);
    },

    /** Records (or corrects) a talent's contribution for a year: salary, tax, output in 分. */
    async recordContribution(op: Op, input: ContributionBody) {
      authorize(op.actor, "funds.manage");
      const talent = await db
        .selectFrom("users")
        .select("id")
        .where("id", "=", input.talentUserId)
        .executeTakeFirst();
      if (!talent)
        throw invalidFields("FUNDS_INVALID", [
          { path: "/talentUserId", message: { zh: "人才账号不存在", en: "No such talent account" } },
        ]);
      const at = now();
      const values = {
        salary: input.salary ?? null,
        tax: input.tax ?? null,
        output: input.output ?? null,
        recorded_at: at,
        recorded_by: op.actor.userId,
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("fund_contributions")
          .values({ id: newId(), talent_user_id: input.talentUserId, year: input.year, ...values })
          .onConflict((oc) => oc.columns(["talent_user_id", "year"]).doUpdateSet(values))
          .execute();
        await writeAudit(trx, op, {
          action: "funds.contribution.record",
          objectType: "user",
          objectId: input.talentUserId,
          detail: { year: input.year, salary: values.salary, tax: values.tax, output: values.output },
        });
      });
      return {
        talentUserId: input.talentUserId,
        year: input.year,
        salary: values.salary,
        tax: values.tax,
        output: values.output,
      };
    },

    /**
     * Computes a post-hoc subsidy from the recorded contribution by the scheme's amount rule, caps it
     * (per person and year, and the scheme's total per year) and reserves it as an entitlement.
     */
    async grantSubsidy(op: Op, schemeId: string, input: GrantSubsidyBody, key: string) {
      const scheme = await db
        .selectFrom("fund_subsidy_schemes")
        .selectAll()
        .where("id", "=", schemeId)
        .executeTakeFirst();
      if (!scheme) throw notFound(schemeLabel);
      await visibleLine(op.actor, scheme.budget_line_id, "funds.manage");
      const rule = compileRule(JSON.parse(scheme.rule), talentCatalogue, "amount");
      return once(
        op,
        "funds.subsidy.grant",
        key,
        { schemeId, input },
        async (trx) => {
          if (!(await lockBudgetLine(trx, dialect, scheme.budget_line_id))) throw notFound(lineLabel);
          const c = await trx
            .selectFrom("fund_contributions")
            .selectAll()
            .where("talent_user_id", "=", input.talentUserId)
            .where("year", "=", input.year)
            .executeTakeFirst();
          if (!c)
            throw new AppError("unprocessable", "FUNDS_NO_CONTRIBUTION", {
              zh: `尚未登记该人才 ${input.year} 年度的贡献数据`,
              en: `No contribution recorded for this talent in ${input.year}`,
            });
          const profile = { salaryYearly: c.salary, taxYearly: c.tax, outputYearly: c.output };
          const asOf = `${input.year}-12-31`;
          const computed = evaluate(rule, profile, { asOf }) as number | null;
          if (computed === null)
            throw new AppError("unprocessable", "FUNDS_AMOUNT_UNKNOWN", {
              zh: "贡献数据不全，无法计算奖补金额",
              en: "The contribution data is incomplete; the amount cannot be computed",
            });
          const sourcePrefix = `${schemeId}:`;
          const granted = await trx
            .selectFrom("fund_entitlements")
            .select(["talent_user_id", "amount", "source_id"])
            .where("source_kind", "=", "subsidy")
            .where("source_id", "like", `${sourcePrefix}%:${input.year}`)
            .where("status", "!=", "cancelled")
            .execute();
          const yearTotal = granted.reduce((s, g) => s + Number(g.amount), 0);
          const personTotal = granted
            .filter((g) => g.talent_user_id === input.talentUserId)
            .reduce((s, g) => s + Number(g.amount), 0);
          const capped = Math.min(
            computed,
            Number(scheme.cap_per_person) - personTotal,
            Number(scheme.cap_per_year) - yearTotal,
          );
          if (capped <= 0)
            throw conflict(
              "FUNDS_CAP_REACHED",
              {
                zh: computed <= 0 ? "按规则计算的奖补金额为零" : "已达到个人或年度奖补上限",
                en:
                  computed <= 0 ? "The rule computes no subsidy" : "The per-person or yearly cap is reached",
              },
              { computed, personTotal, yearTotal },
            );
          const row = await createEntitlementIn(trx, op, {
            budgetLineId: scheme.budget_line_id,
            talentUserId: input.talentUserId,
            employerOrgId: input.employerOrgId ?? null,
            sourceKind: "subsidy",
            sourceId: `${schemeId}:${input.talentUserId}:${input.year}`,
            title: `${scheme.name}（${input.year}年度）`,
            stages: [{ name: "奖补", amount: capped, condition: "on_creation", conditionRef: null }],
            payee: input.payee,
          });
          return {
            computed,
            capped,
            explanation: explain(rule, profile, { asOf }),
            entitlementId: row.id,
          };
        },
        201,
      );
    },

    // ---------- reconciliation ----------

    /** Ledger totals per account against the sum of postings, journals summing to zero, invariants. */
    async reconcile(op: Op, fundId?: string): Promise<Reconciliation> {
      authorize(op.actor, "funds.reconcile");
      const ids = (await db.selectFrom("funds").selectAll().execute())
        .filter((f) => can(op.actor, "funds.reconcile", subjectOfFund(f)) && (!fundId || f.id === fundId))
        .map((f) => f.id);
      if (fundId && ids.length === 0) throw notFound(fundLabel);
      const report = await reconcile(db, ids, deps.clock.now());
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          action: "funds.reconcile",
          objectType: "fund",
          objectId: fundId ?? null,
          result: report.ok ? "ok" : "failed",
          detail: {
            funds: ids.length,
            accounts: report.accounts.length,
            mismatched: report.accounts.filter((a) => !a.ok).length,
            unbalancedJournals: report.unbalancedJournals.length,
            lineProblems: report.lineProblems.length,
          },
        }),
      );
      return report;
    },

    // ---------- dashboard ----------

    async dashboard(op: Op, query: { year?: number; fundId?: string }) {
      authorize(op.actor, "funds.read");
      const funds = (await db.selectFrom("funds").selectAll().orderBy("id").execute()).filter(
        (f) => can(op.actor, "funds.read", subjectOfFund(f)) && (!query.fundId || f.id === query.fundId),
      );
      if (funds.length === 0) return { year: query.year ?? null, funds: [], measures: [] };
      let q = db
        .selectFrom("fund_budget_lines")
        .selectAll()
        .where(
          "fund_id",
          "in",
          funds.map((f) => f.id),
        );
      if (query.year !== undefined) q = q.where("year", "=", query.year);
      const lines = await presentLines(await q.orderBy("code").execute());
      const paidTalents =
        lines.length === 0
          ? []
          : await db
              .selectFrom("fund_stages")
              .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_stages.entitlement_id")
              .select(["fund_entitlements.budget_line_id", "fund_entitlements.talent_user_id"])
              .where(
                "fund_entitlements.budget_line_id",
                "in",
                lines.map((l) => l.id),
              )
              .where("fund_stages.status", "=", "paid")
              .groupBy(["fund_entitlements.budget_line_id", "fund_entitlements.talent_user_id"])
              .execute();
      const byMeasure = new Map<
        string,
        {
          measure: BudgetLineView["measure"];
          allocated: number;
          reserved: number;
          paid: number;
          talents: Set<string>;
        }
      >();
      const measureKey = (l: BudgetLineView) => l.measure?.id || l.measure?.label || "";
      const lineMeasure = new Map(lines.map((l) => [l.id, measureKey(l)]));
      for (const l of lines) {
        const k = measureKey(l);
        const m = byMeasure.get(k) ?? {
          measure: l.measure,
          allocated: 0,
          reserved: 0,
          paid: 0,
          talents: new Set(),
        };
        m.allocated += l.balances.allocated;
        m.reserved += l.balances.reserved + l.balances.payable;
        m.paid += l.balances.paid;
        byMeasure.set(k, m);
      }
      for (const t of paidTalents)
        byMeasure.get(lineMeasure.get(t.budget_line_id) ?? "")?.talents.add(t.talent_user_id);
      return {
        year: query.year ?? null,
        funds: funds.map((f) => {
          const own = lines.filter((l) => l.fundId === f.id);
          const totals = emptyBalancesShown();
          for (const l of own) addInto(totals, l.balances);
          return { id: f.id, name: f.name, totals, lines: own };
        }),
        measures: [...byMeasure.values()].map((m) => ({
          measure: m.measure,
          allocated: m.allocated,
          reserved: m.reserved,
          paid: m.paid,
          talentsPaid: m.talents.size,
        })),
      };
    },
  };
}
export type FundsService = ReturnType<typeof makeFundsService>;

function stageView(s: StageRow): StageView {
  return {
    id: s.id,
    no: s.no,
    name: s.name,
    amount: Number(s.amount),
    condition: s.condition_kind as StageCondition,
    conditionRef: s.condition_ref,
    status: s.status as StageView["status"],
    metAt: s.met_at,
    paidAt: s.paid_at,
  };
}

function schemeView(r: {
  id: string;
  budget_line_id: string;
  name: string;
  rule: string;
  cap_per_person: number;
  cap_per_year: number;
  created_at: string;
}): SubsidySchemeView {
  return {
    id: r.id,
    budgetLineId: r.budget_line_id,
    name: r.name,
    rule: JSON.parse(r.rule) as unknown,
    capPerPerson: Number(r.cap_per_person),
    capPerYear: Number(r.cap_per_year),
    createdAt: r.created_at,
  };
}

const emptyBalancesShown = (): Balances => emptyBalances();

function addInto(total: Balances, b: Balances | undefined): void {
  if (!b) return;
  for (const k of Object.keys(total) as (keyof Balances)[]) total[k] += b[k];
}

export { yuan };
