// One rule set for the talent office: the current version rendered readably (each tier's conditions
// as a tree with labels and clauses), the JSON editor with a live check that names every problem by
// its JSON path, a try-out of the edited rule on a chosen talent (not saved), saving a new version
// with a note, and the version list.
import { ArrowLeftOutlined, ExperimentOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
} from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import {
  type RuleExplained,
  type RuleProblem,
  type RuleSetDetail,
  registryApi,
  type TalentSummary,
} from "../../api/registry";
import { PageHeader } from "../../components/PageHeader";
import { pick, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { ExplanationView, kindLabel } from "./rule-view";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The problems of the edited text: a JSON syntax error, or the server's check of the rule. */
function useLiveCheck(text: string) {
  const [state, setState] = useState<{ checking: boolean; problems: RuleProblem[] | null }>({
    checking: false,
    problems: null,
  });
  useEffect(() => {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      setState({
        checking: false,
        problems: [
          {
            path: "",
            code: "JSON_SYNTAX",
            message: { zh: `JSON 格式错误：${parsed.message}`, en: `Invalid JSON: ${parsed.message}` },
          },
        ],
      });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      registryApi
        .checkRule(parsed.value)
        .then((r) => {
          if (live) setState({ checking: false, problems: r.errors });
        })
        .catch((e) => {
          if (!live) return;
          setState({
            checking: false,
            problems: isApiError(e)
              ? e.fieldErrors.length
                ? e.fieldErrors.map((f) => ({ path: f.path, message: f.message }))
                : [{ path: "", message: e.localized }]
              : null,
          });
        });
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return state;
}

function ProblemList({ problems }: { problems: RuleProblem[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <ul className="rc-tip-list rc-rule-problems">
      {problems.map((p) => (
        <li key={`${p.path}:${p.code ?? ""}:${p.message.en}`} data-path={p.path}>
          <code className="rc-rule-path">{p.path || t("registry.rules.root")}</code> {pick(lang, p.message)}
          {p.code ? <span className="rc-muted rc-small"> ({p.code})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function TalentPicker({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const t = useT();
  const [options, setOptions] = useState<TalentSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const search = useCallback((q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    registryApi
      .talents({ q: q.trim() || undefined, limit: 20 }, { quiet: true })
      .then((page) => {
        if (mine === seq.current) setOptions(page.items);
      })
      .catch(() => undefined)
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, []);
  useEffect(() => search(""), [search]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      placeholder={t("registry.rules.chooseTalent")}
      aria-label={t("registry.rules.chooseTalent")}
      notFoundContent={loading ? <Spin size="small" /> : null}
      style={{ minWidth: 280 }}
      className="rc-rule-talent"
      options={options.map((o) => ({
        value: o.id,
        label: `${o.name}（${o.idNumberMasked}）${o.employer ? ` · ${o.employer.name}` : ""}`,
      }))}
    />
  );
}

function Editor({ detail, onSaved }: { detail: RuleSetDetail; onSaved: (version: number) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const code = detail.current.code;
  const original = useMemo(() => pretty(detail.current.document), [detail.current.document]);
  const [text, setText] = useState(original);
  const [title, setTitle] = useState(detail.current.title);
  const [note, setNote] = useState("");
  const [talentId, setTalentId] = useState<string | undefined>();
  const [tried, setTried] = useState<RuleExplained | null>(null);
  const [triedDocument, setTriedDocument] = useState<unknown>(undefined);
  const [tryError, setTryError] = useState<{ text: string; problems: RuleProblem[] } | null>(null);
  const [saveError, setSaveError] = useState<{ text: string; problems: RuleProblem[] } | null>(null);
  const [busy, setBusy] = useState<"try" | "save" | null>(null);
  const check = useLiveCheck(text);
  const parsed = useMemo(() => parseJson(text), [text]);
  const valid = parsed.ok && check.problems !== null && check.problems.length === 0 && !check.checking;

  useEffect(() => {
    setText(original);
    setTitle(detail.current.title);
  }, [original, detail.current.title]);

  const failure = (e: unknown) =>
    isApiError(e)
      ? {
          text: e.text(lang),
          problems: e.fieldErrors.map((f) => ({ path: f.path, message: f.message })),
        }
      : { text: String(e), problems: [] };

  const runTry = async () => {
    if (!parsed.ok || !talentId) return;
    setBusy("try");
    setTryError(null);
    try {
      setTried(await registryApi.explainRule(code, { document: parsed.value, talentId }));
      setTriedDocument(parsed.value);
    } catch (e) {
      setTried(null);
      setTryError(failure(e));
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!parsed.ok) return;
    setBusy("save");
    setSaveError(null);
    try {
      const saved = await registryApi.saveRuleSet(code, {
        title: title.trim(),
        document: parsed.value,
        note: note.trim() || null,
      });
      message.success(t("registry.rules.saved", { version: saved.version }));
      setNote("");
      onSaved(saved.version);
    } catch (e) {
      setSaveError(failure(e));
    } finally {
      setBusy(null);
    }
  };

  const unchanged = parsed.ok && pretty(parsed.value) === original && title.trim() === detail.current.title;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        <Card size="small" title={t("registry.rules.json")} className="rc-rule-editor">
          <div style={{ marginBottom: 12 }} aria-live="polite" className="rc-rule-check">
            {check.checking || check.problems === null ? (
              <Alert type="info" showIcon title={t("registry.rules.checking")} />
            ) : check.problems.length === 0 ? (
              <Alert type="success" showIcon title={t("registry.rules.valid")} />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t("registry.rules.invalid", { n: check.problems.length })}
                description={<ProblemList problems={check.problems} />}
              />
            )}
          </div>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 18, maxRows: 40 }}
            className="rc-mono"
            spellCheck={false}
            aria-label={t("registry.rules.json")}
          />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card size="small" title={t("registry.rules.try")} className="rc-rule-try">
            <p className="rc-muted rc-small">{t("registry.rules.tryIntro")}</p>
            <Space wrap>
              <TalentPicker value={talentId} onChange={setTalentId} />
              <Button
                icon={<ExperimentOutlined aria-hidden />}
                onClick={runTry}
                loading={busy === "try"}
                disabled={!talentId || !valid}
              >
                {t("registry.rules.runTry")}
              </Button>
            </Space>
            {tryError ? (
              <Alert
                style={{ marginTop: 12 }}
                type="error"
                showIcon
                title={tryError.text}
                description={tryError.problems.length ? <ProblemList problems={tryError.problems} /> : null}
              />
            ) : null}
            {tried ? (
              <div style={{ marginTop: 12 }} className="rc-rule-tried">
                <p className="rc-small">
                  {t("registry.rules.draftResult", {
                    version: tried.ruleSet.version,
                    name: tried.talent?.name ?? "",
                    asOf: tried.asOf ?? "",
                  })}
                </p>
                <ExplanationView explanation={tried.explanation} judged document={triedDocument} />
              </div>
            ) : null}
          </Card>
          <Card size="small" title={t("registry.rules.save")} className="rc-rule-save">
            <Form layout="vertical" onFinish={save}>
              <Form.Item label={t("registry.rules.title")} required>
                <Input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
              </Form.Item>
              <Form.Item label={t("registry.rules.note")}>
                <Input.TextArea
                  value={note}
                  maxLength={500}
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  placeholder={t("registry.rules.notePlaceholder")}
                  onChange={(e) => setNote(e.target.value)}
                />
              </Form.Item>
              {saveError ? (
                <Alert
                  style={{ marginBottom: 12 }}
                  type="error"
                  showIcon
                  title={`${t("registry.rules.saveFailed")}：${saveError.text}`}
                  description={
                    saveError.problems.length ? <ProblemList problems={saveError.problems} /> : null
                  }
                />
              ) : null}
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SaveOutlined aria-hidden />}
                  loading={busy === "save"}
                  disabled={!valid || unchanged || !title.trim()}
                >
                  {t("registry.rules.save")}
                </Button>
                <Button
                  icon={<UndoOutlined aria-hidden />}
                  onClick={() => {
                    setText(original);
                    setTitle(detail.current.title);
                  }}
                  disabled={text === original && title === detail.current.title}
                >
                  {t("registry.rules.reset")}
                </Button>
                {!valid && check.problems?.length ? (
                  <span className="rc-muted rc-small">{t("registry.rules.fixFirst")}</span>
                ) : unchanged ? (
                  <span className="rc-muted rc-small">{t("registry.rules.unchanged")}</span>
                ) : null}
              </Space>
            </Form>
          </Card>
        </Space>
      </Col>
    </Row>
  );
}

/** The current version, readable: the rule explained against an empty record shows its structure. */
function Readable({ detail }: { detail: RuleSetDetail }) {
  const t = useT();
  const [view, setView] = useState<RuleExplained | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { lang } = useLang();
  useEffect(() => {
    setView(null);
    registryApi
      .explainRule(detail.current.code, { profile: {} })
      .then(setView)
      .catch((e) => setError(isApiError(e) ? e.text(lang) : String(e)));
  }, [detail.current.code, lang]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!view) return <Spin />;
  return (
    <div className="rc-rule-readable">
      <p className="rc-muted rc-small">
        {detail.current.title} · v{detail.current.version} · {kindLabel(t, detail.current.kind)}
      </p>
      <ExplanationView explanation={view.explanation} judged={false} document={detail.current.document} />
    </div>
  );
}

export default function RuleSetPage() {
  const t = useT();
  const navigate = useNavigate();
  const { code = "" } = useParams();
  const [detail, setDetail] = useState<RuleSetDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [tab, setTab] = useState("read");
  const load = useCallback(() => {
    registryApi
      .ruleSet(code)
      .then(setDetail)
      .catch(() => setMissing(true));
  }, [code]);
  useEffect(load, [load]);

  if (missing && !detail) return <Empty />;
  if (!detail) return <Spin />;
  return (
    <>
      <PageHeader
        title={detail.current.title}
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate("/registry/rules")}>
            {t("registry.rules.back")}
          </Button>
        }
      >
        <Space wrap>
          <code>{detail.current.code}</code>
          <Tag>{kindLabel(t, detail.current.kind)}</Tag>
          <span className="rc-rule-current">v{detail.current.version}</span>
          <span className="rc-muted">{fmtTime(detail.current.createdAt)}</span>
        </Space>
      </PageHeader>
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: "read", label: t("registry.rules.tab.read"), children: <Readable detail={detail} /> },
            {
              key: "edit",
              label: t("registry.rules.tab.edit"),
              children: (
                <Editor
                  detail={detail}
                  onSaved={() => {
                    load();
                    setTab("versions");
                  }}
                />
              ),
            },
            {
              key: "versions",
              label: t("registry.rules.tab.versions"),
              children: (
                <Table
                  rowKey="version"
                  className="rc-rule-versions"
                  pagination={false}
                  dataSource={detail.versions}
                  columns={[
                    {
                      title: t("registry.rules.version"),
                      dataIndex: "version",
                      render: (v: number) => (
                        <Space>
                          {`v${v}`}
                          {v === detail.current.version ? (
                            <Tag color="blue">{t("registry.rules.current")}</Tag>
                          ) : null}
                        </Space>
                      ),
                    },
                    { title: t("registry.rules.title"), dataIndex: "title" },
                    {
                      title: t("registry.rules.note"),
                      dataIndex: "note",
                      render: (v: string | null) => v ?? t("registry.rules.noNote"),
                    },
                    {
                      title: t("registry.rules.by"),
                      dataIndex: "createdByName",
                      render: (v: string | null, r) => (r.createdBy ? (v ?? "") : t("registry.rules.system")),
                    },
                    {
                      title: t("registry.rules.updatedAt"),
                      dataIndex: "createdAt",
                      render: (v: string) => fmtTime(v),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
