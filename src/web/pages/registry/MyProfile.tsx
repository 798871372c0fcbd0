import { EditOutlined, EyeOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Card, Form, Input, Modal, Result, Select, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import { isApiError } from "../../api/client";
import { CATEGORIES, type OwnInput, registryApi, type Talent } from "../../api/registry";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage } from "../../components/PageStates";
import { useLang, useT } from "../../i18n";
import { RevealModal, TalentSections, TierExplanationCard } from "./parts";

export default function MyProfilePage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [talent, setTalent] = useState<Talent | null>(null);
  const [missing, setMissing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<OwnInput>();
  const typedBank = Form.useWatch("bankAccount", form);

  const load = useCallback(async () => {
    try {
      setTalent(await registryApi.me({ quiet: true }));
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else if (isApiError(e)) message.error(e.text(lang));
    }
  }, [lang, message]);
  useEffect(() => {
    load();
  }, [load]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const body: OwnInput = {
        industry: values.industry || null,
        category: values.category ?? null,
        arrivalDate: values.arrivalDate || null,
        // Masked values are shown as placeholders; only a typed value replaces the stored one.
        ...(values.phone ? { phone: values.phone } : {}),
        // A new bank account needs the password again and waits for the talent office.
        ...(values.bankAccount
          ? { bankAccount: values.bankAccount, currentPassword: values.currentPassword ?? "" }
          : {}),
      };
      const saved = await registryApi.updateMe(body);
      setTalent(saved);
      message.success(
        values.bankAccount && saved.pendingBankChange
          ? t("registry.bankChangeSubmitted")
          : t("registry.saved"),
      );
      setEditing(false);
    } catch (e) {
      if (isApiError(e)) {
        message.error(e.text(lang));
        form.setFields(
          e.fieldErrors.map((f) => ({ name: f.path.replace(/^\//, "") as never, errors: [f.message[lang]] })),
        );
        if (e.code === "REAUTH_FAILED" || e.code === "REAUTH_REQUIRED")
          form.setFields([{ name: "currentPassword", errors: [e.text(lang)] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  if (missing)
    return (
      <>
        <PageHeader title={t("registry.myProfile")} />
        <Result status="info" subTitle={t("registry.noProfile")} />
      </>
    );
  if (!talent) return <LoadingPage title={t("registry.myProfile")} />;
  return (
    <>
      <PageHeader
        title={t("registry.myProfile")}
        extra={
          <Space wrap>
            <Button icon={<EyeOutlined aria-hidden />} onClick={() => setRevealing(true)}>
              {t("registry.reveal")}
            </Button>
            <Button
              type="primary"
              icon={<EditOutlined aria-hidden />}
              onClick={() => {
                form.setFieldsValue({
                  industry: talent.industry,
                  category: talent.category,
                  arrivalDate: talent.arrivalDate,
                  phone: "",
                  bankAccount: "",
                  currentPassword: "",
                });
                setEditing(true);
              }}
            >
              {t("registry.edit")}
            </Button>
          </Space>
        }
      >
        {t("registry.myProfileIntro")}
      </PageHeader>
      <Card variant="borderless">
        <TalentSections talent={talent} />
      </Card>
      <TierExplanationCard talentId={talent.id} />
      <RevealModal talent={talent} open={revealing} onClose={() => setRevealing(false)} />
      <Modal
        title={t("registry.edit")}
        open={editing}
        onCancel={() => setEditing(false)}
        onOk={save}
        okText={t("registry.save")}
        confirmLoading={busy}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="phone" label={t("registry.phone")}>
            <Input placeholder={talent.phoneMasked ?? ""} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="bankAccount"
            label={t("registry.bankAccount")}
            extra={
              talent.pendingBankChange
                ? `${t("registry.bankPending")}：${talent.pendingBankChange.accountMasked ?? t("registry.bankChanges.none")}`
                : undefined
            }
          >
            <Input placeholder={talent.bankAccountMasked ?? ""} autoComplete="off" />
          </Form.Item>
          {typedBank ? (
            <Form.Item
              name="currentPassword"
              label={t("registry.currentPassword")}
              extra={t("registry.currentPasswordHint")}
              rules={[{ required: true, message: t("registry.currentPasswordRequired") }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          ) : null}
          <Form.Item name="industry" label={t("registry.industry")}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="category" label={t("registry.category")}>
            <Select
              allowClear
              options={CATEGORIES.map((c) => ({ value: c, label: t(`registry.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="arrivalDate"
            label={t("registry.arrivalDate")}
            rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
          >
            <Input placeholder="yyyy-mm-dd" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
