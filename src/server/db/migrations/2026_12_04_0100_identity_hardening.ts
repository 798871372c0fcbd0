import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Identity hardening (issue 12): one-time password reset links (only the token's SHA-256 stored),
// and claims of existing registry records by new portal accounts, which link nothing until proven
// by a one-time SMS code to the phone on the record or approved by the talent office.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("password_reset_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("password_reset_tokens_user_idx")
    .on("password_reset_tokens")
    .column("user_id")
    .execute();

  await db.schema
    .createTable("registry_claims")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.references("organisations.id"))
    .addColumn("talent_id", "text", (c) => c.references("talents.id"))
    .addColumn("employer_id", "text", (c) => c.references("employers.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("name_matches", "integer", (c) => c.notNull())
    .addColumn("code_hash", "text")
    .addColumn("code_expires_at", "text")
    .addColumn("code_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("codes_sent", "integer", (c) => c.notNull().defaultTo(0))
    // The employer's authorisation letter (a file of the files module; file_id makes this an attachment kind).
    .addColumn("file_id", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("registry_claims_status_idx")
    .on("registry_claims")
    .columns(["status", "created_at"])
    .execute();
  await db.schema.createIndex("registry_claims_user_idx").on("registry_claims").column("user_id").execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("registry_claims").execute();
  await db.schema.dropTable("password_reset_tokens").execute();
}
