import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The portal domain's tables (see ../tables/portal.ts): articles with their search tokens, view
// counting, attachments; publicity notices (公示) with their masked lists and objections.
// Search: SQLite indexes the space-joined tokens in an FTS5 table kept by the service in the same
// transaction as the article; PostgreSQL keeps a generated tsvector ('simple' config) under a GIN index.

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("portal_articles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("column_key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("tokens", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("publish_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("view_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("policy_document_id", "text", (c) => c.references("policy_documents.id"))
    .addColumn("publicity_id", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Column pages and the home page: pinned first, then newest publication.
  await db.schema
    .createIndex("portal_articles_column_idx")
    .on("portal_articles")
    .columns(["column_key", "status", "pinned", "publish_at"])
    .execute();
  await db.schema
    .createIndex("portal_articles_policy_idx")
    .on("portal_articles")
    .column("policy_document_id")
    .execute();

  if (dialect === "sqlite") {
    await sql`create virtual table portal_articles_fts using fts5(article_id unindexed, tokens)`.execute(db);
  } else {
    await sql`alter table portal_articles add column search_vector tsvector
      generated always as (to_tsvector('simple', tokens)) stored`.execute(db);
    await sql`create index portal_articles_search_idx on portal_articles using gin (search_vector)`.execute(
      db,
    );
  }

  // One row per (article, visitor): the last time the visit counted. A visit counts again an hour later.
  await db.schema
    .createTable("portal_article_visits")
    .addColumn("article_id", "text", (c) => c.notNull().references("portal_articles.id"))
    .addColumn("visitor", "text", (c) => c.notNull())
    .addColumn("counted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("portal_article_visits_pk", ["article_id", "visitor"])
    .execute();
  await db.schema
    .createIndex("portal_article_visits_counted_idx")
    .on("portal_article_visits")
    .column("counted_at")
    .execute();

  await db.schema
    .createTable("portal_article_attachments")
    .addColumn("article_id", "text", (c) => c.notNull().references("portal_articles.id"))
    .addColumn("file_id", "text", (c) => c.notNull().unique().references("files.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("portal_article_attachments_pk", ["article_id", "file_id"])
    .execute();

  await db.schema
    .createTable("publicity_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("source_kind", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("days", "integer", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("open_objections", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total_objections", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("publicity_notices_owner_idx")
    .on("publicity_notices")
    .columns(["owner_org_id", "id"])
    .execute();
  await db.schema
    .createIndex("publicity_notices_source_idx")
    .on("publicity_notices")
    .columns(["source_kind", "source_id"])
    .execute();

  await db.schema
    .createTable("publicity_entries")
    .addColumn("notice_id", "text", (c) => c.notNull().references("publicity_notices.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("publicity_entries_pk", ["notice_id", "position"])
    .execute();

  await db.schema
    .createTable("publicity_objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notice_id", "text", (c) => c.notNull().references("publicity_notices.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "text", (c) => c.references("users.id"))
    .addColumn("answered_at", "text")
    .execute();
  await db.schema
    .createIndex("publicity_objections_notice_idx")
    .on("publicity_objections")
    .columns(["notice_id", "id"])
    .execute();
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema.dropTable("publicity_objections").execute();
  await db.schema.dropTable("publicity_entries").execute();
  await db.schema.dropTable("publicity_notices").execute();
  await db.schema.dropTable("portal_article_attachments").execute();
  await db.schema.dropTable("portal_article_visits").execute();
  if (dialect === "sqlite") await sql`drop table portal_articles_fts`.execute(db);
  else await sql`drop index portal_articles_search_idx`.execute(db);
  await db.schema.dropTable("portal_articles").execute();
}
