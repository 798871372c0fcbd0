import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Indexes behind the talent office's home counts (modules/home) and the lists they link to: each
// count is a range or equality on the leading columns, never a scan of the table.
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  // Every department's waiting cases by deadline (the office's overview; the workbench's
  // indexes lead with the organisation).
  {
    name: "application_waits_deadline_idx",
    table: "application_waits",
    columns: ["deadline", "application_id"],
  },
  // Notices holding open objections, per owning organisation.
  {
    name: "publicity_notices_open_idx",
    table: "publicity_notices",
    columns: ["owner_org_id", "open_objections"],
  },
  { name: "fund_batches_status_idx", table: "fund_batches", columns: ["status", "fund_id", "id"] },
  { name: "supervision_orders_status_idx", table: "supervision_orders", columns: ["status", "id"] },
];

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  for (const i of INDEXES) await db.schema.createIndex(i.name).on(i.table).columns(i.columns).execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  for (const i of [...INDEXES].reverse()) await db.schema.dropIndex(i.name).execute();
}
