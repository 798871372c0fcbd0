import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// A task's deadline (tasks.due) comes from the measure's parsed time limit when the policy is
// imported ("policy") or from the talent office's decision (PATCH /api/tasks/:id {due}: "office").
// Tasks imported before this migration with a time limit took it from the policy.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("tasks").addColumn("due_source", "text").execute();
  await db.updateTable("tasks").set({ due_source: "policy" }).where("due", "is not", null).execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("tasks").dropColumn("due_source").execute();
}
