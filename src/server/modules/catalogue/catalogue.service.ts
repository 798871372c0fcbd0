import { checkRule, talentCatalogue } from "../../engine/rules/index.js";
import type { WorkflowDef } from "../../engine/workflow/index.js";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import {
  findItem,
  findItemByCode,
  findPublished,
  findVersion,
  type ItemRow,
  latestVersions,
  listItems,
  measuresOfItems,
  namesOf,
  type VersionRow,
  versionsOfItems,
} from "./catalogue.repo.js";
import {
  type CatalogueItem,
  type CatalogueSummary,
  ITEM_KIND_LABELS,
  type ItemContent,
  type ItemKind,
  type ManagedItem,
  type PowerListRow,
} from "./catalogue.schema.js";
import { checkFormSchema } from "./form-schema.js";
import "./catalogue.policy.js";

const itemLabel = { zh: "服务事项", en: "Service item" };

/** The engine's definition of a version's workflow. */
export function workflowOf(content: ItemContent): WorkflowDef {
  return {
    steps: content.workflow.steps.map((s) => ({ ...s, orgIds: [...s.orgIds], actions: [...s.actions] })),
    allowSameApprover: content.workflow.allowSameApprover,
    filing: content.kind === "filing",
  };
}

export const parseContent = (json: string): ItemContent => JSON.parse(json) as ItemContent;

/** A published version, as applications use it. */
export interface PublishedVersion {
  row: VersionRow;
  content: ItemContent;
}

export function makeCatalogueService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  /** Everything the shape cannot say: orgs exist, step rules, rules check, form schema sound. */
  async function checkContent(content: ItemContent): Promise<void> {
    const errors: FieldError[] = [];
    const orgIds = [content.ownerOrgId, ...content.workflow.steps.flatMap((s) => s.orgIds)];
    const known = await namesOf(db, "organisations", orgIds);
    if (!known.has(content.ownerOrgId))
      errors.push({
        path: "/content/ownerOrgId",
        message: { zh: "主管单位不存在", en: "No such organisation" },
      });
    const keys = new Set<string>();
    content.workflow.steps.forEach((step, i) => {
      const at = `/content/workflow/steps/${i}`;
      const bad = (path: string, zh: string, en: string) =>
        errors.push({
          path: `${at}${path}`,
          message: { zh: `第 ${i + 1} 步：${zh}`, en: `Step ${i + 1}: ${en}` },
        });
      if (keys.has(step.key)) bad("/key", "环节标识重复", "duplicate key");
      keys.add(step.key);
      step.orgIds.forEach((org, j) => {
        if (!known.has(org)) bad(`/orgIds/${j}`, "单位不存在", "no such organisation");
      });
      if (!step.actions.includes("approve")) bad("/actions", "须包含“通过”", "must offer approve");
      if (step.kind === "countersign" && step.orgIds.length < 2)
        bad("/orgIds", "会签须有两个及以上单位", "a countersign needs two or more organisations");
      if (step.kind !== "countersign" && step.orgIds.length !== 1)
        bad("/orgIds", "此环节须只有一个办理单位", "this step needs exactly one organisation");
      if (step.kind === "publicity" && step.publicityDays === undefined)
        bad("/publicityDays", "公示环节须填写公示天数", "a publicity step needs publicityDays");
      if (step.kind !== "publicity" && step.publicityDays !== undefined)
        bad("/publicityDays", "只有公示环节有公示天数", "only a publicity step has publicityDays");
      if (content.kind === "filing" && step.actions.some((a) => a !== "approve"))
        bad(
          "/actions",
          "备案事项的审查环节只有“通过”（及撤销备案）",
          "filing reviews offer approve (and revoke) only",
        );
    });
    const codes = new Set<string>();
    content.materials.forEach((m, i) => {
      if (codes.has(m.code))
        errors.push({
          path: `/content/materials/${i}/code`,
          message: { zh: "材料标识重复", en: "Duplicate material code" },
        });
      codes.add(m.code);
    });
    errors.push(...checkFormSchema(content.form, "/content/form"));
    for (const [name, kind] of [
      ["eligibility", "eligibility"],
      ["amountRule", "amount"],
    ] as const) {
      const rule = content[name];
      if (rule === null) continue;
      const checked = checkRule(rule, talentCatalogue, { kind });
      if (!checked.ok)
        for (const e of checked.errors)
          errors.push({ path: `/content/${name}${e.path}`, message: e.message });
    }
    if (errors.length > 0) throw invalidFields("ITEM_INVALID", errors);
  }

  async function presentManaged(items: ItemRow[]): Promise<ManagedItem[]> {
    const ids = items.map((i) => i.id);
    const [versions, measures] = await Promise.all([versionsOfItems(db, ids), measuresOfItems(db, ids)]);
    const [orgs, users] = await Promise.all([
      namesOf(
        db,
        "organisations",
        items.map((i) => i.owner_org_id),
      ),
      namesOf(
        db,
        "users",
        versions.map((v) => v.published_by).filter((x): x is string => x !== null),
      ),
    ]);
    return items.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind as ItemKind,
      ownerOrg: { id: i.owner_org_id, name: orgs.get(i.owner_org_id) ?? "" },
      draft: i.draft === null ? null : parseContent(i.draft),
      currentVersion: i.current_version,
      measures: measures.get(i.id) ?? [],
      versions: versions
        .filter((v) => v.item_id === i.id)
        .map((v) => ({
          version: v.version,
          versionId: v.id,
          publishedAt: v.published_at,
          publishedBy:
            v.published_by === null ? null : { id: v.published_by, name: users.get(v.published_by) ?? "" },
        })),
      createdAt: i.created_at,
      updatedAt: i.updated_at,
    }));
  }

  async function presentVersion(row: VersionRow): Promise<CatalogueItem> {
    const content = parseContent(row.content);
    const orgIds = [content.ownerOrgId, ...content.workflow.steps.flatMap((s) => s.orgIds)];
    const [orgs, measures] = await Promise.all([
      namesOf(db, "organisations", orgIds),
      measuresOfItems(db, [row.item_id]),
    ]);
    const ref = (id: string) => ({ id, name: orgs.get(id) ?? "" });
    return {
      ...content,
      code: row.code,
      version: row.version,
      versionId: row.id,
      publishedAt: row.published_at,
      ownerOrg: ref(content.ownerOrgId),
      measures: measures.get(row.item_id) ?? [],
      workflow: {
        allowSameApprover: content.workflow.allowSameApprover,
        steps: content.workflow.steps.map((s) => ({ ...s, orgs: s.orgIds.map(ref) })),
      },
    };
  }

  async function loadItem(id: string): Promise<ItemRow> {
    const item = await findItem(db, id);
    if (!item) throw notFound(itemLabel);
    return item;
  }

  async function managed(id: string): Promise<ManagedItem> {
    const [item] = await presentManaged([await loadItem(id)]);
    return item!;
  }

  return {
    /** Published items (latest versions) for the public catalogue, the portal and the calculator. */
    async listPublished(filter: { kind?: ItemKind; q?: string } = {}): Promise<CatalogueSummary[]> {
      const rows = await latestVersions(db);
      const orgs = await namesOf(
        db,
        "organisations",
        rows.map((r) => r.owner_org_id),
      );
      const q = filter.q?.trim() ?? "";
      return rows
        .filter((r) => filter.kind === undefined || r.kind === filter.kind)
        .filter((r) => q === "" || r.name.includes(q) || r.code === q.toUpperCase())
        .map((r) => {
          const c = parseContent(r.content);
          return {
            code: r.code,
            name: r.name,
            kind: r.kind as ItemKind,
            ownerOrg: { id: r.owner_org_id, name: orgs.get(r.owner_org_id) ?? "" },
            version: r.version,
            promisedDays: c.promisedDays,
            feeFen: c.feeFen,
            applicants: c.applicants,
          };
        });
    },

    /** A published version (the latest, or the given number); null when the item is unpublished. */
    async getPublished(code: string, version?: number): Promise<CatalogueItem | null> {
      const row = await findPublished(db, code, version);
      return row ? presentVersion(row) : null;
    },

    /** 权力清单 / 责任清单: views of the published catalogue. */
    async powerList(): Promise<PowerListRow[]> {
      const rows = await latestVersions(db);
      const contents = rows.map((r) => parseContent(r.content));
      const orgs = await namesOf(db, "organisations", [
        ...rows.map((r) => r.owner_org_id),
        ...contents.flatMap((c) => c.workflow.steps.flatMap((s) => s.orgIds)),
      ]);
      return rows.map((r, i) => {
        const c = contents[i]!;
        const kind = r.kind as ItemKind;
        return {
          code: r.code,
          name: r.name,
          kind,
          kindLabel: ITEM_KIND_LABELS[kind],
          authority: orgs.get(r.owner_org_id) ?? "",
          legalBasis: c.legalBasis,
          promisedDays: c.promisedDays,
          feeFen: c.feeFen,
          responsibleUnits: [...new Set(c.workflow.steps.flatMap((s) => s.orgIds))].map(
            (id) => orgs.get(id) ?? "",
          ),
          list: kind === "public_service" ? "responsibility" : "power",
        };
      });
    },

    /** Internal: a version by id with its parsed content (applications). */
    async version(id: string): Promise<PublishedVersion> {
      const row = await findVersion(db, id);
      if (!row) throw notFound(itemLabel);
      return { row, content: parseContent(row.content) };
    },

    /** Internal: the latest published version of an item by code (applications). */
    async latest(code: string): Promise<PublishedVersion | null> {
      const row = await findPublished(db, code);
      return row ? { row, content: parseContent(row.content) } : null;
    },

    async listManaged(op: Op): Promise<ManagedItem[]> {
      authorize(op.actor, "catalogue.manage");
      return presentManaged(await listItems(db));
    },

    async getManaged(op: Op, id: string): Promise<ManagedItem> {
      authorize(op.actor, "catalogue.manage");
      const [item] = await presentManaged([await loadItem(id)]);
      return item!;
    },

    async create(op: Op | null, input: { code: string; content: ItemContent }): Promise<ManagedItem> {
      if (op) authorize(op.actor, "catalogue.manage");
      await checkContent(input.content);
      if (await findItemByCode(db, input.code))
        throw conflict("ITEM_CODE_TAKEN", {
          zh: `事项编码 ${input.code} 已存在`,
          en: `Item code ${input.code} exists`,
        });
      const now = deps.clock.now();
      const row: ItemRow = {
        id: newId(now.getTime()),
        code: input.code,
        name: input.content.name,
        kind: input.content.kind,
        owner_org_id: input.content.ownerOrgId,
        draft: JSON.stringify(input.content),
        current_version: null,
        created_by: op?.actor.userId ?? null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("service_items").values(row).execute();
        await writeAudit(trx, op ?? SYSTEM, {
          action: "catalogue.create",
          objectType: "service_item",
          objectId: row.id,
          detail: { code: row.code, name: row.name },
        });
      });
      return managed(row.id);
    },

    async saveDraft(op: Op, id: string, content: ItemContent): Promise<ManagedItem> {
      authorize(op.actor, "catalogue.manage");
      const item = await loadItem(id);
      await checkContent(content);
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("service_items")
          .set({
            draft: JSON.stringify(content),
            updated_at: at,
            // The list shows the draft's name until the item is first published.
            ...(item.current_version === null
              ? { name: content.name, kind: content.kind, owner_org_id: content.ownerOrgId }
              : {}),
          })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, {
          action: "catalogue.saveDraft",
          objectType: "service_item",
          objectId: id,
          detail: { code: item.code },
        });
      });
      return managed(id);
    },

    /** Publishes the draft as the next version (immutable); the draft is cleared. */
    async publish(op: Op | null, id: string): Promise<ManagedItem> {
      if (op) authorize(op.actor, "catalogue.manage");
      const item = await loadItem(id);
      if (item.draft === null)
        throw conflict("NO_DRAFT", { zh: "没有待发布的草稿", en: "There is no draft to publish" });
      const content = parseContent(item.draft);
      await checkContent(content);
      const now = deps.clock.now();
      const version = (item.current_version ?? 0) + 1;
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("service_items")
          .set({
            draft: null,
            current_version: version,
            name: content.name,
            kind: content.kind,
            owner_org_id: content.ownerOrgId,
            updated_at: now.toISOString(),
          })
          .where("id", "=", id)
          .where("draft", "is not", null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw conflict("NO_DRAFT", { zh: "没有待发布的草稿", en: "There is no draft to publish" });
        const versionId = newId(now.getTime());
        await trx
          .insertInto("service_item_versions")
          .values({
            id: versionId,
            item_id: id,
            code: item.code,
            version,
            name: content.name,
            kind: content.kind,
            owner_org_id: content.ownerOrgId,
            content: JSON.stringify(content),
            published_by: op?.actor.userId ?? null,
            published_at: now.toISOString(),
          })
          .execute();
        await writeAudit(trx, op ?? SYSTEM, {
          action: "catalogue.publish",
          objectType: "service_item",
          objectId: id,
          detail: { code: item.code, version, versionId },
        });
      });
      return managed(id);
    },

    /** Seeding: links items (by code) to measures (by number) of the latest import of a policy file. */
    async linkMeasuresByNumber(
      filename: string,
      links: readonly { code: string; measureNos: readonly number[] }[],
    ) {
      const doc = await db
        .selectFrom("policy_documents")
        .select("id")
        .where("filename", "=", filename)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      if (!doc) return;
      const measures = await db
        .selectFrom("policy_measures")
        .select(["id", "no"])
        .where("document_id", "=", doc.id)
        .execute();
      const byNo = new Map(measures.map((r) => [r.no, r.id]));
      for (const link of links) {
        const item = await findItemByCode(db, link.code);
        const ids = link.measureNos.map((n) => byNo.get(n)).filter((x): x is string => x !== undefined);
        if (item && ids.length > 0) await this.setMeasures(null, item.id, ids);
      }
    },

    /** Sets the policy measures the item implements (not part of a version). */
    async setMeasures(op: Op | null, id: string, measureIds: readonly string[]): Promise<ManagedItem> {
      if (op) authorize(op.actor, "catalogue.manage");
      const item = await loadItem(id);
      const unique = [...new Set(measureIds)];
      const found =
        unique.length === 0
          ? []
          : await db.selectFrom("policy_measures").select("id").where("id", "in", unique).execute();
      const known = new Set(found.map((r) => r.id));
      const errors = unique.flatMap((m, i) =>
        known.has(m)
          ? []
          : [{ path: `/measureIds/${i}`, message: { zh: "政策条款不存在", en: "No such measure" } }],
      );
      if (errors.length > 0) throw invalidFields("ITEM_INVALID", errors);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("service_item_measures").where("item_id", "=", id).execute();
        if (unique.length > 0)
          await trx
            .insertInto("service_item_measures")
            .values(unique.map((measure_id) => ({ item_id: id, measure_id })))
            .execute();
        await trx
          .updateTable("service_items")
          .set({ updated_at: deps.clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op ?? SYSTEM, {
          action: "catalogue.setMeasures",
          objectType: "service_item",
          objectId: id,
          detail: { code: item.code, measureIds: unique },
        });
      });
      return managed(id);
    },
  };
}
export type CatalogueService = ReturnType<typeof makeCatalogueService>;
