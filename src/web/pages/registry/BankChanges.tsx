import { App as AntApp, Button, Card, Input, Modal, Space, Table, type TableColumnsType, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { isApiError } from "../../api/client";
import { type BankChange, registryApi } from "../../api/registry";
import { useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";

// 银行账号变更确认: the talent office's list of pending payee bank-account changes (masked), each
// confirmed or rejected by someone other than whoever asked (and never by the talent themselves).
export function BankChangesCard() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<BankChange[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<BankChange | null>(null);
  const [note, setNote] = useState("");
  const load = useCallback(async () => {
    try {
      setItems((await registryApi.bankChanges("pending")).items);
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
      setItems([]);
    }
  }, [lang, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (change: BankChange, decision: "confirm" | "reject", why?: string) => {
    setBusy(change.id);
    try {
      await registryApi.decideBankChange(change.id, decision, why);
      message.success(
        decision === "confirm" ? t("registry.bankChanges.confirmed") : t("registry.bankChanges.rejected"),
      );
      setRejecting(null);
      setNote("");
      await load();
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<BankChange> = [
    {
      title: t("registry.bankChanges.talent"),
      key: "talent",
      render: (_, c) => (
        <span>
          {c.talent.name} <span className="rc-mono rc-muted rc-small">{c.talent.idNumberMasked}</span>
        </span>
      ),
    },
    {
      title: t("registry.bankChanges.old"),
      key: "old",
      render: (_, c) => (
        <span className="rc-mono">{c.oldAccountMasked ?? t("registry.bankChanges.none")}</span>
      ),
    },
    {
      title: t("registry.bankChanges.new"),
      key: "new",
      render: (_, c) => (
        <span className="rc-mono">{c.newAccountMasked ?? t("registry.bankChanges.none")}</span>
      ),
    },
    {
      title: t("registry.bankChanges.requestedBy"),
      key: "by",
      render: (_, c) => (
        <span>
          {c.requestedBy.name}{" "}
          <Tag>
            {c.requestedBy.kind === "talent"
              ? t("registry.bankChanges.byTalent")
              : t("registry.bankChanges.byOffice")}
          </Tag>
        </span>
      ),
    },
    { title: t("registry.bankChanges.at"), key: "at", render: (_, c) => fmtTime(c.createdAt) },
    {
      title: "",
      key: "actions",
      render: (_, c) =>
        c.abilities.decide ? (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={busy === c.id}
              onClick={() => void decide(c, "confirm")}
            >
              {t("registry.bankChanges.confirm")}
            </Button>
            <Button size="small" danger disabled={busy === c.id} onClick={() => setRejecting(c)}>
              {t("registry.bankChanges.reject")}
            </Button>
          </Space>
        ) : (
          <span className="rc-muted rc-small">{t("registry.bankChanges.others")}</span>
        ),
    },
  ];

  return (
    <Card variant="borderless" title={t("registry.bankChanges.title")} style={{ marginBottom: 16 }}>
      <p className="rc-muted">{t("registry.bankChanges.intro")}</p>
      <Table<BankChange>
        rowKey="id"
        columns={columns}
        dataSource={items ?? []}
        loading={items === null}
        pagination={false}
        size="small"
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("registry.bankChanges.empty") }}
      />
      <Modal
        title={t("registry.bankChanges.reject")}
        open={rejecting !== null}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && void decide(rejecting, "reject", note.trim() || undefined)}
        confirmLoading={busy !== null}
      >
        <Input.TextArea
          aria-label={t("registry.bankChanges.rejectNote")}
          placeholder={t("registry.bankChanges.rejectNote")}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
