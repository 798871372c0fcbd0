import { DownloadOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space, Table, type TableColumnsType, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { fundsApi, type Reconciliation } from "../../api/funds";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { Money } from "./parts";

type Row = Reconciliation["accounts"][number];

export default function ReconciliationPage() {
  const t = useT();
  const [report, setReport] = useState<Reconciliation | null>(null);
  const load = useCallback(async () => {
    try {
      setReport(await fundsApi.reconciliation());
    } catch {
      // shown by the client
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const columns: TableColumnsType<Row> = [
    { title: t("funds.fund"), dataIndex: "fund" },
    {
      title: t("funds.lineName"),
      key: "line",
      render: (_, r) => <Link to={`/funds/lines/${r.budgetLine.id}`}>{r.budgetLine.name}</Link>,
    },
    { title: t("funds.journalKind"), dataIndex: "account", render: (a: string) => t(`funds.${a}` as MsgKey) },
    { title: t("funds.cached"), key: "cached", align: "right", render: (_, r) => <Money fen={r.cached} /> },
    { title: t("funds.ledger"), key: "ledger", align: "right", render: (_, r) => <Money fen={r.ledger} /> },
    {
      title: t("funds.postings"),
      key: "n",
      align: "right",
      render: (_, r) => `${r.cachedPostings} / ${r.ledgerPostings}`,
    },
    {
      title: t("funds.status"),
      key: "ok",
      render: (_, r) =>
        r.ok ? <Tag color="green">{t("funds.ok")}</Tag> : <Tag color="red">{t("funds.mismatch")}</Tag>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("funds.reconciliation")}
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => void fundsApi.exportReconciliation()}
            >
              {t("funds.exportExcel")}
            </Button>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void load()}>
              {t("common.refresh")}
            </Button>
          </Space>
        }
      >
        <Link to="/funds">{t("funds.back")}</Link>
      </PageHeader>
      {report ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={report.ok ? "success" : "error"}
          showIcon
          message={`${report.ok ? t("funds.reconcileOk") : t("funds.reconcileBad")}（${fmtTime(report.checkedAt)}）`}
          description={
            report.ok
              ? null
              : [
                  ...report.unbalancedJournals.map((j) => `${j}`),
                  ...report.lineProblems.map((p) => `${p.problem}: ${p.detail}`),
                ].join("；")
          }
        />
      ) : null}
      <Card variant="borderless">
        <Table<Row>
          rowKey={(r) => `${r.budgetLine.id}:${r.account}`}
          columns={columns}
          dataSource={report?.accounts ?? []}
          loading={!report}
          pagination={false}
          size="small"
          scroll={{ x: "max-content" }}
        />
      </Card>
    </>
  );
}
