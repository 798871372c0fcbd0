// 领导驾驶舱 / the leader's cockpit: four charts over the same sources as the clause report, each bar
// opening the list behind it. Laid out in two columns on a 1080p screen, one on a tablet.
import { Card, Col, Empty, Row, Space, Statistic, Typography } from "antd";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { type Answer, call } from "../../api/call";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { fmtMoney } from "../../lib/money";
import { FilterBar, useReportFilters } from "./parts";

const ReportChart = lazy(() => import("./ReportChart"));

type CockpitData = Answer<"GET /api/reports/cockpit">;

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <Card title={title} size="small" style={{ height: "100%" }}>
      {empty ? <Empty description={t("cockpit.empty")} /> : <Suspense fallback={null}>{children}</Suspense>}
    </Card>
  );
}

export default function CockpitPage() {
  const t = useT();
  const navigate = useNavigate();
  const [filters, set] = useReportFilters();
  const { year, orgId } = filters;
  const [data, setData] = useState<CockpitData | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await call("GET /api/reports/cockpit", { query: { year, orgId } }));
    } catch {
      // shown by the client
    }
  }, [year, orgId]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = useCallback((href: string) => navigate(href), [navigate]);
  const charts = useMemo(() => {
    if (!data) return null;
    return {
      tiers: {
        categories: data.talentsByTier.map((b) => b.label),
        series: [
          { name: t("cockpit.count"), values: data.talentsByTier.map((b) => b.value), color: "#1d4ed8" },
        ],
        hrefs: data.talentsByTier.map((b) => b.href),
      },
      paid: {
        categories: data.moneyPaidByClause.map((b) => b.label),
        series: [
          {
            name: t("cockpit.paidYuan"),
            values: data.moneyPaidByClause.map((b) => b.value / 100),
            color: "#16a34a",
          },
        ],
        hrefs: data.moneyPaidByClause.map((b) => b.href),
      },
      apps: {
        categories: data.applicationsByItem.map((b) => b.label),
        series: [
          {
            name: t("cockpit.submitted"),
            values: data.applicationsByItem.map((b) => b.submitted),
            color: "#94a3b8",
          },
          {
            name: t("cockpit.withinSla"),
            values: data.applicationsByItem.map((b) => b.withinSla),
            color: "#16a34a",
          },
        ],
        hrefs: data.applicationsByItem.map((b) => b.href),
      },
      overdue: {
        categories: data.overdueTasksByDepartment.map((b) => b.label),
        series: [
          { name: t("rep.red"), values: data.overdueTasksByDepartment.map((b) => b.value), color: "#dc2626" },
        ],
        hrefs: data.overdueTasksByDepartment.map((b) => b.href),
      },
    };
  }, [data, t]);

  const sum = (xs: { value: number }[]) => xs.reduce((s, x) => s + x.value, 0);
  const submitted = data?.applicationsByItem.reduce((s, x) => s + x.submitted, 0) ?? 0;
  const decided = data?.applicationsByItem.reduce((s, x) => s + x.decided, 0) ?? 0;
  const within = data?.applicationsByItem.reduce((s, x) => s + x.withinSla, 0) ?? 0;

  return (
    <>
      <PageHeader title={t("cockpit.title")}>
        <Typography.Paragraph type="secondary">{t("cockpit.intro")}</Typography.Paragraph>
      </PageHeader>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <FilterBar filters={filters} set={set} roles={["leader"]} />
        {data && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("cockpit.tiers")} value={sum(data.talentsByTier)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("cockpit.paid")} value={fmtMoney(sum(data.moneyPaidByClause))} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t("cockpit.apps")}
                  value={submitted}
                  suffix={decided > 0 ? `· ${Math.round((100 * within) / decided)}%` : undefined}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t("cockpit.overdue")} value={sum(data.overdueTasksByDepartment)} />
              </Card>
            </Col>
          </Row>
        )}
        {charts && (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <ChartCard title={t("cockpit.tiers")} empty={charts.tiers.categories.length === 0}>
                <ReportChart {...charts.tiers} onOpen={open} label={t("cockpit.tiers")} />
              </ChartCard>
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title={t("cockpit.paid")} empty={charts.paid.categories.length === 0}>
                <ReportChart {...charts.paid} onOpen={open} label={t("cockpit.paid")} horizontal />
              </ChartCard>
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title={t("cockpit.apps")} empty={charts.apps.categories.length === 0}>
                <ReportChart {...charts.apps} onOpen={open} label={t("cockpit.apps")} horizontal />
              </ChartCard>
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title={t("cockpit.overdue")} empty={charts.overdue.categories.length === 0}>
                <ReportChart {...charts.overdue} onOpen={open} label={t("cockpit.overdue")} horizontal />
              </ChartCard>
            </Col>
          </Row>
        )}
      </Space>
    </>
  );
}
