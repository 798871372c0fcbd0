import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  Modal,
  message,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { type Answer, call } from "../../api/call";
import { isApiError } from "../../api/client";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { useLang, useT } from "../../i18n";

// 证书: the holder's own certificates (print), and the office's / issuing department's list with
// revocation (a reason, the holder is told, the portal check then says 已撤销).

export type CertificateView = Answer<"GET /api/certificates/mine">["items"][number];

const printHref = (id: string) => `/api/certificates/${encodeURIComponent(id)}/print`;

export function CertificateStatus({ c }: { c: CertificateView }) {
  const t = useT();
  return c.status === "valid" ? (
    <Tag color="green">{t("cert.status.valid")}</Tag>
  ) : (
    <Tag color="red">{t("cert.status.revoked")}</Tag>
  );
}

function RevokeButton({ c, onDone }: { c: CertificateView; onDone: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(
        "POST /api/certificates/:id/revoke",
        { params: { id: c.id }, body: { reason } },
        { quiet: true },
      );
      message.success(t("cert.revoked"));
      setOpen(false);
      onDone();
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        {t("cert.revoke")}
      </Button>
      <Modal
        open={open}
        title={t("cert.revokeTitle", { number: c.number })}
        okText={t("cert.revoke")}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy }}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p className="rc-muted">{t("cert.revokeHelp")}</p>
        {error ? <Alert type="error" showIcon message={error} role="alert" className="rc-mb" /> : null}
        <Input.TextArea
          aria-label={t("cert.revokeReason")}
          placeholder={t("cert.revokeReason")}
          maxLength={500}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

export default function CertificatesPage({ mine }: { mine: boolean }) {
  const t = useT();
  const me = useMe();
  const [items, setItems] = useState<CertificateView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<"all" | "valid" | "revoked">("all");
  const mayRevoke = me.roles.some((r) => r.role === "talent_office" || r.role === "leader");

  const load = useCallback(
    async (cursor?: string) => {
      if (mine) {
        const res = await call("GET /api/certificates/mine", {});
        setItems(res.items);
        setNext(null);
        return;
      }
      const res = await call("GET /api/certificates", {
        query: { ...(status === "all" ? {} : { status }), ...(cursor ? { cursor } : {}) },
      });
      setItems((prev) => (cursor && prev ? [...prev, ...res.items] : res.items));
      setNext(res.nextCursor);
    },
    [mine, status],
  );
  useEffect(() => {
    setItems(null);
    load().catch(() => setItems([]));
  }, [load]);

  const columns: ColumnsType<CertificateView> = [
    {
      title: t("cert.number"),
      dataIndex: "number",
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t("cert.subject"), dataIndex: "subject" },
    ...(mine
      ? []
      : [
          {
            title: t("cert.holder"),
            key: "holder",
            render: (_: unknown, c: CertificateView) => c.holder.name,
          },
        ]),
    { title: t("cert.item"), dataIndex: "itemName" },
    { title: t("cert.issuedOn"), dataIndex: "issuedOn" },
    { title: t("cert.validTo"), key: "validTo", render: (_, c) => c.validTo ?? t("cert.noExpiry") },
    { title: t("cert.issuer"), key: "issuer", render: (_, c) => c.issuer.name },
    { title: t("cert.status"), key: "status", render: (_, c) => <CertificateStatus c={c} /> },
    {
      title: "",
      key: "actions",
      render: (_, c) => (
        <Space>
          <Button size="small" href={printHref(c.id)} target="_blank" rel="noopener">
            {t("cert.print")}
          </Button>
          {!mine && mayRevoke && c.status === "valid" ? <RevokeButton c={c} onDone={() => load()} /> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t(mine ? "cert.mineTitle" : "cert.title")} />
      <p className="rc-muted">{t(mine ? "cert.mineIntro" : "cert.intro")}</p>
      <Card variant="borderless">
        {mine ? null : (
          <Segmented
            className="rc-mb"
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: "all", label: t("cert.all") },
              { value: "valid", label: t("cert.status.valid") },
              { value: "revoked", label: t("cert.status.revoked") },
            ]}
          />
        )}
        <Table<CertificateView>
          rowKey="id"
          loading={items === null}
          dataSource={items ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t("cert.none")} /> }}
        />
        {next ? (
          <Button className="rc-mt" onClick={() => load(next)}>
            {t("cert.more")}
          </Button>
        ) : null}
      </Card>
    </>
  );
}
