import { createHash } from "node:crypto";
import type { Insertable } from "kysely";
import type { DB, PolicyDocumentRow, PolicyMeasureRow } from "../../db/schema.js";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { AppError, conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { chinaDate, type ReportPeriod } from "../tasks/calendar.js";
import { taskLight } from "../tasks/state.js";
import {
  groupBy,
  insertChunked,
  type TaskUnitView,
  taskEventRow,
  unitsOfTasks,
} from "../tasks/tasks.repo.js";
import { decodePolicyText, type ParsedPolicy, PolicyParseError, parsePolicy } from "./parser.js";
import {
  aliasesPointingTo,
  documentCounts,
  findAlias,
  findAliasByName,
  findDocument,
  findDocumentBySha,
  findMeasure,
  findSection,
  listAliases,
  listDocuments,
  loadUnitDirectory,
  measuresOf,
  sectionsOf,
  tasksOfDocument,
  tasksOfMeasures,
} from "./policy.repo.js";
import {
  type Alias,
  type CreateAliasBody,
  type DocumentDetail,
  type DocumentSummary,
  type ImportResult,
  MAX_POLICY_BYTES,
  type MeasureDetail,
  type MeasureView,
  type ParsedPolicyJson,
} from "./policy.schema.js";
import { normaliseUnitName, type ResolvedUnit, resolveUnit } from "./unit-names.js";
import "./policy.policy.js";

const documentLabel = { zh: "政策文件", en: "Policy document" };
const measureLabel = { zh: "政策措施", en: "Policy measure" };
const aliasLabel = { zh: "单位别名", en: "Unit alias" };

export const DEFAULT_REPORT_PERIOD: ReportPeriod = "quarterly";

// ---------------------------------------------------------------------------------------------
// Parsing, shared by the CLI and the endpoints

/** The parser's "no measures" as the API's 422, in both languages. */
export function policyParseFailed(error: PolicyParseError): AppError {
  return new AppError("unprocessable", "POLICY_NO_MEASURES", { zh: error.zh, en: error.en }, [
    { path: "/contentBase64", message: { zh: error.zh, en: error.en } },
  ]);
}

/** Decodes (UTF-8, UTF-16 or GB18030), normalises line ends and parses; the text is what is hashed. */
export function parsePolicyBytes(bytes: Uint8Array): { text: string; parsed: ParsedPolicy } {
  const text = decodePolicyText(bytes).replace(/\r\n?/g, "\n");
  try {
    return { text, parsed: parsePolicy(text) };
  } catch (error) {
    if (error instanceof PolicyParseError) throw policyParseFailed(error);
    throw error;
  }
}

/** The JSON contract of a parse: named keys only (the parser's label/line bookkeeping is dropped). */
export function parsedPolicyJson(p: ParsedPolicy): ParsedPolicyJson {
  return {
    title: p.title,
    issuer: p.issuer,
    date: p.date,
    sections: p.sections.map((s) => ({
      no: s.no,
      title: s.title,
      measures: s.measures.map((m) => ({
        no: m.no,
        title: m.title,
        text: m.text,
        lead: m.lead,
        responsible: m.responsible,
        due: m.due,
      })),
    })),
    warnings: p.warnings,
  };
}

const contentError = (zh: string, en: string): AppError =>
  invalidFields("POLICY_FILE_INVALID", [{ path: "/contentBase64", message: { zh, en } }]);

/** Base64 to bytes, refusing what is not base64, empty, or over the size limit. */
export function decodeUpload(contentBase64: string): Uint8Array {
  const compact = contentBase64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1)
    throw contentError("文件内容不是有效的 Base64 编码", "File content is not valid base64");
  const bytes = new Uint8Array(Buffer.from(compact, "base64"));
  checkSize(bytes);
  return bytes;
}

function checkSize(bytes: Uint8Array): void {
  if (bytes.length === 0) throw contentError("文件为空", "The file is empty");
  if (bytes.length > MAX_POLICY_BYTES)
    throw contentError("文件超过 2 MB", `The file is larger than ${MAX_POLICY_BYTES / 1024 / 1024} MB`);
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

// ---------------------------------------------------------------------------------------------

const parseJsonArray = (s: string): string[] => JSON.parse(s) as string[];

export function makePolicyService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  async function summaries(rows: PolicyDocumentRow[]): Promise<DocumentSummary[]> {
    const counts = await documentCounts(
      db,
      rows.map((r) => r.id),
    );
    const importers = [...new Set(rows.map((r) => r.imported_by).filter((id): id is string => id !== null))];
    const names =
      importers.length === 0
        ? new Map<string, string>()
        : new Map(
            (
              await db
                .selectFrom("users")
                .select(["id", "display_name"])
                .where("id", "in", importers)
                .execute()
            ).map((u) => [u.id, u.display_name]),
          );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      issuer: r.issuer,
      date: r.date,
      filename: r.filename,
      sha256: r.sha256,
      reportPeriod: r.report_period as ReportPeriod,
      sectionCount: counts.get(r.id)?.sections ?? 0,
      measureCount: counts.get(r.id)?.measures ?? 0,
      warningCount: parseJsonArray(r.warnings).length,
      importedAt: r.created_at,
      importedBy: r.imported_by === null ? null : { id: r.imported_by, name: names.get(r.imported_by) ?? "" },
    }));
  }

  async function measureViews(
    measures: PolicyMeasureRow[],
    tasks: { id: string; measure_id: string; group_units: string }[],
  ): Promise<MeasureView[]> {
    const taskOf = new Map(tasks.map((t) => [t.measure_id, t]));
    const units = await unitsOfTasks(
      db,
      tasks.map((t) => t.id),
    );
    const unitsByTask = groupBy(units, (u) => u.taskId);
    return measures.map((m) => {
      const task = taskOf.get(m.id);
      const taskUnits = task ? (unitsByTask.get(task.id) ?? []) : [];
      const ref = (u: TaskUnitView) => ({ id: u.orgId, name: u.name });
      return {
        id: m.id,
        documentId: m.document_id,
        sectionId: m.section_id,
        no: m.no,
        label: m.label,
        title: m.title,
        text: m.text,
        due: m.due,
        leadNames: parseJsonArray(m.lead_names),
        responsibleNames: parseJsonArray(m.responsible_names),
        lead: taskUnits.filter((u) => u.role === "lead").map(ref),
        responsible: taskUnits.filter((u) => u.role === "responsible").map(ref),
        groupUnits: task ? parseJsonArray(task.group_units) : [],
        taskId: task?.id ?? null,
      };
    });
  }

  async function presentAliases(rows: Awaited<ReturnType<typeof listAliases>>): Promise<Alias[]> {
    const dir = await loadUnitDirectory(db);
    const names = new Map<string, string>();
    for (const [name, id] of dir.byName) names.set(id, name);
    return rows.map((a) => {
      const orgId = dir.byName.get(a.canonical_name) ?? dir.byShortName.get(a.canonical_name);
      return {
        id: a.id,
        alias: a.alias,
        canonicalName: a.canonical_name,
        organisation: orgId === undefined ? null : { id: orgId, name: names.get(orgId) ?? "" },
        createdAt: a.created_at,
      };
    });
  }

  return {
    /** Parse without storing anything (the upload page's preview). */
    preview(op: Op, input: { contentBase64: string }): ParsedPolicyJson {
      authorize(op.actor, "policy.import");
      return parsedPolicyJson(parsePolicyBytes(decodeUpload(input.contentBase64)).parsed);
    },

    /**
     * Stores a document with its sections and measures, creates the organisations its units name
     * (aliases merged, group entries kept as text) and one task per measure, in one transaction.
     */
    async importDocument(
      op: Op | null,
      input: { filename: string; bytes: Uint8Array; reportPeriod?: ReportPeriod },
      onProgress?: (done: number, total: number) => void,
    ): Promise<ImportResult> {
      if (op) authorize(op.actor, "policy.import");
      checkSize(input.bytes);
      const { text, parsed } = parsePolicyBytes(input.bytes);
      const hash = sha256(text);
      const existing = await findDocumentBySha(db, hash);
      if (existing) throw alreadyImported(existing);

      const now = deps.clock.now();
      const at = now.toISOString();
      const today = chinaDate(now);
      const who = op ?? SYSTEM;
      const total = parsed.sections.reduce((n, s) => n + s.measures.length, 0);
      const documentId = newId(now.getTime());
      const filename = input.filename.trim();
      const document: PolicyDocumentRow = {
        id: documentId,
        title: parsed.title || filename.replace(/\.[^.]+$/, ""),
        issuer: parsed.issuer,
        date: parsed.date,
        filename,
        sha256: hash,
        report_period: input.reportPeriod ?? DEFAULT_REPORT_PERIOD,
        warnings: JSON.stringify(parsed.warnings),
        imported_by: op?.actor.userId ?? null,
        created_at: at,
        updated_at: at,
      };

      const result = await db.transaction().execute(async (trx) => {
        // Re-checked inside the transaction; the unique index settles a race between two uploads.
        const duplicate = await findDocumentBySha(trx, hash);
        if (duplicate) throw alreadyImported(duplicate);
        const dir = await loadUnitDirectory(trx);
        const byName = new Map(dir.byName);
        const created: { id: string; name: string; kind: string }[] = [];
        const groupUnits = new Set<string>();
        const resolve = (written: string): ResolvedUnit => {
          const unit = resolveUnit(written, { ...dir, byName });
          if (unit.kind !== "new") return unit;
          // A unit met for the first time becomes an organisation (it needs no account).
          const id = newId(now.getTime());
          byName.set(unit.name, id);
          created.push({ id, name: unit.name, kind: unit.orgKind });
          return { kind: "org", orgId: id };
        };

        await trx.insertInto("policy_documents").values(document).execute();
        let done = 0;
        let position = 0;
        for (const [sectionIndex, section] of parsed.sections.entries()) {
          const sectionId = newId(now.getTime());
          await trx
            .insertInto("policy_sections")
            .values({
              id: sectionId,
              document_id: documentId,
              no: section.no,
              title: section.title,
              position: sectionIndex,
            })
            .execute();
          const measures: Insertable<DB["policy_measures"]>[] = [];
          const tasks: Insertable<DB["tasks"]>[] = [];
          const units: DB["task_units"][] = [];
          const events: Insertable<DB["task_events"]>[] = [];
          const newOrgsBefore = created.length;
          for (const m of section.measures) {
            const measureId = newId(now.getTime());
            const taskId = newId(now.getTime());
            const roles = new Map<string, "lead" | "responsible">();
            const groups: string[] = [];
            for (const [role, names] of [
              ["lead", m.lead],
              ["responsible", m.responsible],
            ] as const) {
              for (const name of names) {
                const unit = resolve(name);
                if (unit.kind === "group") {
                  if (!groups.includes(unit.name)) groups.push(unit.name);
                  groupUnits.add(unit.name);
                } else if (unit.kind === "org" && !roles.has(unit.orgId)) {
                  // A unit named as both lead and responsible leads.
                  roles.set(unit.orgId, role);
                }
              }
            }
            measures.push({
              id: measureId,
              document_id: documentId,
              section_id: sectionId,
              no: m.no,
              label: m.label,
              title: m.title,
              text: m.text,
              due: m.due,
              lead_names: JSON.stringify(m.lead.map(normaliseUnitName)),
              responsible_names: JSON.stringify(m.responsible.map(normaliseUnitName)),
              position: position++,
            });
            const title = m.title || `${m.label}`;
            const { light, reasons } = taskLight(
              { id: taskId, title, due: m.due, status: "not_started" },
              [],
              [],
              today,
            );
            tasks.push({
              id: taskId,
              document_id: documentId,
              measure_id: measureId,
              title,
              due: m.due,
              due_source: m.due === null ? null : "policy",
              status: "not_started",
              progress: 0,
              light,
              light_detail: JSON.stringify(reasons),
              light_at: at,
              report_period: null,
              group_units: JSON.stringify(groups),
              created_at: at,
              updated_at: at,
            });
            // Map order is the document's order: lead units first, then responsible ones as written.
            let unitPosition = 0;
            for (const [orgId, role] of roles) {
              units.push({ task_id: taskId, org_id: orgId, role, position: unitPosition++ });
            }
            events.push(
              taskEventRow({
                taskId,
                at: now,
                actor: op?.actor ?? null,
                kind: "task.created",
                detail: {
                  documentId,
                  measureNo: m.no,
                  lead: m.lead,
                  responsible: m.responsible,
                  groupUnits: groups,
                },
              }),
            );
          }
          await insertChunked(
            trx,
            "organisations",
            created.slice(newOrgsBefore).map((o) => ({
              id: o.id,
              parent_id: null,
              name: o.name,
              short_name: null,
              kind: o.kind,
              region_code: null,
              uscc: null,
              status: "active",
              created_at: at,
              updated_at: at,
            })),
          );
          await insertChunked(trx, "policy_measures", measures);
          await insertChunked(trx, "tasks", tasks);
          await insertChunked(trx, "task_units", units);
          await insertChunked(trx, "task_events", events);
          done += section.measures.length;
          onProgress?.(done, total);
        }
        await writeAudit(trx, who, {
          action: "policy.import",
          objectType: "policy_document",
          objectId: documentId,
          detail: {
            title: document.title,
            filename,
            sha256: hash,
            sections: parsed.sections.length,
            measures: total,
            createdOrganisations: created.map((o) => o.name),
            groupUnits: [...groupUnits],
          },
        });
        return { created, groupUnits: [...groupUnits] };
      });

      const [summary] = await summaries([document]);
      return {
        document: summary!,
        tasks: total,
        createdOrganisations: result.created,
        groupUnits: result.groupUnits,
        warnings: parsed.warnings,
      };
    },

    async list(op: Op, query: { cursor?: string; limit?: number }) {
      authorize(op.actor, "policy.read");
      const limit = query.limit ?? 50;
      const rows = await listDocuments(db, decodeCursor<string>(query.cursor, "string"), limit + 1);
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await summaries(page.items), nextCursor: page.nextCursor };
    },

    async get(op: Op, id: string): Promise<DocumentDetail> {
      authorize(op.actor, "policy.read");
      const document = await findDocument(db, id);
      if (!document) throw notFound(documentLabel);
      const [sections, measures, tasks, [summary]] = await Promise.all([
        sectionsOf(db, id),
        measuresOf(db, id),
        tasksOfDocument(db, id),
        summaries([document]),
      ]);
      const views = await measureViews(measures, tasks);
      return {
        document: summary!,
        warnings: JSON.parse(document.warnings) as DocumentDetail["warnings"],
        sections: sections.map((s) => ({
          id: s.id,
          no: s.no,
          title: s.title,
          measures: views.filter((m) => m.sectionId === s.id),
        })),
      };
    },

    async update(op: Op, id: string, patch: { reportPeriod: ReportPeriod }): Promise<DocumentSummary> {
      authorize(op.actor, "policy.update");
      const document = await findDocument(db, id);
      if (!document) throw notFound(documentLabel);
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("policy_documents")
          .set({ report_period: patch.reportPeriod, updated_at: at })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, {
          action: "policy.update",
          objectType: "policy_document",
          objectId: id,
          detail: { reportPeriod: { from: document.report_period, to: patch.reportPeriod } },
        });
      });
      const [summary] = await summaries([{ ...document, report_period: patch.reportPeriod, updated_at: at }]);
      return summary!;
    },

    async measure(op: Op, id: string): Promise<MeasureDetail> {
      authorize(op.actor, "policy.read");
      const measure = await findMeasure(db, id);
      if (!measure) throw notFound(measureLabel);
      const [document, section, tasks] = await Promise.all([
        findDocument(db, measure.document_id),
        findSection(db, measure.section_id),
        tasksOfMeasures(db, [id]),
      ]);
      const [view] = await measureViews([measure], tasks);
      return {
        measure: view!,
        document: { id: measure.document_id, title: document?.title ?? "" },
        section: { id: measure.section_id, no: section?.no ?? 0, title: section?.title ?? "" },
      };
    },

    async aliases(op: Op): Promise<Alias[]> {
      authorize(op.actor, "policy.read");
      return presentAliases(await listAliases(db));
    },

    async addAlias(op: Op, input: CreateAliasBody): Promise<Alias> {
      authorize(op.actor, "policy.manageAliases");
      const alias = normaliseUnitName(input.alias);
      const canonical = normaliseUnitName(input.canonicalName);
      const errors: FieldError[] = [];
      if (alias === canonical)
        errors.push({
          path: "/alias",
          message: { zh: "别名不能与标准名称相同", en: "An alias cannot equal the name it stands for" },
        });
      const canonicalIsAlias = await findAliasByName(db, canonical);
      if (canonicalIsAlias)
        errors.push({
          path: "/canonicalName",
          message: {
            zh: `“${canonical}”本身是“${canonicalIsAlias.canonical_name}”的别名，请直接指向后者`,
            en: `"${canonical}" is itself an alias of "${canonicalIsAlias.canonical_name}"; point to that name`,
          },
        });
      if ((await aliasesPointingTo(db, alias)).length > 0)
        errors.push({
          path: "/alias",
          message: {
            zh: `“${alias}”已是其他别名的标准名称`,
            en: `"${alias}" is the standard name other aliases point to`,
          },
        });
      if (errors.length > 0) throw invalidFields("ALIAS_INVALID", errors);
      if (await findAliasByName(db, alias))
        throw conflict("ALIAS_EXISTS", {
          zh: `别名“${alias}”已存在`,
          en: `The alias "${alias}" already exists`,
        });
      const row = {
        id: newId(),
        alias,
        canonical_name: canonical,
        created_at: deps.clock.now().toISOString(),
        created_by: op.actor.userId,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("org_aliases").values(row).execute();
        await writeAudit(trx, op, {
          action: "policy.alias.add",
          objectType: "org_alias",
          objectId: row.id,
          detail: { alias, canonicalName: canonical },
        });
      });
      const [view] = await presentAliases([row]);
      return view!;
    },

    async removeAlias(op: Op, id: string): Promise<void> {
      authorize(op.actor, "policy.manageAliases");
      const row = await findAlias(db, id);
      if (!row) throw notFound(aliasLabel);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("org_aliases").where("id", "=", id).execute();
        await writeAudit(trx, op, {
          action: "policy.alias.remove",
          objectType: "org_alias",
          objectId: id,
          detail: { alias: row.alias, canonicalName: row.canonical_name },
        });
      });
    },
  };
}
export type PolicyService = ReturnType<typeof makePolicyService>;

function alreadyImported(existing: Pick<PolicyDocumentRow, "id" | "title">): AppError {
  return conflict(
    "POLICY_ALREADY_IMPORTED",
    {
      zh: `相同内容的政策文件已导入（《${existing.title}》）`,
      en: `A document with the same text has already been imported ("${existing.title}")`,
    },
    { existingDocumentId: existing.id },
  );
}
