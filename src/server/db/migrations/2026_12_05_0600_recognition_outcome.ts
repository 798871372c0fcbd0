import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// An approved recognition (高层次人才认定, 职称/技能直接认定) writes its outcome to the registry
// (applications/recognition.ts): a tier with its validity, a title or a skill grade, each naming the
// application it came from. One tier per application: the unique index refuses a second.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("talent_tiers").addColumn("valid_from", "text").execute();
  await db.schema.alterTable("talent_tiers").addColumn("valid_to", "text").execute();
  await db.schema.alterTable("talent_tiers").addColumn("application_id", "text").execute();
  await db.schema
    .createIndex("talent_tiers_application_idx")
    .unique()
    .on("talent_tiers")
    .column("application_id")
    .execute();
  await db.schema.alterTable("talent_titles").addColumn("application_id", "text").execute();
  await db.schema.alterTable("talent_skills").addColumn("application_id", "text").execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("talent_skills").dropColumn("application_id").execute();
  await db.schema.alterTable("talent_titles").dropColumn("application_id").execute();
  await db.schema.dropIndex("talent_tiers_application_idx").execute();
  await db.schema.alterTable("talent_tiers").dropColumn("application_id").execute();
  await db.schema.alterTable("talent_tiers").dropColumn("valid_to").execute();
  await db.schema.alterTable("talent_tiers").dropColumn("valid_from").execute();
}
