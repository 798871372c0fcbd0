import { newId } from "../../lib/ids.js";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Policy documents and accountability: documents → sections → measures; one task per measure with its
// units, milestones, progress reports, supervision orders, history and reminders; the unit-name alias
// table; the yearly assessment scheme and its manual adjustments.

/** Short or older names of city departments → the name organisations are kept under. */
export const DEFAULT_ALIASES: readonly (readonly [alias: string, canonical: string])[] = [
  ["市发改委", "市发展改革委"],
  ["市发展和改革委员会", "市发展改革委"],
  ["市人社局", "市人力资源社会保障局"],
  ["市人力资源和社会保障局", "市人力资源社会保障局"],
  ["市卫健委", "市卫生计生委"],
  ["市卫计委", "市卫生计生委"],
  ["市卫生和计划生育委员会", "市卫生计生委"],
  ["市工商局", "市工商行政管理局"],
  ["市科学技术局", "市科技局"],
  ["市编办", "市编委办"],
  ["市经信委", "市工信委"],
  ["市工业和信息化委员会", "市工信委"],
  ["市国有资产监督管理委员会", "市国资委"],
  ["市政府国资委", "市国资委"],
  ["市金融办", "市政府金融办"],
  ["共青团营口市委", "团市委"],
  ["市委人才办", "市委组织部"],
  ["市人才办", "市委组织部"],
];

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("org_aliases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("alias", "text", (c) => c.notNull().unique())
    .addColumn("canonical_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto("org_aliases")
    .values(
      DEFAULT_ALIASES.map(([alias, canonical]) => ({
        id: newId(),
        alias,
        canonical_name: canonical,
        created_at: at,
        created_by: null,
      })),
    )
    .execute();

  await db.schema
    .createTable("policy_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("issuer", "text")
    .addColumn("date", "text")
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull().unique())
    .addColumn("report_period", "text", (c) => c.notNull())
    .addColumn("warnings", "text", (c) => c.notNull())
    .addColumn("imported_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("policy_sections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("policy_documents.id"))
    .addColumn("no", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_sections_document_idx")
    .on("policy_sections")
    .columns(["document_id", "position"])
    .execute();

  await db.schema
    .createTable("policy_measures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("policy_documents.id"))
    .addColumn("section_id", "text", (c) => c.notNull().references("policy_sections.id"))
    .addColumn("no", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("due", "text")
    .addColumn("lead_names", "text", (c) => c.notNull())
    .addColumn("responsible_names", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("policy_measures_document_idx")
    .on("policy_measures")
    .columns(["document_id", "position"])
    .execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("policy_documents.id"))
    .addColumn("measure_id", "text", (c) => c.notNull().unique().references("policy_measures.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull())
    .addColumn("light", "text", (c) => c.notNull())
    .addColumn("light_detail", "text", (c) => c.notNull())
    .addColumn("light_at", "text", (c) => c.notNull())
    .addColumn("report_period", "text")
    .addColumn("group_units", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tasks_document_idx").on("tasks").columns(["document_id", "id"]).execute();
  await db.schema.createIndex("tasks_light_idx").on("tasks").columns(["light", "id"]).execute();

  await db.schema
    .createTable("task_units")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    // The order the document names the units in (lead units first).
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("task_units_pk", ["task_id", "org_id"])
    .execute();
  await db.schema.createIndex("task_units_org_idx").on("task_units").columns(["org_id", "task_id"]).execute();

  await db.schema
    .createTable("task_milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("done_at", "text")
    .addColumn("done_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("task_milestones_task_idx")
    .on("task_milestones")
    .columns(["task_id", "due_date"])
    .execute();

  await db.schema
    .createTable("task_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("first_submitted_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("reviewer_id", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("review_comment", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("task_reports_period_uq", ["task_id", "org_id", "period_key"])
    .execute();
  await db.schema
    .createIndex("task_reports_org_idx")
    .on("task_reports")
    .columns(["org_id", "status", "id"])
    .execute();

  await db.schema
    .createTable("supervision_orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("response", "text")
    .addColumn("responded_by", "text")
    .addColumn("responded_at", "text")
    .addColumn("late", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("supervision_orders_org_idx")
    .on("supervision_orders")
    .columns(["org_id", "id"])
    .execute();
  await db.schema
    .createIndex("supervision_orders_task_idx")
    .on("supervision_orders")
    .columns(["task_id", "id"])
    .execute();

  await db.schema
    .createTable("task_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("task_events_task_idx").on("task_events").columns(["task_id", "id"]).execute();

  await db.schema
    .createTable("task_reminders")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("assessment_schemes")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("assessment_adjustments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("points", "double precision", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_adjustments_year_idx")
    .on("assessment_adjustments")
    .columns(["year", "org_id"])
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  for (const table of [
    "assessment_adjustments",
    "assessment_schemes",
    "task_reminders",
    "task_events",
    "supervision_orders",
    "task_reports",
    "task_milestones",
    "task_units",
    "tasks",
    "policy_measures",
    "policy_sections",
    "policy_documents",
    "org_aliases",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
