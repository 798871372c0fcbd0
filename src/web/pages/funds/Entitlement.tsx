import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type EntitlementDetail, fundsApi, type Stage } from "../../api/funds";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { EntitlementTag, Money, StageTag } from "./parts";

/** One entitlement: its stages (the talent office confirms conditions), payee (masked) and payments. */
export function EntitlementView({ e, onChanged }: { e: EntitlementDetail; onChanged?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const met = async (stage: Stage) => {
    try {
      await fundsApi.stageMet(stage.id);
      message.success(t("funds.metDone"));
      onChanged?.();
    } catch (err) {
      if (isApiError(err)) message.error(err.text(lang));
    }
  };
  const cancel = async () => {
    try {
      await fundsApi.cancelEntitlement(e.id, reason);
      message.success(t("funds.cancelled"));
      setCancelling(false);
      onChanged?.();
    } catch (err) {
      if (isApiError(err)) message.error(err.text(lang));
    }
  };
  const stageColumns: TableColumnsType<Stage> = [
    { title: "#", dataIndex: "no", width: 48 },
    { title: t("funds.stage"), dataIndex: "name" },
    { title: t("funds.amount"), key: "amount", align: "right", render: (_, s) => <Money fen={s.amount} /> },
    {
      title: t("funds.condition"),
      key: "condition",
      render: (_, s) => (
        <span>
          {t(`funds.condition.${s.condition}` as MsgKey)}
          {s.conditionRef ? <Tag style={{ marginLeft: 8 }}>{s.conditionRef}</Tag> : null}
        </span>
      ),
    },
    { title: t("funds.status"), key: "status", render: (_, s) => <StageTag status={s.status} /> },
    { title: t("funds.paid"), dataIndex: "paidAt", render: (v: string | null) => (v ? fmtTime(v) : "—") },
    ...(e.abilities.manage
      ? [
          {
            title: "",
            key: "act",
            render: (_: unknown, s: Stage) =>
              s.status === "pending" ? (
                <Button size="small" onClick={() => void met(s)}>
                  {t("funds.markMet")}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  type Payment = EntitlementDetail["payments"][number];
  const paymentColumns: TableColumnsType<Payment> = [
    { title: t("funds.batches"), key: "batch", render: (_, p) => p.batch.title },
    { title: t("funds.amount"), key: "amount", align: "right", render: (_, p) => <Money fen={p.amount} /> },
    { title: t("funds.status"), dataIndex: "status", render: (s: string) => t(`funds.line.${s}` as MsgKey) },
    { title: t("funds.failureReason"), dataIndex: "failureReason", render: (v: string | null) => v ?? "—" },
    { title: t("funds.at"), dataIndex: "resolvedAt", render: (v: string | null) => (v ? fmtTime(v) : "—") },
  ];
  return (
    <>
      <Card
        variant="borderless"
        style={{ marginBottom: 16 }}
        extra={
          e.abilities.manage && (e.status === "reserved" || e.status === "payable") ? (
            <Button danger onClick={() => setCancelling(true)}>
              {t("funds.cancel")}
            </Button>
          ) : null
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t("funds.talent")}>{e.talent.name}</Descriptions.Item>
          <Descriptions.Item label={t("funds.employer")}>{e.employer?.name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("funds.status")}>
            <EntitlementTag status={e.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.fund")}>{e.fund.name}</Descriptions.Item>
          <Descriptions.Item label={t("funds.lineName")}>{e.budgetLine.name}</Descriptions.Item>
          <Descriptions.Item label={t("funds.source")}>
            <span className="rc-mono">{e.sourceId}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.amount")}>
            <Money fen={e.amount} />
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.paid")}>
            <Money fen={e.paid} />
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.payee")}>
            <Space>
              {e.payee.name}
              {e.payee.bank}
              <span className="rc-mono">{e.payee.account || "—"}</span>
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card variant="borderless" title={t("funds.stages")} style={{ marginBottom: 16 }}>
        <Table<Stage>
          rowKey="id"
          columns={stageColumns}
          dataSource={e.stages}
          pagination={false}
          size="small"
        />
      </Card>
      <Card variant="borderless" title={t("funds.payments")}>
        <Table<Payment>
          rowKey="id"
          columns={paymentColumns}
          dataSource={e.payments}
          pagination={false}
          size="small"
        />
      </Card>
      <Modal
        title={t("funds.cancel")}
        open={cancelling}
        onCancel={() => setCancelling(false)}
        onOk={() => void cancel()}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      >
        <Input.TextArea
          aria-label={t("funds.cancelReason")}
          placeholder={t("funds.cancelReason")}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
          maxLength={500}
        />
      </Modal>
    </>
  );
}

export default function EntitlementPage() {
  const t = useT();
  const { id = "" } = useParams();
  const [e, setE] = useState<EntitlementDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const load = useCallback(async () => {
    try {
      setE(await fundsApi.entitlement(id));
    } catch (err) {
      if (isApiError(err) && err.status === 404) setMissing(true);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (missing)
    return (
      <MissingPage
        title={t("funds.entitlements")}
        body={t("funds.missing")}
        backTo="/"
        backLabel={t("funds.back")}
      />
    );
  if (!e) return <LoadingPage title={t("funds.entitlements")} />;
  return (
    <>
      <PageHeader title={e.title}>
        <Link to={`/funds/lines/${e.budgetLine.id}`}>{e.budgetLine.name}</Link>
      </PageHeader>
      <EntitlementView e={e} onChanged={() => void load()} />
    </>
  );
}
