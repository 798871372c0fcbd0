import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Money controls that wait for a second person (issue 12 items 1 and 7): a payee's bank-account
// change held for the talent office's confirmation, and a raise of the dual-approval threshold held
// for the office's co-signature. A partial unique index keeps one pending row per talent (per scope):
// two concurrent requests cannot both be pending.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("bank_account_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("old_account_enc", "text")
    .addColumn("new_account_enc", "text")
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("requested_as", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index bank_account_changes_pending_idx on bank_account_changes (talent_id) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex("bank_account_changes_status_idx")
    .on("bank_account_changes")
    .columns(["status", "created_at"])
    .execute();

  await db.schema
    .createTable("funds_settings_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("from_value", "bigint", (c) => c.notNull())
    .addColumn("to_value", "bigint", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index funds_settings_requests_pending_idx on funds_settings_requests (scope) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("funds_settings_requests").execute();
  await db.schema.dropTable("bank_account_changes").execute();
}
