import { AuditOutlined, ReloadOutlined, SettingOutlined, WalletOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, type TableColumnsType } from "antd";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { type BudgetLine, type Dashboard, fundsApi, yuan } from "../../api/funds";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { Money } from "./parts";

const FundChart = lazy(() => import("./FundChart"));

const YEARS = [2027, 2026, 2025, 2024];

export default function FundsDashboardPage() {
  const t = useT();
  const [year, setYear] = useState<number | undefined>(2026);
  const [data, setData] = useState<Dashboard | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await fundsApi.dashboard({ year }));
    } catch {
      // shown by the client
    }
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);

  const lines = useMemo(() => data?.funds.flatMap((f) => f.lines) ?? [], [data]);
  const series = useMemo(
    () => [
      { name: t("funds.allocated"), values: lines.map((l) => l.balances.allocated / 100), color: "#94a3b8" },
      {
        name: t("funds.reserved"),
        values: lines.map((l) => (l.balances.reserved + l.balances.payable) / 100),
        color: "#f59e0b",
      },
      { name: t("funds.paid"), values: lines.map((l) => l.balances.paid / 100), color: "#16a34a" },
    ],
    [lines, t],
  );
  const categories = useMemo(
    () => lines.map((l) => `${l.measure?.label ?? ""}${l.name}`.slice(0, 24)),
    [lines],
  );

  const lineColumns: TableColumnsType<BudgetLine> = [
    {
      title: t("funds.lineCode"),
      dataIndex: "code",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    {
      title: t("funds.lineName"),
      key: "name",
      render: (_, l) => (
        <Link to={`/funds/lines/${l.id}`} className="rc-strong">
          {l.name}
        </Link>
      ),
    },
    { title: t("funds.measure"), key: "measure", render: (_, l) => l.measure?.label ?? "—" },
    {
      title: t("funds.allocated"),
      key: "a",
      align: "right",
      render: (_, l) => <Money fen={l.balances.allocated} />,
    },
    {
      title: t("funds.available"),
      key: "v",
      align: "right",
      render: (_, l) => <Money fen={l.balances.available} />,
    },
    {
      title: t("funds.reserved"),
      key: "r",
      align: "right",
      render: (_, l) => <Money fen={l.balances.reserved + l.balances.payable} />,
    },
    { title: t("funds.paid"), key: "p", align: "right", render: (_, l) => <Money fen={l.balances.paid} /> },
  ];

  type MeasureRow = Dashboard["measures"][number];
  const measureColumns: TableColumnsType<MeasureRow> = [
    {
      title: t("funds.measure"),
      key: "m",
      render: (_, m) =>
        m.measure ? (
          <span>
            <span className="rc-strong">{m.measure.label}</span> {m.measure.title}
          </span>
        ) : (
          t("funds.noMeasure")
        ),
    },
    { title: t("funds.allocated"), key: "a", align: "right", render: (_, m) => <Money fen={m.allocated} /> },
    { title: t("funds.reserved"), key: "r", align: "right", render: (_, m) => <Money fen={m.reserved} /> },
    { title: t("funds.paid"), key: "p", align: "right", render: (_, m) => <Money fen={m.paid} /> },
    { title: t("funds.talentsPaid"), dataIndex: "talentsPaid", align: "right" },
  ];

  return (
    <>
      <PageHeader
        title={t("funds.title")}
        extra={
          <Space wrap>
            <Select
              aria-label={t("funds.year")}
              value={year ?? 0}
              style={{ width: 120 }}
              onChange={(v) => setYear(v === 0 ? undefined : v)}
              options={[
                { value: 0, label: t("funds.allYears") },
                ...YEARS.map((y) => ({ value: y, label: String(y) })),
              ]}
            />
            <Link to="/funds/manage">
              <Button icon={<SettingOutlined aria-hidden />}>{t("funds.manage.link")}</Button>
            </Link>
            <Link to="/funds/batches">
              <Button icon={<WalletOutlined aria-hidden />}>{t("funds.batches")}</Button>
            </Link>
            <Link to="/funds/reconciliation">
              <Button icon={<AuditOutlined aria-hidden />}>{t("funds.reconciliation")}</Button>
            </Link>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void load()}>
              {t("common.refresh")}
            </Button>
          </Space>
        }
      >
        {t("funds.intro")}
      </PageHeader>
      {data && data.funds.length === 0 ? <Empty description={t("funds.none")} /> : null}
      {data?.funds.map((f) => (
        <Card key={f.id} variant="borderless" title={f.name} style={{ marginBottom: 16 }}>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(["allocated", "available", "reserved", "paid"] as const).map((k) => (
              <Col xs={12} md={6} key={k}>
                <Statistic
                  title={`${t(`funds.${k}`)}（${t("funds.yuan")}）`}
                  value={yuan(k === "reserved" ? f.totals.reserved + f.totals.payable : f.totals[k])}
                  data-testid={`fund-total-${k}`}
                />
              </Col>
            ))}
          </Row>
          <Table<BudgetLine>
            rowKey="id"
            columns={lineColumns}
            dataSource={f.lines}
            pagination={false}
            size="small"
            scroll={{ x: "max-content" }}
          />
        </Card>
      ))}
      {lines.length > 0 ? (
        <Card variant="borderless" title={t("funds.chart")} style={{ marginBottom: 16 }}>
          <Suspense fallback={null}>
            <FundChart categories={categories} series={series} label={t("funds.chart")} />
          </Suspense>
        </Card>
      ) : null}
      {data && data.measures.length > 0 ? (
        <Card variant="borderless" title={t("funds.clauseToMoney")}>
          <Table<MeasureRow>
            rowKey={(m) => m.measure?.id || m.measure?.label || "none"}
            columns={measureColumns}
            dataSource={data.measures}
            pagination={false}
            size="small"
          />
        </Card>
      ) : null}
    </>
  );
}
