import { Alert, App, Button, Card, Descriptions, Form, Input, Tabs, Typography } from "antd";
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { setCsrfToken } from "../api/client";
import { authApi } from "../api/endpoints";
import { showFormError } from "../api/forms";
import type { PasswordPolicy } from "../api/types";
import { useAuth, useMe } from "../auth/AuthContext";
import { PageHeader } from "../components/PageHeader";
import { RoleTags } from "../components/RoleTags";
import { useLang, useT } from "../i18n";
import TwoFactor from "./TwoFactor";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Number of character classes (upper, lower, digit, other) present in `s`. */
export function charClasses(s: string): number {
  let n = 0;
  if (/[A-Z]/.test(s)) n++;
  if (/[a-z]/.test(s)) n++;
  if (/[0-9]/.test(s)) n++;
  if (/[^A-Za-z0-9]/.test(s)) n++;
  return n;
}

function Profile() {
  const me = useMe();
  const t = useT();
  return (
    <Card variant="borderless">
      <Descriptions
        column={1}
        bordered
        size="middle"
        items={[
          { key: "username", label: t("account.username"), children: me.username },
          { key: "name", label: t("account.displayName"), children: me.displayName },
          { key: "org", label: t("account.org"), children: me.org.name },
          {
            key: "roles",
            label: t("account.roles"),
            children: me.roles.length ? (
              <RoleTags roles={me.roles} homeOrgId={me.org.id} />
            ) : (
              t("account.noRoles")
            ),
          },
        ]}
      />
    </Card>
  );
}

function ChangePassword() {
  const me = useMe();
  const { refresh } = useAuth();
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const forced = me.mustChangePassword;

  useEffect(() => {
    let alive = true;
    authApi
      .passwordPolicy()
      .then((p) => {
        if (alive) setPolicy(p);
      })
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, []);

  const onFinish = async (v: PasswordForm) => {
    setSubmitting(true);
    try {
      const res = await authApi.changePassword(v.currentPassword, v.newPassword);
      // The server rotated the session and set a new rencai_csrf cookie; remember the body's copy too.
      setCsrfToken(res.csrfToken);
      form.resetFields();
      message.success({ content: t("password.changed"), key: "pw-changed" });
      const m = await refresh().catch(() => null);
      if (m) setCsrfToken(m.csrfToken || res.csrfToken);
      if (forced) navigate("/", { replace: true });
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["currentPassword", "newPassword", "confirm"],
        codeFields: { AUTH_FAILED: "currentPassword", PASSWORD_POLICY: "newPassword" },
        fallbackField: "newPassword",
      });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card variant="borderless">
      {forced ? (
        <Alert
          type="warning"
          showIcon
          className="rc-mb"
          title={t("password.mustChangeTitle")}
          description={t("password.mustChangeBody")}
        />
      ) : null}
      <div className="rc-password-layout">
        <Form<PasswordForm>
          form={form}
          name="password"
          layout="vertical"
          onFinish={onFinish}
          className="rc-password-form"
          requiredMark={false}
        >
          <Form.Item
            label={t("password.current")}
            name="currentPassword"
            rules={[{ required: true, message: t("password.currentRequired") }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label={t("password.new")}
            name="newPassword"
            dependencies={["currentPassword"]}
            rules={[
              { required: true, message: t("password.newRequired") },
              ({ getFieldValue }) => ({
                validator(_, value: string | undefined) {
                  if (!value) return Promise.resolve();
                  if (policy && value.length < policy.minLength)
                    return Promise.reject(new Error(t("password.tooShort", { n: policy.minLength })));
                  if (policy && charClasses(value) < policy.minClasses)
                    return Promise.reject(new Error(t("password.tooFewClasses", { n: policy.minClasses })));
                  if (value === getFieldValue("currentPassword"))
                    return Promise.reject(new Error(t("password.sameAsCurrent")));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label={t("password.confirm")}
            name="confirm"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator(_, value: string | undefined) {
                  if (!value || value === getFieldValue("newPassword")) return Promise.resolve();
                  return Promise.reject(new Error(t("password.mismatch")));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t("password.submit")}
            </Button>
          </Form.Item>
        </Form>
        <aside className="rc-policy" aria-labelledby="rc-policy-title">
          <Typography.Title level={2} id="rc-policy-title" className="rc-policy-title">
            {t("password.policyTitle")}
          </Typography.Title>
          <ul>
            {policy ? <li>{t("password.ruleLength", { n: policy.minLength })}</li> : null}
            {policy ? <li>{t("password.ruleClasses", { n: policy.minClasses })}</li> : null}
            <li>{t("password.ruleDiffer")}</li>
          </ul>
          <p className="rc-muted">{t("password.sessionsNote")}</p>
        </aside>
      </div>
    </Card>
  );
}

export default function AccountPage() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const tab =
    location.pathname === "/account/password"
      ? "password"
      : location.pathname === "/account/two-factor"
        ? "two-factor"
        : "profile";
  const confined = me.mustChangePassword || me.mfaEnrolmentRequired;
  const title =
    tab === "password" ? t("password.title") : tab === "two-factor" ? t("mfa.title") : t("account.title");

  return (
    <>
      <PageHeader title={title} />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === "profile" ? "/account" : `/account/${k}`)}
        items={[
          {
            key: "profile",
            label: t("account.profile"),
            children: <Profile />,
            disabled: confined,
          },
          {
            key: "password",
            label: t("password.title"),
            children: <ChangePassword />,
            disabled: !me.mustChangePassword && me.mfaEnrolmentRequired,
          },
          {
            key: "two-factor",
            label: t("mfa.title"),
            children: <TwoFactor />,
            disabled: me.mustChangePassword,
          },
        ]}
        destroyOnHidden
      />
    </>
  );
}
