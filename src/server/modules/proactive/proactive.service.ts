import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { ProactiveOfferTable, ProactiveRunTable } from "../../db/tables/calculator.js";
import { fieldsOfRule } from "../../engine/calculator/index.js";
import {
  type CompiledRuleOf,
  checkRule,
  compileChecked,
  evaluate,
  explain,
  talentCatalogue,
} from "../../engine/rules/index.js";
import { authorize, can } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM, type Trx } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { ApplicationHooks } from "../applications/hooks.js";
import { AUTO_CHECK_NAME, versionOf } from "../applications/visible-application.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { CataloguePort } from "../calculator/catalogue-port.js";
import type { Outcome } from "../catalogue/catalogue.schema.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { maskName } from "../publicity/mask.js";
import { columnsFor, countTalents, scanPage, tablesFor } from "./registry-scan.js";
import "./proactive.policy.js";

// 免申即享 (benefits without an application): the talent office runs a published item's eligibility
// rule over the whole registry. A run is a row with its progress (total, processed, eligible) and
// everything needed to reproduce it: the item version and the exact rule JSON (with its sha256) it
// evaluated, the evaluation date and the registry snapshot instant. Eligible talents with an
// account get an offer (notification + proactive_offers row); one click accepts it (数据比对 →
// 意愿确认) and creates an approved application on that item version; declining is recorded.

const RUN_LABEL = { zh: "免申即享批次", en: "proactive run" };
const OFFER_LABEL = { zh: "免申即享确认", en: "offer" };
const LEASE_MS = 2 * 60_000;
export const DEFAULT_BATCH = 5000;

export interface ProactiveOptions {
  catalogue: CataloguePort;
  /** Run inside the acceptance's transaction, as for a final approval (funds: entitlements). */
  hooks?: ApplicationHooks;
  /** The talent's current profile: what the hooks see as the application's data (amount rules). */
  profiles?: { profileOfTalent(talentId: string): Promise<Record<string, unknown> | null> };
  /** Talents evaluated per page (and per transaction). */
  batchSize?: number;
  /** Submits a draft application to its workflow inside the caller's transaction, the comment
   * recorded on the submission (applications service). Needed by items set to officer confirmation. */
  submitDraft?: (trx: Trx, op: Op, applicationId: string, comment: string) => Promise<void>;
}

type RunRow = ProactiveRunTable;
type OfferRow = ProactiveOfferTable;

/** The rule's explanation as a decision reason: each passed condition with its clause, zh then en. */
export function explanationText(json: unknown, profile: Record<string, unknown>, asOf: string): string {
  const rule = compileEligibility(json);
  if (!rule) {
    return "经数据比对自动核验：该事项无资格条件限制。\nAutomatic check against the registry: the item has no eligibility conditions.";
  }
  const ex = explain(rule, profile, { asOf });
  const cite = (c: { doc: string; article?: string; measure?: number } | undefined) =>
    c ? `${c.doc}${c.article ?? (c.measure === undefined ? "" : `（${c.measure}）`)}` : "";
  const passed = ex.conditions.filter((c) => c.result === "pass");
  const zh = passed.map((c) => (c.citation ? `${c.label.zh}（${cite(c.citation)}）` : c.label.zh)).join("；");
  const en = passed.map((c) => (c.citation ? `${c.label.en} (${cite(c.citation)})` : c.label.en)).join("; ");
  const head = ex.citation ? `依据${cite(ex.citation)}，` : "";
  return `${head}经数据比对自动核验，符合以下条件：${zh}。\nAutomatic check against the registry${ex.citation ? ` under ${cite(ex.citation)}` : ""}; conditions met: ${en}.`;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function compileEligibility(json: unknown): CompiledRuleOf<"eligibility"> | null {
  if (json === null || json === undefined) return null;
  const checked = checkRule(json, talentCatalogue, { kind: "eligibility" });
  if (!checked.ok) {
    throw new AppError("unprocessable", "RULE_INVALID", {
      zh: "该事项的资格条件无效，无法运行",
      en: "The item's eligibility rule is invalid",
    });
  }
  return compileChecked(checked.rule) as CompiledRuleOf<"eligibility">;
}

export function makeProactiveService(deps: Deps, writeAudit: AuditWriter, options: ProactiveOptions) {
  const db = deps.database.db;
  const batch = options.batchSize ?? DEFAULT_BATCH;
  const owner = `${hostname()}:${process.pid}:${newId()}`;
  const running = new Map<string, Promise<void>>();

  async function names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", ids).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async function present(rows: RunRow[]) {
    const who = await names([...new Set(rows.map((r) => r.started_by))]);
    return rows.map((r) => ({
      id: r.id,
      item: { code: r.item_code, name: r.item_name, version: r.item_version, versionId: r.item_version_id },
      ruleSha256: r.rule_sha256,
      asOf: r.as_of,
      snapshotAt: r.snapshot_at,
      status: r.status as "queued" | "running" | "done" | "failed",
      total: Number(r.total),
      processed: Number(r.processed),
      eligible: Number(r.eligible),
      unknown: Number(r.unknown),
      offered: Number(r.offered),
      error: r.error,
      startedBy: { id: r.started_by, name: who.get(r.started_by) ?? "" },
      createdAt: r.created_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    }));
  }

  const presentOffer = (o: OfferRow) => ({
    id: o.id,
    runId: o.run_id,
    item: { code: o.item_code, name: o.item_name, versionId: o.item_version_id },
    status: o.status as "offered" | "accepted" | "declined",
    applicationId: o.application_id,
    declineReason: o.decline_reason,
    createdAt: o.created_at,
    decidedAt: o.decided_at,
  });

  async function loadRun(id: string): Promise<RunRow> {
    const row = await db.selectFrom("proactive_runs").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound(RUN_LABEL);
    return row;
  }

  /** Claims a run (queued, or running with an expired lease) for this process; false if taken. */
  async function claim(id: string): Promise<boolean> {
    const now = deps.clock.now();
    const at = now.toISOString();
    const result = await db
      .updateTable("proactive_runs")
      .set({
        status: "running",
        locked_by: owner,
        locked_until: new Date(now.getTime() + LEASE_MS).toISOString(),
      })
      .where("id", "=", id)
      .where((eb) =>
        eb.or([
          eb("status", "=", "queued"),
          eb.and([eb("status", "=", "running"), eb("locked_until", "<", at)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await db
      .updateTable("proactive_runs")
      .set({ started_at: at })
      .where("id", "=", id)
      .where("started_at", "is", null)
      .execute();
    return true;
  }

  /** Offers an eligible talent the item unless they already hold an open or accepted offer for it. */
  async function offer(trx: Trx, run: RunRow, talentId: string, userId: string, now: Date): Promise<boolean> {
    const existing = await trx
      .selectFrom("proactive_offers")
      .select("id")
      .where("item_code", "=", run.item_code)
      .where("user_id", "=", userId)
      .where("status", "in", ["offered", "accepted"])
      .executeTakeFirst();
    if (existing) return false;
    const id = newId(now.getTime());
    await trx
      .insertInto("proactive_offers")
      .values({
        id,
        run_id: run.id,
        talent_id: talentId,
        user_id: userId,
        item_code: run.item_code,
        item_name: run.item_name,
        item_version_id: run.item_version_id,
        status: "offered",
        application_id: null,
        decline_reason: null,
        created_at: now.toISOString(),
        decided_at: null,
      })
      .execute();
    await notifyUser(trx, now, userId, {
      kind: "proactive.offer",
      title: `免申即享：${run.item_name}`,
      body: `经数据比对，您符合“${run.item_name}”的条件，无需申请。请确认是否享受。`,
      link: "/proactive/offers",
    });
    return true;
  }

  /** Evaluates a claimed run to the end, a page per transaction; progress is visible after each. */
  async function runToEnd(id: string): Promise<void> {
    let run = await loadRun(id);
    try {
      const rule = compileEligibility(JSON.parse(run.rule_json));
      const fields = rule ? fieldsOfRule(rule.rule) : new Set<string>();
      const scan = {
        snapshotAt: run.snapshot_at,
        asOf: run.as_of,
        tables: tablesFor(fields),
        columns: columnsFor(fields),
      };
      const evalOptions = { asOf: run.as_of };
      for (;;) {
        const page = await scanPage(db, run.cursor, batch, scan);
        if (page.length === 0) break;
        let eligible = 0;
        let unknown = 0;
        const hits: { talentId: string; userId: string | null; name: string }[] = [];
        for (const { row, profile } of page) {
          const v = rule ? evaluate(rule, profile, evalOptions) : "pass";
          if (v === "pass") {
            eligible++;
            hits.push({ talentId: row.id, userId: row.user_id, name: row.name });
          } else if (v === "unknown") unknown++;
        }
        const now = deps.clock.now();
        const cursor = page[page.length - 1]!.row.id;
        const current = run;
        run = await db.transaction().execute(async (trx) => {
          for (let i = 0; i < hits.length; i += 500) {
            await trx
              .insertInto("proactive_run_results")
              .values(
                hits.slice(i, i + 500).map((h) => ({
                  run_id: current.id,
                  talent_id: h.talentId,
                  user_id: h.userId,
                  masked_name: maskName(h.name),
                })),
              )
              .execute();
          }
          let offered = 0;
          for (const h of hits) {
            if (h.userId !== null && (await offer(trx, current, h.talentId, h.userId, now))) offered++;
          }
          // Only the lease holder advances the run (a run whose lease was taken over stops here).
          const updated = await trx
            .updateTable("proactive_runs")
            .set({
              processed: sql<number>`processed + ${page.length}`,
              eligible: sql<number>`eligible + ${eligible}`,
              unknown: sql<number>`${sql.ref("unknown")} + ${unknown}`,
              offered: sql<number>`offered + ${offered}`,
              cursor,
              locked_until: new Date(now.getTime() + LEASE_MS).toISOString(),
            })
            .where("id", "=", current.id)
            .where("locked_by", "=", owner)
            .where("cursor", current.cursor === null ? "is" : "=", current.cursor)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) {
            throw new AppError("conflict", "RUN_TAKEN_OVER", {
              zh: "该批次已由其他进程接管",
              en: "The run was taken over by another process",
            });
          }
          return trx
            .selectFrom("proactive_runs")
            .selectAll()
            .where("id", "=", current.id)
            .executeTakeFirstOrThrow();
        });
      }
      await db.transaction().execute(async (trx) => {
        const at = deps.clock.now().toISOString();
        await trx
          .updateTable("proactive_runs")
          .set({ status: "done", finished_at: at, locked_by: null, locked_until: null })
          .where("id", "=", id)
          .where("locked_by", "=", owner)
          .execute();
        await writeAudit(trx, SYSTEM, {
          action: "proactive.run.finish",
          objectType: "proactive_run",
          objectId: id,
          detail: {
            item: run.item_code,
            version: run.item_version,
            processed: Number(run.processed),
            eligible: Number(run.eligible),
            unknown: Number(run.unknown),
            offered: Number(run.offered),
          },
        });
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "RUN_TAKEN_OVER") return;
      const message = error instanceof Error ? error.message : String(error);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("proactive_runs")
          .set({
            status: "failed",
            error: message.slice(0, 500),
            finished_at: deps.clock.now().toISOString(),
            locked_by: null,
            locked_until: null,
          })
          .where("id", "=", id)
          .where("locked_by", "=", owner)
          .execute();
        await writeAudit(trx, SYSTEM, {
          action: "proactive.run.fail",
          objectType: "proactive_run",
          objectId: id,
          result: "failed",
          detail: { error: message.slice(0, 200) },
        });
      });
    }
  }

  /** Runs a run in this process unless it is already running here or held elsewhere. */
  function kick(id: string): Promise<void> {
    const existing = running.get(id);
    if (existing) return existing;
    const work = (async () => {
      if (await claim(id)) await runToEnd(id);
    })().finally(() => running.delete(id));
    running.set(id, work);
    return work;
  }

  async function loadOwnOffer(op: Op, id: string, trx: Kysely<DB> = db): Promise<OfferRow> {
    const row = await trx.selectFrom("proactive_offers").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row || !can(op.actor, "proactive.offers", { userId: row.user_id })) throw notFound(OFFER_LABEL);
    return row;
  }

  /** The application number: SQ + China date + the day's six-digit counter (as applications do). */
  async function nextNumber(trx: Trx, now: Date): Promise<string> {
    const day = chinaDate(now).replaceAll("-", "");
    await trx
      .insertInto("application_counters")
      .values({ day, last: 1 })
      .onConflict((oc) => oc.column("day").doUpdateSet({ last: sql<number>`application_counters.last + 1` }))
      .execute();
    const row = await trx
      .selectFrom("application_counters")
      .select("last")
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    return `SQ${day}${String(row.last).padStart(6, "0")}`;
  }

  /**
   * An application on the offer's item version that runs the item's workflow at once: submitted by
   * the talent (意愿确认), then every step (each organisation of a 会签 step) approved by the
   * automatic check with the rule's explanation as the reason — the same history rows an officer's
   * approvals write, so the talent and the office see each step decided — and finally approved, which
   * runs the final-approval hook (funds: the entitlement) once, in this transaction.
   */
  async function createApprovedApplication(
    trx: Trx,
    op: Op,
    o: OfferRow,
    now: Date,
    profile: Record<string, unknown>,
    reason: string,
  ): Promise<string> {
    const version = await trx
      .selectFrom("service_item_versions")
      .selectAll()
      .where("id", "=", o.item_version_id)
      .executeTakeFirstOrThrow();
    const { def } = await versionOf(trx, version.id);
    const user = await trx
      .selectFrom("users")
      .select(["id", "org_id", "display_name"])
      .where("id", "=", o.user_id)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(version.content) as {
      amountRule?: unknown;
      measureIds?: string[];
      outcome?: Outcome | null;
      proactiveDecision?: "auto" | "confirm";
    };
    const at = now.toISOString();
    const confirm = content.proactiveDecision === "confirm";
    if (confirm && !options.submitDraft) throw new Error("officer confirmation needs submitDraft");
    const id = newId(now.getTime());
    const number = await nextNumber(trx, now);
    const source = { source: "proactive", runId: o.run_id, offerId: o.id };
    const talentRow = (type: string) => ({
      type,
      actor_id: op.actor.userId,
      actor_name: op.actor.displayName,
      actor_org_id: op.actor.orgId,
      step_index: null,
      detail: JSON.stringify(source),
    });
    // Officer confirmation: only the creation here; the submission (with the rule's explanation)
    // goes through the applications service, which queues the first step like any application.
    const rows = confirm
      ? [talentRow("created")]
      : [
          talentRow("created"),
          talentRow("submitted"),
          ...def.steps.flatMap((step, index) =>
            step.orgIds.map((orgId) => ({
              type: step.kind === "countersign" ? "countersigned" : "approved",
              actor_id: null,
              actor_name: AUTO_CHECK_NAME,
              actor_org_id: orgId,
              step_index: index,
              detail: JSON.stringify({ ...source, reason }),
            })),
          ),
        ];
    await trx
      .insertInto("applications")
      .values({
        id,
        number,
        item_id: version.item_id,
        item_code: version.code,
        version_id: version.id,
        applicant_user_id: user.id,
        applicant_org_id: user.org_id,
        applicant_kind: "talent",
        applicant_name: user.display_name,
        applicant_name_key: user.display_name.replace(/\s+/g, "").toLowerCase(),
        beneficiary_name: null,
        status: confirm ? "draft" : "approved",
        // Confirmation: the officers decide on the registry data the rule read (and the amount rule
        // reads it at the final approval); automatic: the hook below gets the same data.
        form: confirm ? JSON.stringify(profile) : "{}",
        eligibility: "pass",
        step_index: null,
        step_deadline: null,
        deadline: null,
        event_seq: rows.length,
        first_submitted_at: confirm ? null : at,
        submitted_at: confirm ? null : at,
        decided_at: confirm ? null : at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto("application_events")
      .values(rows.map((r, i) => ({ id: newId(now.getTime()), application_id: id, seq: i + 1, at, ...r })))
      .execute();
    if (confirm) {
      await options.submitDraft!(trx, op, id, `${AUTO_CHECK_NAME}：${reason}`);
      return id;
    }
    await options.hooks?.onFinalApproval?.(trx, {
      application: {
        id,
        number,
        applicantUserId: user.id,
        applicantOrgId: user.org_id,
        beneficiaryName: null,
        // No form was filled: the registry record is the data the decision rests on.
        form: profile,
        versionId: version.id,
      },
      item: {
        code: version.code,
        name: version.name,
        kind: version.kind,
        version: version.version,
        versionId: version.id,
        amountRule: content.amountRule ?? null,
        outcome: content.outcome ?? null,
        measureIds: content.measureIds ?? [],
      },
      op,
    });
    return id;
  }

  return {
    /** Starts a run of the item's latest published eligibility rule over the registry (202: queued). */
    async start(op: Op, input: { itemCode: string }) {
      authorize(op.actor, "proactive.manage");
      const item = await options.catalogue.getPublished(input.itemCode);
      if (!item) {
        throw new AppError("not_found", "ITEM_NOT_PUBLISHED", {
          zh: "该服务事项不存在或未发布",
          en: "No such published service item",
        });
      }
      compileEligibility(item.eligibility);
      const now = deps.clock.now();
      const at = now.toISOString();
      const ruleJson = JSON.stringify(item.eligibility ?? null);
      const id = newId(now.getTime());
      await db.transaction().execute(async (trx) => {
        const total = await countTalents(trx, at);
        await trx
          .insertInto("proactive_runs")
          .values({
            id,
            item_code: item.code,
            item_name: item.name,
            item_version_id: item.versionId,
            item_version: item.version,
            rule_json: ruleJson,
            rule_sha256: sha256(ruleJson),
            as_of: chinaDate(now),
            snapshot_at: at,
            status: "queued",
            total,
            processed: 0,
            eligible: 0,
            unknown: 0,
            offered: 0,
            cursor: null,
            locked_by: null,
            locked_until: null,
            error: null,
            started_by: op.actor.userId,
            created_at: at,
            started_at: null,
            finished_at: null,
          })
          .execute();
        await writeAudit(trx, op, {
          action: "proactive.run.start",
          objectType: "proactive_run",
          objectId: id,
          detail: { item: item.code, version: item.version, ruleSha256: sha256(ruleJson), total },
        });
      });
      void kick(id).catch(() => undefined);
      return (await present([await loadRun(id)]))[0]!;
    },

    /** Waits for a run started in this process (tests, the CLI). */
    async settle(id: string): Promise<void> {
      await running.get(id);
    },

    /** Picks up queued runs and runs whose worker died (lease expired); the job calls this. */
    async resumePending(): Promise<{ resumed: number }> {
      const at = deps.clock.now().toISOString();
      const rows = await db
        .selectFrom("proactive_runs")
        .select("id")
        .where((eb) =>
          eb.or([
            eb("status", "=", "queued"),
            eb.and([eb("status", "=", "running"), eb("locked_until", "<", at)]),
          ]),
        )
        .orderBy("id")
        .execute();
      for (const r of rows) await kick(r.id);
      return { resumed: rows.length };
    },

    async list(op: Op, query: { cursor?: string; limit?: number }) {
      authorize(op.actor, "proactive.manage");
      const limit = query.limit ?? 50;
      const after = decodeCursor<string>(query.cursor, "string");
      let q = db.selectFrom("proactive_runs").selectAll();
      if (after !== undefined) q = q.where("id", "<", after);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await present(page.items), nextCursor: page.nextCursor };
    },

    async get(op: Op, id: string) {
      authorize(op.actor, "proactive.manage");
      return (await present([await loadRun(id)]))[0]!;
    },

    /** The run's eligible talents, names masked, with their offer's state. */
    async results(op: Op, id: string, query: { cursor?: string; limit?: number }) {
      authorize(op.actor, "proactive.manage");
      await loadRun(id);
      const limit = query.limit ?? 50;
      const after = decodeCursor<string>(query.cursor, "string");
      let q = db
        .selectFrom("proactive_run_results as r")
        .leftJoin("proactive_offers as o", (j) =>
          j.onRef("o.run_id", "=", "r.run_id").onRef("o.talent_id", "=", "r.talent_id"),
        )
        .select(["r.talent_id", "r.masked_name", "r.user_id", "o.id as offer_id", "o.status as offer_status"])
        .where("r.run_id", "=", id);
      if (after !== undefined) q = q.where("r.talent_id", ">", after);
      const rows = await q
        .orderBy("r.talent_id")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.talent_id);
      return {
        items: page.items.map((r) => ({
          talentId: r.talent_id,
          name: r.masked_name,
          hasAccount: r.user_id !== null,
          offer:
            r.offer_id && r.offer_status
              ? { id: r.offer_id, status: r.offer_status as "offered" | "accepted" | "declined" }
              : null,
        })),
        nextCursor: page.nextCursor,
      };
    },

    /** The eligible talent ids of a run, in id order (reproducibility checks). */
    async eligibleSet(id: string): Promise<string[]> {
      const rows = await db
        .selectFrom("proactive_run_results")
        .select("talent_id")
        .where("run_id", "=", id)
        .orderBy("talent_id")
        .execute();
      return rows.map((r) => r.talent_id);
    },

    async myOffers(op: Op, query: { cursor?: string; limit?: number }) {
      authorize(op.actor, "proactive.offers");
      const limit = query.limit ?? 50;
      const after = decodeCursor<string>(query.cursor, "string");
      let q = db.selectFrom("proactive_offers").selectAll().where("user_id", "=", op.actor.userId);
      if (after !== undefined) q = q.where("id", "<", after);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: page.items.map(presentOffer), nextCursor: page.nextCursor };
    },

    /** 意愿确认: accepts the offer and creates the approved application; accepting twice is a no-op. */
    async accept(op: Op, id: string) {
      authorize(op.actor, "proactive.offers");
      const offered = await loadOwnOffer(op, id);
      // Read before the transaction (SQLite has one connection, held by the transaction).
      const profile = (await options.profiles?.profileOfTalent(offered.talent_id)) ?? {};
      const now = deps.clock.now();
      const run = await loadRun(offered.run_id);
      const reason = explanationText(JSON.parse(run.rule_json), profile, chinaDate(now));
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable("proactive_offers")
          .set({ status: "accepted", decided_at: now.toISOString() })
          .where("id", "=", id)
          .where("status", "=", "offered")
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          const row = await loadOwnOffer(op, id, trx);
          if (row.status === "accepted") return;
          throw conflict("OFFER_DECIDED", { zh: "该确认已答复", en: "The offer has already been answered" });
        }
        const row = await loadOwnOffer(op, id, trx);
        const applicationId = await createApprovedApplication(trx, op, row, now, profile, reason);
        await trx
          .updateTable("proactive_offers")
          .set({ application_id: applicationId })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, {
          action: "proactive.offer.accept",
          objectType: "proactive_offer",
          objectId: id,
          detail: { item: row.item_code, runId: row.run_id, applicationId },
        });
      });
      return presentOffer(await loadOwnOffer(op, id));
    },

    /** Declines the offer; the answer is recorded. Declining twice is a no-op. */
    async decline(op: Op, id: string, reason?: string) {
      authorize(op.actor, "proactive.offers");
      await loadOwnOffer(op, id);
      const now = deps.clock.now();
      const text = reason?.trim() || null;
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable("proactive_offers")
          .set({ status: "declined", decided_at: now.toISOString(), decline_reason: text })
          .where("id", "=", id)
          .where("status", "=", "offered")
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          const row = await loadOwnOffer(op, id, trx);
          if (row.status === "declined") return;
          throw conflict("OFFER_DECIDED", { zh: "该确认已答复", en: "The offer has already been answered" });
        }
        const row = await loadOwnOffer(op, id, trx);
        await writeAudit(trx, op, {
          action: "proactive.offer.decline",
          objectType: "proactive_offer",
          objectId: id,
          detail: { item: row.item_code, runId: row.run_id, reason: text },
        });
      });
      return presentOffer(await loadOwnOffer(op, id));
    },
  };
}

export type ProactiveService = ReturnType<typeof makeProactiveService>;
