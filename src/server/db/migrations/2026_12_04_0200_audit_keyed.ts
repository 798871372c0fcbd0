import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Audit rows name the algorithm of their hash: rows written before keyed hashing keep plain
// "sha256"; new rows are "hmac-sha256" or "hmac-sm3" under AUDIT_KEY (modules/audit/chain.ts).
// Adding a column with a default updates no row, so the append-only triggers are not involved.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("audit_log")
    .addColumn("alg", "text", (c) => c.notNull().defaultTo(sql`'sha256'`))
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("audit_log").dropColumn("alg").execute();
}
