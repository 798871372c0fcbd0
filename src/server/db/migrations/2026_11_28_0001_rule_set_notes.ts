import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// A rule set version carries the talent office's note on what changed (shown in the version list).

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("rule_sets").addColumn("note", "text").execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("rule_sets").dropColumn("note").execute();
}
