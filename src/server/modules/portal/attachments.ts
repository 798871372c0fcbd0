import { sql } from "kysely";
import { can } from "../../lib/authz.js";
import type { AttachmentKind } from "../files/attachments.js";
import { isPublic } from "./portal.repo.js";
import "./portal.policy.js";

/** Files on portal articles: editors see them all; everyone sees those of a public article. */
export const articleAttachments: AttachmentKind = {
  table: "portal_article_attachments",
  async canRead(db, actor, fileId) {
    const now = new Date().toISOString();
    const rows = await db
      .selectFrom("portal_article_attachments")
      .innerJoin("portal_articles", "portal_articles.id", "portal_article_attachments.article_id")
      .select(sql<number>`1`.as("one"))
      .where("portal_article_attachments.file_id", "=", fileId)
      .$if(!can(actor, "portal.manage"), (q) => q.where(isPublic(now)))
      .limit(1)
      .execute();
    return rows.length > 0;
  },
};
