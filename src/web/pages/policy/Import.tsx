import { FileTextOutlined, InboxOutlined, SwapOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { type ApiError, isApiError, reportError } from "../../api/client";
import { policyApi } from "../../api/policy";
import type { ImportResult, ParsedPolicy, ParseWarning, ReportPeriod } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { Forbidden } from "../../components/Guards";
import { PageHeader } from "../../components/PageHeader";
import { pick, useLang, useT } from "../../i18n";
import { chineseNumeral } from "../../lib/format";

/** The server takes at most 2 MiB of file. */
const MAX_BYTES = 2 * 1024 * 1024;

/** Same patterns as the server's unit-names.ts: entries naming a set of bodies, kept as text. */
const GROUP_PATTERNS = [
  /^各/,
  /成员单位$/,
  /^(?:有关|相关|其他)/,
  /(?:有关|相关)(?:部门|单位)$/,
  /^(?:全市|市直)(?:各|有关|相关)?(?:部门|单位)/,
];
const isGroupUnit = (name: string) => GROUP_PATTERNS.some((p) => p.test(name.replace(/\s+/g, "")));

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

interface Chosen {
  filename: string;
  size: number;
  contentBase64: string;
}

function fmtSize(n: number): string {
  return n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1048576).toFixed(2)} MB`;
}

function NameTags({ names }: { names: string[] }) {
  const t = useT();
  if (names.length === 0) return <span className="rc-muted">{t("common.none")}</span>;
  return (
    <span className="rc-units">
      {names.map((n) =>
        isGroupUnit(n) ? (
          <Tag key={n} className="rc-unit rc-unit-group" title={t("policy.groupUnitHelp")}>
            {n}
          </Tag>
        ) : (
          <Tag key={n} className="rc-unit">
            {n}
          </Tag>
        ),
      )}
    </span>
  );
}

function Warnings({ warnings }: { warnings: ParseWarning[] }) {
  const t = useT();
  const { lang } = useLang();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="rc-mb"
      title={t("import.warningsTitle", { n: warnings.length })}
      description={
        <ul className="rc-warning-list">
          {warnings.map((w) => (
            <li key={`${w.line}:${w.message.zh}`}>
              <span className="rc-muted">{t("import.line", { n: w.line })}</span> {pick(lang, w.message)}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function Preview({ parsed }: { parsed: ParsedPolicy }) {
  const t = useT();
  const measures = parsed.sections.reduce((n, s) => n + s.measures.length, 0);
  return (
    <section aria-labelledby="rc-preview-title">
      <Typography.Title level={2} id="rc-preview-title" className="rc-section-title">
        {t("import.previewTitle")}
      </Typography.Title>
      <Descriptions
        className="rc-mb"
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: "title", label: t("policy.docTitle"), children: parsed.title, span: { xs: 1, md: 2 } },
          { key: "issuer", label: t("policy.issuer"), children: parsed.issuer ?? t("common.none") },
          { key: "date", label: t("policy.docDate"), children: parsed.date ?? t("common.none") },
          {
            key: "counts",
            label: t("policy.structure"),
            children: (
              <span data-testid="preview-counts">
                {t("policy.counts", { sections: parsed.sections.length, measures })}
              </span>
            ),
          },
          {
            key: "warnings",
            label: t("policy.warnings"),
            children:
              parsed.warnings.length > 0 ? (
                <Tag color="warning">{t("policy.warningCount", { n: parsed.warnings.length })}</Tag>
              ) : (
                t("policy.noWarnings")
              ),
          },
        ]}
      />
      <Warnings warnings={parsed.warnings} />
      <Collapse
        defaultActiveKey={parsed.sections.filter((s) => s.measures.length > 0).map((s) => String(s.no))}
        items={parsed.sections.map((s) => ({
          key: String(s.no),
          label: (
            <span>
              <span className="rc-strong">
                {chineseNumeral(s.no)}、{s.title}
              </span>{" "}
              <span className="rc-muted rc-small">
                {t("import.sectionMeasures", { n: s.measures.length })}
              </span>
            </span>
          ),
          children:
            s.measures.length === 0 ? (
              <p className="rc-muted rc-mt-0">{t("policy.sectionNoMeasures")}</p>
            ) : (
              <ol className="rc-preview-measures">
                {s.measures.map((m) => (
                  <li key={m.no} className="rc-preview-measure">
                    <div className="rc-strong">
                      {t("import.measureHeading", { no: m.no, title: m.title })}
                    </div>
                    <Typography.Paragraph
                      className="rc-measure-text"
                      ellipsis={{ rows: 2, expandable: true, symbol: t("import.more") }}
                    >
                      {m.text}
                    </Typography.Paragraph>
                    <dl className="rc-unit-dl">
                      <dt>{t("policy.lead")}</dt>
                      <dd>
                        <NameTags names={m.lead} />
                      </dd>
                      <dt>{t("policy.responsible")}</dt>
                      <dd>
                        <NameTags names={m.responsible} />
                      </dd>
                      {m.due ? (
                        <>
                          <dt>{t("policy.due")}</dt>
                          <dd>{m.due}</dd>
                        </>
                      ) : null}
                    </dl>
                  </li>
                ))}
              </ol>
            ),
        }))}
      />
    </section>
  );
}

function ImportDone({ result, onAgain }: { result: ImportResult; onAgain: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const d = result.document;
  return (
    <Result
      status="success"
      title={t("import.done", { title: d.title })}
      subTitle={t("import.doneSub", {
        sections: d.sectionCount,
        measures: d.measureCount,
        tasks: result.tasks,
      })}
      extra={[
        <Button type="primary" key="open" onClick={() => navigate(`/policy/documents/${d.id}`)}>
          {t("import.openReader")}
        </Button>,
        <Button key="tasks" onClick={() => navigate(`/tasks?documentId=${d.id}`)}>
          {t("policy.viewTasks")}
        </Button>,
        <Button key="again" onClick={onAgain}>
          {t("import.again")}
        </Button>,
      ]}
    >
      <div className="rc-import-facts">
        <p>
          <span className="rc-strong">
            {t("import.createdOrgs", { n: result.createdOrganisations.length })}
          </span>
          {result.createdOrganisations.length ? (
            <>
              <br />
              <span className="rc-muted rc-small">{t("import.createdOrgsHelp")}</span>
            </>
          ) : null}
        </p>
        {result.createdOrganisations.length ? (
          <p className="rc-units">
            {result.createdOrganisations.map((o) => (
              <Tag key={o.id} className="rc-unit">
                {o.name}
              </Tag>
            ))}
          </p>
        ) : null}
        {result.groupUnits.length ? (
          <>
            <p className="rc-strong">{t("import.groupUnits")}</p>
            <p className="rc-muted rc-small">{t("policy.groupUnitHelp")}</p>
            <p className="rc-units">
              {result.groupUnits.map((g) => (
                <Tag key={g} className="rc-unit rc-unit-group">
                  {g}
                </Tag>
              ))}
            </p>
          </>
        ) : null}
        <Warnings warnings={result.warnings} />
      </div>
    </Result>
  );
}

export default function PolicyImportPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [reading, setReading] = useState(false);
  const [parsing, setParsing] = useState(false);
  const [parsed, setParsed] = useState<ParsedPolicy | null>(null);
  const [error, setError] = useState<{ err: ApiError | null; text: string } | null>(null);
  const [period, setPeriod] = useState<ReportPeriod>("quarterly");
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  if (!me.roles.some((r) => r.role === "talent_office")) return <Forbidden />;

  const fail = (e: unknown) => {
    if (!isApiError(e)) {
      reportError(e);
      return;
    }
    if (e.code === "AUTH_REQUIRED" || e.code === "PASSWORD_CHANGE_REQUIRED") return;
    setError({ err: e, text: e.text(lang) });
  };

  const choose = async (file: File) => {
    setError(null);
    setParsed(null);
    setResult(null);
    setChosen(null);
    if (file.size === 0) {
      setError({ err: null, text: t("import.emptyFile") });
      return;
    }
    if (file.size > MAX_BYTES) {
      setError({ err: null, text: t("import.tooLarge", { size: fmtSize(file.size) }) });
      return;
    }
    setReading(true);
    let c: Chosen;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      c = { filename: file.name, size: file.size, contentBase64: toBase64(bytes) };
    } catch {
      setError({ err: null, text: t("import.readFailed") });
      return;
    } finally {
      setReading(false);
    }
    setChosen(c);
    setParsing(true);
    try {
      setParsed(await policyApi.parse({ filename: c.filename, contentBase64: c.contentBase64 }));
    } catch (e) {
      fail(e);
    } finally {
      setParsing(false);
    }
  };

  const pickFile = (file: File) => {
    choose(file);
    return false;
  };

  const doImport = async () => {
    if (!chosen) return;
    setImporting(true);
    setError(null);
    try {
      setResult(
        await policyApi.importDocument({
          filename: chosen.filename,
          contentBase64: chosen.contentBase64,
          reportPeriod: period,
        }),
      );
    } catch (e) {
      fail(e);
    } finally {
      setImporting(false);
    }
  };

  const reset = () => {
    setChosen(null);
    setParsed(null);
    setResult(null);
    setError(null);
  };

  const step = result ? 2 : parsed ? 1 : 0;
  const duplicate = error?.err?.status === 409;
  // The server names the document that already has this text; open it rather than the list.
  const existingDocumentPath = (err: ApiError | null): string => {
    const id = err?.problem.existingDocumentId;
    return typeof id === "string" ? `/policy/documents/${id}` : "/policy";
  };

  return (
    <>
      <PageHeader
        title={t("import.title")}
        extra={<Button onClick={() => navigate("/policy")}>{t("import.backToList")}</Button>}
      >
        {t("import.intro")}
      </PageHeader>
      <Card variant="borderless" className="rc-mb">
        <Steps
          current={step}
          status={result ? "finish" : error && !parsed ? "error" : "process"}
          size="small"
          items={[
            { title: t("import.stepChoose") },
            { title: t("import.stepPreview") },
            { title: t("import.stepDone") },
          ]}
        />
      </Card>
      {result ? (
        <Card variant="borderless">
          <ImportDone result={result} onAgain={reset} />
        </Card>
      ) : (
        <Card variant="borderless">
          {chosen ? (
            <div className="rc-chosen" aria-live="polite">
              <FileTextOutlined aria-hidden /> <span className="rc-strong">{chosen.filename}</span>
              <span className="rc-muted">({fmtSize(chosen.size)})</span>
              <Upload
                accept=".txt,text/plain"
                multiple={false}
                showUploadList={false}
                beforeUpload={pickFile}
              >
                <Button size="small" icon={<SwapOutlined aria-hidden />}>
                  {t("import.chooseOther")}
                </Button>
              </Upload>
            </div>
          ) : (
            <Upload.Dragger
              accept=".txt,text/plain"
              multiple={false}
              showUploadList={false}
              beforeUpload={pickFile}
              className="rc-mb rc-dragger"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t("import.choose")}</p>
              <p className="ant-upload-hint">{t("import.chooseHint")}</p>
            </Upload.Dragger>
          )}

          <div aria-live="polite">
            {error ? (
              <Alert
                type={duplicate ? "warning" : "error"}
                showIcon
                className="rc-mb"
                title={
                  duplicate
                    ? t("import.duplicate")
                    : error.err?.status === 422
                      ? t("import.unprocessable")
                      : t("import.failed")
                }
                description={
                  <>
                    <div>{error.text}</div>
                    {error.err?.fieldErrors
                      .map((f) => pick(lang, f.message))
                      .filter((m) => m && m !== error.text)
                      .map((m) => (
                        <div key={m}>{m}</div>
                      ))}
                    {duplicate ? (
                      <div className="rc-mt-s">
                        <Link to={existingDocumentPath(error.err)}>{t("import.duplicateHelp")}</Link>
                      </div>
                    ) : null}
                  </>
                }
              />
            ) : null}
          </div>

          {reading || parsing ? (
            <div className="rc-center-small" role="status">
              <Spin />
              <div className="rc-muted">{t("import.parsing")}</div>
            </div>
          ) : null}

          {parsed && !parsing ? (
            <>
              <Preview parsed={parsed} />
              <div className="rc-import-actions">
                <Space wrap>
                  <label htmlFor="rc-import-period" className="rc-strong">
                    {t("policy.reportPeriod")}
                  </label>
                  <Select<ReportPeriod>
                    id="rc-import-period"
                    value={period}
                    onChange={setPeriod}
                    className="rc-w-180"
                    options={[
                      { value: "quarterly", label: t("period.quarterly") },
                      { value: "monthly", label: t("period.monthly") },
                    ]}
                  />
                  <Button type="primary" loading={importing} disabled={duplicate} onClick={doImport}>
                    {t("import.confirm")}
                  </Button>
                  <Button onClick={reset}>{t("common.cancel")}</Button>
                </Space>
                <p className="rc-muted rc-small rc-mt-s">{t("import.confirmHelp")}</p>
              </div>
            </>
          ) : null}
        </Card>
      )}
    </>
  );
}
