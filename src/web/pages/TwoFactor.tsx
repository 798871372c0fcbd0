import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Divider,
  Form,
  Input,
  Skeleton,
  Space,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { mfaApi } from "../api/endpoints";
import { showFormError } from "../api/forms";
import type { MfaEnrolment, MfaStatus } from "../api/types";
import { useAuth, useMe } from "../auth/AuthContext";
import { useLang, useT } from "../i18n";
import { fmtTime } from "../lib/format";

// The account page's "两步验证 / Two-factor authentication" tab: set-up with a QR code, the recovery
// codes shown once, new recovery codes and switching it off (docs/api/identity.md).

const CODE_RULES = [{ required: true, pattern: /^[0-9]{6}$/, message: "" }];

function CodeInput({ autoFocus }: { autoFocus?: boolean }) {
  return (
    <Input
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      autoFocus={autoFocus}
      className="rc-w-200"
    />
  );
}

/** The ten recovery codes, shown this once. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      message.success(t("mfa.copied"));
    } catch {
      // clipboard may be unavailable (http, permissions); the codes are on screen
    }
  };
  return (
    <Card variant="borderless">
      <Alert
        type="warning"
        showIcon
        className="rc-mb"
        title={t("mfa.recoveryTitle")}
        description={t("mfa.recoveryBody")}
      />
      <ol className="rc-recovery-codes" aria-label={t("mfa.recoveryTitle")}>
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code copyable={false}>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Space>
        <Button onClick={copy}>{t("mfa.copy")}</Button>
        <Button type="primary" onClick={onDone}>
          {t("mfa.saved")}
        </Button>
      </Space>
    </Card>
  );
}

function Enrol({ status, onEnabled }: { status: MfaStatus; onEnabled: (codes: string[]) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      setEnrolment(await mfaApi.enrol());
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (v: { code: string }) => {
    setBusy(true);
    try {
      const res = await mfaApi.confirm(v.code.trim());
      onEnabled(res.recoveryCodes);
    } catch (e) {
      form.setFieldValue("code", "");
      showFormError(form, e, lang, { fields: ["code"], fallbackField: "code" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="borderless">
      {status.required ? (
        <Alert
          type="warning"
          showIcon
          className="rc-mb"
          title={t("mfa.requiredTitle")}
          description={t("mfa.requiredBody")}
        />
      ) : null}
      <Typography.Paragraph>{t("mfa.intro")}</Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        items={[{ key: "s", label: t("mfa.status"), children: t("mfa.off") }]}
      />
      {enrolment === null ? (
        <Button type="primary" onClick={start} loading={busy}>
          {t("mfa.start")}
        </Button>
      ) : (
        <div className="rc-mfa-enrol">
          <Typography.Paragraph>{t("mfa.scan")}</Typography.Paragraph>
          <img src={enrolment.qrCode} alt={t("mfa.qrAlt")} width={200} height={200} className="rc-mfa-qr" />
          <Typography.Paragraph>
            {t("mfa.manual")}{" "}
            <Typography.Text code copyable>
              {enrolment.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form<{ code: string }>
            form={form}
            name="mfa-confirm"
            layout="vertical"
            onFinish={confirm}
            requiredMark={false}
          >
            <Form.Item
              label={t("mfa.code")}
              name="code"
              rules={CODE_RULES.map((r) => ({ ...r, message: t("mfa.codeRequired") }))}
            >
              <CodeInput autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t("mfa.confirm")}
            </Button>
          </Form>
        </div>
      )}
    </Card>
  );
}

function Enabled({
  status,
  onCodes,
  onDisabled,
}: {
  status: MfaStatus;
  onCodes: (codes: string[]) => void;
  onDisabled: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [regen] = Form.useForm<{ code: string }>();
  const [off] = Form.useForm<{ password: string; code: string }>();
  const [busy, setBusy] = useState(false);

  const regenerate = async (v: { code: string }) => {
    setBusy(true);
    try {
      const res = await mfaApi.regenerate(v.code.trim());
      regen.resetFields();
      onCodes(res.recoveryCodes);
    } catch (e) {
      regen.setFieldValue("code", "");
      showFormError(regen, e, lang, { fields: ["code"], fallbackField: "code" });
    } finally {
      setBusy(false);
    }
  };

  const disable = async (v: { password: string; code: string }) => {
    setBusy(true);
    try {
      await mfaApi.disable(v.password, v.code.trim());
      off.resetFields();
      message.success(t("mfa.disabled"));
      onDisabled();
    } catch (e) {
      off.setFieldValue("code", "");
      showFormError(off, e, lang, { fields: ["password", "code"], fallbackField: "code" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="borderless">
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: "s",
            label: t("mfa.status"),
            children: t("mfa.on", { at: status.enabledAt ? fmtTime(status.enabledAt) : "" }),
          },
          { key: "n", label: t("mfa.recoveryLeftLabel"), children: String(status.recoveryCodesLeft) },
        ]}
      />
      {status.recoveryCodesLeft <= 3 ? (
        <Alert
          type="warning"
          showIcon
          className="rc-mb"
          title={t("mfa.fewCodes", { n: status.recoveryCodesLeft })}
        />
      ) : null}
      <Divider />
      <Typography.Title level={3}>{t("mfa.regenerate")}</Typography.Title>
      <Typography.Paragraph className="rc-muted">{t("mfa.regenerateHelp")}</Typography.Paragraph>
      <Form<{ code: string }>
        form={regen}
        name="mfa-regenerate"
        layout="inline"
        onFinish={regenerate}
        requiredMark={false}
      >
        <Form.Item
          label={t("mfa.code")}
          name="code"
          rules={CODE_RULES.map((r) => ({ ...r, message: t("mfa.codeRequired") }))}
        >
          <CodeInput />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t("mfa.regenerate")}
        </Button>
      </Form>
      <Divider />
      <Typography.Title level={3}>{t("mfa.disable")}</Typography.Title>
      {status.required ? (
        <Typography.Paragraph className="rc-muted">{t("mfa.requiredNoDisable")}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph className="rc-muted">{t("mfa.disableHelp")}</Typography.Paragraph>
          <Form<{ password: string; code: string }>
            form={off}
            name="mfa-disable"
            layout="vertical"
            onFinish={disable}
            requiredMark={false}
          >
            <Form.Item
              label={t("password.current")}
              name="password"
              rules={[{ required: true, message: t("password.currentRequired") }]}
            >
              <Input.Password autoComplete="current-password" maxLength={128} className="rc-w-200" />
            </Form.Item>
            <Form.Item
              label={t("mfa.code")}
              name="code"
              rules={CODE_RULES.map((r) => ({ ...r, message: t("mfa.codeRequired") }))}
            >
              <CodeInput />
            </Form.Item>
            <Button danger htmlType="submit" loading={busy}>
              {t("mfa.disable")}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

export default function TwoFactor() {
  const me = useMe();
  const { refresh } = useAuth();
  const navigate = useNavigate();
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  // Whether this visit was the confinement of a role that requires 2FA (then "done" leads home).
  const [forced] = useState(me.mfaEnrolmentRequired);

  const load = useCallback(async () => {
    try {
      setStatus(await mfaApi.status());
    } catch {
      // shown by the client
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          load();
          if (forced) navigate("/", { replace: true });
        }}
      />
    );
  }
  if (!status) {
    return (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  }
  if (!status.enabled) {
    return (
      <Enrol
        status={status}
        onEnabled={(c) => {
          setCodes(c);
          // The session is no longer confined to this page.
          refresh().catch(() => {});
        }}
      />
    );
  }
  return (
    <Enabled
      status={status}
      onCodes={setCodes}
      onDisabled={() => {
        load();
        refresh().catch(() => {});
      }}
    />
  );
}
