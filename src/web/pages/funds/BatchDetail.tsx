import { CheckOutlined, DownloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type Batch, type BatchLine, fundsApi } from "../../api/funds";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { BatchTag, Money } from "./parts";

export default function BatchDetailPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const { id = "" } = useParams();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [missing, setMissing] = useState(false);
  const [failing, setFailing] = useState<BatchLine | null>(null);
  const [reason, setReason] = useState("");
  const load = useCallback(async () => {
    try {
      setBatch(await fundsApi.batch(id));
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (missing)
    return (
      <MissingPage
        title={t("funds.batches")}
        body={t("funds.missing")}
        backTo="/funds/batches"
        backLabel={t("funds.batches")}
      />
    );
  if (!batch) return <LoadingPage title={t("funds.batches")} />;
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await load();
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    }
  };
  const pending = (batch.lines ?? []).filter((l) => l.status === "pending");
  const columns: TableColumnsType<BatchLine> = [
    {
      title: t("funds.talent"),
      key: "talent",
      render: (_, l) => <Link to={`/funds/entitlements/${l.entitlementId}`}>{l.talent.name}</Link>,
    },
    { title: t("funds.titleField"), dataIndex: "title" },
    { title: t("funds.payee"), dataIndex: "payeeName" },
    { title: t("funds.bank"), dataIndex: "payeeBank" },
    {
      title: t("funds.account"),
      dataIndex: "payeeAccount",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    { title: t("funds.amount"), key: "amount", align: "right", render: (_, l) => <Money fen={l.amount} /> },
    {
      title: t("funds.status"),
      key: "status",
      render: (_, l) =>
        `${t(`funds.line.${l.status}` as MsgKey)}${l.failureReason ? `（${l.failureReason}）` : ""}`,
    },
    ...(batch.abilities.record
      ? [
          {
            title: "",
            key: "act",
            render: (_: unknown, l: BatchLine) =>
              l.status === "pending" ? (
                <Button size="small" danger onClick={() => setFailing(l)}>
                  {t("funds.markFailed")}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={batch.title}
        extra={
          <Space wrap>
            {batch.abilities.approve ? (
              <Button
                type="primary"
                icon={<CheckOutlined aria-hidden />}
                onClick={() => void act(() => fundsApi.approveBatch(batch.id), t("funds.approved"))}
              >
                {t("funds.approve")}
              </Button>
            ) : null}
            {batch.abilities.export ? (
              <>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  onClick={() => void act(() => fundsApi.exportBatch(batch.id, "csv"), t("funds.exportCsv"))}
                >
                  {t("funds.exportCsv")}
                </Button>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  onClick={() =>
                    void act(() => fundsApi.exportBatch(batch.id, "xlsx"), t("funds.exportXlsx"))
                  }
                >
                  {t("funds.exportXlsx")}
                </Button>
              </>
            ) : null}
            {batch.abilities.record && pending.length > 0 ? (
              <Button
                onClick={() =>
                  void act(
                    () =>
                      fundsApi.recordResults(
                        batch.id,
                        pending.map((l) => ({ lineId: l.id, result: "paid" as const })),
                      ),
                    t("funds.resultsRecorded"),
                  )
                }
              >
                {t("funds.markAllPaid")}
              </Button>
            ) : null}
            {batch.abilities.cancel ? (
              <Button
                danger
                onClick={() => void act(() => fundsApi.cancelBatch(batch.id), t("funds.batch.cancelled"))}
              >
                {t("funds.cancelBatch")}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Link to="/funds/batches">{t("funds.batches")}</Link>
      </PageHeader>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t("funds.status")}>
            <BatchTag status={batch.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.fund")}>{batch.fund.name}</Descriptions.Item>
          <Descriptions.Item label={t("funds.total")}>
            <Money fen={batch.total} />
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.lineCount")}>{batch.lineCount}</Descriptions.Item>
          <Descriptions.Item label={t("funds.createdBy")}>
            {batch.createdBy.name} {fmtTime(batch.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.approvals")}>
            {t("funds.approvalsRequired", { n: batch.approvalsRequired })}
            {batch.approvals.map((a) => ` · ${a.by.name} ${fmtTime(a.at)}`).join("")}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {batch.abilities.export ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t("funds.exportNote")} />
      ) : null}
      <Card variant="borderless">
        <Table<BatchLine>
          rowKey="id"
          columns={columns}
          dataSource={batch.lines ?? []}
          pagination={false}
          size="small"
          scroll={{ x: "max-content" }}
        />
      </Card>
      <Modal
        title={t("funds.markFailed")}
        open={failing !== null}
        onCancel={() => setFailing(null)}
        okButtonProps={{ danger: true }}
        onOk={() => {
          const line = failing!;
          setFailing(null);
          void act(
            () =>
              fundsApi.recordResults(batch.id, [
                { lineId: line.id, result: "failed", reason: reason || undefined },
              ]),
            t("funds.resultsRecorded"),
          );
        }}
      >
        <Input
          aria-label={t("funds.failureReason")}
          placeholder={t("funds.failureReason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
