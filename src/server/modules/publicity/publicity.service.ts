import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { PublicityNoticeTable, PublicityObjectionTable } from "../../db/tables/portal.js";
import { type Actor, authorize, can } from "../../lib/authz.js";
import type { Deps, Op, RequestMeta, SYSTEM, Trx } from "../../lib/context.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { addDays, chinaDate } from "../tasks/calendar.js";
import { namesOfOrgs, namesOfUsers, usersWithRoleAt } from "../tasks/tasks.repo.js";
import { maskName } from "./mask.js";
import { HANDLERS } from "./publicity.policy.js";
import type {
  ListNoticesQuery,
  LodgeObjectionBody,
  NoticeDetail,
  NoticeSummary,
  Objection,
  ObjectionStatus,
  PublicNotice,
} from "./publicity.schema.js";

type NoticeRow = PublicityNoticeTable;
type ObjectionRow = PublicityObjectionTable;

const noticeLabel = { zh: "公示", en: "Publicity notice" };
const objectionLabel = { zh: "异议", en: "Objection" };

export const MAX_PUBLICITY_DAYS = 60;

/** What the workflow (or an evaluation) publishes: the list, its period and where it came from. */
export interface OpenPublicityInput {
  ownerOrgId: string;
  title: string;
  body?: string | null;
  /** The kind and id of the object being published, e.g. "application" / its id. */
  sourceKind: string;
  sourceId: string;
  /** Calendar days (China time), counting today: 7 runs today and the next six days. */
  days: number;
  /** Names are stored as given and masked whenever shown. */
  entries: { name: string; detail: string }[];
}

export interface PublicityState {
  endsAt: string;
  openObjections: number;
  /** The period is over and no objection is unanswered. */
  passed: boolean;
}

/** The instant a period of `days` calendar days starting on `firstDay` (China) ends: the next midnight. */
export function periodEnd(firstDay: string, days: number): string {
  return new Date(Date.parse(`${addDays(firstDay, days)}T00:00:00+08:00`)).toISOString();
}

const findNotice = (db: Kysely<DB>, id: string) =>
  db.selectFrom("publicity_notices").selectAll().where("id", "=", id).executeTakeFirst();

export function makePublicityService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  const phaseOf = (n: NoticeRow, now: Date): "running" | "over" =>
    now.toISOString() >= n.ends_at ? "over" : "running";
  const passedOf = (n: NoticeRow, now: Date) => phaseOf(n, now) === "over" && n.open_objections === 0;

  async function summaries(actor: Actor, rows: NoticeRow[]): Promise<NoticeSummary[]> {
    const orgs = await namesOfOrgs(
      db,
      rows.map((r) => r.owner_org_id),
    );
    const now = deps.clock.now();
    return rows.map((n) => ({
      id: n.id,
      title: n.title,
      org: { id: n.owner_org_id, name: orgs.get(n.owner_org_id) ?? "" },
      sourceKind: n.source_kind,
      sourceId: n.source_id,
      days: n.days,
      startsAt: n.starts_at,
      endsAt: n.ends_at,
      phase: phaseOf(n, now),
      openObjections: n.open_objections,
      totalObjections: n.total_objections,
      passed: passedOf(n, now),
      abilities: { answer: can(actor, "publicity.answer", { ownerOrgId: n.owner_org_id }) },
    }));
  }

  async function objectionViews(rows: ObjectionRow[]): Promise<Objection[]> {
    const users = await namesOfUsers(
      db,
      rows.map((r) => r.answered_by).filter((id): id is string => id !== null),
    );
    return rows.map((o) => ({
      id: o.id,
      noticeId: o.notice_id,
      name: o.name,
      contact: o.contact,
      reason: o.reason,
      status: o.status as ObjectionStatus,
      createdAt: o.created_at,
      answer: o.answer,
      answeredBy: o.answered_by === null ? null : { id: o.answered_by, name: users.get(o.answered_by) ?? "" },
      answeredAt: o.answered_at,
    }));
  }

  async function entriesOf(id: string) {
    const rows = await db
      .selectFrom("publicity_entries")
      .select(["name", "detail"])
      .where("notice_id", "=", id)
      .orderBy("position")
      .execute();
    return rows.map((e) => ({ name: maskName(e.name), detail: e.detail }));
  }

  /** The notice for someone who may read it, or 404 (also for notices of other organisations). */
  async function loadReadable(actor: Actor, id: string): Promise<NoticeRow> {
    const notice = await findNotice(db, id);
    if (!notice || !can(actor, "publicity.read", { ownerOrgId: notice.owner_org_id }))
      throw notFound(noticeLabel);
    return notice;
  }

  return {
    /** Opens a publicity period in the caller's transaction (the workflow's 公示 step). */
    async open(
      trx: Trx,
      op: Op | typeof SYSTEM,
      input: OpenPublicityInput,
    ): Promise<{ id: string; startsAt: string; endsAt: string }> {
      const errors: FieldError[] = [];
      const title = input.title.trim();
      if (title === "")
        errors.push({ path: "/title", message: { zh: "请填写公示标题", en: "Give the notice a title" } });
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_PUBLICITY_DAYS)
        errors.push({
          path: "/days",
          message: {
            zh: `公示天数应为 1 到 ${MAX_PUBLICITY_DAYS} 的整数`,
            en: `Days must be a whole number from 1 to ${MAX_PUBLICITY_DAYS}`,
          },
        });
      input.entries.forEach((e, i) => {
        if (e.name.trim() === "")
          errors.push({
            path: `/entries/${i}/name`,
            message: { zh: "公示名单缺少姓名", en: "An entry has no name" },
          });
      });
      const org = await trx
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", input.ownerOrgId)
        .executeTakeFirst();
      if (!org)
        errors.push({ path: "/ownerOrgId", message: { zh: "公示单位不存在", en: "No such organisation" } });
      if (errors.length > 0) throw invalidFields("PUBLICITY_INVALID", errors);

      const now = deps.clock.now();
      const row: NoticeRow = {
        id: newId(now.getTime()),
        owner_org_id: input.ownerOrgId,
        title,
        body: input.body?.trim() || null,
        source_kind: input.sourceKind,
        source_id: input.sourceId,
        days: input.days,
        starts_at: now.toISOString(),
        ends_at: periodEnd(chinaDate(now), input.days),
        open_objections: 0,
        total_objections: 0,
        created_by: op.actor?.userId ?? null,
        created_at: now.toISOString(),
      };
      await trx.insertInto("publicity_notices").values(row).execute();
      if (input.entries.length > 0)
        await trx
          .insertInto("publicity_entries")
          .values(
            input.entries.map((e, position) => ({
              notice_id: row.id,
              position,
              name: e.name.trim(),
              detail: e.detail.trim(),
            })),
          )
          .execute();
      await writeAudit(trx, op, {
        action: "publicity.open",
        objectType: "publicity_notice",
        objectId: row.id,
        detail: {
          ownerOrgId: row.owner_org_id,
          sourceKind: row.source_kind,
          sourceId: row.source_id,
          days: row.days,
          endsAt: row.ends_at,
          entries: input.entries.length,
        },
      });
      return { id: row.id, startsAt: row.starts_at, endsAt: row.ends_at };
    },

    /** Where a notice stands; `db` may be the caller's transaction. 404 for an unknown id. */
    async stateOf(dbOrTrx: Kysely<DB>, id: string): Promise<PublicityState> {
      const notice = await findNotice(dbOrTrx, id);
      if (!notice) throw notFound(noticeLabel);
      return {
        endsAt: notice.ends_at,
        openObjections: notice.open_objections,
        passed: passedOf(notice, deps.clock.now()),
      };
    },

    /** The public page of a notice: period and the masked list. */
    async publicView(id: string): Promise<PublicNotice> {
      const notice = await findNotice(db, id);
      if (!notice) throw notFound(noticeLabel);
      const [orgs, entries] = await Promise.all([namesOfOrgs(db, [notice.owner_org_id]), entriesOf(id)]);
      const firstDay = chinaDate(new Date(notice.starts_at));
      return {
        id: notice.id,
        title: notice.title,
        body: notice.body,
        org: { id: notice.owner_org_id, name: orgs.get(notice.owner_org_id) ?? "" },
        days: notice.days,
        startsAt: notice.starts_at,
        endsAt: notice.ends_at,
        firstDay,
        lastDay: addDays(firstDay, notice.days - 1),
        phase: phaseOf(notice, deps.clock.now()),
        entries,
      };
    },

    /** The newest notices, for the portal's 公示公告 column. */
    async listPublic(limit: number, beforeId?: string) {
      let q = db.selectFrom("publicity_notices").selectAll();
      if (beforeId !== undefined) q = q.where("id", "<", beforeId);
      const rows = await q.orderBy("id", "desc").limit(limit).execute();
      const now = deps.clock.now();
      return rows.map((n) => ({
        id: n.id,
        title: n.title,
        startsAt: n.starts_at,
        endsAt: n.ends_at,
        phase: phaseOf(n, now),
      }));
    },

    /** Anyone lodges an objection while the period runs; it goes to the owning organisation. */
    async lodge(
      meta: RequestMeta,
      id: string,
      input: LodgeObjectionBody,
    ): Promise<{ id: string; createdAt: string }> {
      const name = (input.name ?? "").trim();
      const contact = (input.contact ?? "").trim();
      const reason = (input.reason ?? "").trim();
      const errors: FieldError[] = [];
      if (name === "") errors.push({ path: "/name", message: { zh: "请填写姓名", en: "Give your name" } });
      else if ([...name].length > 50)
        errors.push({
          path: "/name",
          message: { zh: "姓名不能超过 50 个字", en: "The name is too long (50 at most)" },
        });
      if (contact === "")
        errors.push({
          path: "/contact",
          message: { zh: "请填写联系方式（电话或电子邮箱）", en: "Give a phone number or e-mail address" },
        });
      else if ([...contact].length > 100)
        errors.push({
          path: "/contact",
          message: { zh: "联系方式不能超过 100 个字", en: "The contact is too long (100 at most)" },
        });
      if (reason === "")
        errors.push({
          path: "/reason",
          message: { zh: "请填写异议理由", en: "Give the reason for the objection" },
        });
      else if ([...reason].length > 2000)
        errors.push({
          path: "/reason",
          message: { zh: "异议理由不能超过 2000 个字", en: "The reason is too long (2000 at most)" },
        });
      const notice = await findNotice(db, id);
      if (!notice) throw notFound(noticeLabel);
      if (errors.length > 0) throw invalidFields("OBJECTION_INVALID", errors);
      const now = deps.clock.now();
      if (phaseOf(notice, now) === "over")
        throw conflict("PUBLICITY_CLOSED", {
          zh: "公示期已结束，不再受理异议",
          en: "The publicity period is over; objections are no longer accepted",
        });
      const row: ObjectionRow = {
        id: newId(now.getTime()),
        notice_id: id,
        name,
        contact,
        reason,
        status: "open",
        ip: meta.ip,
        created_at: now.toISOString(),
        answer: null,
        answered_by: null,
        answered_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("publicity_objections").values(row).execute();
        await trx
          .updateTable("publicity_notices")
          .set((eb) => ({
            open_objections: eb("open_objections", "+", 1),
            total_objections: eb("total_objections", "+", 1),
          }))
          .where("id", "=", id)
          .execute();
        const handlers = [
          ...(await usersWithRoleAt(trx, "officer", [notice.owner_org_id])),
          ...(await usersWithRoleAt(trx, "leader", [notice.owner_org_id])),
          ...(await usersWithRoleAt(trx, "talent_office", [notice.owner_org_id])),
        ];
        for (const userId of new Set(handlers))
          await notifyUser(trx, now, userId, {
            kind: "publicity",
            title: `公示异议：${notice.title}`,
            body: "收到一条公示异议，请及时核实并答复。",
            link: `/publicity/${id}`,
          });
        await writeAudit(
          trx,
          { actor: null, meta },
          {
            action: "publicity.objection.lodge",
            objectType: "publicity_objection",
            objectId: row.id,
            detail: { noticeId: id, ownerOrgId: notice.owner_org_id },
          },
        );
      });
      return { id: row.id, createdAt: row.created_at };
    },

    /** Notices the actor handles (every notice for the talent office), newest first. */
    async list(op: Op, query: ListNoticesQuery) {
      authorize(op.actor, "publicity.read");
      const limit = query.limit ?? 50;
      let q = db.selectFrom("publicity_notices").selectAll();
      if (!can(op.actor, "publicity.read", { ownerOrgId: "-" })) {
        const orgIds = [...new Set(op.actor.roles.map((g) => g.orgId))];
        q = q.where("owner_org_id", "in", orgIds.length > 0 ? orgIds : ["-"]);
      }
      if (query.objections === "open") {
        const answering = [
          ...new Set(op.actor.roles.filter((g) => HANDLERS.includes(g.role)).map((g) => g.orgId)),
        ];
        q = q
          .where("owner_org_id", "in", answering.length > 0 ? answering : ["-"])
          .where("open_objections", ">", 0);
      }
      const before = decodeCursor<string>(query.cursor, "string");
      if (before !== undefined) q = q.where("id", "<", before);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const readable = rows.filter((r) => can(op.actor, "publicity.read", { ownerOrgId: r.owner_org_id }));
      const page = pageOf(readable, limit, (r) => r.id);
      return { items: await summaries(op.actor, page.items), nextCursor: page.nextCursor };
    },

    /** A notice with its list and objections; objectors' contacts are personal data, so the read is audited. */
    async get(op: Op, id: string): Promise<NoticeDetail> {
      authorize(op.actor, "publicity.read");
      const notice = await loadReadable(op.actor, id);
      const [summary, entries, objections] = await Promise.all([
        summaries(op.actor, [notice]),
        entriesOf(id),
        db.selectFrom("publicity_objections").selectAll().where("notice_id", "=", id).orderBy("id").execute(),
      ]);
      if (objections.length > 0)
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            action: "publicity.objections.read",
            objectType: "publicity_notice",
            objectId: id,
            detail: { objections: objections.map((o) => o.id) },
          }),
        );
      return {
        notice: summary[0]!,
        body: notice.body,
        entries,
        objections: await objectionViews(objections),
      };
    },

    /** The owning organisation answers an objection, once. */
    async answer(op: Op, id: string, objectionId: string, input: { answer: string }): Promise<Objection> {
      authorize(op.actor, "publicity.answer");
      const notice = await loadReadable(op.actor, id);
      authorize(op.actor, "publicity.answer", { ownerOrgId: notice.owner_org_id });
      const answer = input.answer.trim();
      if (answer === "")
        throw invalidFields("OBJECTION_ANSWER_INVALID", [
          { path: "/answer", message: { zh: "请填写答复内容", en: "Write the answer" } },
        ]);
      const now = deps.clock.now();
      const at = now.toISOString();
      const updated = await db.transaction().execute(async (trx) => {
        const objection = await trx
          .selectFrom("publicity_objections")
          .selectAll()
          .where("id", "=", objectionId)
          .where("notice_id", "=", id)
          .executeTakeFirst();
        if (!objection) throw notFound(objectionLabel);
        const result = await trx
          .updateTable("publicity_objections")
          .set({ status: "answered", answer, answered_by: op.actor.userId, answered_at: at })
          .where("id", "=", objectionId)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1)
          throw conflict("OBJECTION_ANSWERED", {
            zh: "该异议已答复",
            en: "This objection has already been answered",
          });
        await trx
          .updateTable("publicity_notices")
          .set((eb) => ({ open_objections: eb("open_objections", "-", 1) }))
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, {
          action: "publicity.objection.answer",
          objectType: "publicity_objection",
          objectId: objectionId,
          detail: { noticeId: id },
        });
        return { ...objection, status: "answered", answer, answered_by: op.actor.userId, answered_at: at };
      });
      const [view] = await objectionViews([updated]);
      return view!;
    },
  };
}
export type PublicityService = ReturnType<typeof makePublicityService>;
