import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { type ApiError, isApiError } from "../api/client";
import { authApi } from "../api/endpoints";
import { LangSwitch } from "../components/LangSwitch";
import { useLang, useT } from "../i18n";

// The page a one-time reset link opens: the token rides in the URL fragment (#token=…), which the
// browser never sends to a server, and is posted once with the new password.

interface ResetValues {
  newPassword: string;
  newPassword2: string;
}

export default function ResetPasswordPage() {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<ResetValues>();
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t("reset.title")} - ${t("app.name")}`;
  }, [t]);

  const onFinish = async (v: ResetValues) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.redeemResetLink(token, v.newPassword);
      setDone(true);
    } catch (e) {
      if (isApiError(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rc-login">
      <div className="rc-login-top">
        <LangSwitch size="small" />
      </div>
      <div className="rc-login-inner">
        <Card className="rc-login-card" variant="borderless">
          <Typography.Title level={2} className="rc-login-title">
            {t("reset.title")}
          </Typography.Title>
          {!token ? <Alert type="error" showIcon title={t("reset.noToken")} role="alert" /> : null}
          {error ? (
            <Alert type="error" showIcon title={error.text(lang)} role="alert" className="rc-mb" />
          ) : null}
          {done ? (
            <>
              <Alert type="success" showIcon title={t("reset.done")} className="rc-mb" />
              <a href="/login">{t("reset.toLogin")}</a>
            </>
          ) : token ? (
            <Form<ResetValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
              <p>{t("reset.intro")}</p>
              <Form.Item label={t("reset.newPassword")} name="newPassword" rules={[{ required: true }]}>
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
              <Form.Item
                label={t("reset.newPassword2")}
                name="newPassword2"
                dependencies={["newPassword"]}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    validator: (_r, value) =>
                      !value || value === getFieldValue("newPassword")
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("reset.mismatch"))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t("reset.submit")}
              </Button>
            </Form>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
