import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { type ApiError, isApiError, setCsrfToken } from "../api/client";
import { authApi } from "../api/endpoints";
import { useAuth } from "../auth/AuthContext";
import { BrandMark } from "../components/Brand";
import { LangSwitch } from "../components/LangSwitch";
import { useLang, useT } from "../i18n";

interface LoginForm {
  username: string;
  password: string;
}

interface FromState {
  from?: { pathname?: string; search?: string };
}

export default function LoginPage() {
  const t = useT();
  const { lang } = useLang();
  const { me, setMe, status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    document.title = `${t("login.title")} - ${t("app.name")}`;
  }, [t]);

  if (status === "ready" && me && !submitting) {
    return <Navigate to={me.mustChangePassword ? "/account/password" : "/"} replace />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await authApi.login(values.username.trim(), values.password);
      setCsrfToken(res.csrfToken);
      setMe({ ...res.user, csrfToken: res.user.csrfToken || res.csrfToken });
      if (res.user.mustChangePassword) {
        navigate("/account/password", { replace: true, state: { forced: true } });
      } else {
        const from = (location.state as FromState | null)?.from;
        const back =
          from?.pathname && from.pathname !== "/login" ? `${from.pathname}${from.search ?? ""}` : "/";
        navigate(back, { replace: true });
      }
    } catch (e) {
      if (isApiError(e)) setError(e);
      form.setFieldValue("password", "");
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="rc-login">
      <div className="rc-login-top">
        <a href="/portal" className="rc-login-portal" style={{ marginRight: 16, alignSelf: "center" }}>
          {t("login.portal")}
        </a>
        <LangSwitch size="small" />
      </div>
      <div className="rc-login-inner">
        <section className="rc-login-hero" aria-hidden="false">
          <BrandMark size={56} />
          <Typography.Title level={1} className="rc-login-name">
            {t("app.name")}
          </Typography.Title>
          <p className="rc-login-sub">{t("app.subtitle")}</p>
          <p className="rc-login-tagline">{t("login.tagline")}</p>
        </section>
        <Card className="rc-login-card" variant="borderless">
          <Typography.Title level={2} className="rc-login-title">
            {t("login.title")}
          </Typography.Title>
          {error ? (
            <Alert type="error" showIcon title={error.text(lang)} className="rc-login-error" role="alert" />
          ) : null}
          <Form<LoginForm>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            autoComplete="on"
            size="large"
          >
            <Form.Item
              label={t("login.username")}
              name="username"
              rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus maxLength={64} />
            </Form.Item>
            <Form.Item
              label={t("login.password")}
              name="password"
              rules={[{ required: true, message: t("login.passwordRequired") }]}
            >
              <Input.Password
                prefix={<LockOutlined aria-hidden />}
                autoComplete="current-password"
                maxLength={128}
              />
            </Form.Item>
            <Form.Item className="rc-login-submit">
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t("login.submit")}
              </Button>
            </Form.Item>
          </Form>
          <p className="rc-login-hint">{t("login.hint")}</p>
          <p className="rc-login-hint">{t("login.security")}</p>
          <p className="rc-login-hint">
            <a href="/portal/register">{t("login.register")}</a>
          </p>
        </Card>
      </div>
      <footer className="rc-login-footer">{t("app.footer")}</footer>
    </div>
  );
}
