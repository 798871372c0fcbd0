import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The platform file store: one metadata row per uploaded file (the bytes live under DATA_DIR/files),
// and the first join table that attaches files to an object, a progress report's attachments.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("files_owner_idx").on("files").columns(["owner_user_id", "id"]).execute();
  await db.schema.createIndex("files_created_idx").on("files").column("created_at").execute();

  // A file is attached to at most one report (file_id unique); position keeps the author's order.
  await db.schema
    .createTable("report_attachments")
    .addColumn("report_id", "text", (c) => c.notNull().references("task_reports.id"))
    .addColumn("file_id", "text", (c) => c.notNull().unique().references("files.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_attachments_pk", ["report_id", "file_id"])
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("report_attachments").execute();
  await db.schema.dropTable("files").execute();
}
