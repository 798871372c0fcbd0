import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Certificates (证书) issued when a recognition is approved (modules/certificates): numbered per
// year, checked by number on the portal, revocable with a reason.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
    .addColumn("application_id", "text", (c) => c.notNull().unique())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("item_code", "text", (c) => c.notNull())
    .addColumn("item_name", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("issued_on", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("issuer_org_id", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sqlStatus()))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addColumn("revoked_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("certificates_year_seq_key", ["year", "seq"])
    .execute();
  await db.schema
    .createIndex("certificates_talent_idx")
    .on("certificates")
    .columns(["talent_id", "id"])
    .execute();
  await db.schema
    .createIndex("certificates_issuer_idx")
    .on("certificates")
    .columns(["issuer_org_id", "id"])
    .execute();
  await db.schema
    .createTable("certificate_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();
}

const sqlStatus = () => sql`status in ('valid', 'revoked')`;

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("certificate_counters").execute();
  await db.schema.dropTable("certificates").execute();
}
