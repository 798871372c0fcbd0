import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { type ApiError, isApiError, setCsrfToken } from "../api/client";
import { authApi } from "../api/endpoints";
import type { LoginResponse } from "../api/types";
import { useAuth } from "../auth/AuthContext";
import { BrandMark } from "../components/Brand";
import { LangSwitch } from "../components/LangSwitch";
import { useLang, useT } from "../i18n";

interface LoginForm {
  username: string;
  password: string;
}

interface SecondStepForm {
  code?: string;
  recoveryCode?: string;
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
  const [second] = Form.useForm<SecondStepForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** The password was right and the account uses two-factor authentication. */
  const [step, setStep] = useState<"password" | "mfa">("password");
  const [useRecovery, setUseRecovery] = useState(false);

  useEffect(() => {
    document.title = `${t("login.title")} - ${t("app.name")}`;
  }, [t]);

  if (status === "ready" && me && !submitting) {
    return <Navigate to={me.mustChangePassword ? "/account/password" : "/"} replace />;
  }

  const signedIn = (res: LoginResponse) => {
    setCsrfToken(res.csrfToken);
    if (!res.user) {
      setStep("mfa");
      return;
    }
    setMe({ ...res.user, csrfToken: res.user.csrfToken || res.csrfToken });
    if (res.user.mustChangePassword) {
      navigate("/account/password", { replace: true, state: { forced: true } });
    } else if (res.user.mfaEnrolmentRequired) {
      navigate("/account/two-factor", { replace: true });
    } else {
      const from = (location.state as FromState | null)?.from;
      const back =
        from?.pathname && from.pathname !== "/login" ? `${from.pathname}${from.search ?? ""}` : "/";
      navigate(back, { replace: true });
    }
  };

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      signedIn(await authApi.login(values.username.trim(), values.password));
    } catch (e) {
      if (isApiError(e)) setError(e);
      form.setFieldValue("password", "");
    } finally {
      setSubmitting(false);
    }
  };

  const backToPassword = () => {
    setStep("password");
    setUseRecovery(false);
    second.resetFields();
  };

  const onSecondStep = async (values: SecondStepForm) => {
    setSubmitting(true);
    setError(null);
    try {
      signedIn(
        await authApi.loginMfa(
          useRecovery
            ? { recoveryCode: values.recoveryCode?.trim() ?? "" }
            : { code: values.code?.trim() ?? "" },
        ),
      );
    } catch (e) {
      if (isApiError(e)) {
        setError(e);
        // The pending sign-in expired or the account locked: start again from the password.
        if (e.code !== "MFA_FAILED") backToPassword();
      }
      second.resetFields();
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
            {step === "mfa" ? t("login.mfaTitle") : t("login.title")}
          </Typography.Title>
          {error ? (
            <Alert type="error" showIcon title={error.text(lang)} className="rc-login-error" role="alert" />
          ) : null}
          {step === "mfa" ? (
            <Form<SecondStepForm>
              form={second}
              name="login-mfa"
              layout="vertical"
              requiredMark={false}
              onFinish={onSecondStep}
              size="large"
            >
              <p className="rc-login-hint">{t(useRecovery ? "login.recoveryIntro" : "login.mfaIntro")}</p>
              {useRecovery ? (
                <Form.Item
                  label={t("login.recoveryCode")}
                  name="recoveryCode"
                  rules={[{ required: true, whitespace: true, message: t("login.recoveryRequired") }]}
                >
                  <Input autoComplete="off" autoFocus maxLength={24} />
                </Form.Item>
              ) : (
                <Form.Item
                  label={t("login.mfaCode")}
                  name="code"
                  rules={[{ required: true, pattern: /^\s*[0-9]{6}\s*$/, message: t("mfa.codeRequired") }]}
                >
                  <Input
                    prefix={<SafetyOutlined aria-hidden />}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    autoFocus
                    maxLength={8}
                  />
                </Form.Item>
              )}
              <Form.Item className="rc-login-submit">
                <Button type="primary" htmlType="submit" block loading={submitting}>
                  {t("login.mfaSubmit")}
                </Button>
              </Form.Item>
              <p className="rc-login-hint">
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setUseRecovery((r) => !r);
                    second.resetFields();
                  }}
                >
                  {t(useRecovery ? "login.useCode" : "login.useRecovery")}
                </Button>
                <Button type="link" size="small" onClick={backToPassword}>
                  {t("login.back")}
                </Button>
              </p>
            </Form>
          ) : (
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
                <Input
                  prefix={<UserOutlined aria-hidden />}
                  autoComplete="username"
                  autoFocus
                  maxLength={64}
                />
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
          )}
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
