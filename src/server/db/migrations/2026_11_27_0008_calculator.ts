import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The calculator domain's tables (see ../tables/calculator.ts): 免申即享 runs with their progress
// and result sets, and the offers eligible talents confirm or decline.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("proactive_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_code", "text", (c) => c.notNull())
    .addColumn("item_name", "text", (c) => c.notNull())
    .addColumn("item_version_id", "text", (c) => c.notNull().references("service_item_versions.id"))
    .addColumn("item_version", "integer", (c) => c.notNull())
    .addColumn("rule_json", "text", (c) => c.notNull())
    .addColumn("rule_sha256", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("snapshot_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("processed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("eligible", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unknown", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("offered", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cursor", "text")
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("error", "text")
    .addColumn("started_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("proactive_runs_status_idx")
    .on("proactive_runs")
    .columns(["status", "id"])
    .execute();

  await db.schema
    .createTable("proactive_run_results")
    .addColumn("run_id", "text", (c) => c.notNull().references("proactive_runs.id"))
    .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("masked_name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("proactive_run_results_pk", ["run_id", "talent_id"])
    .execute();

  await db.schema
    .createTable("proactive_offers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull().references("proactive_runs.id"))
    .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("item_code", "text", (c) => c.notNull())
    .addColumn("item_name", "text", (c) => c.notNull())
    .addColumn("item_version_id", "text", (c) => c.notNull().references("service_item_versions.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("application_id", "text", (c) => c.references("applications.id"))
    .addColumn("decline_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addUniqueConstraint("proactive_offers_run_talent_uq", ["run_id", "talent_id"])
    .execute();
  await db.schema
    .createIndex("proactive_offers_user_idx")
    .on("proactive_offers")
    .columns(["user_id", "id"])
    .execute();
  await db.schema
    .createIndex("proactive_offers_item_idx")
    .on("proactive_offers")
    .columns(["item_code", "talent_id", "status"])
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("proactive_offers").execute();
  await db.schema.dropTable("proactive_run_results").execute();
  await db.schema.dropTable("proactive_runs").execute();
}
