import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { type Actor, authorize, can, hasAnyRole } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { SYSTEM } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { BankChanges } from "./bank-changes.service.js";
import {
  checkBankAccount,
  checkIdentity,
  checkPhone,
  type Gender,
  type IdType,
  idIndexInput,
  isCalendarDate,
  maskBankAccount,
  maskIdNumber,
  maskPhone,
  sealBankAccount,
  sealIdNumber,
  sealPhone,
} from "./personal-data.js";
import type { TalentSubject } from "./registry.policy.js";
import {
  childrenOf,
  employerOrgIdsOf,
  employersByIds,
  escapeLike,
  findEmployer,
  findTalent,
  findTalentOfUser,
  replaceChildren,
  type TalentChildren,
  type TalentRow,
  talentIdByIndex,
  tierHistoryOf,
} from "./registry.repo.js";
import type {
  CreateTalentBody,
  ListTalentsQuery,
  RevealBody,
  Revealed,
  SetTierBody,
  Talent,
  TalentSummary,
  UpdateOwnBody,
  UpdateTalentBody,
} from "./registry.schema.js";
import "./registry.policy.js";

const talentLabel = { zh: "人才档案", en: "Talent record" };
const GOVERNMENT = ["talent_office", "officer", "leader"] as const;

type ChildInput = Pick<
  UpdateTalentBody,
  "educations" | "titles" | "skills" | "awards" | "patents" | "engagements" | "postdocs"
>;

/** Re-authentication of the signed-in user (identity's current-password check), as a port. */
export type Reauthenticate = (op: Op, password: string | undefined, purpose: string) => Promise<void>;

export interface TalentServiceDeps {
  bankChanges: BankChanges;
  reauthenticate: Reauthenticate;
}

export function makeTalentService(
  deps: Deps,
  writeAudit: AuditWriter,
  cipher: FieldCipher,
  { bankChanges, reauthenticate }: TalentServiceDeps,
) {
  const db = deps.database.db;
  const open = (field: string, enc: string | null): string | null =>
    enc === null ? null : cipher.decrypt(field, enc);

  async function subjectOf(row: TalentRow): Promise<TalentSubject> {
    return { userId: row.user_id, employerOrgIds: await employerOrgIdsOf(db, row) };
  }

  /** The talent if the actor may see it; 404 (as for an unknown id) otherwise. */
  async function loadVisible(actor: Actor, id: string) {
    const row = await findTalent(db, id);
    if (!row) throw notFound(talentLabel);
    const subject = await subjectOf(row);
    if (!can(actor, "registry.readTalent", subject)) throw notFound(talentLabel);
    return { row, subject };
  }

  /** What `actor` may see of each row: the year of birth only unless registry.readIncome allows more. */
  async function summaries(actor: Actor, rows: TalentRow[]): Promise<TalentSummary[]> {
    const employers = new Map(
      (
        await employersByIds(
          db,
          rows.map((r) => r.employer_id).filter((v): v is string => v !== null),
        )
      ).map((e) => [e.id, e]),
    );
    return rows.map((r) => {
      const employer = r.employer_id === null ? undefined : employers.get(r.employer_id);
      const phone = open("talent.phone", r.phone_enc);
      return {
        id: r.id,
        name: r.name,
        idType: r.id_type as IdType,
        idNumberMasked: maskIdNumber(cipher.decrypt("talent.idNumber", r.id_number_enc)),
        gender: r.gender as Gender,
        birthDate: can(actor, "registry.readIncome", { userId: r.user_id, employerOrgIds: [] })
          ? r.birth_date
          : r.birth_date.slice(0, 4),
        phoneMasked: phone === null ? null : maskPhone(phone),
        employer: employer ? { id: employer.id, name: employer.name } : null,
        category: r.category as TalentSummary["category"],
        industry: r.industry,
        tier: r.tier as TalentSummary["tier"],
        hasAccount: r.user_id !== null,
        updatedAt: r.updated_at,
      };
    });
  }

  async function present(actor: Actor, row: TalentRow, subject: TalentSubject): Promise<Talent> {
    const [[summary], children, history] = await Promise.all([
      summaries(actor, [row]),
      childrenOf(db, [row.id]).then((m) => m.get(row.id)!),
      tierHistoryOf(db, row.id),
    ]);
    const recorders = history.map((h) => h.recorded_by).filter((v): v is string => v !== null);
    const names = new Map(
      recorders.length === 0
        ? []
        : (
            await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", recorders).execute()
          ).map((u) => [u.id, u.display_name]),
    );
    const bank = open("talent.bankAccount", row.bank_account_enc);
    const income = can(actor, "registry.readIncome", subject);
    return {
      ...summary!,
      bankAccountMasked: bank === null ? null : maskBankAccount(bank),
      pendingBankChange: await bankChanges.pendingOf(row.id),
      arrivalDate: row.arrival_date,
      salaryYearly: income ? row.salary_yearly : null,
      taxYearly: income ? row.tax_yearly : null,
      educations: children.talent_educations as Talent["educations"],
      titles: children.talent_titles as Talent["titles"],
      skills: children.talent_skills as Talent["skills"],
      awards: children.talent_awards as Talent["awards"],
      patents: children.talent_patents as Talent["patents"],
      engagements: children.talent_engagements.map((e) => ({
        employerId: e.employer_id,
        employerName: e.employer_name,
        kind: e.kind as Talent["engagements"][number]["kind"],
        startsOn: e.starts_on,
        endsOn: e.ends_on,
      })),
      postdocs: children.talent_postdocs.map((p) => ({
        station: p.station,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
      })),
      tierHistory: history.map((h) => ({
        tier: h.tier,
        recognisedOn: h.recognised_on,
        source: h.source,
        note: h.note,
        recordedBy:
          h.recorded_by === null ? null : { id: h.recorded_by, name: names.get(h.recorded_by) ?? "" },
        at: h.created_at,
      })),
      abilities: {
        update: can(actor, "registry.manageTalents"),
        setTier: can(actor, "registry.manageTalents"),
        reveal: can(actor, "registry.reveal", subject),
      },
    };
  }

  /** Child lists from the request, checked (dates, engagement employers); errors carry paths. */
  async function childRows(
    trx: Kysely<DB>,
    input: ChildInput,
    errors: FieldError[],
  ): Promise<Partial<TalentChildren>> {
    const out: Partial<TalentChildren> = {};
    if (input.educations)
      out.talent_educations = input.educations.map((e) => ({
        degree: e.degree,
        school: e.school.trim(),
        major: e.major ?? null,
        year: e.year ?? null,
      }));
    if (input.titles)
      out.talent_titles = input.titles.map((t) => ({
        name: t.name.trim(),
        level: t.level,
        year: t.year ?? null,
      }));
    if (input.skills)
      out.talent_skills = input.skills.map((s) => ({
        name: s.name.trim(),
        level: s.level,
        year: s.year ?? null,
      }));
    if (input.awards)
      out.talent_awards = input.awards.map((a) => ({ name: a.name.trim(), level: a.level, year: a.year }));
    if (input.patents)
      out.talent_patents = input.patents.map((p) => ({
        title: p.title.trim(),
        kind: p.kind,
        number: p.number ?? null,
        year: p.year,
      }));
    const span = (path: string, startsOn: string, endsOn: string | null | undefined) => {
      if (!isCalendarDate(startsOn))
        errors.push({ path: `${path}/startsOn`, message: { zh: "日期无效", en: "not a real date" } });
      if (endsOn && !isCalendarDate(endsOn))
        errors.push({ path: `${path}/endsOn`, message: { zh: "日期无效", en: "not a real date" } });
      else if (endsOn && endsOn < startsOn)
        errors.push({
          path: `${path}/endsOn`,
          message: { zh: "结束日期早于开始日期", en: "ends before it starts" },
        });
    };
    if (input.engagements) {
      const rows: TalentChildren["talent_engagements"] = [];
      for (const [i, e] of input.engagements.entries()) {
        const path = `/engagements/${i}`;
        span(path, e.startsOn, e.endsOn);
        let name = e.employerName?.trim() ?? null;
        if (e.employerId) {
          const employer = await findEmployer(trx, e.employerId);
          if (!employer)
            errors.push({
              path: `${path}/employerId`,
              message: { zh: "用人单位不存在", en: "no such employer" },
            });
          else name = employer.name;
        }
        if (!name)
          errors.push({
            path: `${path}/employerName`,
            message: { zh: "请填写用人单位", en: "name the employer" },
          });
        rows.push({
          employer_id: e.employerId ?? null,
          employer_name: name ?? "",
          kind: e.kind,
          starts_on: e.startsOn,
          ends_on: e.endsOn ?? null,
        });
      }
      out.talent_engagements = rows;
    }
    if (input.postdocs) {
      out.talent_postdocs = input.postdocs.map((p, i) => {
        span(`/postdocs/${i}`, p.startsOn, p.endsOn);
        return { station: p.station.trim(), starts_on: p.startsOn, ends_on: p.endsOn ?? null };
      });
    }
    return out;
  }

  /** The bank account a request asks for (null: none), checked; undefined when it asks nothing. */
  function requestedBank(input: { bankAccount?: string | null }, errors: FieldError[]) {
    if (input.bankAccount === undefined) return undefined;
    if (input.bankAccount === null || input.bankAccount.trim() === "") return { account: null };
    const bank = checkBankAccount(input.bankAccount, "/bankAccount");
    if (bank.ok) return { account: bank.value };
    errors.push(bank.error);
    return undefined;
  }

  /** Whether `account` differs from the record's current one. */
  const changesBank = (row: TalentRow, account: string | null) =>
    account !== open("talent.bankAccount", row.bank_account_enc);

  /** The columns a request sets (other than identity and the bank account), checked. */
  function selfColumns(input: UpdateOwnBody, errors: FieldError[]): Partial<TalentRow> {
    const out: Partial<TalentRow> = {};
    if (input.phone !== undefined) {
      if (input.phone === null || input.phone.trim() === "") Object.assign(out, sealPhone(cipher, null));
      else {
        const phone = checkPhone(input.phone, "/phone");
        if (phone.ok) Object.assign(out, sealPhone(cipher, phone.value));
        else errors.push(phone.error);
      }
    }
    if (input.industry !== undefined) out.industry = input.industry?.trim() || null;
    if (input.category !== undefined) out.category = input.category;
    if (input.arrivalDate !== undefined) {
      if (input.arrivalDate !== null && !isCalendarDate(input.arrivalDate))
        errors.push({ path: "/arrivalDate", message: { zh: "日期无效", en: "not a real date" } });
      out.arrival_date = input.arrivalDate;
    }
    if (input.salaryYearly !== undefined) out.salary_yearly = input.salaryYearly;
    if (input.taxYearly !== undefined) out.tax_yearly = input.taxYearly;
    return out;
  }

  /** Identity and links set by the talent office: ID (unique by blind index), employer, account. */
  async function identityColumns(
    trx: Kysely<DB>,
    input: UpdateTalentBody,
    current: TalentRow | null,
    errors: FieldError[],
  ): Promise<Partial<TalentRow>> {
    const out: Partial<TalentRow> = {};
    if (input.name !== undefined) out.name = input.name.trim();
    const touchesIdentity =
      current === null ||
      input.idType !== undefined ||
      input.idNumber !== undefined ||
      input.gender !== undefined ||
      input.birthDate !== undefined;
    if (touchesIdentity) {
      const idType = (input.idType ?? current?.id_type) as IdType;
      const idNumber = input.idNumber ?? cipher.decrypt("talent.idNumber", current!.id_number_enc);
      const passportFallback = idType === "passport" && current !== null;
      const identity = checkIdentity(
        {
          idType,
          idNumber,
          gender: input.gender ?? (passportFallback ? (current.gender as Gender) : undefined),
          birthDate: input.birthDate ?? (passportFallback ? current.birth_date : undefined),
        },
        deps.clock.now(),
      );
      if (!identity.ok) errors.push(...identity.errors);
      else {
        const v = identity.value;
        const sealed = sealIdNumber(cipher, v.idType, v.idNumber);
        if (current === null || sealed.id_number_bidx !== current.id_number_bidx) {
          const existing = await talentIdByIndex(trx, sealed.id_number_bidx);
          if (existing && existing !== current?.id)
            throw conflict(
              "TALENT_EXISTS",
              { zh: "该证件号码的人才档案已存在", en: "A talent with this ID number is already registered" },
              { existingTalentId: existing },
            );
          Object.assign(out, sealed);
        }
        Object.assign(out, { id_type: v.idType, gender: v.gender, birth_date: v.birthDate });
      }
    }
    if (input.employerId !== undefined) {
      if (input.employerId !== null && !(await findEmployer(trx, input.employerId)))
        errors.push({ path: "/employerId", message: { zh: "用人单位不存在", en: "no such employer" } });
      out.employer_id = input.employerId;
    }
    if (input.userId !== undefined) {
      if (input.userId !== null) {
        const talentRole = await trx
          .selectFrom("user_roles")
          .select("user_id")
          .where("user_id", "=", input.userId)
          .where("role", "=", "talent")
          .executeTakeFirst();
        if (!talentRole)
          errors.push({
            path: "/userId",
            message: { zh: "该账号不存在或不是人才账号", en: "no such talent account" },
          });
        else {
          const linked = await findTalentOfUser(trx, input.userId);
          if (linked && linked.id !== current?.id)
            throw conflict("TALENT_ACCOUNT_LINKED", {
              zh: "该账号已关联其他人才档案",
              en: "This account is already linked to another talent record",
            });
        }
      }
      out.user_id = input.userId;
    }
    return out;
  }

  async function listVisible(actor: Actor, query: ListTalentsQuery) {
    const limit = query.limit ?? 50;
    const after = decodeCursor<string>(query.cursor, "string");
    let q = db.selectFrom("talents").selectAll();
    if (!hasAnyRole(actor, GOVERNMENT)) {
      // An employer sees its own staff: full-time, or engaged flexibly.
      const orgIds = actor.roles.filter((g) => g.role === "employer").map((g) => g.orgId);
      const mine = db.selectFrom("employers").select("id").where("org_id", "in", orgIds);
      q = q.where((eb) =>
        eb.or([
          eb("employer_id", "in", mine),
          eb.exists(
            eb
              .selectFrom("talent_engagements")
              .select("talent_engagements.id")
              .whereRef("talent_engagements.talent_id", "=", "talents.id")
              .where("talent_engagements.employer_id", "in", mine),
          ),
        ]),
      );
    }
    const text = query.q?.trim() ?? "";
    if (text !== "") {
      const upper = text.replace(/\s/g, "").toUpperCase();
      const mobile = /^1[3-9][0-9]{9}$/.test(upper) ? checkPhone(upper, "") : null;
      if (mobile?.ok) {
        // An exact mobile number, through the phone's blind index.
        q = q.where("phone_bidx", "=", cipher.blindIndex("talent.phone", mobile.value));
      } else if (/^[0-9]{17}[0-9X]$/.test(upper) || /^[A-Z]{0,2}[0-9]{6,}$/.test(upper)) {
        // An exact ID number: found through its blind index, never by decrypting the table.
        q = q.where("id_number_bidx", "in", [
          cipher.blindIndex("talent.idNumber", idIndexInput("resident", upper)),
          cipher.blindIndex("talent.idNumber", idIndexInput("passport", upper)),
        ]);
      } else {
        q = q.where(sql<boolean>`name like ${`${escapeLike(text)}%`} escape '\\'`);
      }
    }
    if (query.employerId) q = q.where("employer_id", "=", query.employerId);
    if (query.tier) q = q.where("tier", "=", query.tier);
    if (query.category) q = q.where("category", "=", query.category);
    if (after !== undefined) q = q.where("id", ">", after);
    const rows = await q
      .orderBy("id")
      .limit(limit + 1)
      .execute();
    const page = pageOf(rows, limit, (r) => r.id);
    return { items: await summaries(actor, page.items), nextCursor: page.nextCursor };
  }

  async function createTalent(op: Op | null, input: CreateTalentBody): Promise<string> {
    const who = op ?? SYSTEM;
    return db.transaction().execute(async (trx) => {
      const errors: FieldError[] = [];
      const identity = await identityColumns(trx, input, null, errors);
      const self = selfColumns(input, errors);
      // A new record's first account is set at once: there is no earlier account to divert from.
      const bank = requestedBank(input, errors);
      if (bank) self.bank_account_enc = sealBankAccount(cipher, bank.account);
      const children = await childRows(trx, input, errors);
      if (errors.length > 0) throw invalidFields("TALENT_INVALID", errors);
      const now = deps.clock.now();
      const row: TalentRow = {
        id: newId(now.getTime()),
        user_id: null,
        employer_id: null,
        phone_enc: null,
        phone_bidx: null,
        bank_account_enc: null,
        industry: null,
        category: null,
        arrival_date: null,
        salary_yearly: null,
        tax_yearly: null,
        tier: null,
        ...(identity as Pick<
          TalentRow,
          "name" | "id_type" | "id_number_enc" | "id_number_bidx" | "gender" | "birth_date"
        >),
        ...self,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await trx.insertInto("talents").values(row).execute();
      await replaceChildren(trx, row.id, children);
      await writeAudit(trx, who, {
        action: "registry.talent.create",
        objectType: "talent",
        objectId: row.id,
        detail: {
          name: row.name,
          idNumber: maskIdNumber(cipher.decrypt("talent.idNumber", row.id_number_enc)),
        },
      });
      return row.id;
    });
  }

  async function writeUpdate(
    op: Op,
    row: TalentRow,
    patch: Partial<TalentRow>,
    children: Partial<TalentChildren>,
    action: string,
    fields: string[],
    bank?: { account: string | null; as: "talent" | "office" } | "withdraw",
  ) {
    await db.transaction().execute(async (trx) => {
      if (bank === "withdraw") await bankChanges.withdrawIn(trx, op, row);
      else if (bank) await bankChanges.holdIn(trx, op, row, bank.account, bank.as);
      await trx
        .updateTable("talents")
        .set({ ...patch, updated_at: deps.clock.now().toISOString() })
        .where("id", "=", row.id)
        .execute();
      await replaceChildren(trx, row.id, children);
      await writeAudit(trx, op, { action, objectType: "talent", objectId: row.id, detail: { fields } });
    });
  }

  async function recordTier(op: Op | null, id: string, input: SetTierBody, source = "manual"): Promise<void> {
    if (op) authorize(op.actor, "registry.manageTalents");
    if (!isCalendarDate(input.recognisedOn))
      throw invalidFields("TALENT_INVALID", [
        { path: "/recognisedOn", message: { zh: "日期无效", en: "not a real date" } },
      ]);
    const row = await findTalent(db, id);
    if (!row) throw notFound(talentLabel);
    const now = deps.clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("talent_tiers")
        .values({
          id: newId(now.getTime()),
          talent_id: id,
          tier: input.tier,
          recognised_on: input.recognisedOn,
          source,
          rule_set_id: null,
          note: input.note ?? null,
          recorded_by: op?.actor.userId ?? null,
          created_at: now.toISOString(),
        })
        .execute();
      await trx
        .updateTable("talents")
        .set({ tier: input.tier === "none" ? null : input.tier, updated_at: now.toISOString() })
        .where("id", "=", id)
        .execute();
      await writeAudit(trx, op ?? SYSTEM, {
        action: "registry.talent.tier",
        objectType: "talent",
        objectId: id,
        detail: { from: row.tier, to: input.tier, recognisedOn: input.recognisedOn },
      });
    });
  }

  return {
    summaries,

    list(op: Op, query: ListTalentsQuery) {
      authorize(op.actor, "registry.listTalents");
      return listVisible(op.actor, query);
    },

    /** A talent record with masked personal data; the read is audited unless it is one's own. */
    /** 404 unless the actor may see this talent's tier explanation (the same people as the record). */
    async assertExplainable(op: Op, id: string): Promise<void> {
      authorize(op.actor, "registry.explainTier");
      const row = await findTalent(db, id);
      if (!row || !can(op.actor, "registry.explainTier", await subjectOf(row))) throw notFound(talentLabel);
    },

    async get(op: Op, id: string): Promise<Talent> {
      authorize(op.actor, "registry.readTalent");
      const { row, subject } = await loadVisible(op.actor, id);
      if (row.user_id !== op.actor.userId)
        await db
          .transaction()
          .execute((trx) =>
            writeAudit(trx, op, { action: "registry.talent.read", objectType: "talent", objectId: id }),
          );
      return present(op.actor, row, subject);
    },

    /** `op` null: the platform itself (seed, CLI). */
    async create(op: Op | null, input: CreateTalentBody): Promise<Talent> {
      if (op) authorize(op.actor, "registry.manageTalents");
      const id = await createTalent(op, input);
      const row = (await findTalent(db, id))!;
      return present(op?.actor ?? SYSTEM_ACTOR, row, await subjectOf(row));
    },

    async update(op: Op, id: string, input: UpdateTalentBody): Promise<Talent> {
      authorize(op.actor, "registry.manageTalents");
      const row = await findTalent(db, id);
      if (!row) throw notFound(talentLabel);
      const errors: FieldError[] = [];
      const { patch, children } = await db.transaction().execute(async (trx) => ({
        patch: { ...(await identityColumns(trx, input, row, errors)), ...selfColumns(input, errors) },
        children: await childRows(trx, input, errors),
      }));
      const bank = requestedBank(input, errors);
      if (errors.length > 0) throw invalidFields("TALENT_INVALID", errors);
      // An office edit of the account is held too, for another person at the office to confirm.
      await writeUpdate(
        op,
        row,
        patch,
        children,
        "registry.talent.update",
        Object.keys(input),
        bank === undefined
          ? undefined
          : changesBank(row, bank.account)
            ? { account: bank.account, as: "office" }
            : "withdraw",
      );
      const fresh = (await findTalent(db, id))!;
      return present(op.actor, fresh, await subjectOf(fresh));
    },

    async getOwn(op: Op): Promise<Talent> {
      authorize(op.actor, "registry.readOwn");
      const row = await findTalentOfUser(db, op.actor.userId);
      if (!row) throw notFound(talentLabel);
      return present(op.actor, row, await subjectOf(row));
    },

    /** A talent edits their own record; identity, employer links and the tier stay with the office. */
    async updateOwn(op: Op, input: UpdateOwnBody): Promise<Talent> {
      authorize(op.actor, "registry.updateOwn");
      const row = await findTalentOfUser(db, op.actor.userId);
      if (!row) throw notFound(talentLabel);
      const errors: FieldError[] = [];
      const { currentPassword, ...fields } = input;
      const patch = selfColumns(fields, errors);
      const children = await childRows(db, fields, errors);
      const bank = requestedBank(fields, errors);
      if (errors.length > 0) throw invalidFields("TALENT_INVALID", errors);
      const changing = bank !== undefined && changesBank(row, bank.account);
      // A new payee account needs the password again, and then waits for the office's confirmation.
      if (changing) await reauthenticate(op, currentPassword, "registry.bankAccount");
      await writeUpdate(
        op,
        row,
        patch,
        children,
        "registry.talent.updateOwn",
        Object.keys(fields),
        bank === undefined ? undefined : changing ? { account: bank.account, as: "talent" } : "withdraw",
      );
      const fresh = (await findTalent(db, row.id))!;
      return present(op.actor, fresh, await subjectOf(fresh));
    },

    setTier: recordTier,

    async setTierRoute(op: Op, id: string, input: SetTierBody): Promise<Talent> {
      authorize(op.actor, "registry.manageTalents");
      await recordTier(op, id, input);
      const row = (await findTalent(db, id))!;
      return present(op.actor, row, await subjectOf(row));
    },

    /** The full values, for the talent office (with a reason) or the talent themselves; audited,
     * and so is every refused attempt on a record that exists. */
    async reveal(op: Op, id: string, input: RevealBody): Promise<Revealed> {
      authorize(op.actor, "registry.reveal");
      const row = await findTalent(db, id);
      if (!row) throw notFound(talentLabel);
      const subject = await subjectOf(row);
      const record = { action: "registry.talent.reveal", objectType: "talent", objectId: id };
      if (!can(op.actor, "registry.reveal", subject)) {
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            ...record,
            result: "denied",
            detail: { fields: input.fields, reason: input.reason },
          }),
        );
        throw notFound(talentLabel);
      }
      const out: Revealed = {};
      for (const field of input.fields) {
        if (field === "idNumber") out.idNumber = cipher.decrypt("talent.idNumber", row.id_number_enc);
        if (field === "phone") out.phone = open("talent.phone", row.phone_enc);
        if (field === "bankAccount") out.bankAccount = open("talent.bankAccount", row.bank_account_enc);
      }
      await db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, op, { ...record, detail: { fields: input.fields, reason: input.reason.trim() } }),
        );
      return out;
    },
  };
}
export type TalentService = ReturnType<typeof makeTalentService>;

/** Presents records to the platform itself (seed and CLI): no abilities. */
const SYSTEM_ACTOR: Actor = {
  userId: "",
  username: "system",
  displayName: "system",
  orgId: "",
  roles: [],
  mustChangePassword: false,
};
