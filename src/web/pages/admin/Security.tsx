import { App as AntApp, Button, Card, Col, Form, InputNumber, Row, Select, Skeleton, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import { settingsApi } from "../../api/endpoints";
import { showFormError } from "../../api/forms";
import { ROLE_CODES, type SecuritySettings } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, roleLabel, useLang, useT } from "../../i18n";

interface FieldSpec {
  name: Exclude<keyof SecuritySettings, "mfaRequiredRoles">;
  label: MsgKey;
  help?: MsgKey;
  unit: MsgKey;
  min: number;
  max: number;
}

const GROUPS: { title: MsgKey; fields: FieldSpec[] }[] = [
  {
    title: "security.password",
    fields: [
      { name: "passwordMinLength", label: "security.passwordMinLength", unit: "unit.chars", min: 8, max: 64 },
      {
        name: "passwordMinClasses",
        label: "security.passwordMinClasses",
        help: "security.passwordMinClassesHelp",
        unit: "unit.classes",
        min: 2,
        max: 4,
      },
    ],
  },
  {
    title: "security.lockout",
    fields: [
      {
        name: "lockoutThreshold",
        label: "security.lockoutThreshold",
        help: "security.lockoutThresholdHelp",
        unit: "unit.times",
        min: 3,
        max: 10,
      },
      { name: "lockoutMinutes", label: "security.lockoutMinutes", unit: "unit.minutes", min: 5, max: 1440 },
    ],
  },
  {
    title: "security.session",
    fields: [
      {
        name: "sessionIdleMinutes",
        label: "security.sessionIdleMinutes",
        help: "security.sessionIdleMinutesHelp",
        unit: "unit.minutes",
        min: 5,
        max: 120,
      },
      {
        name: "sessionAbsoluteHours",
        label: "security.sessionAbsoluteHours",
        help: "security.sessionAbsoluteHoursHelp",
        unit: "unit.hours",
        min: 1,
        max: 72,
      },
    ],
  },
];

const FIELD_NAMES = [...GROUPS.flatMap((g) => g.fields.map((f) => f.name)), "mfaRequiredRoles"];

export default function SecurityPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SecuritySettings>();
  const [loaded, setLoaded] = useState<SecuritySettings | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      const s = await settingsApi.getSecurity();
      setLoaded(s);
    } catch {
      // shown by the client
    }
  }, []);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    if (loaded) form.setFieldsValue(loaded);
  }, [loaded, form]);

  const onFinish = async (v: SecuritySettings) => {
    setSaving(true);
    try {
      const s = await settingsApi.putSecurity(v);
      setLoaded(s);
      message.success(t("security.saved"));
    } catch (e) {
      showFormError(form, e, lang, { fields: FIELD_NAMES });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t("security.title")} />
      {loaded ? (
        <Form<SecuritySettings>
          form={form}
          name="security"
          layout="vertical"
          onFinish={onFinish}
          initialValues={loaded}
        >
          <Row gutter={[16, 16]}>
            {GROUPS.map((g) => (
              <Col xs={24} lg={8} key={g.title}>
                <Card variant="borderless" title={t(g.title)} className="rc-fill">
                  {g.fields.map((f) => (
                    <Form.Item
                      key={f.name}
                      name={f.name}
                      label={t(f.label)}
                      extra={
                        <>
                          {f.help ? <div>{t(f.help)}</div> : null}
                          <div>{t("security.range", { min: f.min, max: f.max })}</div>
                        </>
                      }
                      rules={[
                        { required: true, message: t("security.range", { min: f.min, max: f.max }) },
                        {
                          type: "integer",
                          min: f.min,
                          max: f.max,
                          message: t("security.range", { min: f.min, max: f.max }),
                        },
                      ]}
                    >
                      <InputNumber
                        min={f.min}
                        max={f.max}
                        precision={0}
                        step={1}
                        suffix={t(f.unit)}
                        className="rc-w-200"
                      />
                    </Form.Item>
                  ))}
                </Card>
              </Col>
            ))}
            <Col xs={24} lg={8}>
              <Card variant="borderless" title={t("security.mfa")} className="rc-fill">
                <Form.Item
                  name="mfaRequiredRoles"
                  label={t("security.mfaRequiredRoles")}
                  extra={t("security.mfaRequiredRolesHelp")}
                >
                  <Select
                    mode="multiple"
                    allowClear
                    options={ROLE_CODES.map((r) => ({ value: r, label: roleLabel(lang, r) }))}
                  />
                </Form.Item>
              </Card>
            </Col>
          </Row>
          <div className="rc-form-actions">
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t("common.save")}
              </Button>
              <Button onClick={() => form.setFieldsValue(loaded)}>{t("common.reset")}</Button>
            </Space>
          </div>
        </Form>
      ) : (
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      )}
    </>
  );
}
