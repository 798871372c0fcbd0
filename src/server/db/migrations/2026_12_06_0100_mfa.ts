import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Two-factor authentication (issue 12 item 8): one TOTP secret per user, sealed with the field cipher
// (lib/crypto.ts); enabled once a first code confirms it. last_step is the RFC 6238 time step of the
// last accepted code, so a code is never accepted twice. Recovery codes are kept only as keyed hashes.
// A session that has passed the password but not yet the second step is marked mfa_pending.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("user_mfa")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("enabled_at", "text")
    .addColumn("last_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mfa_recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("mfa_recovery_codes_user_idx")
    .unique()
    .on("mfa_recovery_codes")
    .columns(["user_id", "code_hash"])
    .execute();

  await db.schema
    .alterTable("sessions")
    .addColumn("mfa_pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("mfa_pending").execute();
  await db.schema.dropTable("mfa_recovery_codes").execute();
  await db.schema.dropTable("user_mfa").execute();
}
