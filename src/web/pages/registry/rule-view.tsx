// Rendering of the rule language's explanations: each tier (or the whole rule) as a tree of
// conditions with their labels and clause citations, and, when a record was judged, each leaf's
// verdict with the value the record held.
import { Tag } from "antd";
import type { ReactNode } from "react";
import type { RuleCitation, RuleExplanation, RuleLeaf, RuleTree, Tier, Verdict } from "../../api/registry";
import { type MsgKey, pick, type TFunc, useLang, useT } from "../../i18n";
import { measureNumber } from "../../lib/format";
import { TierTag } from "./parts";

const VERDICT_COLOR = { pass: "success", fail: "error", unknown: "warning" } as const;
const KINDS = ["tier", "eligibility", "suspension", "amount"];

export function kindLabel(t: TFunc, kind: string): string {
  return KINDS.includes(kind) ? t(`registry.rules.kind.${kind}` as MsgKey) : kind;
}

export function VerdictTag({ result }: { result: Verdict }) {
  const t = useT();
  return (
    <Tag color={VERDICT_COLOR[result]} data-verdict={result}>
      {t(`registry.verdict.${result}`)}
    </Tag>
  );
}

export function CitationText({ citation }: { citation?: RuleCitation }) {
  const t = useT();
  const { lang } = useLang();
  if (!citation) return null;
  return (
    <span className="rc-muted rc-small rc-rule-citation">
      {t("registry.rules.cites")}
      {citation.doc}
      {citation.measure ? ` ${t("registry.measure", { n: measureNumber(lang, citation.measure) })}` : ""}
      {citation.article ? ` ${citation.article}` : ""}
    </span>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function actualText(t: TFunc, leaf: RuleLeaf): string {
  const a = leaf.actual;
  if (a === null || a === undefined) return t("registry.rules.noData");
  if (typeof a === "object" && !Array.isArray(a) && "matched" in a) {
    const { matched, undetermined } = a as { matched: number; undetermined: number };
    const base = t("registry.rules.matched", { matched });
    return undetermined > 0 ? `${base} · ${t("registry.rules.undetermined", { n: undetermined })}` : base;
  }
  return show(a);
}

const OP_TEXT: Record<string, { zh: string; en: string }> = {
  eq: { zh: "=", en: "=" },
  ne: { zh: "≠", en: "≠" },
  lt: { zh: "<", en: "<" },
  lte: { zh: "≤", en: "≤" },
  gt: { zh: ">", en: ">" },
  gte: { zh: "≥", en: "≥" },
  in: { zh: "属于", en: "in" },
  between: { zh: "介于", en: "between" },
};

/** The member of `doc` at a JSON pointer (RFC 6901), or undefined. */
function at(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A `where` filter of a list condition in words, e.g. "degree 属于 博士, 硕士 且 year ≥ 2015". */
function whereText(lang: "zh" | "en", c: unknown): string {
  if (c === null || typeof c !== "object") return "";
  const n = c as Record<string, unknown>;
  const join = (items: unknown, word: string) =>
    Array.isArray(items) ? items.map((i) => whereText(lang, i)).join(word) : "";
  if ("all" in n) return `(${join(n.all, lang === "zh" ? " 且 " : " and ")})`;
  if ("any" in n) return `(${join(n.any, lang === "zh" ? " 或 " : " or ")})`;
  if ("not" in n) return `${lang === "zh" ? "非" : "not "}${whereText(lang, n.not)}`;
  if ("field" in n) {
    const op = OP_TEXT[String(n.op)]?.[lang] ?? String(n.op);
    const value = Array.isArray(n.value) ? n.value.join(n.op === "between" ? "–" : ", ") : String(n.value);
    return `${String(n.field)} ${op} ${value}`;
  }
  return "";
}

/** One condition node; a leaf also shows what the record held when `judged`. */
function TreeNode({
  node,
  leaves,
  judged,
  parentCitation,
  document,
}: {
  node: RuleTree;
  leaves: Map<string, RuleLeaf>;
  judged: boolean;
  parentCitation?: RuleCitation;
  document?: unknown;
}): ReactNode {
  const t = useT();
  const { lang } = useLang();
  const leaf = leaves.get(node.path);
  const where =
    (node.kind === "exists" || node.kind === "count") && document !== undefined
      ? whereText(lang, (at(document, node.path) as { where?: unknown } | undefined)?.where)
      : "";
  // A citation is shown where it changes, not repeated on every child that inherits it.
  const own =
    node.citation && JSON.stringify(node.citation) !== JSON.stringify(parentCitation)
      ? node.citation
      : undefined;
  return (
    <li className="rc-rule-node" data-path={node.path} data-kind={node.kind}>
      <div>
        {judged ? <VerdictTag result={node.result} /> : null}
        <span className={node.children.length ? "rc-strong" : undefined}>{pick(lang, node.label)}</span>
        {where ? <span className="rc-muted rc-rule-where">{`：${where}`}</span> : null}{" "}
        <CitationText citation={own} />
      </div>
      {judged && leaf ? (
        <div className="rc-muted rc-small rc-rule-actual">
          {t("registry.rules.actual")}
          {actualText(t, leaf)}
        </div>
      ) : null}
      {node.children.length ? (
        <ul className="rc-rule-tree">
          {node.children.map((c) => (
            <TreeNode
              key={c.path}
              node={c}
              leaves={leaves}
              judged={judged}
              parentCitation={node.citation}
              document={document}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function ConditionTree({
  tree,
  leaves,
  judged,
  parentCitation,
  document,
}: {
  tree: RuleTree;
  leaves: RuleLeaf[];
  judged: boolean;
  parentCitation?: RuleCitation;
  document?: unknown;
}) {
  const map = new Map(leaves.map((l) => [l.path, l]));
  return (
    <ul className="rc-rule-tree rc-rule-root">
      <TreeNode
        node={tree}
        leaves={map}
        judged={judged}
        parentCitation={parentCitation}
        document={document}
      />
    </ul>
  );
}

function ResultText({ e }: { e: RuleExplanation }) {
  const t = useT();
  if (e.kind === "amount")
    return (
      <span>
        {t("registry.rules.amount")}
        {e.fen === null || e.fen === undefined ? (
          <VerdictTag result="unknown" />
        ) : (
          `${(e.fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2 })} 元`
        )}
      </span>
    );
  if (e.kind === "tier") {
    const r = e.result;
    return (
      <span>
        {r === "none" ? (
          <Tag>{t("registry.rules.resultNone")}</Tag>
        ) : r === "unknown" ? (
          <VerdictTag result="unknown" />
        ) : (
          <TierTag tier={r as Tier} />
        )}
        {r === "unknown" && e.possible?.length ? (
          <span className="rc-muted rc-small">
            {" "}
            {t("registry.rules.possible")}
            {e.possible.map((p) => (p === "none" ? t("registry.rules.resultNone") : p)).join("、")}
          </span>
        ) : null}
      </span>
    );
  }
  return <VerdictTag result={(e.result ?? "unknown") as Verdict} />;
}

/**
 * An explanation, readable: `judged` false shows the rule itself (labels and clauses); true adds
 * the overall answer, every node's verdict and each leaf's actual value.
 */
export function ExplanationView({
  explanation: e,
  judged,
  document,
}: {
  explanation: RuleExplanation;
  judged: boolean;
  /** The rule document explained: list conditions then show their item filter in words. */
  document?: unknown;
}) {
  const t = useT();
  const { lang } = useLang();
  return (
    <div className="rc-rule-view">
      {judged ? (
        <p className="rc-rule-result">
          {t("registry.rules.result")}：<ResultText e={e} />
        </p>
      ) : null}
      {e.citation ? (
        <p>
          <CitationText citation={e.citation} />
        </p>
      ) : null}
      {e.steps?.map((step) => (
        <section key={step.tier} className="rc-rule-tier" data-tier={step.tier}>
          <div>
            <TierTag tier={step.tier} /> {judged ? <VerdictTag result={step.result} /> : null}
            <CitationText citation={step.citation} />
          </div>
          <ConditionTree
            tree={step.tree}
            leaves={step.conditions}
            judged={judged}
            parentCitation={step.citation}
            document={document}
          />
        </section>
      ))}
      {!e.steps && e.tree ? (
        <ConditionTree
          tree={e.tree}
          leaves={e.conditions ?? []}
          judged={judged}
          parentCitation={e.citation}
          document={document}
        />
      ) : null}
      {!e.steps && !e.tree ? (
        judged && e.missing?.length ? (
          <ul className="rc-small">
            {e.missing.map((m) => (
              <li key={m.path}>
                <code>{m.path}</code> {m.field} · {t("registry.rules.noData")}
              </li>
            ))}
          </ul>
        ) : (
          <p className="rc-muted">{t("registry.rules.noTree")}</p>
        )
      ) : null}
      {judged && e.kind === "amount" && e.conditions?.length ? (
        <ul className="rc-small">
          {e.conditions.map((c) => (
            <li key={c.path}>
              <VerdictTag result={c.result} /> {pick(lang, c.label)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
