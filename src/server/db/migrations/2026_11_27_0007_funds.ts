import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The funds domain's tables (see ../tables/funds.ts) and the platform's idempotency keys.
// Money is integer 分 in bigint columns. Postings and journals are append-only, enforced by triggers.

const APPEND_ONLY = ["fund_postings", "fund_journals"] as const;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("idempotency_keys")
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["actor_id", "scope", "key"])
    .execute();
  await db.schema
    .createIndex("idempotency_keys_created_idx")
    .on("idempotency_keys")
    .column("created_at")
    .execute();

  await db.schema
    .createTable("funds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("finance_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();

  await db.schema
    .createTable("fund_budget_lines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fund_id", "text", (c) => c.notNull().references("funds.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("measure_id", "text", (c) => c.references("policy_measures.id"))
    .addColumn("measure_label", "text")
    .addColumn("item_code", "text")
    .addColumn("stage_plan", "text")
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addUniqueConstraint("fund_budget_lines_code_uq", ["fund_id", "code"])
    .execute();
  await db.schema
    .createIndex("fund_budget_lines_item_idx")
    .on("fund_budget_lines")
    .columns(["item_code", "year"])
    .execute();
  await db.schema
    .createIndex("fund_budget_lines_measure_idx")
    .on("fund_budget_lines")
    .column("measure_id")
    .execute();

  await db.schema
    .createTable("fund_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("fund_budget_lines.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("balance", "bigint", (c) => c.notNull())
    .addColumn("postings", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("fund_accounts_line_kind_uq", ["budget_line_id", "kind"])
    .execute();

  await db.schema
    .createTable("fund_entitlements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("fund_budget_lines.id"))
    .addColumn("talent_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("talent_name", "text", (c) => c.notNull())
    .addColumn("employer_org_id", "text", (c) => c.references("organisations.id"))
    .addColumn("source_kind", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("payee_name", "text", (c) => c.notNull())
    .addColumn("payee_bank", "text", (c) => c.notNull())
    .addColumn("payee_account_enc", "text", (c) => c.notNull())
    .addColumn("payee_account_last4", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("fund_entitlements_source_uq", ["source_kind", "source_id"])
    .execute();
  await db.schema
    .createIndex("fund_entitlements_line_idx")
    .on("fund_entitlements")
    .columns(["budget_line_id", "id"])
    .execute();
  await db.schema
    .createIndex("fund_entitlements_talent_idx")
    .on("fund_entitlements")
    .columns(["talent_user_id", "id"])
    .execute();
  await db.schema
    .createIndex("fund_entitlements_employer_idx")
    .on("fund_entitlements")
    .columns(["employer_org_id", "id"])
    .execute();

  await db.schema
    .createTable("fund_stages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entitlement_id", "text", (c) => c.notNull().references("fund_entitlements.id"))
    .addColumn("no", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("condition_kind", "text", (c) => c.notNull())
    .addColumn("condition_ref", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("met_at", "text")
    .addColumn("met_by", "text")
    .addColumn("met_source_id", "text")
    .addColumn("paid_at", "text")
    .addUniqueConstraint("fund_stages_no_uq", ["entitlement_id", "no"])
    .execute();
  await db.schema.createIndex("fund_stages_status_idx").on("fund_stages").columns(["status", "id"]).execute();

  await db.schema
    .createTable("fund_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fund_id", "text", (c) => c.notNull().references("funds.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("line_count", "integer", (c) => c.notNull())
    .addColumn("approvals_required", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("approved1_by", "text")
    .addColumn("approved1_at", "text")
    .addColumn("approved2_by", "text")
    .addColumn("approved2_at", "text")
    .addColumn("exported_at", "text")
    .addColumn("closed_at", "text")
    .execute();

  await db.schema
    .createTable("fund_batch_lines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("batch_id", "text", (c) => c.notNull().references("fund_batches.id"))
    .addColumn("stage_id", "text", (c) => c.notNull().references("fund_stages.id"))
    .addColumn("entitlement_id", "text", (c) => c.notNull().references("fund_entitlements.id"))
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("fund_budget_lines.id"))
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("payee_name", "text", (c) => c.notNull())
    .addColumn("payee_bank", "text", (c) => c.notNull())
    .addColumn("payee_account_enc", "text", (c) => c.notNull())
    .addColumn("payee_account_last4", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("failure_reason", "text")
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .execute();
  await db.schema
    .createIndex("fund_batch_lines_batch_idx")
    .on("fund_batch_lines")
    .columns(["batch_id", "id"])
    .execute();
  await db.schema
    .createIndex("fund_batch_lines_stage_idx")
    .on("fund_batch_lines")
    .column("stage_id")
    .execute();

  await db.schema
    .createTable("fund_journals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("fund_budget_lines.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("entitlement_id", "text")
    .addColumn("stage_id", "text")
    .addColumn("batch_id", "text")
    .addColumn("reverses_id", "text", (c) => c.unique().references("fund_journals.id"))
    .addColumn("memo", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();
  await db.schema
    .createIndex("fund_journals_line_idx")
    .on("fund_journals")
    .columns(["budget_line_id", "id"])
    .execute();
  await db.schema
    .createIndex("fund_journals_entitlement_idx")
    .on("fund_journals")
    .column("entitlement_id")
    .execute();

  await db.schema
    .createTable("fund_postings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("journal_id", "text", (c) => c.notNull().references("fund_journals.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("fund_accounts.id"))
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // Covering indexes: the reconciliation sums amounts per journal and per account from the index alone.
  await db.schema
    .createIndex("fund_postings_journal_idx")
    .on("fund_postings")
    .columns(["journal_id", "amount"])
    .execute();
  await db.schema
    .createIndex("fund_postings_account_idx")
    .on("fund_postings")
    .columns(["account_id", "amount"])
    .execute();

  await db.schema
    .createTable("fund_subsidy_schemes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("budget_line_id", "text", (c) => c.notNull().references("fund_budget_lines.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("cap_per_person", "bigint", (c) => c.notNull())
    .addColumn("cap_per_year", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();

  await db.schema
    .createTable("fund_contributions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("talent_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("salary", "bigint")
    .addColumn("tax", "bigint")
    .addColumn("output", "bigint")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text")
    .addUniqueConstraint("fund_contributions_uq", ["talent_user_id", "year"])
    .execute();

  // The ledger is append-only: corrections are reversing journals, never edits.
  if (dialect === "postgres") {
    await sql`create function fund_ledger_append_only() returns trigger language plpgsql as $$
      begin raise exception 'the fund ledger is append-only'; end $$`.execute(db);
  }
  for (const table of APPEND_ONLY) {
    if (dialect === "sqlite") {
      await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db);
    } else {
      await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
        for each row execute function fund_ledger_append_only()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function fund_ledger_append_only()`.execute(db);
    }
  }
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  for (const table of [
    "fund_contributions",
    "fund_subsidy_schemes",
    "fund_postings",
    "fund_journals",
    "fund_batch_lines",
    "fund_batches",
    "fund_stages",
    "fund_entitlements",
    "fund_accounts",
    "fund_budget_lines",
    "funds",
    "idempotency_keys",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (dialect === "postgres") await sql`drop function fund_ledger_append_only()`.execute(db);
}
