// Pieces of the calculator page: labels of enum values, how a condition's values read, one item's card.
import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleTwoTone } from "@ant-design/icons";
import { Card, Collapse, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import type { Citation, Condition, Outcome, Verdict } from "../../api/calculator";
import type { Lang } from "../../api/types";
import { pick, type TFunc, useLang, useT } from "../../i18n";
import { dict, type MsgKey } from "../../i18n/dict";
import { chineseNumeral, measureNumber } from "../../lib/format";
import { fmtMoney } from "../../lib/money";

/** Dictionary prefixes of enum values the registry already names (category, engagement …). */
const ENUM_PREFIX: Record<string, string> = {
  category: "registry.category",
  engagement: "registry.engagement",
  gender: "registry.gender",
  "awards.level": "registry.awardLevel",
  "patents.kind": "registry.patentKind",
};

export function enumLabel(lang: Lang, field: string, value: string): string {
  const prefix = ENUM_PREFIX[field];
  if (!prefix) return value;
  return (dict[lang] as Record<string, string>)[`${prefix}.${value}` as MsgKey] ?? value;
}

/** The clause: the document, its measure in the policy's own numbering (（十二）), the article. */
export function citationText(t: TFunc, lang: Lang, c: Citation | undefined): string {
  if (!c) return "";
  const measure = c.measure !== undefined ? t("calc.measure", { n: measureNumber(lang, c.measure) }) : "";
  // A citation may give the measure both as a number and as its article text: say it once.
  const same = c.measure !== undefined && c.article === `（${chineseNumeral(c.measure)}）`;
  return [c.doc, same ? "" : measure, c.article ?? ""].filter(Boolean).join(" ");
}

function showValue(t: TFunc, v: unknown): string {
  if (v === null || v === undefined) return t("calc.noValue");
  if (typeof v === "boolean") return v ? t("calc.yes") : t("calc.no");
  if (Array.isArray(v)) return v.map((x) => showValue(t, x)).join(t("common.listSep"));
  if (typeof v === "object") {
    const o = v as { matched?: number };
    if (typeof o.matched === "number") return t("calc.count", { matched: o.matched });
    return JSON.stringify(v);
  }
  return String(v);
}

const OP_SYMBOL: Record<string, string> = {
  eq: "=",
  ne: "≠",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
};

function expectedText(t: TFunc, e: Condition["expected"]): string {
  if (e.op === "exists") return t("calc.exists");
  if (e.op === "in") return t("calc.oneOf", { values: showValue(t, e.value) });
  if (e.op === "between" && Array.isArray(e.value))
    return t("calc.between", { min: showValue(t, e.value[0]), max: showValue(t, e.value[1]) });
  return `${OP_SYMBOL[e.op] ?? e.op} ${showValue(t, e.value)}`;
}

const VERDICT_ICON: Record<Verdict, React.ReactNode> = {
  pass: <CheckCircleTwoTone twoToneColor="#389e0d" aria-hidden />,
  fail: <CloseCircleTwoTone twoToneColor="#cf1322" aria-hidden />,
  unknown: <QuestionCircleTwoTone twoToneColor="#d48806" aria-hidden />,
};

function ConditionLine({ c, missing }: { c: Condition & { needed?: "pass" | "fail" }; missing?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const state =
    c.needed === "fail"
      ? t("calc.mustNot")
      : c.result === "pass"
        ? t("calc.passed")
        : c.result === "unknown"
          ? missing
            ? t("calc.needData")
            : t("calc.unknown")
          : missing
            ? t("calc.notMet")
            : t("calc.failed");
  return (
    <div style={{ padding: "4px 0" }}>
      <Space size={6} wrap>
        {VERDICT_ICON[c.result]}
        <span>{pick(lang, c.label)}</span>
        <Tag color={c.result === "pass" ? "green" : c.result === "unknown" ? "gold" : "red"}>{state}</Tag>
      </Space>
      <div className="rc-muted rc-small">
        {t("calc.actual", { value: showValue(t, c.actual) })}
        {t("common.summarySep")}
        {t("calc.expected", { value: expectedText(t, c.expected) })}
        {c.citation ? (
          <>
            {t("common.summarySep")}
            {t("calc.basis", { citation: citationText(t, lang, c.citation) })}
          </>
        ) : null}
      </div>
    </div>
  );
}

export function OutcomeCard({ o, loggedIn }: { o: Outcome; loggedIn: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const applyTo = "/services/apply";
  return (
    <Card
      size="small"
      className="rc-calc-item"
      data-code={o.code}
      title={
        <Space wrap>
          <span>{o.name}</span>
          <span className="rc-muted rc-small rc-mono">{o.code}</span>
        </Space>
      }
      extra={
        o.standing !== "not_eligible" ? (
          loggedIn ? (
            <Link to={applyTo}>{t("calc.apply")}</Link>
          ) : (
            <Link to="/login" state={{ from: { pathname: applyTo } }}>
              {t("calc.apply")}
            </Link>
          )
        ) : null
      }
    >
      <div className="rc-muted rc-small">
        {t("calc.owner", { name: o.ownerOrg.name })}
        {o.citation ? (
          <>
            {t("common.summarySep")}
            {t("calc.basis", { citation: citationText(t, lang, o.citation) })}
          </>
        ) : null}
      </div>
      {o.amountFen !== null ? (
        <Typography.Text strong>{t("calc.amount", { amount: fmtMoney(o.amountFen) })}</Typography.Text>
      ) : null}
      {o.standing !== "eligible" && o.missing.length > 0 ? (
        <div style={{ marginTop: 8 }} data-testid="calc-missing">
          <Typography.Text strong>{t("calc.missing", { n: o.missing.length })}</Typography.Text>
          <List
            size="small"
            dataSource={o.missing}
            renderItem={(m) => (
              <List.Item>
                <ConditionLine c={m} missing />
              </List.Item>
            )}
          />
        </div>
      ) : null}
      {o.conditions.length > 0 ? (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: "all",
              label: t("calc.conditions"),
              children: o.conditions.map((c) => <ConditionLine key={c.path} c={c} />),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
