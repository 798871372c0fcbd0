import { EyeOutlined, TrophyOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { registryApi, type Talent, TIERS, type Tier } from "../../api/registry";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { useLang, useT } from "../../i18n";
import { RevealModal, TalentSections, TierExplanationCard } from "./parts";

function TierModal({
  talent,
  open,
  onClose,
}: {
  talent: Talent;
  open: boolean;
  onClose: (t?: Talent) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ tier: Tier | "none"; recognisedOn: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const saved = await registryApi.setTier(talent.id, { ...values, note: values.note || null });
      message.success(t("registry.saved"));
      onClose(saved);
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("registry.setTier")}
      open={open}
      onCancel={() => onClose()}
      onOk={submit}
      confirmLoading={busy}
    >
      <Form form={form} layout="vertical" initialValues={{ tier: talent.tier ?? "E" }}>
        <Form.Item name="tier" label={t("registry.tier")} rules={[{ required: true }]}>
          <Select
            options={[
              ...TIERS.map((x) => ({ value: x, label: t("registry.tierLabel", { tier: x }) })),
              { value: "none", label: t("registry.tierNone") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="recognisedOn"
          label={t("registry.recognisedOn")}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input placeholder="yyyy-mm-dd" />
        </Form.Item>
        <Form.Item name="note" label={t("registry.note")}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TalentDetailPage() {
  const { id = "" } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [talent, setTalent] = useState<Talent | null>(null);
  const [missing, setMissing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [tiering, setTiering] = useState(false);

  const load = useCallback(async () => {
    try {
      setTalent(await registryApi.talent(id, { quiet: true }));
      setMissing(false);
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else if (isApiError(e)) message.error(e.text(lang));
    }
  }, [id, lang, message]);
  useEffect(() => {
    load();
  }, [load]);

  if (missing)
    return (
      <MissingPage
        title={t("registry.detail")}
        body={t("registry.missing")}
        backTo="/registry/talents"
        backLabel={t("registry.back")}
      />
    );
  if (!talent) return <LoadingPage title={t("registry.detail")} />;
  return (
    <>
      <PageHeader
        title={`${t("registry.detail")} · ${talent.name}`}
        extra={
          <Space wrap>
            {talent.abilities.reveal ? (
              <Button icon={<EyeOutlined aria-hidden />} onClick={() => setRevealing(true)}>
                {t("registry.reveal")}
              </Button>
            ) : null}
            {talent.abilities.setTier ? (
              <Button type="primary" icon={<TrophyOutlined aria-hidden />} onClick={() => setTiering(true)}>
                {t("registry.setTier")}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <TalentSections talent={talent} />
      </Card>
      <TierExplanationCard talentId={talent.id} />
      <RevealModal talent={talent} open={revealing} onClose={() => setRevealing(false)} />
      {tiering ? (
        <TierModal
          talent={talent}
          open={tiering}
          onClose={(saved) => {
            setTiering(false);
            if (saved) setTalent(saved);
          }}
        />
      ) : null}
    </>
  );
}
