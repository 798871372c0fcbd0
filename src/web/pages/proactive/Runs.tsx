// 免申即享 (talent office): run a published item's rule over the registry, watch the progress, see
// who qualifies (names masked) and whether they confirmed; and simulate a rule change first.
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import {
  calculatorApi,
  type OfferStatus,
  proactiveApi,
  type Run,
  type RunResult,
  type RunStatus,
  type Simulation,
} from "../../api/calculator";
import { type ApiError, isApiError } from "../../api/client";
import { catalogueApi } from "../../api/services";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { fmtMoney } from "../../lib/money";
import { useCursorList } from "../../lib/useCursorList";

const STATUS_COLOR: Record<RunStatus, string> = {
  queued: "default",
  running: "processing",
  done: "success",
  failed: "error",
};
const OFFER_COLOR: Record<OfferStatus, string> = { offered: "gold", accepted: "green", declined: "default" };

function useItems() {
  const [items, setItems] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    catalogueApi
      .list()
      .then((r) => setItems(r.items.map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))))
      .catch(() => undefined);
  }, []);
  return items;
}

function RunResults({ run }: { run: Run }) {
  const t = useT();
  const list = useCursorList<RunResult>(
    (cursor) => proactiveApi.results(run.id, { cursor: cursor ?? undefined, limit: 50 }),
    `${run.id}:${run.processed}`,
  );
  return (
    <>
      <Table<RunResult>
        rowKey="talentId"
        size="small"
        pagination={false}
        loading={list.loading && list.items.length === 0}
        dataSource={list.items}
        columns={[
          { title: t("proactive.name"), dataIndex: "name" },
          {
            title: t("proactive.account"),
            key: "account",
            render: (_, r) => (r.hasAccount ? t("proactive.hasAccount") : t("proactive.noAccount")),
          },
          {
            title: t("proactive.offer"),
            key: "offer",
            render: (_, r) =>
              r.offer ? (
                <Tag color={OFFER_COLOR[r.offer.status]}>{t(`proactive.offer.${r.offer.status}`)}</Tag>
              ) : (
                <span className="rc-muted">{t("proactive.noOffer")}</span>
              ),
          },
        ]}
      />
      <LoadMore
        count={list.items.length}
        hasMore={list.hasMore}
        loading={list.loading}
        onMore={list.loadMore}
      />
    </>
  );
}

function RunsTab() {
  const t = useT();
  const { lang } = useLang();
  const items = useItems();
  const [form] = Form.useForm<{ itemCode: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [runs, setRuns] = useState<Run[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRuns((await proactiveApi.runs({ limit: 20 })).items);
    } catch {
      // shown by the client
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // While a run is going, refresh its progress every second.
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [active, load]);

  const start = async ({ itemCode }: { itemCode: string }) => {
    setBusy(true);
    setError(null);
    try {
      const run = await proactiveApi.start(itemCode);
      setSelected(run.id);
      await load();
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const current = runs.find((r) => r.id === selected) ?? null;

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large">
      <Form form={form} layout="inline" onFinish={start} aria-label={t("proactive.start")}>
        <Form.Item
          name="itemCode"
          label={t("proactive.item")}
          rules={[{ required: true, message: t("proactive.itemRequired") }]}
        >
          <Select options={items} style={{ minWidth: 320 }} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t("proactive.start")}
          </Button>
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={error.text(lang)} /> : null}
      <Table<Run>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={runs}
        onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: "pointer" } })}
        rowClassName={(r) => (r.id === selected ? "ant-table-row-selected" : "")}
        columns={[
          {
            title: t("proactive.item"),
            key: "item",
            render: (_, r) => (
              <Button type="link" onClick={() => setSelected(r.id)} style={{ padding: 0 }}>
                {r.item.name} · {t("proactive.version", { n: r.item.version })}
              </Button>
            ),
          },
          {
            title: t("common.status"),
            key: "status",
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`proactive.status.${r.status}`)}</Tag>,
          },
          {
            title: t("proactive.progress"),
            key: "progress",
            render: (_, r) => (
              <Progress
                percent={r.total === 0 ? 100 : Math.floor((r.processed / r.total) * 100)}
                size="small"
                aria-label={t("proactive.progress")}
              />
            ),
          },
          { title: t("proactive.eligibleCount"), dataIndex: "eligible" },
          { title: t("proactive.offered"), dataIndex: "offered" },
          { title: t("proactive.startedBy"), key: "by", render: (_, r) => r.startedBy.name },
          { title: t("proactive.snapshot"), key: "at", render: (_, r) => fmtTime(r.snapshotAt) },
        ]}
      />
      {current ? (
        <Card title={`${t("proactive.results")}：${current.item.name}`} size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: "total", label: t("proactive.total"), children: current.total },
              { key: "eligible", label: t("proactive.eligibleCount"), children: current.eligible },
              { key: "unknown", label: t("proactive.unknownCount"), children: current.unknown },
              { key: "offered", label: t("proactive.offered"), children: current.offered },
              { key: "snapshot", label: t("proactive.snapshot"), children: fmtTime(current.snapshotAt) },
              {
                key: "rule",
                label: t("proactive.rule"),
                children: <span className="rc-mono rc-small">{current.ruleSha256.slice(0, 16)}</span>,
              },
            ]}
          />
          {current.error ? <Alert type="error" message={current.error} /> : null}
          <RunResults run={current} />
        </Card>
      ) : null}
    </Space>
  );
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (!text || text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function SimulationTab() {
  const t = useT();
  const { lang } = useLang();
  const items = useItems();
  const [form] = Form.useForm<{ itemCode: string; eligibility?: string; amountRule?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [sim, setSim] = useState<Simulation | null>(null);

  const run = async (v: { itemCode: string; eligibility?: string; amountRule?: string }) => {
    const el = parseJson(v.eligibility);
    const am = parseJson(v.amountRule);
    if (!el.ok || !am.ok) {
      form.setFields([
        ...(!el.ok ? [{ name: "eligibility" as const, errors: [t("proactive.simBadJson")] }] : []),
        ...(!am.ok ? [{ name: "amountRule" as const, errors: [t("proactive.simBadJson")] }] : []),
      ]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSim(
        await calculatorApi.simulate({
          itemCode: v.itemCode,
          ...(el.value !== undefined ? { eligibility: el.value } : {}),
          ...(am.value !== undefined ? { amountRule: am.value } : {}),
        }),
      );
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <p className="rc-muted">{t("proactive.simIntro")}</p>
      <Form form={form} layout="vertical" onFinish={run} aria-label={t("proactive.simulate")}>
        <Form.Item
          name="itemCode"
          label={t("proactive.item")}
          rules={[{ required: true, message: t("proactive.itemRequired") }]}
        >
          <Select options={items} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="eligibility" label={t("proactive.simEligibility")}>
          <Input.TextArea rows={6} className="rc-mono" />
        </Form.Item>
        <Form.Item name="amountRule" label={t("proactive.simAmount")}>
          <Input.TextArea rows={3} className="rc-mono" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("proactive.simRun")}
        </Button>
      </Form>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error.text(lang)}
          description={error.fieldErrors.map((f) => `${f.path} ${f.message[lang]}`).join("\n") || undefined}
        />
      ) : null}
      {sim ? (
        <Card size="small" aria-live="polite">
          <p>{t("proactive.simTalents", { n: sim.talents })}</p>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={[
              { key: "current", label: t("proactive.simCurrent"), ...sim.current },
              { key: "proposed", label: t("proactive.simProposed"), ...sim.proposed },
            ]}
            columns={[
              { title: "", dataIndex: "label" },
              { title: t("proactive.simQualifying"), dataIndex: "qualifying" },
              { title: t("proactive.unknownCount"), dataIndex: "unknown" },
              { title: t("proactive.simTotal"), key: "total", render: (_, r) => fmtMoney(r.totalFen) },
              { title: t("proactive.simAmountUnknown"), dataIndex: "amountUnknown" },
            ]}
          />
          <p style={{ marginTop: 8 }}>
            {t("proactive.simGained", { n: sim.gained })}
            {t("common.summarySep")}
            {t("proactive.simLost", { n: sim.lost })}
          </p>
        </Card>
      ) : null}
    </Space>
  );
}

export default function ProactiveRunsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("proactive.title")}>{t("proactive.intro")}</PageHeader>
      <Card>
        <Tabs
          items={[
            { key: "runs", label: t("proactive.runs"), children: <RunsTab /> },
            { key: "sim", label: t("proactive.simulate"), children: <SimulationTab /> },
          ]}
        />
      </Card>
    </>
  );
}
