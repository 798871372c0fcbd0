import { ArrowRightOutlined, OrderedListOutlined } from "@ant-design/icons";
import {
  Alert,
  Anchor,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { policyApi, taskApi } from "../../api/policy";
import type { DocumentDetail, Measure, ReportPeriod, TaskSummary, UnitRef } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { LightTag, UnitTags } from "../../components/TaskTags";
import { pick, useLang, useT } from "../../i18n";
import { chineseNumeral, fmtTime } from "../../lib/format";
import { isTalentOffice } from "../../lib/roles";

/** Every task of a document the user may see (a document has a few dozen measures at most). */
async function tasksOfDocument(documentId: string): Promise<TaskSummary[]> {
  const out: TaskSummary[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await taskApi.list({ documentId, cursor, limit: 200 }, { quiet: true });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Written names that differ from the organisations they resolved to (aliases merged). */
function writtenDifferently(written: string[], resolved: { name: string }[], groups: string[]): string[] {
  const names = new Set(resolved.map((u) => u.name));
  const groupSet = new Set(groups.map(norm));
  return written.filter((w) => !names.has(norm(w)) && !groupSet.has(norm(w)));
}

const norm = (s: string) => s.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");

/** The resolved units in the order the document names them (units merged by alias go last). */
function inWrittenOrder(units: UnitRef[], written: string[]): UnitRef[] {
  const pos = new Map(written.map((w, i) => [norm(w), i]));
  const at = (u: UnitRef) => pos.get(norm(u.name)) ?? written.length;
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => at(a.u) - at(b.u) || a.i - b.i)
    .map((x) => x.u);
}

function MeasureBlock({ m, task }: { m: Measure; task: TaskSummary | undefined }) {
  const t = useT();
  const aliasNotes = writtenDifferently(
    [...m.leadNames, ...m.responsibleNames],
    [...m.lead, ...m.responsible],
    m.groupUnits,
  );
  return (
    <article id={`m-${m.no}`} className="rc-measure" aria-labelledby={`m-${m.no}-title`}>
      <div className="rc-measure-head">
        <Typography.Title level={3} id={`m-${m.no}-title`} className="rc-measure-title">
          <span className="rc-measure-label">{m.label}</span>
          {m.title}
        </Typography.Title>
        {task ? (
          <Space size={4} wrap className="rc-measure-task">
            <LightTag light={task.light} reasons={task.lightReasons} />
            <span className="rc-muted rc-small">{t("task.progressPercent", { n: task.progress })}</span>
            <Link
              to={`/tasks/${task.id}`}
              aria-label={t("policy.openTaskOf", { label: m.label, title: m.title })}
            >
              {t("policy.openTask")} <ArrowRightOutlined aria-hidden />
            </Link>
          </Space>
        ) : null}
      </div>
      <p className="rc-measure-text">{m.text}</p>
      <dl className="rc-unit-dl">
        <dt>{t("policy.lead")}</dt>
        <dd>
          <UnitTags units={inWrittenOrder(m.lead, m.leadNames)} />
        </dd>
        <dt>{t("policy.responsible")}</dt>
        <dd>
          <UnitTags units={inWrittenOrder(m.responsible, m.responsibleNames)} groups={m.groupUnits} />
        </dd>
        {m.due ? (
          <>
            <dt>{t("policy.due")}</dt>
            <dd>{m.due}</dd>
          </>
        ) : null}
        {aliasNotes.length ? (
          <>
            <dt>{t("policy.asWritten")}</dt>
            <dd className="rc-muted">
              {t("policy.asWrittenHelp", { names: aliasNotes.join(t("common.listSep")) })}
            </dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

export default function PolicyReaderPage() {
  const { id = "" } = useParams();
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const office = isTalentOffice(me);
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [tasks, setTasks] = useState<Map<string, TaskSummary>>(new Map());
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    setMissing(false);
    try {
      const [d, ts] = await Promise.all([
        policyApi.get(id, { quiet: true }),
        tasksOfDocument(id).catch(() => [] as TaskSummary[]),
      ]);
      setDoc(d);
      setTasks(new Map(ts.map((x) => [x.id, x])));
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else if (isApiError(e)) message.error(e.text(lang));
    }
  }, [id, lang, message]);

  useEffect(() => {
    load();
  }, [load]);

  const measureCount = useMemo(() => doc?.sections.reduce((n, s) => n + s.measures.length, 0) ?? 0, [doc]);

  if (missing)
    return (
      <MissingPage
        title={t("reader.missing")}
        body={t("reader.missingBody")}
        backTo="/policy"
        backLabel={t("import.backToList")}
      />
    );
  if (!doc) return <LoadingPage title={t("policy.title")} />;

  const d = doc.document;
  const setPeriod = async (p: ReportPeriod) => {
    setSaving(true);
    try {
      const next = await policyApi.update(d.id, p);
      setDoc({ ...doc, document: next });
      message.success(t("common.saved"));
    } catch {
      // shown by the client
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={d.title}
        extra={
          <Space wrap>
            <Button onClick={() => navigate("/policy")}>{t("import.backToList")}</Button>
            <Button
              type="primary"
              icon={<OrderedListOutlined aria-hidden />}
              onClick={() => navigate(`/tasks?documentId=${d.id}`)}
            >
              {t("policy.viewTasks")}
            </Button>
          </Space>
        }
      >
        <span data-testid="reader-counts">
          {t("reader.summary", { sections: doc.sections.length, measures: measureCount })}
        </span>
      </PageHeader>

      <Card variant="borderless" className="rc-mb">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: "issuer", label: t("policy.issuer"), children: d.issuer ?? t("common.none") },
            { key: "date", label: t("policy.docDate"), children: d.date ?? t("common.none") },
            {
              key: "period",
              label: t("policy.reportPeriod"),
              children: office ? (
                <Select<ReportPeriod>
                  size="small"
                  value={d.reportPeriod}
                  loading={saving}
                  onChange={setPeriod}
                  aria-label={t("policy.reportPeriod")}
                  className="rc-w-180"
                  options={[
                    { value: "quarterly", label: t("period.quarterly") },
                    { value: "monthly", label: t("period.monthly") },
                  ]}
                />
              ) : (
                t(`period.${d.reportPeriod}`)
              ),
            },
            {
              key: "file",
              label: t("policy.filename"),
              children: <span className="rc-mono">{d.filename}</span>,
            },
            {
              key: "imported",
              label: t("policy.importedAt"),
              children: `${fmtTime(d.importedAt)} · ${d.importedBy?.name ?? t("policy.importedBySystem")}`,
            },
            {
              key: "sha",
              label: "SHA-256",
              children: (
                <Typography.Text className="rc-mono rc-small" copyable={{ text: d.sha256 }}>
                  {d.sha256.slice(0, 16)}…
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>

      {doc.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          className="rc-mb"
          title={t("import.warningsTitle", { n: doc.warnings.length })}
          description={
            <ul className="rc-warning-list">
              {doc.warnings.map((w) => (
                <li key={`${w.line}:${w.message.zh}`}>
                  <span className="rc-muted">{t("import.line", { n: w.line })}</span> {pick(lang, w.message)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={0} lg={6} xl={5}>
          <nav aria-label={t("reader.toc")} className="rc-toc">
            <Anchor
              offsetTop={80}
              targetOffset={80}
              items={doc.sections.map((s) => ({
                key: s.id,
                href: `#sec-${s.no}`,
                title: `${chineseNumeral(s.no)}、${s.title}`,
              }))}
            />
          </nav>
        </Col>
        <Col xs={24} lg={18} xl={19}>
          {doc.sections.map((s) => (
            <section
              key={s.id}
              id={`sec-${s.no}`}
              className="rc-policy-section"
              aria-labelledby={`sec-${s.no}-title`}
            >
              <Card variant="borderless" className="rc-mb">
                <Typography.Title level={2} id={`sec-${s.no}-title`} className="rc-section-heading">
                  {chineseNumeral(s.no)}、{s.title}
                  <span className="rc-muted rc-small rc-section-count">
                    {t("import.sectionMeasures", { n: s.measures.length })}
                  </span>
                </Typography.Title>
                {s.measures.length === 0 ? (
                  <p className="rc-muted rc-mt-0">{t("policy.sectionNoMeasures")}</p>
                ) : (
                  s.measures.map((m) => (
                    <MeasureBlock key={m.id} m={m} task={m.taskId ? tasks.get(m.taskId) : undefined} />
                  ))
                )}
              </Card>
            </section>
          ))}
        </Col>
      </Row>
    </>
  );
}
