import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The services domain's tables (see ../tables/services.ts): the service catalogue with immutable
// published versions, applications with their event history, the queue of waits per organisation,
// application materials (a file attachment kind), the holiday calendar and the application numbers.

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  // The workbench finds a name prefix as the range [key, key + 1) in code-point order; a PostgreSQL
  // database created with a linguistic collation (zh_CN sorts by pinyin) would break that range.
  const nameKeyType = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable("service_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("draft", "text")
    .addColumn("current_version", "integer")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("service_item_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("service_items.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("published_by", "text")
    .addColumn("published_at", "text", (c) => c.notNull())
    .addUniqueConstraint("service_item_versions_item_version_uq", ["item_id", "version"])
    .execute();
  await db.schema
    .createIndex("service_item_versions_code_idx")
    .on("service_item_versions")
    .columns(["code", "version"])
    .execute();

  // Which policy measures an item implements: catalogue metadata, not part of a version's conditions,
  // so linking a measure (e.g. once the policy is imported) needs no new version.
  await db.schema
    .createTable("service_item_measures")
    .addColumn("item_id", "text", (c) => c.notNull().references("service_items.id"))
    .addColumn("measure_id", "text", (c) => c.notNull().references("policy_measures.id"))
    .addPrimaryKeyConstraint("service_item_measures_pk", ["item_id", "measure_id"])
    .execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("item_id", "text", (c) => c.notNull().references("service_items.id"))
    .addColumn("item_code", "text", (c) => c.notNull())
    .addColumn("version_id", "text", (c) => c.notNull().references("service_item_versions.id"))
    .addColumn("applicant_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("applicant_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("applicant_kind", "text", (c) => c.notNull())
    .addColumn("applicant_name", "text", (c) => c.notNull())
    .addColumn("applicant_name_key", nameKeyType, (c) => c.notNull())
    .addColumn("beneficiary_name", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("eligibility", "text")
    .addColumn("step_index", "integer")
    .addColumn("step_deadline", "text")
    .addColumn("deadline", "text")
    .addColumn("event_seq", "integer", (c) => c.notNull())
    .addColumn("first_submitted_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("applications_applicant_idx")
    .on("applications")
    .columns(["applicant_user_id", "id"])
    .execute();

  // The full history; (application_id, seq) unique: two concurrent transitions from the same state
  // both claim the same seq and one of them fails, so a case never moves twice from one state.
  await db.schema
    .createTable("application_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("actor_org_id", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("step_index", "integer")
    .addColumn("detail", "text")
    .addUniqueConstraint("application_events_seq_uq", ["application_id", "seq"])
    .execute();

  // Who must act now: one row per organisation at the current step (countersign: those not yet signed).
  await db.schema
    .createTable("application_waits")
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("step_index", "integer", (c) => c.notNull())
    .addColumn("since", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("item_code", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("applicant_name_key", nameKeyType, (c) => c.notNull())
    .addColumn("overdue_notified", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("application_waits_pk", ["application_id", "org_id"])
    .execute();
  await db.schema
    .createIndex("application_waits_queue_idx")
    .on("application_waits")
    .columns(["org_id", "role", "deadline", "application_id"])
    .execute();
  await db.schema
    .createIndex("application_waits_item_idx")
    .on("application_waits")
    .columns(["org_id", "role", "item_code", "deadline", "application_id"])
    .execute();
  await db.schema
    .createIndex("application_waits_name_idx")
    .on("application_waits")
    .columns(["org_id", "role", "applicant_name_key", "deadline", "application_id"])
    .execute();
  await db.schema
    .createIndex("application_waits_number_idx")
    .on("application_waits")
    .columns(["number"])
    .execute();

  await db.schema
    .createTable("application_materials")
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("material_code", "text", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.notNull().unique().references("files.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("application_materials_pk", ["application_id", "file_id"])
    .execute();

  await db.schema
    .createTable("holidays")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("application_counters")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  for (const table of [
    "application_counters",
    "holidays",
    "application_materials",
    "application_waits",
    "application_events",
    "applications",
    "service_item_measures",
    "service_item_versions",
    "service_items",
  ])
    await db.schema.dropTable(table).execute();
}
