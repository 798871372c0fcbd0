import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";

export const OBJECTION_STATUSES = ["open", "answered"] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** The period of a notice: before it starts (never, notices open at once), running, or over. */
export const NOTICE_PHASES = ["running", "over"] as const;

export const PublicEntry = Type.Object({ name: Type.String(), detail: Type.String() });

/** What the public sees: the list with names masked (张** / 欧阳**). */
export const PublicNotice = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    body: Nullable(Type.String()),
    org: Type.Object({ id: Type.String(), name: Type.String() }),
    days: Type.Integer(),
    startsAt: Type.String(),
    endsAt: Type.String(),
    /** The period in China dates, inclusive: 2026-11-27 to 2026-12-03. */
    firstDay: Type.String(),
    lastDay: Type.String(),
    phase: StringEnum(NOTICE_PHASES),
    entries: Type.Array(PublicEntry),
  },
  { $id: "PublicNotice" },
);
export type PublicNotice = Static<typeof PublicNotice>;

export const Objection = Type.Object(
  {
    id: Type.String(),
    noticeId: Type.String(),
    name: Type.String(),
    contact: Type.String(),
    reason: Type.String(),
    status: StringEnum(OBJECTION_STATUSES),
    createdAt: Type.String(),
    answer: Nullable(Type.String()),
    answeredBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    answeredAt: Nullable(Type.String()),
  },
  { $id: "PublicityObjection" },
);
export type Objection = Static<typeof Objection>;

export const NoticeSummary = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    org: Type.Object({ id: Type.String(), name: Type.String() }),
    sourceKind: Type.String(),
    sourceId: Type.String(),
    days: Type.Integer(),
    startsAt: Type.String(),
    endsAt: Type.String(),
    phase: StringEnum(NOTICE_PHASES),
    openObjections: Type.Integer(),
    totalObjections: Type.Integer(),
    passed: Type.Boolean(),
    abilities: Type.Object({ answer: Type.Boolean() }),
  },
  { $id: "PublicityNoticeSummary" },
);
export type NoticeSummary = Static<typeof NoticeSummary>;

export const NoticeDetail = Type.Object(
  {
    notice: NoticeSummary,
    body: Nullable(Type.String()),
    entries: Type.Array(PublicEntry),
    objections: Type.Array(Objection),
  },
  { $id: "PublicityNoticeDetail" },
);
export type NoticeDetail = Static<typeof NoticeDetail>;

// Lodging takes strings of any length up to a bound and checks them in the service, so that a missing
// field gets its own clear message instead of a schema error.
export const LodgeObjectionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    contact: Type.Optional(Type.String({ maxLength: 200 })),
    reason: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type LodgeObjectionBody = Static<typeof LodgeObjectionBody>;

export const AnswerBody = Type.Object(
  { answer: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);

export const ListNoticesQuery = Type.Object(
  {
    ...PageQuery,
    /** "open": only notices holding open objections that this user answers (their organisation's). */
    objections: Type.Optional(StringEnum(["open"] as const)),
  },
  { additionalProperties: false },
);
export type ListNoticesQuery = Static<typeof ListNoticesQuery>;

export const NoticeParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export const ObjectionParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40 }),
    objectionId: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
