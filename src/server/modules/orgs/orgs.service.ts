import type { CreateOrgBody, Org, OrgKind, UpdateOrgBody } from "../../../contracts/orgs.js";
import type { OrganisationRow } from "../../db/schema.js";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { checkUscc } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import {
  findOrganisation,
  findOrganisationByName,
  insertOrganisation,
  listOrganisations,
  updateOrganisation,
  userCountsByOrg,
} from "./orgs.repo.js";
import "./orgs.policy.js";

const orgLabel = { zh: "机构", en: "Organisation" };

export function presentOrg(row: OrganisationRow, userCount = 0): Org {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as OrgKind,
    regionCode: row.region_code,
    uscc: row.uscc,
    status: row.status as Org["status"],
    userCount,
  };
}

const clean = (s: string | null | undefined): string | null => {
  if (s === undefined || s === null) return null;
  const t = s.replace(/\s+/g, "");
  return t === "" ? null : t;
};

/** Field-level checks shared by create and update; returns the normalised values. */
function checkOrgFields(input: { regionCode?: string | null; uscc?: string | null }): FieldError[] {
  const errors: FieldError[] = [];
  const region = clean(input.regionCode);
  if (region !== null && !/^[1-8]\d{5}$/.test(region)) {
    errors.push({
      path: "/regionCode",
      message: {
        zh: "行政区划代码应为 6 位数字（GB/T 2260）",
        en: "Region code must be 6 digits (GB/T 2260)",
      },
    });
  }
  const uscc = clean(input.uscc)?.toUpperCase() ?? null;
  if (uscc !== null) {
    const check = checkUscc(uscc);
    if (!check.ok)
      errors.push({
        path: "/uscc",
        message: {
          zh: `统一社会信用代码无效：${check.reason.zh}`,
          en: `Invalid unified social credit code: ${check.reason.en}`,
        },
      });
  }
  return errors;
}

export function makeOrgService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  async function assertParentAllowed(id: string | null, parentId: string | null): Promise<FieldError[]> {
    if (parentId === null) return [];
    // Walk up from the new parent: reaching the organisation itself would make a cycle.
    let cursor: string | null = parentId;
    for (let depth = 0; cursor !== null && depth < 50; depth++) {
      if (cursor === id)
        return [
          {
            path: "/parentId",
            message: { zh: "上级机构不能是自身或其下级", en: "An organisation cannot be under itself" },
          },
        ];
      const parent: OrganisationRow | undefined = await findOrganisation(db, cursor);
      if (!parent)
        return [
          { path: "/parentId", message: { zh: "上级机构不存在", en: "Parent organisation not found" } },
        ];
      cursor = parent.parent_id;
    }
    return [];
  }

  async function assertNameFree(name: string, exceptId: string | null) {
    const existing = await findOrganisationByName(db, name);
    if (existing && existing.id !== exceptId) {
      throw conflict("ORG_NAME_TAKEN", {
        zh: `机构名称“${name}”已存在`,
        en: `An organisation named "${name}" already exists`,
      });
    }
  }

  // Names change rarely and are shown on every page; this process forgets one when it changes it.
  const nameCache = new Map<string, { name: string; at: number }>();
  const NAME_TTL_MS = 60_000;

  return {
    /** Names for display next to ids the caller already may see (their own org and role orgs). */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      const missing: string[] = [];
      for (const id of ids) {
        const hit = nameCache.get(id);
        if (hit && performance.now() - hit.at < NAME_TTL_MS) names.set(id, hit.name);
        else missing.push(id);
      }
      if (missing.length > 0) {
        const rows = await db
          .selectFrom("organisations")
          .select(["id", "name"])
          .where("id", "in", missing)
          .execute();
        for (const r of rows) {
          names.set(r.id, r.name);
          nameCache.set(r.id, { name: r.name, at: performance.now() });
        }
      }
      return names;
    },

    async list(op: Op): Promise<Org[]> {
      authorize(op.actor, "orgs.read");
      const [rows, counts] = await Promise.all([listOrganisations(db), userCountsByOrg(db)]);
      return rows.map((r) => presentOrg(r, counts.get(r.id) ?? 0));
    },

    async create(op: Op | null, input: CreateOrgBody): Promise<Org> {
      if (op) authorize(op.actor, "orgs.create");
      const name = input.name.trim();
      const parentId = input.parentId ?? null;
      const errors = [...checkOrgFields(input), ...(await assertParentAllowed(null, parentId))];
      if (errors.length > 0) throw invalidFields("ORG_INVALID", errors);
      await assertNameFree(name, null);
      const now = deps.clock.now().toISOString();
      const row: OrganisationRow = {
        id: newId(),
        parent_id: parentId,
        name,
        short_name: clean(input.shortName),
        kind: input.kind,
        region_code: clean(input.regionCode),
        uscc: clean(input.uscc)?.toUpperCase() ?? null,
        status: "active",
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await insertOrganisation(trx, row);
        await writeAudit(trx, op ?? SYSTEM, {
          action: "orgs.create",
          objectType: "organisation",
          objectId: row.id,
          detail: { name: row.name, kind: row.kind },
        });
      });
      return presentOrg(row);
    },

    async update(op: Op, id: string, patch: UpdateOrgBody): Promise<Org> {
      authorize(op.actor, "orgs.update");
      const current = await findOrganisation(db, id);
      if (!current) throw notFound(orgLabel);
      const errors = [...checkOrgFields(patch)];
      if (patch.parentId !== undefined) errors.push(...(await assertParentAllowed(id, patch.parentId)));
      if (errors.length > 0) throw invalidFields("ORG_INVALID", errors);
      if (patch.name !== undefined) await assertNameFree(patch.name.trim(), id);
      const next: OrganisationRow = {
        ...current,
        name: patch.name?.trim() ?? current.name,
        kind: patch.kind ?? current.kind,
        short_name: patch.shortName !== undefined ? clean(patch.shortName) : current.short_name,
        parent_id: patch.parentId !== undefined ? patch.parentId : current.parent_id,
        region_code: patch.regionCode !== undefined ? clean(patch.regionCode) : current.region_code,
        uscc: patch.uscc !== undefined ? (clean(patch.uscc)?.toUpperCase() ?? null) : current.uscc,
        status: patch.status ?? current.status,
        updated_at: deps.clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        const { id: _id, created_at: _c, ...changes } = next;
        await updateOrganisation(trx, id, changes);
        nameCache.delete(id);
        await writeAudit(trx, op, {
          action: "orgs.update",
          objectType: "organisation",
          objectId: id,
          detail: { changes: patch },
        });
      });
      const counts = await userCountsByOrg(db);
      return presentOrg(next, counts.get(id) ?? 0);
    },
  };
}
export type OrgService = ReturnType<typeof makeOrgService>;
