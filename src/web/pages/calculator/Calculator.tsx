// 政策计算器: public (no sign-in). A visitor answers the questions the published rules need; a
// signed-in talent can also use their registry record. Eligible items, nearly eligible ones with
// exactly what is missing, and the clause behind every condition.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import {
  type Audience,
  type CalculatorResult,
  calculatorApi,
  type Question,
  type QuestionField,
} from "../../api/calculator";
import { type ApiError, isApiError } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { BrandMark } from "../../components/Brand";
import { LangSwitch } from "../../components/LangSwitch";
import { pick, useLang, useT } from "../../i18n";
import { enumLabel, OutcomeCard } from "./parts";

type FormValues = Record<string, unknown>;

/** One scalar input for a question (money in 元 on screen, 分 on the wire). */
function ScalarInput({
  q,
  path,
  ...control
}: {
  q: QuestionField;
  path: string;
  /** Injected by Form.Item (value, onChange, id) and passed on untouched: each control types them. */
  value?: never;
  onChange?: never;
  id?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  if (q.type === "enum")
    return (
      <Select
        {...control}
        allowClear
        aria-label={pick(lang, q.label)}
        options={(q.values ?? []).map((v) => ({ value: v, label: enumLabel(lang, path, v) }))}
      />
    );
  if (q.type === "boolean")
    return (
      <Radio.Group
        {...control}
        aria-label={pick(lang, q.label)}
        optionType="button"
        options={[
          { value: "yes", label: t("calc.yes") },
          { value: "no", label: t("calc.no") },
          { value: "", label: t("calc.unknownAnswer") },
        ]}
      />
    );
  if (q.type === "number")
    return (
      <InputNumber
        {...control}
        aria-label={pick(lang, q.label)}
        style={{ width: "100%" }}
        min={0}
        addonAfter={q.unit === "fen" ? t("calc.yuan") : undefined}
        precision={q.unit === "fen" ? 2 : 0}
      />
    );
  if (q.type === "date")
    return <DatePicker {...control} aria-label={pick(lang, q.label)} style={{ width: "100%" }} />;
  return <Input {...control} aria-label={pick(lang, q.label)} maxLength={200} />;
}

/** The label without the "(分)" unit note, since the input asks for 元. */
function questionLabel(lang: "zh" | "en", q: QuestionField): string {
  const s = pick(lang, q.label);
  return q.unit === "fen" ? s.replace(/[（(](分|fen)[)）]/, "") : s;
}

function toWire(q: QuestionField, v: unknown): unknown {
  if (v === undefined || v === null || v === "") return undefined;
  if (q.type === "number" && q.unit === "fen") return Math.round(Number(v) * 100);
  if (q.type === "date") return (v as Dayjs).format("YYYY-MM-DD");
  if (q.type === "boolean") return v === "yes";
  return v;
}

function answersOf(questions: Question[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const v = values[q.field];
    if (q.type === "list") {
      const items = ((v as Record<string, unknown>[] | undefined) ?? []).map((entry) => {
        const item: Record<string, unknown> = {};
        for (const f of q.of ?? []) {
          const w = toWire(f, entry?.[f.field]);
          if (w !== undefined) item[f.field] = w;
        }
        return item;
      });
      // An empty list is "not answered" (unknown), not "none": the visitor may simply have skipped it.
      if (items.length > 0) out[q.field] = items;
    } else {
      const w = toWire(q, v);
      if (w !== undefined) out[q.field] = w;
    }
  }
  return out;
}

function Results({ result, loggedIn }: { result: CalculatorResult; loggedIn: boolean }) {
  const t = useT();
  return (
    <div className="rc-calc-results" aria-live="polite">
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        data-testid="calc-audience-note"
        message={t(`calc.audienceNote.${result.audience}`)}
      />
      <p className="rc-muted rc-small">
        {t("calc.asOf", { date: result.asOf })}
        {t("common.summarySep")}
        {t("calc.disclaimer")}
      </p>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t("calc.eligible", { n: result.eligible.length })}
      </Typography.Title>
      {result.eligible.length === 0 ? <Empty description={t("calc.noneEligible")} /> : null}
      <Space direction="vertical" style={{ width: "100%" }} data-testid="calc-eligible">
        {result.eligible.map((o) => (
          <OutcomeCard key={o.code} o={o} loggedIn={loggedIn} />
        ))}
      </Space>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t("calc.nearly", { n: result.nearly.length })}
      </Typography.Title>
      {result.nearly.length === 0 ? <Empty description={t("calc.noneNearly")} /> : null}
      <Space direction="vertical" style={{ width: "100%" }} data-testid="calc-nearly">
        {result.nearly.map((o) => (
          <OutcomeCard key={o.code} o={o} loggedIn={loggedIn} />
        ))}
      </Space>
      {result.notEligible.length > 0 ? (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: "not",
              label: t("calc.notEligible", { n: result.notEligible.length }),
              children: (
                <Space direction="vertical" style={{ width: "100%" }}>
                  {result.notEligible.map((o) => (
                    <OutcomeCard key={o.code} o={o} loggedIn={loggedIn} />
                  ))}
                </Space>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}

/** "I am a talent / an employer": shown to anonymous visitors (a signed-in user's role decides). */
function AudienceSwitch({ value, onChange }: { value: Audience; onChange: (a: Audience) => void }) {
  const t = useT();
  return (
    <Space style={{ marginBottom: 12 }} data-testid="calc-audience">
      <span>{t("calc.audience")}</span>
      <Radio.Group
        aria-label={t("calc.audience")}
        optionType="button"
        buttonStyle="solid"
        value={value}
        onChange={(e) => onChange(e.target.value as Audience)}
        options={[
          { value: "talent", label: t("calc.audience.talent") },
          { value: "employer", label: t("calc.audience.employer") },
        ]}
      />
    </Space>
  );
}

function QuestionForm({
  audience,
  onAudience,
  onResult,
}: {
  audience: Audience;
  /** Only for anonymous visitors: lets them switch between talent and employer. */
  onAudience?: (a: Audience) => void;
  onResult: (r: CalculatorResult | null) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<FormValues>();
  const [questions, setQuestions] = useState<Question[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setQuestions(null);
    calculatorApi
      .questions(audience, { quiet: true })
      .then((r) => setQuestions(r.questions))
      .catch((e) => setError(isApiError(e) ? e : null));
  }, [audience]);

  const submit = async (values: FormValues) => {
    if (!questions) return;
    setBusy(true);
    setError(null);
    try {
      onResult(await calculatorApi.calculate(answersOf(questions, values), audience));
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const audienceSwitch = onAudience ? (
    <AudienceSwitch
      value={audience}
      onChange={(a) => {
        onResult(null);
        onAudience(a);
      }}
    />
  ) : null;
  if (!questions)
    return (
      <>
        {audienceSwitch}
        {error ? <Alert type="error" message={error.text(lang)} /> : <Spin />}
      </>
    );
  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label={t("calc.form")}>
      {audienceSwitch}
      <p className="rc-muted">{t("calc.formIntro")}</p>
      <Row gutter={16}>
        {questions
          .filter((q) => q.type !== "list")
          .map((q) => (
            <Col key={q.field} xs={24} sm={12} lg={8}>
              <Form.Item name={q.field} label={questionLabel(lang, q)}>
                <ScalarInput q={q} path={q.field} />
              </Form.Item>
            </Col>
          ))}
      </Row>
      {questions
        .filter((q) => q.type === "list")
        .map((q) => (
          <Card key={q.field} size="small" title={pick(lang, q.label)} style={{ marginBottom: 12 }}>
            <Form.List name={q.field}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row key={f.key} gutter={8} align="bottom">
                      {(q.of ?? []).map((sub) => (
                        <Col key={sub.field} xs={24} sm={12} lg={5}>
                          <Form.Item name={[f.name, sub.field]} label={questionLabel(lang, sub)}>
                            <ScalarInput q={sub} path={`${q.field}.${sub.field}`} />
                          </Form.Item>
                        </Col>
                      ))}
                      <Col>
                        <Form.Item>
                          <Button
                            icon={<DeleteOutlined aria-hidden />}
                            onClick={() => remove(f.name)}
                            aria-label={t("calc.remove")}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                    {t("calc.add")}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        ))}
      {error ? <Alert type="error" showIcon message={error.text(lang)} style={{ marginBottom: 12 }} /> : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("calc.submit")}
        </Button>
        <Button onClick={() => form.resetFields()}>{t("calc.reset")}</Button>
      </Space>
    </Form>
  );
}

function MineTab({ audience, onResult }: { audience: Audience; onResult: (r: CalculatorResult) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [noProfile, setNoProfile] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await calculatorApi.mine({ query: { audience } });
      setNoProfile(r.profileFound === false);
      onResult(r);
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <p className="rc-muted">{t(audience === "talent" ? "calc.mineIntro" : "calc.mineEmployerIntro")}</p>
      {noProfile ? <Alert type="info" message={t("calc.noProfile")} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" onClick={run} loading={busy}>
        {t("calc.submit")}
      </Button>
    </div>
  );
}

export default function CalculatorPage() {
  const t = useT();
  const { me } = useAuth();
  const [result, setResult] = useState<CalculatorResult | null>(null);
  const isTalent = !!me?.roles.some((r) => r.role === "talent");
  const isEmployer = !!me?.roles.some((r) => r.role === "employer");
  // Anonymous visitors choose; a signed-in talent is a talent; an employer account an employer.
  const [chosen, setChosen] = useState<Audience>("talent");
  const audience: Audience = !me ? chosen : isTalent ? "talent" : isEmployer ? "employer" : chosen;

  useEffect(() => {
    document.title = `${t("calc.title")} - ${t("app.name")}`;
  }, [t]);

  const formTab = {
    key: "form",
    label: t("calc.form"),
    children: (
      <QuestionForm audience={audience} onAudience={me ? undefined : setChosen} onResult={setResult} />
    ),
  };
  const mineTab =
    isTalent || isEmployer
      ? {
          key: "mine",
          label: t(isTalent ? "calc.mine" : "calc.mineEmployer"),
          children: <MineTab audience={audience} onResult={setResult} />,
        }
      : null;
  return (
    <div className="rc-calc" style={{ minHeight: "100vh", background: "#f5f7fa" }}>
      <header
        className="rc-calc-top"
        style={{
          display: "flex",
          justifyContent: "space-between",
          alignItems: "center",
          padding: "12px 24px",
          background: "#fff",
          borderBottom: "1px solid #e8e8e8",
        }}
      >
        <Space>
          <BrandMark size={28} />
          <Link to={me ? "/" : "/portal"} reloadDocument={!me}>
            {t("app.name")}
          </Link>
        </Space>
        <Space>
          {me ? <Link to="/">{t("calc.back")}</Link> : <Link to="/login">{t("calc.login")}</Link>}
          <LangSwitch size="small" />
        </Space>
      </header>
      <main
        className="rc-calc-main"
        id="main"
        style={{ maxWidth: 1100, margin: "0 auto", padding: "24px 16px 48px" }}
      >
        <Typography.Title level={1}>{t("calc.title")}</Typography.Title>
        <p>{t("calc.intro")}</p>
        <Card>
          <Tabs items={mineTab ? [mineTab, formTab] : [formTab]} />
        </Card>
        {result ? <Results result={result} loggedIn={!!me} /> : null}
      </main>
    </div>
  );
}
