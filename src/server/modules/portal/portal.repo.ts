import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Dialect } from "../../db/connect.js";
import type { DB } from "../../db/schema.js";
import type { PortalArticleTable } from "../../db/tables/portal.js";
import { ftsMatch } from "./search.js";

export type ArticleRow = PortalArticleTable;

export const findArticle = (db: Kysely<DB>, id: string) =>
  db.selectFrom("portal_articles").selectAll().where("id", "=", id).executeTakeFirst();

/** Public right now: published, its time has come, not yet expired. */
export const isPublic = (now: string) => (eb: ExpressionBuilder<DB, "portal_articles">) =>
  eb.and([
    eb("portal_articles.status", "=", "published"),
    eb("portal_articles.publish_at", "<=", now),
    eb.or([eb("portal_articles.expires_at", "is", null), eb("portal_articles.expires_at", ">", now)]),
  ]);

/** The sort key of column lists (pinned first, newest publication, then id), as one cursor string. */
export const columnKeyOf = (r: Pick<ArticleRow, "pinned" | "publish_at" | "id">) =>
  `${r.pinned}|${r.publish_at ?? ""}|${r.id}`;

export function parseColumnKey(key: string): { pinned: number; publishAt: string; id: string } | null {
  const [pinned, publishAt, id] = key.split("|");
  if ((pinned !== "0" && pinned !== "1") || publishAt === undefined || id === undefined) return null;
  return { pinned: Number(pinned), publishAt, id };
}

/** Public articles of a column, pinned first then newest, after an optional keyset position. */
export function publicOfColumn(
  db: Kysely<DB>,
  column: string,
  now: string,
  limit: number,
  after?: { pinned: number; publishAt: string; id: string },
) {
  let q = db
    .selectFrom("portal_articles")
    .select(["id", "column_key", "title", "source", "summary", "publish_at", "pinned", "view_count"])
    .where("column_key", "=", column)
    .where(isPublic(now));
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb("pinned", "<", after.pinned),
        eb.and([
          eb("pinned", "=", after.pinned),
          eb.or([
            eb("publish_at", "<", after.publishAt),
            eb.and([eb("publish_at", "=", after.publishAt), eb("id", "<", after.id)]),
          ]),
        ]),
      ]),
    );
  return q
    .orderBy("pinned", "desc")
    .orderBy("publish_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
export type PublicListRow = Awaited<ReturnType<typeof publicOfColumn>>[number];

/** Keeps SQLite's FTS5 row in step with the article (PostgreSQL's tsvector is a generated column). */
export async function writeSearchIndex(trx: Kysely<DB>, dialect: Dialect, id: string, tokens: string) {
  if (dialect !== "sqlite") return;
  await sql`delete from portal_articles_fts where article_id = ${id}`.execute(trx);
  await sql`insert into portal_articles_fts (article_id, tokens) values (${id}, ${tokens})`.execute(trx);
}

/** Public articles containing every token, newest first. */
export async function searchPublic(
  db: Kysely<DB>,
  dialect: Dialect,
  tokens: readonly string[],
  now: string,
  limit: number,
) {
  if (tokens.length === 0) return [];
  let q = db
    .selectFrom("portal_articles")
    .select(["id", "column_key", "title", "source", "summary", "body_text", "publish_at", "view_count"])
    .where(isPublic(now));
  q =
    dialect === "sqlite"
      ? q.where(
          "id",
          "in",
          sql<string>`(select article_id from portal_articles_fts where portal_articles_fts match ${ftsMatch(tokens)})`,
        )
      : q.where(sql<boolean>`search_vector @@ plainto_tsquery('simple', ${tokens.join(" ")})`);
  return q.orderBy("publish_at", "desc").orderBy("id", "desc").limit(limit).execute();
}

/** Counts a visit unless this visitor's last counted visit to the article is under an hour old.
 * One statement: insert, or move counted_at forward only when the hour is up; true when counted. */
export async function countVisit(
  trx: Kysely<DB>,
  articleId: string,
  visitor: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - 3_600_000).toISOString();
  const result = await trx
    .insertInto("portal_article_visits")
    .values({ article_id: articleId, visitor, counted_at: at })
    .onConflict((oc) =>
      oc
        .columns(["article_id", "visitor"])
        .doUpdateSet({ counted_at: at })
        .where("portal_article_visits.counted_at", "<=", cutoff),
    )
    .executeTakeFirst();
  const counted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  if (counted)
    await trx
      .updateTable("portal_articles")
      .set((eb) => ({ view_count: eb("view_count", "+", 1) }))
      .where("id", "=", articleId)
      .execute();
  return counted;
}

export function attachmentsOf(db: Kysely<DB>, articleId: string) {
  return db
    .selectFrom("portal_article_attachments")
    .innerJoin("files", "files.id", "portal_article_attachments.file_id")
    .select(["files.id", "files.filename", "files.mime", "files.size", "files.sha256", "files.created_at"])
    .where("portal_article_attachments.article_id", "=", articleId)
    .orderBy("portal_article_attachments.position")
    .execute();
}

/** The parsed structure of a policy document: sections with their measures and units. */
export async function policyStructure(db: Kysely<DB>, documentId: string) {
  const [sections, measures] = await Promise.all([
    db
      .selectFrom("policy_sections")
      .select(["id", "no", "title"])
      .where("document_id", "=", documentId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("policy_measures")
      .select(["section_id", "label", "title", "lead_names", "responsible_names"])
      .where("document_id", "=", documentId)
      .orderBy("position")
      .execute(),
  ]);
  return sections.map((s) => ({
    no: s.no,
    title: s.title,
    measures: measures
      .filter((m) => m.section_id === s.id)
      .map((m) => ({
        label: m.label,
        title: m.title,
        lead: JSON.parse(m.lead_names) as string[],
        responsible: JSON.parse(m.responsible_names) as string[],
      })),
  }));
}
export type PolicyStructure = Awaited<ReturnType<typeof policyStructure>>;
