// Table types of the portal domain; DB in ../schema.ts extends PortalTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).
// (PostgreSQL's generated `search_vector` column and SQLite's `portal_articles_fts` table are only
// reached through raw SQL in the portal repo, so they have no types here.)

export interface PortalArticleTable {
  id: string;
  /** One of COLUMN_KEYS (modules/portal/columns.ts). */
  column_key: string;
  title: string;
  source: string;
  summary: string | null;
  /** Sanitised on save (allow-list): no script, event handler or javascript: URL. */
  body_html: string;
  body_text: string;
  /** Space-joined search tokens: word segments and CJK bigrams of title, summary and text. */
  tokens: string;
  /** draft | published | withdrawn; published ones are public from publish_at until expires_at. */
  status: string;
  publish_at: string | null;
  expires_at: string | null;
  pinned: number;
  view_count: number;
  policy_document_id: string | null;
  publicity_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PortalArticleVisitTable {
  article_id: string;
  /** sha256 of the visitor's address and user agent: no personal data is kept. */
  visitor: string;
  counted_at: string;
}

export interface PortalArticleAttachmentTable {
  article_id: string;
  file_id: string;
  position: number;
}

export interface PublicityNoticeTable {
  id: string;
  owner_org_id: string;
  title: string;
  body: string | null;
  source_kind: string;
  source_id: string;
  days: number;
  starts_at: string;
  ends_at: string;
  open_objections: number;
  total_objections: number;
  created_by: string | null;
  created_at: string;
}

export interface PublicityEntryTable {
  notice_id: string;
  position: number;
  name: string;
  detail: string;
}

export interface PublicityObjectionTable {
  id: string;
  notice_id: string;
  name: string;
  contact: string;
  reason: string;
  /** open | answered */
  status: string;
  ip: string | null;
  created_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

export type PortalTables = {
  portal_articles: PortalArticleTable;
  portal_article_visits: PortalArticleVisitTable;
  portal_article_attachments: PortalArticleAttachmentTable;
  publicity_notices: PublicityNoticeTable;
  publicity_entries: PublicityEntryTable;
  publicity_objections: PublicityObjectionTable;
};
