// 政策落实情况 / Clause report: one row per measure of the latest imported policy, each number
// opening the records behind it; Excel export of the same rows.
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { type Answer, call } from "../../api/call";
import { download } from "../../api/client";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { fmtMoney } from "../../lib/money";
import { isTalentOffice } from "../../lib/roles";
import { FilterBar, useReportFilters } from "./parts";

type Report = Answer<"GET /api/reports/clauses">;
type Row = Report["items"][number];

const q = (o: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
};

export default function ClauseReportPage() {
  const t = useT();
  const me = useMe();
  const office = isTalentOffice(me);
  const [filters, set] = useReportFilters();
  const { year, orgId } = filters;
  const [report, setReport] = useState<Report | null>(null);
  const [missing, setMissing] = useState(false);

  const load = useCallback(async () => {
    try {
      setReport(await call("GET /api/reports/clauses", { query: { year, orgId } }));
      setMissing(false);
    } catch (e) {
      if ((e as { status?: number }).status === 404) setMissing(true);
    }
  }, [year, orgId]);

  useEffect(() => {
    void load();
  }, [load]);

  const docId = report?.policy.id;
  const tasksHref = (r: Row, light?: string) =>
    r.tasks.taskId && !light
      ? `/tasks/${r.tasks.taskId}`
      : `/tasks?${q({ documentId: docId, light, orgId: filters.orgId })}`;

  const columns: ColumnsType<Row> = [
    { title: t("rep.clause"), dataIndex: "clause", width: 72, fixed: "left" },
    {
      title: t("rep.measure"),
      dataIndex: "title",
      width: 220,
      fixed: "left",
      render: (v: string, r) => (r.tasks.taskId ? <Link to={`/tasks/${r.tasks.taskId}`}>{v}</Link> : v),
    },
    {
      title: t("rep.tasks"),
      children: [
        {
          title: t("rep.tasks"),
          width: 64,
          align: "right",
          render: (_, r) => (r.tasks.count > 0 ? <Link to={tasksHref(r)}>{r.tasks.count}</Link> : 0),
        },
        { title: t("rep.onTime"), width: 60, align: "right", render: (_, r) => r.tasks.onTime },
        {
          title: t("rep.yellow"),
          width: 60,
          align: "right",
          render: (_, r) =>
            r.tasks.yellow > 0 ? (
              <Link to={tasksHref(r, "yellow")}>
                <Tag color="gold">{r.tasks.yellow}</Tag>
              </Link>
            ) : (
              0
            ),
        },
        {
          title: t("rep.red"),
          width: 60,
          align: "right",
          render: (_, r) =>
            r.tasks.red > 0 ? (
              <Link to={tasksHref(r, "red")}>
                <Tag color="red">{r.tasks.red}</Tag>
              </Link>
            ) : (
              0
            ),
        },
        { title: t("rep.done"), width: 64, align: "right", render: (_, r) => r.tasks.done },
      ],
    },
    {
      title: t("rep.items"),
      width: 150,
      render: (_, r) =>
        r.items.codes.length === 0 ? (
          "—"
        ) : (
          <Space size={[4, 4]} wrap>
            {r.items.codes.map((c) =>
              office ? (
                <Tag key={c}>{c}</Tag>
              ) : (
                <Link key={c} to={`/services/workbench?${q({ itemCode: c })}`}>
                  <Tag>{c}</Tag>
                </Link>
              ),
            )}
          </Space>
        ),
    },
    {
      title: t("rep.applications"),
      children: [
        { title: t("rep.submitted"), width: 64, align: "right", render: (_, r) => r.applications.submitted },
        { title: t("rep.approved"), width: 64, align: "right", render: (_, r) => r.applications.approved },
        { title: t("rep.rejected"), width: 76, align: "right", render: (_, r) => r.applications.rejected },
        {
          title: t("rep.sla"),
          width: 84,
          align: "right",
          render: (_, r) =>
            r.applications.decided > 0 ? `${r.applications.withinSla}/${r.applications.decided}` : "—",
        },
        {
          title: t("rep.medianDays"),
          width: 110,
          align: "right",
          render: (_, r) => (
            <span
              title={
                r.applications.promisedDays
                  ? t("rep.promisedDays", { days: r.applications.promisedDays })
                  : undefined
              }
            >
              {r.applications.medianDays ?? "—"}
            </span>
          ),
        },
      ],
    },
    {
      title: t("rep.money"),
      children: (["budgetFen", "committedFen", "paidFen"] as const).map((k) => ({
        title: t(k === "budgetFen" ? "rep.budget" : k === "committedFen" ? "rep.committed" : "rep.paid"),
        width: 130,
        align: "right" as const,
        render: (_: unknown, r: Row) =>
          r.money[k] === 0 ? "—" : <Link to="/funds">{fmtMoney(r.money[k])}</Link>,
      })),
    },
    { title: t("rep.talents"), width: 84, align: "right", render: (_, r) => r.talentsReached },
  ];

  const total = (f: (r: Row) => number) => (report?.items ?? []).reduce((s, r) => s + f(r), 0);

  return (
    <>
      <PageHeader
        title={t("rep.title")}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            disabled={!report}
            onClick={() =>
              void download("/reports/clauses.xlsx", "clause-report.xlsx", {
                query: { policy: docId, year: filters.year, orgId: filters.orgId },
              })
            }
          >
            {t("rep.export")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t("rep.intro")}</Typography.Paragraph>
      </PageHeader>
      <Card>
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <FilterBar filters={filters} set={set} roles={["officer", "leader"]} />
          {report && report.scope !== null && <Alert type="info" showIcon message={t("rep.scopeOwn")} />}
          {report && (
            <Typography.Title level={5} style={{ margin: 0 }}>
              《{report.policy.title}》
            </Typography.Title>
          )}
          {missing ? (
            <Empty description={t("rep.none")} />
          ) : (
            <Table<Row>
              rowKey="measureId"
              size="small"
              bordered
              loading={!report}
              columns={columns}
              dataSource={report?.items ?? []}
              pagination={false}
              scroll={{ x: 1700 }}
              summary={() =>
                report ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      {t("rep.total")}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {total((r) => r.tasks.count)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {total((r) => r.tasks.onTime)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {total((r) => r.tasks.yellow)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      {total((r) => r.tasks.red)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} align="right">
                      {total((r) => r.tasks.done)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={7} />
                    <Table.Summary.Cell index={8} colSpan={5} />
                    <Table.Summary.Cell index={13} align="right">
                      {fmtMoney(total((r) => r.money.budgetFen))}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={14} align="right">
                      {fmtMoney(total((r) => r.money.committedFen))}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={15} align="right">
                      {fmtMoney(total((r) => r.money.paidFen))}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={16} />
                  </Table.Summary.Row>
                ) : null
              }
            />
          )}
        </Space>
      </Card>
    </>
  );
}
