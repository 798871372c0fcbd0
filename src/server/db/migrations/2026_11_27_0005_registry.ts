import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The registry domain's tables (see ../tables/registry.ts): employers, talents with their child
// lists (educations, titles, skill levels, awards, patents, engagements, postdoc positions, tier
// history) and versioned rule sets. Personal data is stored only as ciphertext + blind index.

const CHILDREN = [
  "talent_educations",
  "talent_titles",
  "talent_skills",
  "talent_awards",
  "talent_patents",
  "talent_engagements",
  "talent_postdocs",
] as const;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("employers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.unique().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("uscc", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("industry", "text")
    .addColumn("region_code", "text")
    .addColumn("contact_name", "text")
    .addColumn("contact_phone_enc", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("employers_name_idx").on("employers").columns(["name", "id"]).execute();

  await db.schema
    .createTable("talents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.unique().references("users.id"))
    .addColumn("employer_id", "text", (c) => c.references("employers.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("id_type", "text", (c) => c.notNull())
    .addColumn("id_number_enc", "text", (c) => c.notNull())
    .addColumn("id_number_bidx", "text", (c) => c.notNull().unique())
    .addColumn("gender", "text", (c) => c.notNull())
    .addColumn("birth_date", "text", (c) => c.notNull())
    .addColumn("phone_enc", "text")
    .addColumn("phone_bidx", "text")
    .addColumn("bank_account_enc", "text")
    .addColumn("industry", "text")
    .addColumn("category", "text")
    .addColumn("arrival_date", "text")
    .addColumn("salary_yearly", "integer")
    .addColumn("tax_yearly", "integer")
    .addColumn("tier", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("talents_name_idx").on("talents").columns(["name", "id"]).execute();
  await db.schema.createIndex("talents_employer_idx").on("talents").columns(["employer_id", "id"]).execute();
  await db.schema.createIndex("talents_phone_idx").on("talents").column("phone_bidx").execute();

  const child = (name: (typeof CHILDREN)[number]) =>
    db.schema
      .createTable(name)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
      .addColumn("position", "integer", (c) => c.notNull());
  await child("talent_educations")
    .addColumn("degree", "text", (c) => c.notNull())
    .addColumn("school", "text", (c) => c.notNull())
    .addColumn("major", "text")
    .addColumn("year", "integer")
    .execute();
  await child("talent_titles")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("year", "integer")
    .execute();
  await child("talent_skills")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("year", "integer")
    .execute();
  await child("talent_awards")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .execute();
  await child("talent_patents")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("number", "text")
    .addColumn("year", "integer", (c) => c.notNull())
    .execute();
  await child("talent_engagements")
    .addColumn("employer_id", "text", (c) => c.references("employers.id"))
    .addColumn("employer_name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text")
    .execute();
  await child("talent_postdocs")
    .addColumn("station", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text")
    .execute();
  for (const name of CHILDREN) {
    await db.schema.createIndex(`${name}_talent_idx`).on(name).columns(["talent_id", "position"]).execute();
  }
  await db.schema
    .createIndex("talent_engagements_employer_idx")
    .on("talent_engagements")
    .columns(["employer_id", "talent_id"])
    .execute();

  await db.schema
    .createTable("talent_tiers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("recognised_on", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("rule_set_id", "text")
    .addColumn("note", "text")
    .addColumn("recorded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("talent_tiers_talent_idx")
    .on("talent_tiers")
    .columns(["talent_id", "id"])
    .execute();

  await db.schema
    .createTable("rule_sets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("rule_sets_code_version_uq", ["code", "version"])
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("rule_sets").execute();
  await db.schema.dropTable("talent_tiers").execute();
  for (const name of [...CHILDREN].reverse()) await db.schema.dropTable(name).execute();
  await db.schema.dropTable("talents").execute();
  await db.schema.dropTable("employers").execute();
}
