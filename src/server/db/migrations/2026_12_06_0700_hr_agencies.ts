import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// 人力资源服务机构 (measure (三), modules/hr-agencies): the agencies a 人社 department keeps on record,
// their annual reports (one per agency and year) and the 政府购买服务 contracts placed with them.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("hr_agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("uscc", "text", (c) => c.notNull().unique())
    .addColumn("licence_no", "text")
    .addColumn("licence_valid_from", "text")
    .addColumn("licence_valid_to", "text")
    .addColumn("services", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("authority_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("org_id", "text", (c) => c.references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'suspended', 'closed')`))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hr_agencies_authority_idx")
    .on("hr_agencies")
    .columns(["authority_org_id", "id"])
    .execute();
  await db.schema.createIndex("hr_agencies_org_idx").on("hr_agencies").column("org_id").execute();
  await db.schema
    .createTable("hr_agency_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("hr_agencies.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('submitted', 'accepted', 'returned')`),
    )
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('agency', 'authority')`))
    .addColumn("staff_count", "integer", (c) => c.notNull())
    .addColumn("served_persons", "integer", (c) => c.notNull())
    .addColumn("placements", "integer", (c) => c.notNull())
    .addColumn("revenue_fen", "bigint", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("review_note", "text")
    .addUniqueConstraint("hr_agency_reports_agency_year_key", ["agency_id", "year"])
    .execute();
  await db.schema
    .createTable("hr_agency_contracts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("hr_agencies.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("deliverables", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('signed', 'in_progress', 'accepted', 'terminated')`),
    )
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("hr_agency_contracts_agency_idx")
    .on("hr_agency_contracts")
    .columns(["agency_id", "id"])
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("hr_agency_contracts").execute();
  await db.schema.dropTable("hr_agency_reports").execute();
  await db.schema.dropTable("hr_agencies").execute();
}
