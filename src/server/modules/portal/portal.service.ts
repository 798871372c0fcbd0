import { createHash } from "node:crypto";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM, type Trx } from "../../lib/context.js";
import { AppError, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, encodeCursor } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { BlobStore } from "../files/blob-store.js";
import type { AttachmentCheck } from "../files/files.service.js";
import { decodeUpload, type PolicyService, parsePolicyBytes } from "../policy/policy.service.js";
import { namesOfUsers } from "../tasks/tasks.repo.js";
import { COLUMNS, type ColumnKey, isColumnKey } from "./columns.js";
import { policyArticle } from "./policy-article.js";
import {
  type ArticleRow,
  attachmentsOf,
  columnKeyOf,
  countVisit,
  findArticle,
  isPublic,
  parseColumnKey,
  policyStructure,
  publicOfColumn,
  searchPublic,
  writeSearchIndex,
} from "./portal.repo.js";
import type {
  ArticleContentBody,
  ArticleDetail,
  ArticlePhase,
  ArticleStatus,
  ArticleSummary,
  ImportPolicyBody,
  ListArticlesQuery,
  PublishBody,
} from "./portal.schema.js";
import { sanitizeArticleHtml, textOfHtml } from "./sanitize.js";
import { highlightTerms, indexTokens, queryTokens } from "./search.js";
import { snippet } from "./views/html.js";
import "./portal.policy.js";

const articleLabel = { zh: "文章", en: "Article" };

export const COLUMN_PAGE_SIZE = 20;
export const SEARCH_LIMIT = 50;

export function phaseOf(
  a: Pick<ArticleRow, "status" | "publish_at" | "expires_at">,
  now: string,
): ArticlePhase {
  if (a.status === "draft") return "draft";
  if (a.status === "withdrawn") return "withdrawn";
  if (a.publish_at === null || a.publish_at > now) return "scheduled";
  if (a.expires_at !== null && a.expires_at <= now) return "expired";
  return "live";
}

/** A visitor is a hash of address and browser: counted once an hour per article, nothing personal kept. */
export const visitorOf = (ip: string | null, userAgent: string | null): string =>
  createHash("sha256")
    .update(`${ip ?? ""}\n${userAgent ?? ""}`)
    .digest("base64url")
    .slice(0, 32);

export interface PortalServiceOptions {
  checkAttachable: AttachmentCheck;
  policy: PolicyService;
  /** The file store's bytes, for public downloads of a public article's attachments. */
  store: BlobStore;
}

const VISIT_WINDOW_MS = 3_600_000;
const MAX_RECENT_VISITS = 50_000;

export function makePortalService(deps: Deps, writeAudit: AuditWriter, options: PortalServiceOptions) {
  const db = deps.database.db;
  /** (article, visitor) → when this process last saw the visit counted. */
  const recentVisits = new Map<string, number>();
  const dialect = deps.database.dialect;
  const nowIso = () => deps.clock.now().toISOString();

  async function summaries(rows: ArticleRow[]): Promise<ArticleSummary[]> {
    const users = await namesOfUsers(
      db,
      rows.map((r) => r.updated_by).filter((id): id is string => id !== null),
    );
    const now = nowIso();
    return rows.map((r) => ({
      id: r.id,
      column: r.column_key as ColumnKey,
      title: r.title,
      source: r.source,
      status: r.status as ArticleStatus,
      phase: phaseOf(r, now),
      publishAt: r.publish_at,
      expiresAt: r.expires_at,
      pinned: r.pinned === 1,
      viewCount: r.view_count,
      policyDocumentId: r.policy_document_id,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by === null ? null : { id: r.updated_by, name: users.get(r.updated_by) ?? "" },
    }));
  }

  async function detail(row: ArticleRow): Promise<ArticleDetail> {
    const [[summary], files] = await Promise.all([summaries([row]), attachmentsOf(db, row.id)]);
    return {
      article: summary!,
      summary: row.summary,
      bodyHtml: row.body_html,
      attachments: files.map((f) => ({
        id: f.id,
        filename: f.filename,
        mime: f.mime,
        size: f.size,
        sha256: f.sha256,
        createdAt: f.created_at,
      })),
    };
  }

  async function loadForEdit(op: Op, id: string): Promise<ArticleRow> {
    authorize(op.actor, "portal.manage");
    const row = await findArticle(db, id);
    if (!row) throw notFound(articleLabel);
    return row;
  }

  /** Checks and cleans editor content; the failures, one per bad field. */
  function vet(input: ArticleContentBody) {
    const errors: FieldError[] = [];
    const title = input.title.trim();
    const source = input.source.trim();
    const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
    const bodyText = textOfHtml(bodyHtml);
    if (title === "")
      errors.push({ path: "/title", message: { zh: "请填写标题", en: "Give the article a title" } });
    if (source === "")
      errors.push({
        path: "/source",
        message: { zh: "请填写来源（发布单位）", en: "Give the source (publisher)" },
      });
    if (bodyText === "")
      errors.push({ path: "/bodyHtml", message: { zh: "正文不能为空", en: "The article has no text" } });
    if (!isColumnKey(input.column))
      errors.push({ path: "/column", message: { zh: "栏目不存在", en: "No such column" } });
    const summary = input.summary?.trim() || null;
    const tokens = indexTokens(`${title}\n${summary ?? ""}\n${bodyText}`).join(" ");
    return { errors, title, source, summary, bodyHtml, bodyText, tokens };
  }

  async function saveAttachments(trx: Trx, op: Op, articleId: string, ids: readonly string[] | undefined) {
    if (ids === undefined) return;
    const current = await trx
      .selectFrom("portal_article_attachments")
      .select("file_id")
      .where("article_id", "=", articleId)
      .execute();
    const errors = await options.checkAttachable(trx, op.actor, ids, {
      path: "/attachmentIds",
      keep: current.map((c) => c.file_id),
    });
    if (errors.length > 0) throw invalidFields("ARTICLE_INVALID", errors);
    await trx.deleteFrom("portal_article_attachments").where("article_id", "=", articleId).execute();
    if (ids.length > 0)
      await trx
        .insertInto("portal_article_attachments")
        .values(ids.map((file_id, position) => ({ article_id: articleId, file_id, position })))
        .execute();
  }

  async function createArticle(
    trx: Trx,
    op: Op | null,
    input: ArticleContentBody & { policyDocumentId?: string | null },
    publish?: { at: string },
  ): Promise<ArticleRow> {
    const v = vet(input);
    if (v.errors.length > 0) throw invalidFields("ARTICLE_INVALID", v.errors);
    const now = deps.clock.now();
    const at = now.toISOString();
    const row: ArticleRow = {
      id: newId(now.getTime()),
      column_key: input.column,
      title: v.title,
      source: v.source,
      summary: v.summary,
      body_html: v.bodyHtml,
      body_text: v.bodyText,
      tokens: v.tokens,
      status: publish ? "published" : "draft",
      publish_at: publish?.at ?? null,
      expires_at: null,
      pinned: 0,
      view_count: 0,
      policy_document_id: input.policyDocumentId ?? null,
      publicity_id: null,
      created_by: op?.actor.userId ?? null,
      updated_by: op?.actor.userId ?? null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto("portal_articles").values(row).execute();
    await writeSearchIndex(trx, dialect, row.id, row.tokens);
    if (op) await saveAttachments(trx, op, row.id, input.attachmentIds);
    await writeAudit(trx, op ?? SYSTEM, {
      action: "portal.article.create",
      objectType: "portal_article",
      objectId: row.id,
      detail: { column: row.column_key, title: row.title, status: row.status, publishAt: row.publish_at },
    });
    return row;
  }

  async function setState(
    op: Op,
    id: string,
    action: string,
    patch: Partial<Pick<ArticleRow, "status" | "publish_at" | "expires_at" | "pinned">>,
  ): Promise<ArticleDetail> {
    const row = await loadForEdit(op, id);
    const at = nowIso();
    const next = { ...row, ...patch, updated_by: op.actor.userId, updated_at: at };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("portal_articles")
        .set({ ...patch, updated_by: op.actor.userId, updated_at: at })
        .where("id", "=", id)
        .execute();
      await writeAudit(trx, op, {
        action,
        objectType: "portal_article",
        objectId: id,
        detail: { ...patch, title: row.title },
      });
    });
    return detail(next);
  }

  return {
    // --- editors (the talent office) ------------------------------------------------------------

    async list(op: Op, query: ListArticlesQuery) {
      authorize(op.actor, "portal.manage");
      const limit = query.limit ?? 50;
      let q = db.selectFrom("portal_articles").selectAll();
      if (query.column) q = q.where("column_key", "=", query.column);
      if (query.status) q = q.where("status", "=", query.status);
      const before = decodeCursor<string>(query.cursor, "string");
      if (before !== undefined) q = q.where("id", "<", before);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit);
      return {
        items: await summaries(items),
        nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.id) : null,
      };
    },

    async get(op: Op, id: string): Promise<ArticleDetail> {
      return detail(await loadForEdit(op, id));
    },

    async create(op: Op, input: ArticleContentBody): Promise<ArticleDetail> {
      authorize(op.actor, "portal.manage");
      const row = await db.transaction().execute((trx) => createArticle(trx, op, input));
      return detail(row);
    },

    async update(op: Op, id: string, input: ArticleContentBody): Promise<ArticleDetail> {
      const row = await loadForEdit(op, id);
      const v = vet(input);
      if (v.errors.length > 0) throw invalidFields("ARTICLE_INVALID", v.errors);
      const at = nowIso();
      const patch = {
        column_key: input.column,
        title: v.title,
        source: v.source,
        summary: v.summary,
        body_html: v.bodyHtml,
        body_text: v.bodyText,
        tokens: v.tokens,
        updated_by: op.actor.userId,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("portal_articles").set(patch).where("id", "=", id).execute();
        await writeSearchIndex(trx, dialect, id, v.tokens);
        await saveAttachments(trx, op, id, input.attachmentIds);
        await writeAudit(trx, op, {
          action: "portal.article.update",
          objectType: "portal_article",
          objectId: id,
          detail: { column: input.column, title: v.title, attachmentIds: input.attachmentIds ?? null },
        });
      });
      return detail({ ...row, ...patch });
    },

    /** Publishes now or at a set time, optionally until a set time. */
    async publish(op: Op, id: string, input: PublishBody): Promise<ArticleDetail> {
      const row = await loadForEdit(op, id);
      const now = nowIso();
      const publishAt = input.publishAt ? new Date(input.publishAt).toISOString() : now;
      const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
      const errors: FieldError[] = [];
      if (expiresAt !== null && expiresAt <= publishAt)
        errors.push({
          path: "/expiresAt",
          message: { zh: "下线时间须晚于发布时间", en: "The end must come after the publication time" },
        });
      if (expiresAt !== null && expiresAt <= now)
        errors.push({
          path: "/expiresAt",
          message: { zh: "下线时间须晚于现在", en: "The end must be in the future" },
        });
      if (errors.length > 0) throw invalidFields("ARTICLE_INVALID", errors);
      void row;
      return setState(op, id, "portal.article.publish", {
        status: "published",
        publish_at: publishAt,
        expires_at: expiresAt,
      });
    },

    async withdraw(op: Op, id: string): Promise<ArticleDetail> {
      const row = await loadForEdit(op, id);
      if (row.status !== "published")
        throw new AppError("conflict", "ARTICLE_NOT_PUBLISHED", {
          zh: "该文章未发布，无需撤回",
          en: "This article is not published",
        });
      return setState(op, id, "portal.article.withdraw", { status: "withdrawn" });
    },

    async pin(op: Op, id: string, pinned: boolean): Promise<ArticleDetail> {
      return setState(op, id, pinned ? "portal.article.pin" : "portal.article.unpin", {
        pinned: pinned ? 1 : 0,
      });
    },

    /** Imports a plain-text policy (parsed into a policy document with its tasks, or linked to the one
     * already imported from the same text) and publishes it as an article linked to that document. */
    async importPolicy(op: Op, input: ImportPolicyBody): Promise<ArticleDetail> {
      authorize(op.actor, "portal.manage");
      const bytes = decodeUpload(input.contentBase64);
      const { text, parsed } = parsePolicyBytes(bytes);
      let documentId: string;
      try {
        documentId = (await options.policy.importDocument(op, { filename: input.filename, bytes })).document
          .id;
      } catch (error) {
        const existing = error instanceof AppError ? error.extensions.existingDocumentId : undefined;
        if (typeof existing !== "string") throw error;
        documentId = existing;
      }
      return detail(
        await db.transaction().execute((trx) =>
          createPolicyArticle(trx, op, {
            text,
            title: parsed.title,
            issuer: parsed.issuer,
            documentId,
            column: input.column ?? "talent-policy",
          }),
        ),
      );
    },

    /** The demo seed's way in: the already imported reference policy as the first policy article. */
    async seedPolicyArticle(input: {
      text: string;
      title: string;
      issuer: string | null;
      documentId: string;
      pinned?: boolean;
    }) {
      return db.transaction().execute(async (trx) => {
        const row = await createPolicyArticle(trx, null, { ...input, column: "talent-policy" });
        if (input.pinned)
          await trx.updateTable("portal_articles").set({ pinned: 1 }).where("id", "=", row.id).execute();
        return row;
      });
    },

    /** The demo seed's articles, published at the given times (system, audited). */
    async seedArticle(input: ArticleContentBody & { publishAt: string; pinned?: boolean }) {
      return db.transaction().execute(async (trx) => {
        const row = await createArticle(trx, null, input, { at: input.publishAt });
        if (input.pinned)
          await trx.updateTable("portal_articles").set({ pinned: 1 }).where("id", "=", row.id).execute();
        return row;
      });
    },

    // --- the public ------------------------------------------------------------------------------

    /** The service's clock (pages show today's date by it). */
    now: (): Date => deps.clock.now(),

    /** A file attached to a public article, with a stream of its bytes; null for any other file. */
    async publicAttachment(fileId: string) {
      const file = await db
        .selectFrom("portal_article_attachments")
        .innerJoin("portal_articles", "portal_articles.id", "portal_article_attachments.article_id")
        .innerJoin("files", "files.id", "portal_article_attachments.file_id")
        .select(["files.id", "files.filename", "files.mime", "files.storage_key"])
        .where("files.id", "=", fileId)
        .where(isPublic(nowIso()))
        .executeTakeFirst();
      if (!file) return null;
      try {
        return { ...file, stream: await options.store.open(file.storage_key) };
      } catch {
        return null;
      }
    },

    /** The newest public articles of every column, for the home page. */
    async home(perColumn = 6) {
      const now = nowIso();
      const entries = await Promise.all(
        (Object.keys(COLUMNS) as ColumnKey[]).map(
          async (key) => [key, await publicOfColumn(db, key, now, perColumn)] as const,
        ),
      );
      return new Map(entries);
    },

    /** One page of a column; `cursor` is the opaque position the previous page handed out. */
    async column(key: ColumnKey, cursor?: string) {
      let after: ReturnType<typeof parseColumnKey> | undefined;
      if (cursor) {
        after = parseColumnKey(decodeCursor<string>(cursor, "string") ?? "");
        if (!after)
          throw new AppError("bad_request", "BAD_CURSOR", { zh: "分页游标无效", en: "Invalid page cursor" });
      }
      const rows = await publicOfColumn(db, key, nowIso(), COLUMN_PAGE_SIZE + 1, after ?? undefined);
      const items = rows.slice(0, COLUMN_PAGE_SIZE);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > COLUMN_PAGE_SIZE && last ? encodeCursor(columnKeyOf(last)) : null,
      };
    },

    /** Whether an article is public right now, with what changes per request (the view count) and the
     * version to cache its page by; null when there is none or it is not public. The text is not read. */
    async publicArticleState(id: string) {
      const row = await db
        .selectFrom("portal_articles")
        .select(["id", "status", "publish_at", "expires_at", "updated_at", "view_count"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row && phaseOf(row, nowIso()) === "live" ? row : null;
    },

    /** The whole public article for its page: the row, attachments and, for a policy, its parsed structure. */
    async publicArticle(id: string) {
      const row = await findArticle(db, id);
      if (!row) return null;
      const [attachments, structure] = await Promise.all([
        attachmentsOf(db, row.id),
        row.policy_document_id ? policyStructure(db, row.policy_document_id) : Promise.resolve(null),
      ]);
      return { row, attachments, structure };
    },

    /** Counts this visitor's view (once an hour per article); true when it counted. The database
     * decides (so the count survives restarts and is right across processes); a visit this process
     * saw counted less than an hour ago is not sent to it again. */
    async recordView(articleId: string, visitor: string): Promise<boolean> {
      const now = deps.clock.now();
      const key = `${articleId}|${visitor}`;
      const seen = recentVisits.get(key);
      if (seen !== undefined && now.getTime() - seen < VISIT_WINDOW_MS && now.getTime() >= seen) return false;
      const counted = await db.transaction().execute((trx) => countVisit(trx, articleId, visitor, now));
      if (counted) {
        if (recentVisits.size >= MAX_RECENT_VISITS) recentVisits.delete(recentVisits.keys().next().value!);
        recentVisits.set(key, now.getTime());
      }
      return counted;
    },

    /** Public articles matching every term of the query, newest first, with a highlighted snippet (HTML). */
    async search(query: string) {
      const tokens = queryTokens(query);
      const rows = await searchPublic(db, dialect, tokens, nowIso(), SEARCH_LIMIT);
      const terms = highlightTerms(query);
      return rows.map((r) => ({
        id: r.id,
        column: r.column_key as ColumnKey,
        title: r.title,
        titleHtml: snippet(r.title, terms, 200),
        snippetHtml: snippet(r.summary ? `${r.summary}\n${r.body_text}` : r.body_text, terms, 120),
        source: r.source,
        publishAt: r.publish_at,
      }));
    },
  };

  async function createPolicyArticle(
    trx: Trx,
    op: Op | null,
    input: { text: string; title: string; issuer: string | null; documentId: string; column: ColumnKey },
  ): Promise<ArticleRow> {
    const { bodyHtml, publishedAt } = policyArticle(input.text, input.title);
    return createArticle(
      trx,
      op,
      {
        column: input.column,
        title: input.title,
        source: input.issuer ?? "市委组织部",
        summary: null,
        bodyHtml,
        policyDocumentId: input.documentId,
      },
      { at: publishedAt ?? nowIso() },
    );
  }
}
export type PortalService = ReturnType<typeof makePortalService>;
