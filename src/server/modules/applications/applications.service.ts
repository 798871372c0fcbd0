import ExcelJS from "exceljs";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { compileRule, evaluate, talentCatalogue } from "../../engine/rules/index.js";
import {
  addWorkingDays,
  allowedActions,
  type Command,
  chinaDateOf,
  currentDeadline,
  decide,
  lightOf,
  overallDeadline,
  stepTimeline,
  type WorkCalendar,
  type WorkflowEvent,
  type WorkflowState,
} from "../../engine/workflow/index.js";
import { type Actor, authorize, can, hasRole } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM, type Trx } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { AppError, conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { isSealed, maskForm, maskOf, openForm, sealForm } from "../../lib/form-pii.js";
import { requestHashOf, runIdempotent } from "../../lib/idempotency.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import { maskIdNumber } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { ItemContent, ItemKind } from "../catalogue/catalogue.schema.js";
import type { CatalogueService } from "../catalogue/catalogue.service.js";
import {
  checkPersonalValue,
  type FormSchema,
  personalFieldsOf,
  validateForm,
} from "../catalogue/form-schema.js";
import type { AttachmentCheck } from "../files/files.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import type {
  Application,
  ApplicationStatus,
  ApplicationSummary,
  DecisionBody,
  HistoryEvent,
  MineQuery,
  OverviewQuery,
  RevealedForm,
  RevealFormBody,
  StepView,
  UpdateApplicationBody,
  WorkbenchQuery,
} from "./applications.schema.js";
import type { ApplicationHooks, HookContext } from "./hooks.js";
import type { ApplicantFacts, ApplicantFactsProvider, ProfileProvider } from "./profiles.js";
import {
  type ApplicationRow,
  AUTO_CHECK_NAME,
  type LoadedApplication,
  loadApplication,
  reachedOrgIds,
  subjectOf,
  versionOf,
} from "./visible-application.js";
import "./applications.policy.js";

const appLabel = { zh: "申请", en: "Application" };
const MIME_KIND: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};
export const EXPORT_LIMIT = 10_000;

/** The prefix-search key of a name: no spaces, lower case. */
export const nameKey = (name: string) => name.replace(/\s+/g, "").toLowerCase();

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length === 0 ? "" : "*";
  return chars[0] + "*".repeat(chars.length - 1);
}

/** What the publicity step needs from the portal's publicity service. */
export interface PublicityPort {
  open(
    trx: Trx,
    op: Op | typeof SYSTEM,
    input: {
      ownerOrgId: string;
      title: string;
      body?: string | null;
      sourceKind: string;
      sourceId: string;
      days: number;
      entries: { name: string; detail: string }[];
    },
  ): Promise<{ id: string; startsAt: string; endsAt: string }>;
  stateOf(db: Kysely<DB>, id: string): Promise<{ endsAt: string; openObjections: number; passed: boolean }>;
}

export interface ApplicationServiceOptions {
  catalogue: CatalogueService;
  calendar: (db: Kysely<DB>) => Promise<WorkCalendar>;
  checkAttachable: AttachmentCheck;
  /** Seals the form's personal data (ID number, phone, bank account): lib/form-pii.ts. */
  cipher: FieldCipher;
  hooks?: ApplicationHooks;
  profiles?: ProfileProvider;
  /** The registry's facts about the applicant: the form's prefill and the own-ID check. */
  facts?: ApplicantFactsProvider;
  publicity?: PublicityPort;
}

const notEditable = () =>
  conflict("APPLICATION_NOT_EDITABLE", {
    zh: "申请已提交，只有草稿或被退回补正的申请可以修改和提交",
    en: "Only a draft or an application returned for correction can be changed or submitted",
  });

type Source = "talent" | "employer";
type Prefill = Map<string, { value: string; source: Source }>;

/** The form field holding the applicant's own ID number: `idNumber` if it is an idCard field, else
 * the form's only idCard field (a form asking for two, say a spouse's too, names its own). */
export function applicantIdField(schema: FormSchema): string | null {
  const fields = personalFieldsOf(schema);
  if (fields.get("idNumber") === "idCard") return "idNumber";
  const ids = [...fields].filter(([, kind]) => kind === "idCard");
  return ids.length === 1 ? ids[0]![0] : null;
}

/**
 * What the registry fills in (issue 14 item 6), by field name — the convention the catalogue's
 * forms follow (docs/api/services.md): `name`, the applicant's ID field, `mobile` (or the only
 * phone field), `employer`, `title`, and `tier` / `category` (an enum holding the tier, as "B" or
 * "B类"). A value the field would refuse is not filled. For staff (an employer applying for someone
 * else) only the employer's own name is filled: the person is not the account holder.
 */
export function prefillOf(
  schema: FormSchema,
  facts: ApplicantFacts,
  forStaff: boolean,
  today: Date,
): Prefill {
  const out: Prefill = new Map();
  const props = schema.properties;
  const put = (name: string | null, value: string | null | undefined, source: Source) => {
    if (name === null || value === null || value === undefined || value === "") return;
    const field = props[name];
    if (!field) return;
    const single: FormSchema = { type: "object", properties: { [name]: field }, additionalProperties: false };
    if (validateForm(single, { [name]: value }, "/form", today).length === 0)
      out.set(name, { value, source });
  };
  const plainText = (name: string) => {
    const f = props[name];
    return f !== undefined && f.type === "string" && !("format" in f) ? name : null;
  };
  if (facts.employer)
    put(plainText("employer") ?? (props.employer ? "employer" : null), facts.employer.name, "employer");
  const talent = facts.talent;
  if (forStaff || !talent) return out;
  const fields = personalFieldsOf(schema);
  const phones = [...fields].filter(([, kind]) => kind === "phone").map(([n]) => n);
  put(plainText("name"), talent.name, "talent");
  put(applicantIdField(schema), talent.idNumber, "talent");
  put(
    fields.get("mobile") === "phone" ? "mobile" : phones.length === 1 ? phones[0]! : null,
    talent.phone,
    "talent",
  );
  put(props.employer ? "employer" : null, talent.employer, "talent");
  put(props.title ? "title" : null, talent.title, "talent");
  if (talent.tier !== null)
    for (const name of ["tier", "category"]) {
      const f = props[name];
      const options = f && "enum" in f ? (f.enum as readonly string[]) : [];
      const value = options.find((o) => o === talent.tier || o === `${talent.tier}类`);
      if (value) {
        put(name, value, "talent");
        break;
      }
    }
  return out;
}

export function makeApplicationService(
  deps: Deps,
  writeAudit: AuditWriter,
  options: ApplicationServiceOptions,
) {
  const db = deps.database.db;
  const { catalogue, calendar, checkAttachable, cipher } = options;
  const hooks = options.hooks ?? {};

  const today = () => chinaDateOf(deps.clock.now());

  // ---- the form's personal data (lib/form-pii.ts) -------------------------------------------------

  const storedForm = (row: ApplicationRow) => JSON.parse(row.form) as Record<string, unknown>;
  /** The plaintext form: for validation and the workflow hooks, never sent out. */
  const plainForm = (loaded: LoadedApplication) =>
    openForm(cipher, loaded.row.id, personalFieldsOf(loaded.content.form), storedForm(loaded.row));

  /**
   * The form a draft's owner sent, ready to validate: a personal-data value sent back exactly as it
   * was shown (its mask) means "unchanged" and is replaced by the stored value — the form page
   * resends what it displayed. Any other value, masked-looking or not, is checked as typed.
   */
  function incomingForm(loaded: LoadedApplication, form: Record<string, unknown>): Record<string, unknown> {
    const fields = personalFieldsOf(loaded.content.form);
    const stored = storedForm(loaded.row);
    const plain = openForm(cipher, loaded.row.id, fields, stored);
    const out = { ...form };
    for (const [name, kind] of fields) {
      const before = stored[name];
      const sent = out[name];
      if (typeof sent !== "string" || !sent.includes("*")) continue;
      const shown = isSealed(before)
        ? before.masked
        : typeof before === "string"
          ? maskOf(kind, before)
          : null;
      if (shown !== null && sent === shown) out[name] = plain[name];
    }
    return out;
  }

  /** Normalises (a 身份证's x → X, a phone's separators) and seals a validated form. */
  function sealedForm(loaded: LoadedApplication, form: Record<string, unknown>): Record<string, unknown> {
    return sealedFormOf(loaded.row.id, loaded.content.form, form);
  }
  function sealedFormOf(
    id: string,
    schema: FormSchema,
    form: Record<string, unknown>,
  ): Record<string, unknown> {
    const fields = personalFieldsOf(schema);
    const out = { ...form };
    const now = deps.clock.now();
    for (const [name, kind] of fields) {
      const v = out[name];
      if (typeof v !== "string" || v === "") continue;
      const check = checkPersonalValue(kind, v, now);
      if (check.ok) out[name] = check.value;
    }
    return sealForm(cipher, id, fields, out);
  }

  // ---- the registry's facts: prefill and the own-ID check (issue 14 item 6) -----------------------

  const noFacts: ApplicantFacts = { talent: null, employer: null };
  const factsOfRow = (
    row: Pick<ApplicationRow, "applicant_user_id" | "applicant_org_id" | "applicant_kind">,
  ) =>
    options.facts
      ? options.facts.factsOf({
          userId: row.applicant_user_id,
          orgId: row.applicant_org_id,
          kind: row.applicant_kind === "employer" ? "employer" : "talent",
        })
      : Promise.resolve(noFacts);

  /**
   * A talent applying for themself must give the ID number of their own registry record: a different
   * one is refused (422), not kept — it would put another person's number on the case (and a
   * recognition on the wrong record). Refusing rather than flagging: the applicant can fix it at
   * once, and a record that is itself wrong is corrected through the registry, with its audit.
   */
  function ownIdProblem(
    row: Pick<ApplicationRow, "applicant_kind" | "beneficiary_name">,
    schema: FormSchema,
    plain: Record<string, unknown>,
    facts: ApplicantFacts,
  ): FieldError | null {
    if (row.applicant_kind !== "talent" || row.beneficiary_name !== null) return null;
    const field = applicantIdField(schema);
    const own = facts.talent?.idNumber ?? null;
    const typed = field === null ? undefined : plain[field];
    if (field === null || own === null || typeof typed !== "string" || typed.trim() === "") return null;
    if (typed.trim().toUpperCase() === own) return null;
    return {
      path: `/form/${field}`,
      message: {
        zh: `身份证号码与您人才档案中的号码（${maskIdNumber(own)}）不一致；如档案有误，请先更正档案`,
        en: `The ID number differs from the one in your talent record (${maskIdNumber(own)}); if the record is wrong, correct it first`,
      },
    };
  }

  /** The fields whose value is the registry's (shown as 来自人才档案 / 来自单位档案). */
  function sourcesOf(loaded: LoadedApplication, facts: ApplicantFacts): Record<string, Source> {
    const plain = plainForm(loaded);
    const prefill = prefillOf(
      loaded.content.form,
      facts,
      loaded.row.beneficiary_name !== null,
      deps.clock.now(),
    );
    const out: Record<string, Source> = {};
    for (const [name, { value, source }] of prefill) {
      const v = plain[name];
      if (typeof v === "string" && v.trim().toUpperCase() === value.toUpperCase()) out[name] = source;
    }
    return out;
  }

  /** Loads an application the actor may read, else 404 (also for those who may not see it). */
  async function loadVisible(actor: Actor, id: string): Promise<LoadedApplication> {
    const loaded = await loadApplication(db, id);
    if (!loaded || !can(actor, "applications.read", subjectOf(loaded))) throw notFound(appLabel);
    return loaded;
  }

  async function publicityOf(loaded: LoadedApplication, stepIndex: number, q: Kysely<DB> = db) {
    if (!options.publicity) return null;
    const opened = [...loaded.events]
      .reverse()
      .find((e) => e.type === "publicity_opened" && e.step_index === stepIndex);
    if (!opened?.detail) return null;
    const id = (JSON.parse(opened.detail) as { publicityId: string }).publicityId;
    return { id, ...(await options.publicity.stateOf(q, id)) };
  }

  function engineContext(loaded: LoadedApplication, publicityPassed?: boolean) {
    return {
      applicantId: loaded.row.applicant_user_id,
      at: deps.clock.now().toISOString(),
      ...(publicityPassed === undefined ? {} : { publicityPassed }),
    };
  }

  /** `q`: the caller's transaction when there is one (SQLite has one connection: never mix). */
  async function publicityPassedAt(
    loaded: LoadedApplication,
    q: Kysely<DB> = db,
  ): Promise<boolean | undefined> {
    const i = loaded.state.stepIndex;
    if (i === null || loaded.def.steps[i]!.kind !== "publicity") return undefined;
    return (await publicityOf(loaded, i, q))?.passed ?? false;
  }

  // ---- presenting --------------------------------------------------------------------------------

  async function present(actor: Actor, loaded: LoadedApplication): Promise<Application> {
    const { row, content, def, state, events } = loaded;
    const cal = await calendar(db);
    const day = today();
    const orgIds = [
      row.applicant_org_id,
      ...def.steps.flatMap((s) => s.orgIds),
      ...events.map((e) => e.actor_org_id).filter((x): x is string => x !== null),
    ];
    const signerIds = state.steps.flatMap((s) => s.signatures.map((g) => g.actorId).filter((x) => x !== ""));
    const [orgRows, userRows, files] = await Promise.all([
      db.selectFrom("organisations").select(["id", "name"]).where("id", "in", orgIds).execute(),
      signerIds.length === 0
        ? Promise.resolve([])
        : db.selectFrom("users").select(["id", "display_name"]).where("id", "in", signerIds).execute(),
      db
        .selectFrom("application_materials as m")
        .innerJoin("files as f", "f.id", "m.file_id")
        .select(["m.material_code", "f.id", "f.filename", "f.mime", "f.size"])
        .where("m.application_id", "=", row.id)
        .orderBy("m.position")
        .execute(),
    ]);
    const orgName = new Map(orgRows.map((o) => [o.id, o.name]));
    const userName = new Map(userRows.map((u) => [u.id, u.display_name]));
    const timeline = stepTimeline(def, state, cal, day);
    const steps: StepView[] = [];
    for (const [i, s] of def.steps.entries()) {
      const t = timeline[i]!;
      const record = state.steps[i]!;
      steps.push({
        index: i,
        key: s.key,
        name: s.name,
        kind: s.kind,
        role: s.role,
        orgs: s.orgIds.map((id) => {
          const sig = record.signatures.find((g) => g.orgId === id) ?? null;
          return {
            id,
            name: orgName.get(id) ?? "",
            signedAt: sig?.at ?? null,
            signedBy: sig
              ? {
                  id: sig.actorId,
                  // No user: the automatic check decided the step.
                  name: sig.actorId === "" ? AUTO_CHECK_NAME : (userName.get(sig.actorId) ?? ""),
                }
              : null,
          };
        }),
        days: s.days,
        state: t.state,
        startedAt: t.startedAt,
        promisedDate: t.promisedDate,
        completedAt: t.completedAt,
        overdue: t.overdue,
        ...(s.kind === "publicity" ? { publicity: await publicityOf(loaded, i) } : {}),
      });
    }
    const current = currentDeadline(def, state, cal, day);
    const isApplicant = actor.userId === row.applicant_user_id;
    const passed = await publicityPassedAt(loaded);
    const engineAllowed = allowedActions(def, state, actor, engineContext(loaded, passed));
    const allowed: Application["allowedActions"] = [];
    if (isApplicant && (row.status === "draft" || row.status === "returned")) allowed.push("edit");
    for (const a of engineAllowed)
      if (a === "submit" || a === "withdraw" ? isApplicant : can(actor, "applications.handle"))
        allowed.push(a);
    const stepName = (i: number | null) => (i === null ? null : (def.steps[i]?.name ?? null));
    const history: HistoryEvent[] = events.map((e) => {
      const d = e.detail
        ? (JSON.parse(e.detail) as {
            comment?: string;
            corrections?: string[];
            reason?: string;
            deadline?: string;
          })
        : {};
      return {
        seq: e.seq,
        at: e.at,
        type: e.type,
        actor:
          e.actor_id === null
            ? null
            : {
                id: e.actor_id,
                name: e.actor_name ?? "",
                orgName: e.actor_org_id ? (orgName.get(e.actor_org_id) ?? null) : null,
              },
        stepIndex: e.step_index,
        stepName: stepName(e.step_index),
        comment: d.comment ?? null,
        corrections: d.corrections ?? null,
        reason: d.reason ?? null,
        ...(e.type === "overdue" ? { deadline: d.deadline ?? null } : {}),
      };
    });
    return {
      id: row.id,
      number: row.number,
      item: {
        code: row.item_code,
        name: content.name,
        kind: content.kind,
        version: loaded.versionNo,
        versionId: row.version_id,
      },
      applicant: {
        id: row.applicant_user_id,
        name: row.applicant_name,
        orgName: orgName.get(row.applicant_org_id) ?? null,
        kind: row.applicant_kind as "talent" | "employer",
      },
      beneficiaryName: row.beneficiary_name,
      status: row.status as ApplicationStatus,
      form: maskForm(personalFieldsOf(content.form), storedForm(row)),
      sources: sourcesOf(loaded, await factsOfRow(row)),
      personalFields: [...personalFieldsOf(content.form)].map(([name, kind]) => ({ name, kind })),
      materials: content.materials.map((m) => ({
        code: m.code,
        name: m.name,
        required: m.required,
        types: [...m.types],
        files: files
          .filter((f) => f.material_code === m.code)
          .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })),
      })),
      eligibility: row.eligibility as Application["eligibility"],
      currentStep: state.stepIndex === null ? null : steps[state.stepIndex]!,
      steps,
      deadline: overallDeadline(state, content.promisedDays, cal),
      overdue: current.overdue,
      light: current.light,
      corrections: state.status === "returned" ? [...(state.corrections ?? [])] : null,
      history,
      allowedActions: allowed,
      createdAt: row.created_at,
      submittedAt: row.submitted_at,
      decidedAt: row.decided_at,
      updatedAt: row.updated_at,
    };
  }

  async function summaries(rows: ApplicationRow[], mask: boolean): Promise<ApplicationSummary[]> {
    if (rows.length === 0) return [];
    const versions = await db
      .selectFrom("service_item_versions")
      .select(["id", "name", "kind", "content"])
      .where("id", "in", [...new Set(rows.map((r) => r.version_id))])
      .execute();
    const byId = new Map(
      versions.map((v) => [v.id, { ...v, content: JSON.parse(v.content) as ItemContent }]),
    );
    const orgIds = [
      ...new Set(versions.flatMap((v) => byId.get(v.id)!.content.workflow.steps.flatMap((s) => s.orgIds))),
    ];
    const orgs = new Map(
      (orgIds.length === 0
        ? []
        : await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", orgIds).execute()
      ).map((o) => [o.id, o.name]),
    );
    const cal = await calendar(db);
    const day = today();
    return rows.map((r) => {
      const v = byId.get(r.version_id)!;
      const step = r.step_index === null ? undefined : v.content.workflow.steps[r.step_index];
      return {
        id: r.id,
        number: r.number,
        item: { code: r.item_code, name: v.name, kind: v.kind as ItemKind },
        applicant: { id: r.applicant_user_id, name: mask ? maskName(r.applicant_name) : r.applicant_name },
        status: r.status as ApplicationStatus,
        currentStep:
          step === undefined || r.step_index === null
            ? null
            : { index: r.step_index, name: step.name, orgNames: step.orgIds.map((o) => orgs.get(o) ?? "") },
        stepDeadline: r.step_deadline,
        light: r.step_deadline === null ? null : lightOf(r.step_deadline, day, cal),
        submittedAt: r.submitted_at,
        updatedAt: r.updated_at,
      };
    });
  }

  // ---- transitions ------------------------------------------------------------------------------

  async function usersAt(trx: Trx, role: string, orgIds: readonly string[]): Promise<string[]> {
    if (orgIds.length === 0) return [];
    const rows = await trx
      .selectFrom("user_roles as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select("u.id")
      .where("r.role", "=", role)
      .where("r.org_id", "in", [...orgIds])
      .where("u.status", "=", "active")
      .execute();
    return [...new Set(rows.map((r) => r.id))];
  }

  async function hookContext(trx: Trx, loaded: LoadedApplication, op: Op): Promise<HookContext> {
    const measures = await trx
      .selectFrom("service_item_measures")
      .select("measure_id")
      .where("item_id", "=", loaded.row.item_id)
      .execute();
    return {
      application: {
        id: loaded.row.id,
        number: loaded.row.number,
        applicantUserId: loaded.row.applicant_user_id,
        applicantOrgId: loaded.row.applicant_org_id,
        beneficiaryName: loaded.row.beneficiary_name,
        // The hooks are the platform's own code (recognition reads the ID number): plaintext.
        form: plainForm(loaded),
        versionId: loaded.row.version_id,
      },
      item: {
        code: loaded.row.item_code,
        name: loaded.content.name,
        kind: loaded.content.kind,
        version: loaded.versionNo,
        versionId: loaded.row.version_id,
        amountRule: loaded.content.amountRule,
        outcome: loaded.content.outcome ?? null,
        measureIds: measures.map((m) => m.measure_id),
      },
      op,
    };
  }

  /** Appends one history row with the next seq; the unique (application, seq) key refuses a racing one. */
  async function appendEvent(
    trx: Trx,
    applicationId: string,
    seq: number,
    e: {
      type: string;
      at: string;
      actor: Actor | null;
      orgId: string | null;
      stepIndex: number | null;
      detail: object | null;
    },
  ) {
    await trx
      .insertInto("application_events")
      .values({
        id: newId(Date.parse(e.at)),
        application_id: applicationId,
        seq,
        at: e.at,
        actor_id: e.actor?.userId ?? null,
        actor_name: e.actor?.displayName ?? null,
        actor_org_id: e.orgId,
        type: e.type,
        step_index: e.stepIndex,
        detail: e.detail === null ? null : JSON.stringify(e.detail),
      })
      .execute();
  }

  /**
   * One informational `overdue` history row per step round that passes its deadline (a countersign
   * step has a queue row per organisation; the first one flagged writes it). The engine replays it
   * without changing state. It takes the next seq like any event, so a decision racing with it is
   * refused as STEP_CHANGED and can simply be retried.
   */
  async function recordOverdue(
    trx: Trx,
    w: { application_id: string; step_index: number; since: string; deadline: string },
    at: string,
  ) {
    const already = await trx
      .selectFrom("application_events")
      .select("id")
      .where("application_id", "=", w.application_id)
      .where("type", "=", "overdue")
      .where("step_index", "=", w.step_index)
      .where("at", ">=", w.since)
      .executeTakeFirst();
    if (already) return;
    const app = await trx
      .selectFrom("applications")
      .select("event_seq")
      .where("id", "=", w.application_id)
      .executeTakeFirstOrThrow();
    const seq = app.event_seq + 1;
    await appendEvent(trx, w.application_id, seq, {
      type: "overdue",
      at,
      actor: null,
      orgId: null,
      stepIndex: w.step_index,
      detail: { deadline: w.deadline },
    });
    const bumped = await trx
      .updateTable("applications")
      .set({ event_seq: seq })
      .where("id", "=", w.application_id)
      .where("event_seq", "=", app.event_seq)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1)
      throw conflict("STEP_CHANGED", { zh: "申请刚被他人处理", en: "The application changed meanwhile" });
  }

  /**
   * Checks a command with the engine and records it: the event, the cached columns, the queue rows,
   * notifications, hooks and one audit row, all in `trx`. Refusals are 409 with the engine's reason.
   */
  async function transition(
    trx: Trx,
    op: Op,
    loaded: LoadedApplication,
    command: Command,
    extra: { comment?: string; eligibility?: string } = {},
  ): Promise<void> {
    const { row, def, content } = loaded;
    const passed = await publicityPassedAt(loaded, trx);
    const outcome = decide(def, loaded.state, op.actor, command, engineContext(loaded, passed));
    if (!outcome.ok) {
      if (outcome.code === "STEP_CHANGED")
        throw conflict("STEP_CHANGED", outcome.message, { currentStep: loaded.state.stepIndex });
      if (outcome.code === "BAD_INPUT")
        throw invalidFields("DECISION_INVALID", [
          {
            path: command.type === "return" ? "/corrections" : "/reason",
            message:
              command.type === "return"
                ? { zh: "退回补正须列明需补正的内容", en: "List what must be corrected" }
                : { zh: "请填写理由", en: "Give a reason" },
          },
        ]);
      if (command.type === "submit" && outcome.code === "WRONG_STATUS") throw notEditable();
      if (command.type === "withdraw")
        throw conflict("APPLICATION_NOT_WITHDRAWABLE", outcome.message, { reason: outcome.code });
      throw new AppError("conflict", "ACTION_NOT_ALLOWED", outcome.message, [], { reason: outcome.code });
    }
    const event: WorkflowEvent = outcome.event;
    const state: WorkflowState = outcome.state;
    const now = deps.clock.now();
    const at = now.toISOString();
    const cal = await calendar(trx);
    const current = currentDeadline(def, state, cal, chinaDateOf(now));
    let seq = row.event_seq + 1;
    const detail: Record<string, unknown> = {};
    if (extra.comment?.trim()) detail.comment = extra.comment.trim();
    if (event.type === "returned") detail.corrections = event.corrections;
    if (event.type === "rejected" || event.type === "revoked") detail.reason = event.reason;
    const orgId = "orgId" in event ? event.orgId : null;
    const stepIndex = "stepIndex" in event ? event.stepIndex : (state.stepIndex ?? null);
    await appendEvent(trx, row.id, seq, {
      type: event.type,
      at,
      actor: op.actor,
      orgId,
      stepIndex,
      detail: Object.keys(detail).length > 0 ? detail : null,
    });

    // A publicity step just reached opens its notice now.
    const reached =
      state.stepIndex !== null && state.stepIndex !== loaded.state.stepIndex ? state.stepIndex : null;
    const reachedStep = reached === null ? null : def.steps[reached]!;
    if (reachedStep?.kind === "publicity" && options.publicity) {
      const notice = await options.publicity.open(trx, op, {
        ownerOrgId: reachedStep.orgIds[0]!,
        title: `${content.name}公示`,
        body: `申请编号 ${row.number}`,
        sourceKind: "application",
        sourceId: row.id,
        days: reachedStep.publicityDays ?? 5,
        entries: [{ name: row.beneficiary_name ?? row.applicant_name, detail: content.name }],
      });
      seq += 1;
      await appendEvent(trx, row.id, seq, {
        type: "publicity_opened",
        at,
        actor: null,
        orgId: reachedStep.orgIds[0]!,
        stepIndex: reached,
        detail: { publicityId: notice.id, endsAt: notice.endsAt },
      });
    }

    const ended = state.endedAt !== null || state.status === "returned";
    const updated = await trx
      .updateTable("applications")
      .set({
        status: state.status,
        step_index: state.stepIndex,
        step_deadline: current.deadline,
        deadline: overallDeadline(state, content.promisedDays, cal),
        event_seq: seq,
        ...(event.type === "submitted" ? { first_submitted_at: at } : {}),
        ...(event.type === "submitted" || event.type === "resubmitted" ? { submitted_at: at } : {}),
        ...(extra.eligibility !== undefined ? { eligibility: extra.eligibility } : {}),
        ...(ended && state.status !== "returned" ? { decided_at: at } : {}),
        updated_at: at,
      })
      .where("id", "=", row.id)
      .where("event_seq", "=", row.event_seq)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw conflict("STEP_CHANGED", {
        zh: "申请刚被他人处理，请刷新页面后重试",
        en: "Someone else just acted on this application; reload and try again",
      });

    // The queue: who must act now.
    await trx.deleteFrom("application_waits").where("application_id", "=", row.id).execute();
    if (state.stepIndex !== null && current.deadline !== null) {
      const step = def.steps[state.stepIndex]!;
      const signed = new Set(state.steps[state.stepIndex]!.signatures.map((s) => s.orgId));
      const waiting = step.orgIds.filter((o) => !signed.has(o));
      const since = state.steps[state.stepIndex]!.startedAt ?? at;
      await trx
        .insertInto("application_waits")
        .values(
          waiting.map((org) => ({
            application_id: row.id,
            org_id: org,
            role: step.role,
            step_index: state.stepIndex!,
            since,
            deadline: current.deadline!,
            item_code: row.item_code,
            number: row.number,
            applicant_name_key: row.applicant_name_key,
            overdue_notified: 0,
          })),
        )
        .execute();
      if (reached !== null) {
        for (const user of await usersAt(trx, step.role, waiting))
          await notifyUser(trx, now, user, {
            kind: "application",
            title: `待办：${content.name}（${row.number}）`,
            body: `申请已到“${step.name}”环节，请在 ${current.deadline} 前办理。`,
            link: `/workbench/${row.id}`,
          });
      }
    }
    if (event.type !== "submitted" && event.type !== "resubmitted" && event.type !== "withdrawn") {
      const what: Record<string, string> = {
        returned: "被退回补正",
        rejected: "未予通过",
        revoked: "备案已被撤销",
        approved: state.status === "approved" ? "已办结（通过）" : "已通过本环节审核",
        countersigned: "已会签",
      };
      if (
        event.type === "returned" ||
        event.type === "rejected" ||
        event.type === "revoked" ||
        state.endedAt !== null
      )
        await notifyUser(trx, now, row.applicant_user_id, {
          kind: "application",
          title: `您的申请${state.status === "approved" ? "已办结（通过）" : state.status === "filed" ? "备案审查通过" : (what[event.type] ?? "")}：${content.name}`,
          body:
            event.type === "returned"
              ? `请补正：${event.corrections.join("；")}`
              : event.type === "rejected" || event.type === "revoked"
                ? `理由：${event.reason}`
                : `申请编号 ${row.number}`,
          link: `/my-applications/${row.id}`,
        });
    }

    const after: LoadedApplication = { ...loaded, state };
    if (state.status === "approved" && loaded.state.status !== "approved")
      await hooks.onFinalApproval?.(trx, await hookContext(trx, after, op));
    if (event.type === "submitted" && def.filing)
      await hooks.onFiled?.(trx, await hookContext(trx, after, op));

    await writeAudit(trx, op, {
      action: `applications.${event.type}`,
      objectType: "application",
      objectId: row.id,
      detail: { number: row.number, item: row.item_code, stepIndex, orgId, status: state.status, ...detail },
    });
  }

  // ---- materials and form ----------------------------------------------------------------------

  async function setMaterials(
    trx: Trx,
    op: Op,
    loaded: LoadedApplication,
    materials: NonNullable<UpdateApplicationBody["materials"]>,
  ): Promise<void> {
    const errors: FieldError[] = [];
    const defs = new Map(loaded.content.materials.map((m) => [m.code, m]));
    const seen = new Set<string>();
    materials.forEach((m, i) => {
      if (!defs.has(m.code))
        errors.push({
          path: `/materials/${i}/code`,
          message: { zh: `未知材料 ${m.code}`, en: `Unknown material ${m.code}` },
        });
      if (seen.has(m.code))
        errors.push({
          path: `/materials/${i}/code`,
          message: { zh: "材料重复列出", en: "Material listed twice" },
        });
      seen.add(m.code);
    });
    const allIds = materials.flatMap((m) => m.fileIds);
    const keep = (
      await trx
        .selectFrom("application_materials")
        .select("file_id")
        .where("application_id", "=", loaded.row.id)
        .execute()
    ).map((r) => r.file_id);
    errors.push(...(await checkAttachable(trx, op.actor, allIds, { path: "/materials/fileIds", keep })));
    const files =
      allIds.length === 0
        ? []
        : await trx
            .selectFrom("files")
            .select(["id", "mime", "filename"])
            .where("id", "in", allIds)
            .execute();
    const byId = new Map(files.map((f) => [f.id, f]));
    materials.forEach((m, i) => {
      const def = defs.get(m.code);
      if (!def) return;
      m.fileIds.forEach((id, j) => {
        const f = byId.get(id);
        if (f && !(def.types as readonly string[]).includes(MIME_KIND[f.mime] ?? ""))
          errors.push({
            path: `/materials/${i}/fileIds/${j}`,
            message: {
              zh: `“${def.name}”只接受 ${def.types.join("、")} 文件，${f.filename} 不符合`,
              en: `${def.code} accepts ${def.types.join(", ")} only; ${f.filename} is not one`,
            },
          });
      });
    });
    if (errors.length > 0) throw invalidFields("APPLICATION_INVALID", errors);
    await trx.deleteFrom("application_materials").where("application_id", "=", loaded.row.id).execute();
    const rows = materials.flatMap((m) => m.fileIds.map((file_id) => ({ material_code: m.code, file_id })));
    if (rows.length > 0)
      await trx
        .insertInto("application_materials")
        .values(rows.map((r, position) => ({ application_id: loaded.row.id, ...r, position })))
        .execute();
  }

  async function eligibilityOf(content: ItemContent, userId: string): Promise<"pass" | "fail" | "unknown"> {
    if (content.eligibility === null) return "pass";
    const profile = options.profiles ? await options.profiles.profileOfUser(userId) : null;
    if (profile === null) return "unknown";
    const rule = compileRule(content.eligibility, talentCatalogue, "eligibility");
    return evaluate(rule, profile, { asOf: today() }) as "pass" | "fail" | "unknown";
  }

  /** The application number: SQ + China date + a six-digit counter of the day. */
  async function nextNumber(trx: Trx, now: Date): Promise<string> {
    const day = chinaDateOf(now).replaceAll("-", "");
    const row = await trx
      .insertInto("application_counters")
      .values({ day, last: 1 })
      .onConflict((oc) => oc.column("day").doUpdateSet({ last: sql<number>`application_counters.last + 1` }))
      .returning("last")
      .executeTakeFirstOrThrow();
    return `SQ${day}${String(row.last).padStart(6, "0")}`;
  }

  async function loadOwn(op: Op, id: string): Promise<LoadedApplication> {
    authorize(op.actor, "applications.apply");
    const loaded = await loadApplication(db, id);
    if (!loaded || loaded.row.applicant_user_id !== op.actor.userId) throw notFound(appLabel);
    return loaded;
  }

  async function presentById(actor: Actor, id: string): Promise<Application> {
    const loaded = await loadApplication(db, id);
    if (!loaded) throw notFound(appLabel);
    return present(actor, loaded);
  }

  // ---- the queue ---------------------------------------------------------------------------------

  /** The queue's keyset cursor: [deadline, id], or [name key, deadline, id] when searching by name. */
  function parseQueueCursor(raw: string | undefined, byName: boolean): string[] | undefined {
    const cursor = decodeCursor<string>(raw, "string");
    if (cursor === undefined) return undefined;
    try {
      const parts: unknown = JSON.parse(cursor);
      if (
        Array.isArray(parts) &&
        parts.length === (byName ? 3 : 2) &&
        parts.every((p) => typeof p === "string")
      )
        return parts as string[];
    } catch {
      // fall through
    }
    throw new AppError("bad_request", "BAD_CURSOR", { zh: "分页游标无效", en: "Invalid page cursor" });
  }

  /**
   * The waits the actor must act on, a page in keyset order: by deadline (then id), or — when the
   * search is a name prefix — by name, deadline, id, so every query walks one index in order.
   */
  async function queueRows(actor: Actor, query: WorkbenchQuery, limit: number) {
    const grants = actor.roles.filter((g) => g.role === "officer" || g.role === "leader");
    if (grants.length === 0) return [];
    const cal = await calendar(db);
    const day = today();
    const edge = addWorkingDays(day, 2, cal);
    const term = query.q?.trim() ?? "";
    const byNumber = /^SQ\d{14}$/i.test(term);
    const key = byNumber || term === "" ? null : nameKey(term);
    const cursor = parseQueueCursor(query.cursor, key !== null);
    let q = db
      .selectFrom("application_waits as w")
      .select(["w.application_id", "w.deadline", "w.applicant_name_key"])
      .where((eb) =>
        eb.or(grants.map((g) => eb.and([eb("w.org_id", "=", g.orgId), eb("w.role", "=", g.role)]))),
      );
    if (query.itemCode) q = q.where("w.item_code", "=", query.itemCode);
    if (query.light === "red" || query.overdue) q = q.where("w.deadline", "<", day);
    if (query.light === "yellow") q = q.where("w.deadline", ">=", day).where("w.deadline", "<=", edge);
    if (query.light === "green") q = q.where("w.deadline", ">", edge);
    if (byNumber) q = q.where("w.number", "=", term.toUpperCase());
    if (key !== null) {
      // A prefix as a range: [key, key with its last character incremented).
      const chars = [...key];
      const last = chars.pop()!;
      const upper = chars.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
      q = q.where("w.applicant_name_key", ">=", key).where("w.applicant_name_key", "<", upper);
    }
    if (cursor !== undefined && key !== null) {
      const [name, deadline, id] = cursor as [string, string, string];
      q = q.where((eb) =>
        eb.or([
          eb("w.applicant_name_key", ">", name),
          eb.and([eb("w.applicant_name_key", "=", name), eb("w.deadline", ">", deadline)]),
          eb.and([
            eb("w.applicant_name_key", "=", name),
            eb("w.deadline", "=", deadline),
            eb("w.application_id", ">", id),
          ]),
        ]),
      );
    } else if (cursor !== undefined) {
      const [deadline, id] = cursor as [string, string];
      q = q.where((eb) =>
        eb.or([
          eb("w.deadline", ">", deadline),
          eb.and([eb("w.deadline", "=", deadline), eb("w.application_id", ">", id)]),
        ]),
      );
    }
    if (key !== null) q = q.orderBy("w.applicant_name_key");
    const waits = await q
      .orderBy("w.deadline")
      .orderBy("w.application_id")
      .limit(limit + 1)
      .execute();
    // A user holding the role at two organisations of one countersign sees the case once.
    const seen = new Set<string>();
    const rows = waits.filter((w) => !seen.has(w.application_id) && seen.add(w.application_id));
    return rows.map((w) => ({
      application_id: w.application_id,
      deadline: w.deadline,
      cursor: JSON.stringify(
        key !== null ? [w.applicant_name_key, w.deadline, w.application_id] : [w.deadline, w.application_id],
      ),
    }));
  }

  async function rowsByIds(ids: readonly string[]): Promise<ApplicationRow[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "in", [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is ApplicationRow => r !== undefined);
  }

  return {
    async create(op: Op, input: { itemCode: string; beneficiaryName?: string }): Promise<Application> {
      authorize(op.actor, "applications.apply");
      const published = await catalogue.latest(input.itemCode);
      if (!published)
        throw new AppError("not_found", "ITEM_NOT_PUBLISHED", {
          zh: "该服务事项不存在或未发布",
          en: "No such published service item",
        });
      const kind = hasRole(op.actor, "talent") ? "talent" : "employer";
      const applicants = published.content.applicants as readonly string[];
      const forStaff = kind === "employer" && input.beneficiaryName !== undefined;
      const ok =
        kind === "talent"
          ? applicants.includes("talent")
          : forStaff
            ? applicants.includes("employer_for_staff")
            : applicants.includes("employer");
      if (!ok)
        throw new AppError("forbidden", "APPLICANT_KIND_NOT_ALLOWED", {
          zh: forStaff ? "该事项不受理单位代职工申请" : "您的身份不能申请该事项",
          en: forStaff
            ? "This item does not take applications for staff"
            : "Your kind of account cannot apply for this item",
        });
      const now = deps.clock.now();
      const at = now.toISOString();
      const id = newId(now.getTime());
      // The draft starts with what the registry already knows (shown as 来自人才档案 / 来自单位档案).
      const facts = options.facts
        ? await options.facts.factsOf({ userId: op.actor.userId, orgId: op.actor.orgId, kind })
        : noFacts;
      const prefill = prefillOf(published.content.form, facts, forStaff, now);
      const initial = sealedFormOf(
        id,
        published.content.form,
        Object.fromEntries([...prefill].map(([name, { value }]) => [name, value])),
      );
      await db.transaction().execute(async (trx) => {
        const number = await nextNumber(trx, now);
        await trx
          .insertInto("applications")
          .values({
            id,
            number,
            item_id: published.row.item_id,
            item_code: published.row.code,
            version_id: published.row.id,
            applicant_user_id: op.actor.userId,
            applicant_org_id: op.actor.orgId,
            applicant_kind: kind,
            applicant_name: op.actor.displayName,
            applicant_name_key: nameKey(op.actor.displayName),
            beneficiary_name: forStaff ? input.beneficiaryName!.trim() : null,
            status: "draft",
            form: JSON.stringify(initial),
            eligibility: null,
            step_index: null,
            step_deadline: null,
            deadline: null,
            event_seq: 1,
            first_submitted_at: null,
            submitted_at: null,
            decided_at: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await appendEvent(trx, id, 1, {
          type: "created",
          at,
          actor: op.actor,
          orgId: null,
          stepIndex: null,
          detail: null,
        });
        await writeAudit(trx, op, {
          action: "applications.create",
          objectType: "application",
          objectId: id,
          detail: { number, item: published.row.code, version: published.row.version },
        });
      });
      return presentById(op.actor, id);
    },

    async mine(
      op: Op,
      query: MineQuery,
    ): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
      authorize(op.actor, "applications.apply");
      const limit = query.limit ?? 50;
      const cursor = decodeCursor<string>(query.cursor, "string");
      let q = db.selectFrom("applications").selectAll().where("applicant_user_id", "=", op.actor.userId);
      if (query.status) q = q.where("status", "=", query.status);
      if (cursor !== undefined) q = q.where("id", "<", cursor);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await summaries(page.items, false), nextCursor: page.nextCursor };
    },

    async get(op: Op, id: string): Promise<Application> {
      authorize(op.actor, "applications.read");
      const loaded = await loadVisible(op.actor, id);
      if (loaded.row.applicant_user_id !== op.actor.userId) {
        // Someone else's personal data: the read is audited.
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            action: "applications.read",
            objectType: "application",
            objectId: id,
            detail: { number: loaded.row.number },
          }).then(() => undefined),
        );
      }
      return present(op.actor, loaded);
    },

    /**
     * Full values of the form's personal-data fields, with a reason; every reveal is audited, and so
     * is a refused one (then 404, as for a case the actor may not see). The pattern of the registry's
     * reveal (registry/talents.service.ts).
     */
    async revealForm(op: Op, id: string, body: RevealFormBody): Promise<RevealedForm> {
      authorize(op.actor, "applications.reveal");
      const loaded = await loadApplication(db, id);
      if (!loaded) throw notFound(appLabel);
      const record = { action: "applications.reveal", objectType: "application", objectId: id };
      const reason = body.reason.trim();
      if (!can(op.actor, "applications.reveal", subjectOf(loaded))) {
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            ...record,
            result: "denied",
            detail: { number: loaded.row.number, fields: body.fields, reason },
          }).then(() => undefined),
        );
        throw notFound(appLabel);
      }
      const fields = personalFieldsOf(loaded.content.form);
      const errors: FieldError[] = [];
      if ([...reason].length < 2)
        errors.push({ path: "/reason", message: { zh: "请说明查看理由", en: "Give a reason" } });
      body.fields.forEach((name, i) => {
        if (!fields.has(name))
          errors.push({
            path: `/fields/${i}`,
            message: {
              zh: `“${name}”不是身份证号码、手机号码或银行账号字段`,
              en: `${name} is not an ID number, phone or bank account field`,
            },
          });
      });
      if (errors.length > 0) throw invalidFields("REVEAL_INVALID", errors);
      const plain = plainForm(loaded);
      const values: Record<string, string | null> = {};
      for (const name of body.fields) {
        const v = plain[name];
        values[name] = typeof v === "string" && v !== "" ? v : null;
      }
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          ...record,
          detail: { number: loaded.row.number, fields: body.fields, reason },
        }).then(() => undefined),
      );
      return { values };
    },

    async update(op: Op, id: string, body: UpdateApplicationBody): Promise<Application> {
      const loaded = await loadOwn(op, id);
      if (loaded.row.status !== "draft" && loaded.row.status !== "returned") throw notEditable();
      let form: Record<string, unknown> | undefined;
      if (body.form !== undefined) {
        const incoming = incomingForm(loaded, body.form);
        // A draft may be incomplete: everything but "required" is checked now.
        const errors = validateForm(
          { ...loaded.content.form, required: [] },
          incoming,
          "/form",
          deps.clock.now(),
        );
        if (errors.length > 0) throw invalidFields("FORM_INVALID", errors);
        const mismatch = ownIdProblem(
          loaded.row,
          loaded.content.form,
          incoming,
          await factsOfRow(loaded.row),
        );
        if (mismatch) throw invalidFields("FORM_ID_MISMATCH", [mismatch]);
        form = sealedForm(loaded, incoming);
      }
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("applications")
          .set({ ...(form !== undefined ? { form: JSON.stringify(form) } : {}), updated_at: at })
          .where("id", "=", id)
          .where("status", "in", ["draft", "returned"])
          .where("event_seq", "=", loaded.row.event_seq)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw notEditable();
        if (body.materials !== undefined) await setMaterials(trx, op, loaded, body.materials);
        await writeAudit(trx, op, {
          action: "applications.update",
          objectType: "application",
          objectId: id,
          detail: {
            number: loaded.row.number,
            form: body.form !== undefined,
            files: body.materials?.flatMap((m) => m.fileIds) ?? null,
          },
        });
      });
      return presentById(op.actor, id);
    },

    /** Submits (or resubmits after a return) once per Idempotency-Key. */
    async submit(op: Op, id: string, key: string): Promise<Application> {
      authorize(op.actor, "applications.apply");
      // Read the profile before the transaction (the provider queries on its own connection).
      const before = await db
        .selectFrom("applications")
        .select(["version_id", "applicant_user_id", "applicant_org_id", "applicant_kind"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!before || before.applicant_user_id !== op.actor.userId) throw notFound(appLabel);
      const facts = await factsOfRow(before);
      const eligibility = await eligibilityOf(
        (await versionOf(db, before.version_id)).content,
        before.applicant_user_id,
      );
      await runIdempotent(
        deps,
        { key, actorId: op.actor.userId, scope: "applications.submit", requestHash: requestHashOf({ id }) },
        async (trx) => {
          const loaded = await loadApplication(trx, id);
          if (!loaded || loaded.row.applicant_user_id !== op.actor.userId) throw notFound(appLabel);
          if (loaded.row.status !== "draft" && loaded.row.status !== "returned") throw notEditable();
          const plain = plainForm(loaded);
          const errors = validateForm(loaded.content.form, plain, "/form", deps.clock.now());
          if (errors.length > 0) throw invalidFields("FORM_INVALID", errors);
          const mismatch = ownIdProblem(loaded.row, loaded.content.form, plain, facts);
          if (mismatch) throw invalidFields("FORM_ID_MISMATCH", [mismatch]);
          const attached = new Set(
            (
              await trx
                .selectFrom("application_materials")
                .select("material_code")
                .where("application_id", "=", id)
                .execute()
            ).map((r) => r.material_code),
          );
          const missing = loaded.content.materials.filter((m) => m.required && !attached.has(m.code));
          if (missing.length > 0)
            throw invalidFields(
              "MATERIALS_MISSING",
              missing.map((m) => ({
                path: `/materials/${m.code}`,
                message: { zh: `缺少材料：${m.name}`, en: `Missing material: ${m.code}` },
              })),
            );
          await transition(trx, op, loaded, { type: "submit" }, { eligibility });
          return { status: 200, body: { id } };
        },
      );
      return presentById(op.actor, id);
    },

    /** Submits a draft made by another domain (免申即享 with officer confirmation) inside that
     * domain's transaction: the applicant's submission with `comment`, then the first step's queue. */
    async submitWithin(trx: Trx, op: Op, id: string, comment: string): Promise<void> {
      const loaded = await loadApplication(trx, id);
      if (!loaded || loaded.row.applicant_user_id !== op.actor.userId) throw notFound(appLabel);
      await transition(trx, op, loaded, { type: "submit" }, { eligibility: "pass", comment });
    },

    async withdraw(op: Op, id: string, reason?: string): Promise<Application> {
      const loaded = await loadOwn(op, id);
      await db
        .transaction()
        .execute((trx) =>
          transition(trx, op, loaded, { type: "withdraw" }, reason === undefined ? {} : { comment: reason }),
        );
      return presentById(op.actor, id);
    },

    async decide(op: Op, id: string, body: DecisionBody): Promise<Application> {
      authorize(op.actor, "applications.handle");
      const loaded = await loadVisible(op.actor, id);
      const command: Command =
        body.action === "approve"
          ? { type: "approve", stepIndex: body.stepIndex }
          : body.action === "return"
            ? { type: "return", stepIndex: body.stepIndex, corrections: body.corrections ?? [] }
            : { type: body.action, stepIndex: body.stepIndex, reason: body.reason ?? "" };
      await db
        .transaction()
        .execute((trx) =>
          transition(trx, op, loaded, command, body.comment === undefined ? {} : { comment: body.comment }),
        );
      return presentById(op.actor, id);
    },

    async workbench(
      op: Op,
      query: WorkbenchQuery,
    ): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
      authorize(op.actor, "applications.handle");
      const limit = query.limit ?? 50;
      const waits = await queueRows(op.actor, query, limit);
      const page = pageOf(waits, limit, (w) => w.cursor);
      return {
        items: await summaries(await rowsByIds(page.items.map((w) => w.application_id)), true),
        nextCursor: page.nextCursor,
      };
    },

    /** Every department's waiting cases, past their step's deadline or due today (the office's
     * 今日待办 counts link here: one row per case, however many organisations it waits at). */
    async overview(
      op: Op,
      query: OverviewQuery,
    ): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
      authorize(op.actor, "applications.oversee");
      const limit = query.limit ?? 50;
      const after = decodeCursor<string>(query.cursor, "string");
      let q = db
        .selectFrom("application_waits")
        .select("application_id")
        .where("deadline", query.due === "overdue" ? "<" : "=", today());
      if (after !== undefined) q = q.where("application_id", ">", after);
      const waits = await q
        .groupBy("application_id")
        .orderBy("application_id")
        .limit(limit + 1)
        .execute();
      const page = pageOf(waits, limit, (w) => w.application_id);
      return {
        items: await summaries(await rowsByIds(page.items.map((w) => w.application_id)), true),
        nextCursor: page.nextCursor,
      };
    },

    /** The filtered queue as an .xlsx workbook (at most EXPORT_LIMIT rows); the export is audited. */
    async exportWorkbench(op: Op, query: WorkbenchQuery): Promise<Buffer> {
      authorize(op.actor, "applications.handle");
      const waits = await queueRows(op.actor, { ...query, cursor: undefined }, EXPORT_LIMIT);
      const rows = await rowsByIds(waits.slice(0, EXPORT_LIMIT).map((w) => w.application_id));
      const items = await summaries(rows, true);
      // The ID number of the form (its first idCard field), masked like everywhere else.
      const idOf = new Map<string, string>();
      for (const r of rows) {
        const fields = personalFieldsOf((await versionOf(db, r.version_id)).content.form);
        const name = [...fields].find(([, kind]) => kind === "idCard")?.[0];
        const value = name === undefined ? undefined : maskForm(fields, storedForm(r))[name];
        if (typeof value === "string") idOf.set(r.id, value);
      }
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet("办件");
      sheet.columns = [
        { header: "申请编号", key: "number", width: 22 },
        { header: "事项", key: "item", width: 30 },
        { header: "申请人", key: "applicant", width: 12 },
        { header: "身份证号码", key: "idNumber", width: 22 },
        { header: "状态", key: "status", width: 12 },
        { header: "当前环节", key: "step", width: 16 },
        { header: "办理单位", key: "orgs", width: 30 },
        { header: "环节时限", key: "deadline", width: 14 },
        { header: "灯色", key: "light", width: 8 },
        { header: "提交时间", key: "submittedAt", width: 22 },
      ];
      const LIGHT: Record<string, string> = { red: "红", yellow: "黄", green: "绿" };
      for (const a of items)
        sheet.addRow({
          number: a.number,
          item: a.item.name,
          applicant: a.applicant.name,
          idNumber: idOf.get(a.id) ?? "",
          status: a.status,
          step: a.currentStep?.name ?? "",
          orgs: a.currentStep?.orgNames.join("、") ?? "",
          deadline: a.stepDeadline ?? "",
          light: a.light ? LIGHT[a.light] : "",
          submittedAt: a.submittedAt ?? "",
        });
      sheet.getRow(1).font = { bold: true };
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          action: "applications.export",
          objectType: "application",
          objectId: null,
          detail: {
            rows: items.length,
            filter: { itemCode: query.itemCode ?? null, light: query.light ?? null, q: query.q ?? null },
          },
        }).then(() => undefined),
      );
      return buffer;
    },

    /** The job: flags steps past their deadline, tells the officers and writes the history once per step. */
    async flagOverdue(): Promise<{ flagged: number }> {
      const day = today();
      const overdue = await db
        .selectFrom("application_waits")
        .selectAll()
        .where("deadline", "<", day)
        .where("overdue_notified", "=", 0)
        .limit(1000)
        .execute();
      const now = deps.clock.now();
      let flagged = 0;
      for (const w of overdue) {
        // A decision racing with this one wins; the step is flagged on the next run if still late.
        const counted = await db
          .transaction()
          .execute(async (trx) => {
            const done = await trx
              .updateTable("application_waits")
              .set({ overdue_notified: 1 })
              .where("application_id", "=", w.application_id)
              .where("org_id", "=", w.org_id)
              .where("overdue_notified", "=", 0)
              .executeTakeFirst();
            if (Number(done.numUpdatedRows) !== 1) return false;
            await recordOverdue(trx, w, now.toISOString());
            for (const user of await usersAt(trx, w.role, [w.org_id]))
              await notifyUser(trx, now, user, {
                kind: "application",
                title: `办件已超期：${w.number}`,
                body: `该申请的办理时限为 ${w.deadline}，已超期，请尽快办理。`,
                link: `/workbench/${w.application_id}`,
              });
            await writeAudit(trx, SYSTEM, {
              action: "applications.overdue",
              objectType: "application",
              objectId: w.application_id,
              detail: { number: w.number, orgId: w.org_id, stepIndex: w.step_index, deadline: w.deadline },
            });
            return true;
          })
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === "STEP_CHANGED") return false;
            // PostgreSQL: a decision committed the same history seq first (unique key).
            if ((error as { code?: unknown } | null)?.code === "23505") return false;
            throw error;
          });
        if (counted) flagged++;
      }
      return { flagged };
    },

    /** For other domains: the organisations that have handled or hold the case (visibility). */
    reachedOrgIds,
  };
}
export type ApplicationService = ReturnType<typeof makeApplicationService>;
