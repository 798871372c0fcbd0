import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Indexes behind the clause → outcome report (modules/clause-report): every column is a GROUP BY
// over joins that reach a measure's rows through these, never a scan of the big tables.
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  // Tasks of a document per measure.
  { name: "tasks_measure_idx", table: "tasks", columns: ["measure_id", "status", "light"] },
  // Items linked to a measure (the primary key leads with the item).
  {
    name: "service_item_measures_measure_idx",
    table: "service_item_measures",
    columns: ["measure_id", "item_id"],
  },
  // Applications to an item by first submission (the year filter is a range on it), covering every
  // column the report reads, so its GROUP BYs scan the index and never the rows.
  {
    name: "applications_item_submitted_idx",
    table: "applications",
    columns: [
      "item_id",
      "first_submitted_at",
      "status",
      "decided_at",
      "deadline",
      "applicant_kind",
      "applicant_user_id",
    ],
  },
  // Recognitions written by an application (tiers have a unique index already).
  { name: "talent_titles_application_idx", table: "talent_titles", columns: ["application_id"] },
  { name: "talent_skills_application_idx", table: "talent_skills", columns: ["application_id"] },
];

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  for (const i of INDEXES) await db.schema.createIndex(i.name).on(i.table).columns(i.columns).execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  for (const i of [...INDEXES].reverse()) await db.schema.dropIndex(i.name).execute();
}
