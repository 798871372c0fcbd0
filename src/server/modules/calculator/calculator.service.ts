import {
  type AssessOptions,
  type Audience,
  assessAll,
  type CalculatorResult,
  type CompiledItem,
  checkAnswers,
  compileItem,
  DEFAULT_NEAR_LIMIT,
  fieldsOfRule,
  forAudience,
  questionsFor,
} from "../../engine/calculator/index.js";
import {
  type CompiledRuleOf,
  checkRule,
  compileChecked,
  evaluate,
  type RuleError,
  talentCatalogue,
} from "../../engine/rules/index.js";
import { authorize, hasRole } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { AppError, invalidFields } from "../../lib/errors.js";
import type { ProfileProvider } from "../applications/profiles.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { columnsFor, countTalents, scanPage, tablesFor } from "../proactive/registry-scan.js";
import type { CataloguePort } from "./catalogue-port.js";
import "./calculator.policy.js";

// The policy calculator over the published catalogue (see ../../engine/calculator/README.md):
// anonymous answers or a talent's registry profile → eligible / nearly eligible / not eligible per
// item, with the clauses. And the budget simulation: how many registry talents qualify, and for how
// much, under the published rule and a proposed one.

export interface CalculatorOptions {
  catalogue: CataloguePort;
  profiles?: ProfileProvider;
}

export interface CalculatorAnswer extends CalculatorResult {
  asOf: string;
  /** Whose items were assessed: only items this audience applies for are listed and counted. */
  audience: Audience;
  nearLimit: number;
  profileFound?: boolean;
}

const SIM_BATCH = 2000;

export function makeCalculatorService(deps: Deps, writeAudit: AuditWriter, options: CalculatorOptions) {
  const db = deps.database.db;
  /** Compiled published versions by code; recompiled only when a new version is published. */
  const cache = new Map<string, { version: number; compiled: CompiledItem | null }>();

  async function published(): Promise<CompiledItem[]> {
    const list = await options.catalogue.listPublished();
    const out: CompiledItem[] = [];
    for (const { code, version } of list) {
      let hit = cache.get(code);
      if (!hit || hit.version !== version) {
        const item = await options.catalogue.getPublished(code, version);
        const c = item ? compileItem(item, talentCatalogue) : null;
        hit = { version, compiled: c?.ok ? c.compiled : null };
        cache.set(code, hit);
      }
      if (hit.compiled) out.push(hit.compiled);
    }
    return out;
  }

  function answer(
    items: CompiledItem[],
    audience: Audience,
    profile: unknown,
    nearLimit?: number,
  ): CalculatorAnswer {
    const asOf = chinaDate(deps.clock.now());
    const opts: AssessOptions = { asOf, nearLimit: nearLimit ?? DEFAULT_NEAR_LIMIT };
    return {
      asOf,
      audience,
      nearLimit: opts.nearLimit!,
      ...assessAll(forAudience(items, audience), profile, opts),
    };
  }

  function compileProposed<K extends "eligibility" | "amount">(
    json: unknown,
    kind: K,
    path: string,
  ): CompiledRuleOf<K> | null {
    if (json === null || json === undefined) return null;
    const checked = checkRule(json, talentCatalogue, { kind });
    if (!checked.ok) {
      throw invalidFields(
        "RULE_INVALID",
        checked.errors.map((e: RuleError) => ({ path: `/${path}${e.path}`, message: e.message })),
      );
    }
    return compileChecked(checked.rule) as CompiledRuleOf<K>;
  }

  return {
    /** The profile fields the published rules read, to ask an anonymous visitor. */
    async questions(query: { audience?: Audience } = {}) {
      const items = forAudience(await published(), query.audience ?? "talent");
      return { questions: questionsFor(items, talentCatalogue), items: items.length };
    },

    /** Anonymous: the visitor's answers (checked against the catalogue) against every published item. */
    async calculate(input: {
      answers: Record<string, unknown>;
      audience?: Audience;
      nearLimit?: number;
    }): Promise<CalculatorAnswer> {
      const errors = checkAnswers(talentCatalogue, input.answers);
      if (errors.length > 0) {
        throw new AppError(
          "bad_request",
          "ANSWERS_INVALID",
          {
            zh: `填写的内容有误：${errors.map((e) => `${e.path} ${e.message.zh}`).join("；")}`,
            en: `Invalid answers: ${errors.map((e) => `${e.path} ${e.message.en}`).join("; ")}`,
          },
          errors,
        );
      }
      return answer(await published(), input.audience ?? "talent", input.answers, input.nearLimit);
    },

    /**
     * A signed-in talent: their registry profile against the items a talent applies for. A signed-in
     * employer: the items an employer applies for, with every condition the talent concerned must
     * meet (the registry keeps no employer facts, so each reads "unknown" and is listed as missing).
     * An account with both roles chooses with `audience` (default talent).
     */
    async mine(op: Op, query: { audience?: Audience; nearLimit?: number }): Promise<CalculatorAnswer> {
      authorize(op.actor, "calculator.me");
      const audience: Audience = query.audience ?? (hasRole(op.actor, "talent") ? "talent" : "employer");
      if (!hasRole(op.actor, audience)) {
        throw new AppError("forbidden", "CALCULATOR_AUDIENCE", {
          zh:
            audience === "talent"
              ? "您不是人才用户，不能按人才测算"
              : "您不是用人单位用户，不能按用人单位测算",
          en:
            audience === "talent"
              ? "Only a talent account can calculate as a talent"
              : "Only an employer account can calculate as an employer",
        });
      }
      const items = await published();
      if (audience === "employer") return answer(items, audience, {}, query.nearLimit);
      const profile = (await options.profiles?.profileOfUser(op.actor.userId)) ?? null;
      const result = answer(items, audience, profile ?? {}, query.nearLimit);
      return { ...result, profileFound: profile !== null };
    },

    /**
     * Budget simulation: the registry under the item's published rules and under proposed ones
     * (each omitted rule stays as published). Counts qualifying talents and sums the amounts.
     */
    async simulate(op: Op, input: { itemCode: string; eligibility?: unknown; amountRule?: unknown }) {
      authorize(op.actor, "calculator.simulate");
      const item = await options.catalogue.getPublished(input.itemCode);
      if (!item) {
        throw new AppError("not_found", "ITEM_NOT_PUBLISHED", {
          zh: "该服务事项不存在或未发布",
          en: "No such published service item",
        });
      }
      const curEl = compileProposed(item.eligibility, "eligibility", "current");
      const curAm = compileProposed(item.amountRule, "amount", "current");
      const newEl =
        input.eligibility === undefined
          ? curEl
          : compileProposed(input.eligibility, "eligibility", "eligibility");
      const newAm =
        input.amountRule === undefined ? curAm : compileProposed(input.amountRule, "amount", "amountRule");
      const fields = new Set<string>();
      for (const r of [curEl, curAm, newEl, newAm])
        if (r) for (const f of fieldsOfRule(r.rule)) fields.add(f);
      const now = deps.clock.now();
      const asOf = chinaDate(now);
      const snapshotAt = now.toISOString();
      const scan = { snapshotAt, asOf, tables: tablesFor(fields), columns: columnsFor(fields) };
      const side = () => ({ qualifying: 0, unknown: 0, totalFen: 0, amountUnknown: 0 });
      const current = side();
      const proposed = side();
      let gained = 0;
      let lost = 0;
      const talents = await countTalents(db, snapshotAt);
      const tally = (
        s: ReturnType<typeof side>,
        el: CompiledRuleOf<"eligibility"> | null,
        am: CompiledRuleOf<"amount"> | null,
        profile: unknown,
      ): boolean => {
        const v = el ? evaluate(el, profile, { asOf }) : "pass";
        if (v === "unknown") s.unknown++;
        if (v !== "pass") return false;
        s.qualifying++;
        if (am) {
          const fen = evaluate(am, profile, { asOf });
          if (fen === null) s.amountUnknown++;
          else s.totalFen += fen;
        }
        return true;
      };
      let after: string | null = null;
      for (;;) {
        const page = await scanPage(db, after, SIM_BATCH, scan);
        if (page.length === 0) break;
        for (const { profile } of page) {
          const a = tally(current, curEl, curAm, profile);
          const b = tally(proposed, newEl, newAm, profile);
          if (b && !a) gained++;
          if (a && !b) lost++;
        }
        after = page[page.length - 1]!.row.id;
      }
      await db.transaction().execute((trx) =>
        writeAudit(trx, op, {
          action: "calculator.simulate",
          objectType: "service_item",
          objectId: item.code,
          detail: {
            version: item.version,
            talents,
            current: current.qualifying,
            proposed: proposed.qualifying,
          },
        }),
      );
      return { itemCode: item.code, version: item.version, asOf, talents, current, proposed, gained, lost };
    },
  };
}

export type CalculatorService = ReturnType<typeof makeCalculatorService>;
