import { checkRule, compileRule, explain, type RuleKind, talentCatalogue } from "../../engine/rules/index.js";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { AppError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { profileOfTalent } from "./profile.js";
import { findTalent } from "./registry.repo.js";
import "./registry.policy.js";

// Versioned rule sets (the tier rules, and any other named rule the talent office keeps): every
// save is checked against the talent catalogue and stored as a new version; nothing is edited in
// place, so a past decision can always be explained by the version it used.

const ruleSetLabel = { zh: "规则集", en: "Rule set" };
const KINDS = ["eligibility", "tier", "amount", "suspension"] as const;

export interface RuleSetVersion {
  id: string;
  code: string;
  version: number;
  kind: RuleKind;
  title: string;
  document: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export function makeRuleSetService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  const present = (r: {
    id: string;
    code: string;
    version: number;
    kind: string;
    title: string;
    document: string;
    note: string | null;
    created_by: string | null;
    created_at: string;
  }): RuleSetVersion => ({
    id: r.id,
    code: r.code,
    version: r.version,
    kind: r.kind as RuleKind,
    title: r.title,
    document: JSON.parse(r.document),
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at,
  });

  async function latest(code: string): Promise<RuleSetVersion | null> {
    const row = await db
      .selectFrom("rule_sets")
      .selectAll()
      .where("code", "=", code)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? present(row) : null;
  }

  function checked(document: unknown) {
    const kind = (document as { kind?: unknown } | null)?.kind;
    const result = checkRule(document, talentCatalogue);
    if (!result.ok) throw invalidFields("RULE_INVALID", result.errors);
    return kind as RuleKind;
  }

  return {
    latest,

    async list(op: Op) {
      authorize(op.actor, "registry.readRules");
      const rows = await db
        .selectFrom("rule_sets")
        .selectAll()
        .orderBy("code")
        .orderBy("version", "desc")
        .execute();
      const seen = new Set<string>();
      const items: (RuleSetVersion & { versions: number })[] = [];
      for (const r of rows) {
        if (seen.has(r.code)) continue;
        seen.add(r.code);
        items.push({ ...present(r), versions: r.version });
      }
      return { items };
    },

    async get(op: Op, code: string) {
      authorize(op.actor, "registry.readRules");
      const rows = await db
        .selectFrom("rule_sets")
        .selectAll()
        .where("code", "=", code)
        .orderBy("version", "desc")
        .execute();
      if (rows.length === 0) throw notFound(ruleSetLabel);
      const authorIds = [...new Set(rows.flatMap((r) => (r.created_by ? [r.created_by] : [])))];
      const authors = new Map(
        authorIds.length
          ? (
              await db
                .selectFrom("users")
                .select(["id", "display_name"])
                .where("id", "in", authorIds)
                .execute()
            ).map((u) => [u.id, u.display_name])
          : [],
      );
      return {
        current: present(rows[0]!),
        versions: rows.map((r) => ({
          version: r.version,
          title: r.title,
          note: r.note,
          createdBy: r.created_by,
          createdByName: r.created_by ? (authors.get(r.created_by) ?? null) : null,
          createdAt: r.created_at,
        })),
      };
    },

    /** Checks a rule without saving it: every problem with its JSON pointer. */
    check(op: Op, document: unknown) {
      authorize(op.actor, "registry.readRules");
      const result = checkRule(document, talentCatalogue);
      return result.ok ? { ok: true, errors: [] } : { ok: false, errors: result.errors };
    },

    /** Saves a checked rule as the next version of `code`. `op` null: the platform itself (seed). */
    async save(
      op: Op | null,
      code: string,
      input: { title: string; document: unknown; note?: string | null },
    ): Promise<RuleSetVersion> {
      if (op) authorize(op.actor, "registry.manageRules");
      const kind = checked(input.document);
      if (!(KINDS as readonly string[]).includes(kind))
        throw invalidFields("RULE_INVALID", [
          { path: "/kind", message: { zh: "规则类型无效", en: "unknown rule kind" } },
        ]);
      const now = deps.clock.now();
      return db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("rule_sets")
          .select(["version", "kind"])
          .where("code", "=", code)
          .orderBy("version", "desc")
          .limit(1)
          .executeTakeFirst();
        if (last && last.kind !== kind)
          throw new AppError("unprocessable", "RULE_SET_KIND_CHANGED", {
            zh: `规则集 ${code} 的类型为 ${last.kind}，不能改为 ${kind}`,
            en: `rule set ${code} is of kind ${last.kind}, not ${kind}`,
          });
        const row = {
          id: newId(now.getTime()),
          code,
          version: (last?.version ?? 0) + 1,
          kind,
          title: input.title.trim(),
          document: JSON.stringify(input.document),
          note: input.note?.trim() || null,
          created_by: op?.actor.userId ?? null,
          created_at: now.toISOString(),
        };
        await trx.insertInto("rule_sets").values(row).execute();
        await writeAudit(trx, op ?? SYSTEM, {
          action: "registry.ruleSet.save",
          objectType: "rule_set",
          objectId: row.id,
          detail: { code, version: row.version, kind },
        });
        return present(row);
      });
    },

    /**
     * Explains the current version of `code`, or a draft of it (`document`, checked, same kind), for
     * a profile given in the request or a registered talent's profile (`talentId`; the caller has
     * checked that this user may see the talent's tier explanation). Nothing is saved.
     */
    async explainProfile(
      op: Op,
      code: string,
      input: { profile?: Record<string, unknown>; talentId?: string; document?: unknown; asOf?: string },
    ) {
      authorize(op.actor, "registry.readRules");
      if ((input.profile === undefined) === (input.talentId === undefined))
        throw invalidFields("VALIDATION_FAILED", [
          {
            path: "/profile",
            message: {
              zh: "请给出档案或人才（二者选一）",
              en: "give either a profile or a talent, not both",
            },
          },
        ]);
      const set = await latest(code);
      if (!set) throw notFound(ruleSetLabel);
      let document = set.document;
      if (input.document !== undefined) {
        const kind = checked(input.document);
        if (kind !== set.kind)
          throw new AppError("unprocessable", "RULE_SET_KIND_CHANGED", {
            zh: `规则集 ${code} 的类型为 ${set.kind}，不能改为 ${kind}`,
            en: `rule set ${code} is of kind ${set.kind}, not ${kind}`,
          });
        document = input.document;
      }
      const asOf = input.asOf ?? chinaDate(deps.clock.now());
      let profile = input.profile;
      let talent: { id: string; name: string } | undefined;
      if (input.talentId !== undefined) {
        const row = await findTalent(db, input.talentId);
        if (!row) throw notFound({ zh: "人才档案", en: "Talent record" });
        profile = await profileOfTalent(db, row, asOf);
        talent = { id: row.id, name: row.name };
      }
      const rule = compileRule(document, talentCatalogue);
      return {
        ruleSet: { code, version: set.version, title: set.title },
        ...(input.document !== undefined ? { draft: true } : {}),
        ...(talent ? { talent } : {}),
        asOf,
        explanation: explain(rule, profile ?? {}, { asOf }),
      };
    },

    /** The current tier rule set's answer for a registered talent, with every condition and clause. */
    async explainTalentTier(talentId: string) {
      const set = await latest("tier");
      if (!set) throw notFound(ruleSetLabel);
      const row = await findTalent(db, talentId);
      if (!row) throw notFound({ zh: "人才档案", en: "Talent record" });
      const asOf = chinaDate(deps.clock.now());
      const rule = compileRule(set.document, talentCatalogue, "tier");
      return {
        ruleSet: { code: "tier", version: set.version, title: set.title },
        asOf,
        recognisedTier: row.tier,
        explanation: explain(rule, await profileOfTalent(db, row, asOf), { asOf }),
      };
    },
  };
}
export type RuleSetService = ReturnType<typeof makeRuleSetService>;
