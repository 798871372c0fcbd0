import {
  DeleteOutlined,
  DownloadOutlined,
  PlusCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
  SettingOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from "antd";
import dayjs from "dayjs";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { showFormError } from "../../api/forms";
import { assessmentApi } from "../../api/policy";
import type {
  AssessmentResult,
  AssessmentRow,
  IndicatorKey,
  IndicatorResult,
  Scheme,
  ScoreLine,
} from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { pick, useLang, useT } from "../../i18n";
import { fmtScore, fmtSigned, fmtTime } from "../../lib/format";
import { chinaToday } from "../../lib/period";
import { useOrgs } from "../../lib/useOrgs";

const BarChart = lazy(() => import("../../components/BarChart"));

function IndicatorCell({ ind }: { ind: IndicatorResult | undefined }) {
  const t = useT();
  const { lang } = useLang();
  if (!ind) return <span className="rc-muted">{t("common.none")}</span>;
  return (
    <Tooltip title={pick(lang, ind.explanation)}>
      <div className="rc-ind-cell">
        <span className={ind.measured ? "rc-strong" : "rc-muted"}>
          {ind.measured ? fmtScore(ind.score) : "—"}
        </span>
        <span className="rc-muted rc-small rc-nowrap">
          {!ind.measured || ind.rate === null
            ? t("assess.nothingDue")
            : t("assess.raw", {
                achieved: ind.achieved,
                expected: ind.expected,
                rate: (ind.rate * 100).toFixed(1),
              })}
        </span>
      </div>
    </Tooltip>
  );
}

interface AdjustForm {
  orgId: string;
  sign: "plus" | "minus";
  points: number;
  reason: string;
}

function AdjustModal({
  year,
  open,
  rows,
  presetOrg,
  onClose,
  onSaved,
}: {
  year: number;
  open: boolean;
  rows: AssessmentRow[];
  presetOrg: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<AdjustForm>();
  const [saving, setSaving] = useState(false);
  const { orgs } = useOrgs(open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ sign: "minus", ...(presetOrg ? { orgId: presetOrg } : {}) });
  }, [open, presetOrg, form]);

  const options = useMemo(() => {
    const seen = new Set(rows.map((r) => r.org.id));
    return [
      ...rows.map((r) => ({ value: r.org.id, label: r.org.name })),
      ...orgs
        .filter((o) => !seen.has(o.id) && (o.kind === "party_gov" || o.kind === "agency"))
        .map((o) => ({ value: o.id, label: o.name })),
    ];
  }, [rows, orgs]);

  const onFinish = async (v: AdjustForm) => {
    setSaving(true);
    try {
      const points = Math.round(v.points * 10) / 10;
      await assessmentApi.addAdjustment(year, {
        orgId: v.orgId,
        points: v.sign === "minus" ? -points : points,
        reason: v.reason.trim(),
      });
      onSaved();
    } catch (e) {
      showFormError(form, e, lang, { fields: ["orgId", "points", "reason"] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("assess.adjustTitle", { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<AdjustForm> form={form} name="adjust" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="orgId"
          label={t("assess.org")}
          rules={[{ required: true, message: t("assess.orgRequired") }]}
        >
          <Select showSearch={{ optionFilterProp: "label" }} options={options} />
        </Form.Item>
        <div className="rc-two-col">
          <Form.Item name="sign" label={t("assess.kind")}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "plus", label: t("assess.bonus") },
                { value: "minus", label: t("assess.deduction") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="points"
            label={t("assess.points")}
            extra={t("assess.pointsHelp")}
            rules={[{ required: true, message: t("assess.pointsRequired") }]}
          >
            <InputNumber min={0.1} max={20} step={0.1} precision={1} className="rc-full" />
          </Form.Item>
        </div>
        <Form.Item
          name="reason"
          label={t("assess.reason")}
          rules={[
            { required: true, whitespace: true, message: t("assess.reasonRequired") },
            { min: 2, max: 1000, message: t("assess.reasonLength") },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t("assess.reasonPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A unit's score line by line: the earned points add up to the total. */
function ScoreLines({ row }: { row: AssessmentRow }) {
  const t = useT();
  const { lang } = useLang();
  const columns: TableColumnsType<ScoreLine> = [
    {
      title: t("assess.lineItem"),
      key: "item",
      render: (_, l) => <span className="rc-strong rc-nowrap">{pick(lang, l.item)}</span>,
    },
    {
      title: t("assess.lineWeight"),
      key: "weight",
      align: "right",
      render: (_, l) => (l.weight === null ? "—" : l.weight),
    },
    {
      title: t("assess.lineMeasured"),
      key: "measured",
      render: (_, l) =>
        l.measured === null ? (
          <Tag>{l.key === "adjustment" ? t("common.none") : t("assess.noData")}</Tag>
        ) : (
          pick(lang, l.measured)
        ),
    },
    {
      title: t("assess.lineEarned"),
      key: "earned",
      align: "right",
      render: (_, l) =>
        l.key === "adjustment" ? (
          <span className={l.earned > 0 ? "rc-plus" : l.earned < 0 ? "rc-minus" : "rc-muted"}>
            {fmtSigned(l.earned)}
          </span>
        ) : (
          fmtScore(l.earned)
        ),
    },
    { title: t("assess.lineReason"), key: "reason", render: (_, l) => pick(lang, l.reason) },
  ];
  return (
    <Table<ScoreLine>
      rowKey={(l, i) => `${l.key}-${i}`}
      columns={columns}
      dataSource={row.lines}
      pagination={false}
      size="small"
      scroll={{ x: "max-content" }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}>
            <span className="rc-strong">{t("assess.lineTotal")}</span>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <span className="rc-total">{row.total === null ? t("assess.noData") : fmtScore(row.total)}</span>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4}>
            {row.noData ? <span className="rc-muted">{t("assess.noDataExplain")}</span> : null}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

interface SchemeForm {
  indicators: { key: IndicatorKey; weight: number }[];
  reportGraceDays: number;
  shares: { lead: number; responsible: number };
}

function SchemeModal({
  year,
  scheme,
  open,
  onClose,
  onSaved,
}: {
  year: number;
  scheme: Scheme;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<SchemeForm>();
  const [saving, setSaving] = useState(false);
  const weights = Form.useWatch("indicators", form) as SchemeForm["indicators"] | undefined;
  const sum = (weights ?? []).reduce((n, i) => n + (Number(i?.weight) || 0), 0);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      indicators: scheme.indicators.map((i) => ({ key: i.key, weight: i.weight })),
      reportGraceDays: scheme.reportGraceDays,
      shares: scheme.shares,
    });
  }, [open, scheme, form]);

  const onFinish = async (v: SchemeForm) => {
    setSaving(true);
    try {
      await assessmentApi.setScheme(year, {
        indicators: v.indicators.map((i) => ({ key: i.key, weight: i.weight })),
        reportGraceDays: v.reportGraceDays,
        shares: { lead: v.shares.lead, responsible: v.shares.responsible },
      });
      onSaved();
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["indicators", "reportGraceDays", "shares"],
        fallbackField: "reportGraceDays",
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("assess.schemeTitle", { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      okButtonProps={{ disabled: sum !== 100 }}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<SchemeForm>
        form={form}
        name="scheme"
        layout="horizontal"
        labelCol={{ span: 12 }}
        onFinish={onFinish}
      >
        {scheme.indicators.map((ind, i) => (
          <div key={ind.key}>
            <Form.Item name={["indicators", i, "key"]} hidden>
              <Input />
            </Form.Item>
            <Form.Item
              name={["indicators", i, "weight"]}
              label={pick(lang, ind.name)}
              rules={[{ required: true, message: t("assess.weightRequired") }]}
            >
              <InputNumber min={0} max={100} precision={0} className="rc-w-120" />
            </Form.Item>
          </div>
        ))}
        <p className={sum === 100 ? "rc-muted" : "rc-danger-text"} aria-live="polite">
          {t("assess.weightSum", { n: sum })}
        </p>
        <Form.Item
          name="reportGraceDays"
          label={t("assess.graceDays")}
          extra={t("assess.graceHelp")}
          rules={[{ required: true, message: t("assess.graceRequired") }]}
        >
          <InputNumber min={0} max={31} precision={0} className="rc-w-120" />
        </Form.Item>
        <Form.Item
          name={["shares", "lead"]}
          label={t("assess.shareLead")}
          rules={[{ required: true, message: t("assess.shareRequired") }]}
        >
          <InputNumber min={0} max={100} precision={0} className="rc-w-120" />
        </Form.Item>
        <Form.Item
          name={["shares", "responsible"]}
          label={t("assess.shareResponsible")}
          extra={t("assess.sharesHelp")}
          rules={[{ required: true, message: t("assess.shareRequired") }]}
        >
          <InputNumber min={0} max={100} precision={0} className="rc-w-120" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AssessmentPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(chinaToday().slice(0, 4));
  const asked = Number(params.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2199 ? asked : thisYear;
  const [result, setResult] = useState<AssessmentResult | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [adjusting, setAdjusting] = useState<{ orgId: string | null } | null>(null);
  const [editingScheme, setEditingScheme] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const wide = Grid.useBreakpoint().md !== false;

  const load = useCallback(async () => {
    setLoading(true);
    setFailed(null);
    try {
      setResult(await assessmentApi.results(year, { quiet: true }));
    } catch (e) {
      setResult(null);
      setFailed(isApiError(e) ? e.text(lang) : String(e));
    } finally {
      setLoading(false);
    }
  }, [year, lang]);

  useEffect(() => {
    load();
  }, [load]);

  const chart = useMemo(() => {
    // Units with no data have no bar: they are not ranked.
    const rows = (result?.rows ?? []).filter((r) => r.total !== null);
    return { categories: rows.map((r) => r.org.name), values: rows.map((r) => r.total ?? 0) };
  }, [result]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await assessmentApi.exportXlsx(year);
      message.success(t("assess.exported", { name }));
    } catch {
      // shown by the client
    } finally {
      setExporting(false);
    }
  };

  const removeAdjustment = async (id: string) => {
    setBusy(id);
    try {
      await assessmentApi.removeAdjustment(year, id);
      message.success(t("assess.adjustmentRemoved"));
      await load();
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  const scheme = result?.scheme;
  const columns: TableColumnsType<AssessmentRow> = [
    {
      title: t("assess.rank"),
      dataIndex: "rank",
      key: "rank",
      align: "center",
      width: 64,
      render: (r: number | null) =>
        r === null ? (
          <span className="rc-muted rc-small">{t("assess.unranked")}</span>
        ) : (
          <span className={r <= 3 ? "rc-rank rc-rank-top" : "rc-rank"}>{r}</span>
        ),
    },
    {
      title: t("assess.org"),
      key: "org",
      // On narrow screens the unit stays in view while the indicators scroll.
      fixed: wide ? undefined : "left",
      render: (_, r) => <span className="rc-strong rc-org-cell">{r.org.name}</span>,
    },
    ...(scheme?.indicators ?? []).map((ind) => ({
      title: (
        <div className="rc-ind-head">
          <div>{pick(lang, ind.name)}</div>
          <div className="rc-muted rc-small">{t("assess.weightOf", { n: ind.weight })}</div>
        </div>
      ),
      key: ind.key,
      width: 136,
      render: (_: unknown, r: AssessmentRow) => (
        <IndicatorCell ind={r.indicators.find((i) => i.key === ind.key)} />
      ),
    })),
    {
      title: t("assess.adjustment"),
      key: "adjustment",
      align: "right",
      render: (_, r) =>
        r.adjustmentTotal === 0 ? (
          <span className="rc-muted">0</span>
        ) : (
          <span className={r.adjustmentTotal > 0 ? "rc-plus" : "rc-minus"}>
            {fmtSigned(r.adjustmentTotal)}
          </span>
        ),
    },
    {
      title: t("assess.total"),
      key: "total",
      align: "right",
      render: (_, r) =>
        r.total === null ? (
          <Tag>{t("assess.noData")}</Tag>
        ) : (
          <span className="rc-total">{fmtScore(r.total)}</span>
        ),
    },
    {
      title: <span className="rc-sr-only">{t("common.actions")}</span>,
      key: "actions",
      width: 56,
      render: (_, r) => (
        <Tooltip title={t("assess.adjust")}>
          <Button
            type="text"
            size="small"
            icon={<PlusCircleOutlined aria-hidden />}
            onClick={() => setAdjusting({ orgId: r.org.id })}
            aria-label={`${t("assess.adjust")} ${r.org.name}`}
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("assess.title")}
        extra={
          <Space wrap>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => {
                if (!d) return;
                const next = new URLSearchParams(params);
                next.set("year", String(d.year()));
                setParams(next, { replace: true });
              }}
              aria-label={t("assess.year")}
              disabledDate={(d) => d.year() > thisYear + 1 || d.year() < 2000}
            />
            <Button icon={<ReloadOutlined aria-hidden />} onClick={load}>
              {t("common.refresh")}
            </Button>
            <Button
              type="primary"
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting}
              onClick={exportXlsx}
            >
              {t("assess.export")}
            </Button>
          </Space>
        }
      >
        {t("assess.intro")}
      </PageHeader>

      {failed ? <Alert type="error" showIcon className="rc-mb" title={failed} /> : null}

      {loading && !result ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : result ? (
        <>
          <Card
            variant="borderless"
            className="rc-mb"
            title={
              <span>
                {t("assess.scheme", { year: result.year })}{" "}
                {result.scheme.isDefault ? (
                  <Tag>{t("assess.defaultScheme")}</Tag>
                ) : (
                  <Tag color="blue">{t("assess.ownScheme", { at: fmtTime(result.scheme.updatedAt) })}</Tag>
                )}
              </span>
            }
            extra={
              <Button
                size="small"
                icon={<SettingOutlined aria-hidden />}
                onClick={() => setEditingScheme(true)}
              >
                {t("assess.editScheme")}
              </Button>
            }
          >
            <ul className="rc-scheme">
              {result.scheme.indicators.map((i) => (
                <li key={i.key}>
                  <span className="rc-scheme-weight">{i.weight}</span>
                  <span>{pick(lang, i.name)}</span>
                </li>
              ))}
              <li>
                <span className="rc-scheme-weight">{result.scheme.reportGraceDays}</span>
                <span>{t("assess.graceDaysShort")}</span>
              </li>
            </ul>
            <p className="rc-muted rc-small rc-mt-s">{t("assess.shares", result.scheme.shares)}</p>
            <p className="rc-muted rc-small rc-mt-s">
              {t("assess.rules")} {t("assess.asOf", { at: fmtTime(result.asOf) })}
            </p>
          </Card>

          {result.rows.length === 0 ? (
            <Card variant="borderless">
              <Empty description={t("assess.empty", { year: result.year })} />
            </Card>
          ) : (
            <>
              <Card
                variant="borderless"
                className="rc-mb"
                title={t("assess.chartTitle", { year: result.year })}
              >
                <Suspense fallback={<Skeleton active />}>
                  <BarChart
                    categories={chart.categories}
                    values={chart.values}
                    height={Math.max(220, chart.categories.length * 22 + 40)}
                    label={t("assess.chartAria", {
                      summary: result.rows
                        .filter((r) => r.total !== null)
                        .map((r) => `${r.rank}. ${r.org.name} ${fmtScore(r.total ?? 0)}`)
                        .join(t("common.summarySep")),
                    })}
                  />
                </Suspense>
              </Card>
              <Card
                variant="borderless"
                title={t("assess.results", { n: result.rows.length })}
                extra={
                  <Button
                    size="small"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => setAdjusting({ orgId: null })}
                  >
                    {t("assess.adjust")}
                  </Button>
                }
              >
                <Table<AssessmentRow>
                  rowKey={(r) => r.org.id}
                  columns={columns}
                  dataSource={result.rows}
                  pagination={false}
                  size="middle"
                  scroll={{ x: "max-content" }}
                  expandable={{
                    expandedRowRender: (r) => (
                      <div className="rc-assess-detail">
                        <p className="rc-mt-0">
                          {r.noData
                            ? t("assess.noDataExplain")
                            : t("assess.breakdown", {
                                indicators: fmtScore(r.indicatorTotal ?? 0),
                                adjustments: fmtSigned(r.adjustmentTotal),
                                total: fmtScore(r.total ?? 0),
                              })}
                        </p>
                        <ScoreLines row={r} />
                        {r.adjustments.length ? (
                          <ul className="rc-explain">
                            {r.adjustments.map((a) => (
                              <li key={a.id}>
                                <span className={a.points > 0 ? "rc-plus" : "rc-minus"}>
                                  {fmtSigned(a.points)}
                                </span>{" "}
                                {a.reason}
                                <span className="rc-muted rc-small">
                                  {" "}
                                  · {a.createdBy.name} · {fmtTime(a.createdAt)}
                                </span>
                                <Popconfirm
                                  title={t("assess.removeAdjustmentConfirm")}
                                  okText={t("common.ok")}
                                  cancelText={t("common.cancel")}
                                  okButtonProps={{ danger: true }}
                                  onConfirm={() => removeAdjustment(a.id)}
                                >
                                  <Button
                                    type="link"
                                    size="small"
                                    danger
                                    icon={<DeleteOutlined aria-hidden />}
                                    loading={busy === a.id}
                                  >
                                    {t("assess.removeAdjustment")}
                                  </Button>
                                </Popconfirm>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="rc-muted rc-small rc-mt-0">{t("assess.noAdjustments")}</p>
                        )}
                      </div>
                    ),
                  }}
                />
              </Card>
            </>
          )}
          <AdjustModal
            year={year}
            open={adjusting !== null}
            presetOrg={adjusting?.orgId ?? null}
            rows={result.rows}
            onClose={() => setAdjusting(null)}
            onSaved={() => {
              setAdjusting(null);
              message.success(t("assess.adjustmentSaved"));
              load();
            }}
          />
          <SchemeModal
            year={year}
            scheme={result.scheme}
            open={editingScheme}
            onClose={() => setEditingScheme(false)}
            onSaved={() => {
              setEditingScheme(false);
              message.success(t("assess.schemeSaved"));
              load();
            }}
          />
        </>
      ) : null}
    </>
  );
}
