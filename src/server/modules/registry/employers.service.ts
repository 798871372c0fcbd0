import { sql } from "kysely";
import { type Actor, authorize, can } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import { checkUscc, maskPhone } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { checkPhone } from "./personal-data.js";
import { type EmployerRow, escapeLike, findEmployer, staffCounts } from "./registry.repo.js";
import type { Employer, EmployerBody, ListEmployersQuery, UpdateEmployerBody } from "./registry.schema.js";
import "./registry.policy.js";

const employerLabel = { zh: "用人单位", en: "Employer" };

/** The 统一社会信用代码 normalised, or why it is not one. */
export function checkEmployerCode(
  raw: string,
  path: string,
): { ok: true; value: string } | { ok: false; error: FieldError } {
  const check = checkUscc(raw);
  if (check.ok) return { ok: true, value: raw.trim().toUpperCase() };
  return {
    ok: false,
    error: {
      path,
      message: {
        zh: `统一社会信用代码无效：${check.reason.zh}`,
        en: `unified social credit code is invalid: ${check.reason.en}`,
      },
    },
  };
}

export function makeEmployerService(deps: Deps, writeAudit: AuditWriter, cipher: FieldCipher) {
  const db = deps.database.db;

  async function present(actor: Actor | null, rows: EmployerRow[]): Promise<Employer[]> {
    const [counts, orgs] = await Promise.all([
      staffCounts(
        db,
        rows.map((r) => r.id),
      ),
      (async () => {
        const ids = rows.map((r) => r.org_id).filter((v): v is string => v !== null);
        if (ids.length === 0) return new Map<string, string>();
        const found = await db
          .selectFrom("organisations")
          .select(["id", "name"])
          .where("id", "in", ids)
          .execute();
        return new Map(found.map((o) => [o.id, o.name]));
      })(),
    ]);
    return rows.map((r) => {
      const phone =
        r.contact_phone_enc === null ? null : cipher.decrypt("employer.contactPhone", r.contact_phone_enc);
      return {
        id: r.id,
        name: r.name,
        uscc: r.uscc,
        kind: r.kind as Employer["kind"],
        industry: r.industry,
        regionCode: r.region_code,
        contactName: r.contact_name,
        contactPhoneMasked: phone === null ? null : maskPhone(phone),
        org: r.org_id === null ? null : { id: r.org_id, name: orgs.get(r.org_id) ?? "" },
        staffCount: counts.get(r.id) ?? 0,
        updatedAt: r.updated_at,
        abilities: {
          update: actor !== null && can(actor, "registry.manageEmployers"),
          readStaff: actor !== null && can(actor, "registry.listTalents"),
        },
      };
    });
  }

  async function columns(input: UpdateEmployerBody, currentId: string | null): Promise<Partial<EmployerRow>> {
    const errors: FieldError[] = [];
    const out: Partial<EmployerRow> = {};
    if (input.name !== undefined) out.name = input.name.trim();
    if (input.kind !== undefined) out.kind = input.kind;
    if (input.industry !== undefined) out.industry = input.industry?.trim() || null;
    if (input.regionCode !== undefined) out.region_code = input.regionCode;
    if (input.contactName !== undefined) out.contact_name = input.contactName?.trim() || null;
    if (input.contactPhone !== undefined) {
      if (input.contactPhone === null || input.contactPhone.trim() === "") out.contact_phone_enc = null;
      else {
        const phone = checkPhone(input.contactPhone, "/contactPhone");
        if (phone.ok) out.contact_phone_enc = cipher.encrypt("employer.contactPhone", phone.value);
        else errors.push(phone.error);
      }
    }
    if (input.uscc !== undefined) {
      const code = checkEmployerCode(input.uscc, "/uscc");
      if (!code.ok) errors.push(code.error);
      else {
        const existing = await db
          .selectFrom("employers")
          .select("id")
          .where("uscc", "=", code.value)
          .executeTakeFirst();
        if (existing && existing.id !== currentId)
          throw conflict(
            "EMPLOYER_EXISTS",
            {
              zh: "该统一社会信用代码的用人单位已存在",
              en: "An employer with this code is already registered",
            },
            { existingEmployerId: existing.id },
          );
        out.uscc = code.value;
      }
    }
    if (input.orgId !== undefined) {
      if (input.orgId !== null) {
        const org = await db
          .selectFrom("organisations")
          .select("id")
          .where("id", "=", input.orgId)
          .executeTakeFirst();
        if (!org)
          errors.push({ path: "/orgId", message: { zh: "组织机构不存在", en: "no such organisation" } });
        const taken = await db
          .selectFrom("employers")
          .select("id")
          .where("org_id", "=", input.orgId)
          .executeTakeFirst();
        if (taken && taken.id !== currentId)
          errors.push({
            path: "/orgId",
            message: {
              zh: "该组织机构已关联其他用人单位",
              en: "this organisation already acts for another employer",
            },
          });
      }
      out.org_id = input.orgId;
    }
    if (errors.length > 0) throw invalidFields("EMPLOYER_INVALID", errors);
    return out;
  }

  async function loadVisible(actor: Actor, id: string): Promise<EmployerRow> {
    const row = await findEmployer(db, id);
    if (!row || !can(actor, "registry.readEmployer", { orgId: row.org_id })) throw notFound(employerLabel);
    return row;
  }

  return {
    async list(op: Op, query: ListEmployersQuery) {
      authorize(op.actor, "registry.listEmployers");
      const limit = query.limit ?? 50;
      const after = decodeCursor<string>(query.cursor, "string");
      let q = db.selectFrom("employers").selectAll();
      const text = query.q?.trim() ?? "";
      if (text !== "") {
        const upper = text.toUpperCase();
        q = /^[0-9A-Z]{18}$/.test(upper)
          ? q.where("uscc", "=", upper)
          : q.where(sql<boolean>`name like ${`${escapeLike(text)}%`} escape '\\'`);
      }
      if (after !== undefined) q = q.where("id", ">", after);
      const rows = await q
        .orderBy("id")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await present(op.actor, page.items), nextCursor: page.nextCursor };
    },

    async get(op: Op, id: string): Promise<Employer> {
      authorize(op.actor, "registry.readEmployer");
      return (await present(op.actor, [await loadVisible(op.actor, id)]))[0]!;
    },

    /** The employer record of the actor's own organisation (employer accounts). */
    async mine(op: Op): Promise<Employer> {
      authorize(op.actor, "registry.readOwnEmployer");
      const orgIds = op.actor.roles.filter((g) => g.role === "employer").map((g) => g.orgId);
      const row =
        orgIds.length === 0
          ? undefined
          : await db
              .selectFrom("employers")
              .selectAll()
              .where("org_id", "in", orgIds)
              .orderBy("id")
              .executeTakeFirst();
      if (!row) throw notFound(employerLabel);
      return (await present(op.actor, [row]))[0]!;
    },

    /** `op` null: the platform itself (seed, CLI). */
    async create(op: Op | null, input: EmployerBody): Promise<Employer> {
      if (op) authorize(op.actor, "registry.manageEmployers");
      const cols = await columns(input, null);
      const now = deps.clock.now();
      const row: EmployerRow = {
        id: newId(now.getTime()),
        org_id: null,
        industry: null,
        region_code: null,
        contact_name: null,
        contact_phone_enc: null,
        ...(cols as Pick<EmployerRow, "name" | "uscc" | "kind">),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("employers").values(row).execute();
        await writeAudit(trx, op ?? SYSTEM, {
          action: "registry.employer.create",
          objectType: "employer",
          objectId: row.id,
          detail: { name: row.name, uscc: row.uscc },
        });
      });
      return (await present(op?.actor ?? null, [row]))[0]!;
    },

    async update(op: Op, id: string, input: UpdateEmployerBody): Promise<Employer> {
      authorize(op.actor, "registry.manageEmployers");
      const current = await findEmployer(db, id);
      if (!current) throw notFound(employerLabel);
      const cols = await columns(input, id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("employers")
          .set({ ...cols, updated_at: deps.clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, {
          action: "registry.employer.update",
          objectType: "employer",
          objectId: id,
          detail: { fields: Object.keys(input) },
        });
      });
      return (await present(op.actor, [(await findEmployer(db, id))!]))[0]!;
    },
  };
}
export type EmployerService = ReturnType<typeof makeEmployerService>;
