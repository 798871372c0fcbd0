// The portal's editor API (talent office) and the publicity (公示) handling of the owning units
// (docs/api/portal.md). Kept out of endpoints.ts so that only the lazily loaded pages download it.
import { api, seg } from "./client";
import type { Attachment, Page } from "./types";

export const COLUMN_KEYS = ["talent-policy", "employment-policy", "notices", "publicity", "guide"] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export type ArticleStatus = "draft" | "published" | "withdrawn";
export type ArticlePhase = "draft" | "scheduled" | "live" | "expired" | "withdrawn";

export interface ArticleSummary {
  id: string;
  column: ColumnKey;
  title: string;
  source: string;
  status: ArticleStatus;
  phase: ArticlePhase;
  publishAt: string | null;
  expiresAt: string | null;
  pinned: boolean;
  viewCount: number;
  policyDocumentId: string | null;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

export interface ArticleDetail {
  article: ArticleSummary;
  summary: string | null;
  bodyHtml: string;
  attachments: Attachment[];
}

export interface ArticleContent {
  column: ColumnKey;
  title: string;
  source: string;
  summary: string | null;
  bodyHtml: string;
  attachmentIds?: string[];
}

export const portalApi = {
  list: (query: { column?: ColumnKey; status?: ArticleStatus; cursor?: string | null; limit?: number }) =>
    api.get<Page<ArticleSummary>>("/portal/articles", { query: { ...query } }),
  get: (id: string) => api.get<ArticleDetail>(`/portal/articles/${seg(id)}`),
  create: (body: ArticleContent) => api.post<ArticleDetail>("/portal/articles", body, { quiet: true }),
  update: (id: string, body: ArticleContent) =>
    api.put<ArticleDetail>(`/portal/articles/${seg(id)}`, body, { quiet: true }),
  publish: (id: string, body: { publishAt?: string | null; expiresAt?: string | null }) =>
    api.post<ArticleDetail>(`/portal/articles/${seg(id)}/publish`, body, { quiet: true }),
  withdraw: (id: string) => api.post<ArticleDetail>(`/portal/articles/${seg(id)}/withdraw`, {}),
  pin: (id: string, pinned: boolean) =>
    api.post<ArticleDetail>(`/portal/articles/${seg(id)}/pin`, { pinned }),
  importPolicy: (body: { filename: string; contentBase64: string; column?: ColumnKey }) =>
    api.post<ArticleDetail>("/portal/articles/import-policy", body, { quiet: true }),
};

export interface NoticeSummary {
  id: string;
  title: string;
  org: { id: string; name: string };
  sourceKind: string;
  sourceId: string;
  days: number;
  startsAt: string;
  endsAt: string;
  phase: "running" | "over";
  openObjections: number;
  totalObjections: number;
  passed: boolean;
  abilities: { answer: boolean };
}

export interface Objection {
  id: string;
  noticeId: string;
  name: string;
  contact: string;
  reason: string;
  status: "open" | "answered";
  createdAt: string;
  answer: string | null;
  answeredBy: { id: string; name: string } | null;
  answeredAt: string | null;
}

export interface NoticeDetail {
  notice: NoticeSummary;
  body: string | null;
  entries: { name: string; detail: string }[];
  objections: Objection[];
}

export const publicityApi = {
  list: (query: { cursor?: string | null; limit?: number; objections?: "open" }) =>
    api.get<Page<NoticeSummary>>("/publicity", { query: { ...query } }),
  get: (id: string) => api.get<NoticeDetail>(`/publicity/${seg(id)}`),
  answer: (id: string, objectionId: string, answer: string) =>
    api.post<Objection>(
      `/publicity/${seg(id)}/objections/${seg(objectionId)}/answer`,
      { answer },
      { quiet: true },
    ),
};
