import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";
import { FileView } from "../files/files.schema.js";
import { COLUMN_KEYS } from "./columns.js";

export const ARTICLE_STATUSES = ["draft", "published", "withdrawn"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Where an article stands for the public right now. */
export const ARTICLE_PHASES = ["draft", "scheduled", "live", "expired", "withdrawn"] as const;
export type ArticlePhase = (typeof ARTICLE_PHASES)[number];

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const ArticleSummary = Type.Object(
  {
    id: Type.String(),
    column: StringEnum(COLUMN_KEYS),
    title: Type.String(),
    source: Type.String(),
    status: StringEnum(ARTICLE_STATUSES),
    phase: StringEnum(ARTICLE_PHASES),
    publishAt: Nullable(Type.String()),
    expiresAt: Nullable(Type.String()),
    pinned: Type.Boolean(),
    viewCount: Type.Integer(),
    policyDocumentId: Nullable(Type.String()),
    updatedAt: Type.String(),
    updatedBy: Nullable(PersonRef),
  },
  { $id: "PortalArticleSummary" },
);
export type ArticleSummary = Static<typeof ArticleSummary>;

export const ArticleDetail = Type.Object(
  {
    article: ArticleSummary,
    summary: Nullable(Type.String()),
    bodyHtml: Type.String(),
    attachments: Type.Array(FileView),
  },
  { $id: "PortalArticleDetail" },
);
export type ArticleDetail = Static<typeof ArticleDetail>;

const IsoInstant = Type.String({ format: "date-time", maxLength: 40 });

export const ArticleContentBody = Type.Object(
  {
    column: StringEnum(COLUMN_KEYS),
    title: Type.String({ maxLength: 200 }),
    source: Type.String({ maxLength: 100 }),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    bodyHtml: Type.String({ maxLength: 500_000 }),
    attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ArticleContentBody = Static<typeof ArticleContentBody>;

export const PublishBody = Type.Object(
  {
    /** When it becomes public; omitted or null: now. */
    publishAt: Type.Optional(Nullable(IsoInstant)),
    /** When it stops being public; null: never. */
    expiresAt: Type.Optional(Nullable(IsoInstant)),
  },
  { additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBody>;

export const PinBody = Type.Object({ pinned: Type.Boolean() }, { additionalProperties: false });

export const ImportPolicyBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 1, maxLength: 3_000_000 }),
    column: Type.Optional(StringEnum(COLUMN_KEYS)),
  },
  { additionalProperties: false },
);
export type ImportPolicyBody = Static<typeof ImportPolicyBody>;

export const ListArticlesQuery = Type.Object(
  {
    ...PageQuery,
    column: Type.Optional(StringEnum(COLUMN_KEYS)),
    status: Type.Optional(StringEnum(ARTICLE_STATUSES)),
  },
  { additionalProperties: false },
);
export type ListArticlesQuery = Static<typeof ListArticlesQuery>;

export const ArticleParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
