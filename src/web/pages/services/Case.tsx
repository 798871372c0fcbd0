// The officer's case page: the submitted form (read-only), materials with download links, the steps,
// the history, and buttons only for the actions the server says this user may take now.
import {
  CheckOutlined,
  CloseOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Form, Input, Modal } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { showFormError } from "../../api/forms";
import { type Application, applicationApi, type Decision } from "../../api/services";
import { useMe } from "../../auth/AuthContext";
import { MaterialsView } from "../../components/MaterialsInput";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { type TFunc, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import {
  CaseFacts,
  DecisionBanner,
  FormCard,
  HistoryTimeline,
  StatusTag,
  StepsTable,
  useItemVersion,
} from "./parts";

const DECISIONS: readonly Decision[] = ["approve", "return", "reject", "revoke"];

interface DecideValues {
  comment?: string;
  reason?: string;
  corrections?: string[];
}

function actionLabel(t: TFunc, action: Decision, app: Application): string {
  if (action === "approve" && app.currentStep?.kind === "countersign") return t("case.actCountersign");
  if (action === "approve" && app.currentStep?.kind === "publicity") return t("case.actClosePublicity");
  return t(`case.act.${action}`);
}

function DecideModal({
  app,
  action,
  onClose,
  onDone,
  onStale,
}: {
  app: Application;
  action: Decision | null;
  onClose: () => void;
  onDone: (a: Application) => void;
  /** Someone acted first (409 STEP_CHANGED): show the case as it is now. */
  onStale: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<DecideValues>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === "return") form.setFieldsValue({ corrections: [""] });
  }, [action, form]);

  const onFinish = async (v: DecideValues) => {
    if (!action || !app.currentStep) return;
    setBusy(true);
    try {
      const next = await applicationApi.decide(app.id, {
        action,
        stepIndex: app.currentStep.index,
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        ...(action === "return"
          ? { corrections: (v.corrections ?? []).map((c) => c.trim()).filter(Boolean) }
          : {}),
        ...(action === "reject" || action === "revoke" ? { reason: v.reason?.trim() } : {}),
      });
      onDone(next);
    } catch (e) {
      showFormError(form, e, lang, { fields: ["comment", "reason", "corrections"] });
      if (isApiError(e) && (e.code === "STEP_CHANGED" || e.code === "ACTION_NOT_ALLOWED")) onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!action}
      title={action ? actionLabel(t, action, app) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.ok")}
      okButtonProps={{ danger: action === "reject" || action === "revoke" }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      <p className="rc-muted">
        {t("case.decideAt", { number: app.number, step: app.currentStep?.name ?? "" })}
      </p>
      <Form<DecideValues> form={form} layout="vertical" name="decide" onFinish={onFinish}>
        {action === "return" ? (
          <Form.List
            name="corrections"
            rules={[
              {
                validator: async (_, v: string[] | undefined) => {
                  if (!(v ?? []).some((c) => c?.trim())) throw new Error(t("case.correctionsRequired"));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <div className="rc-mb">
                <div className="rc-strong rc-mb-s">{t("case.corrections")}</div>
                {fields.map((f, i) => (
                  <div key={f.key} className="rc-correction-row">
                    <Form.Item
                      name={f.name}
                      className="rc-fill"
                      rules={[{ max: 500 }]}
                      label={t("case.correctionN", { n: i + 1 })}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined aria-hidden />}
                        aria-label={t("case.removeCorrection", { n: i + 1 })}
                        onClick={() => remove(f.name)}
                      />
                    ) : null}
                  </div>
                ))}
                {fields.length < 20 ? (
                  <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add("")}>
                    {t("case.addCorrection")}
                  </Button>
                ) : null}
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
        ) : null}
        {action === "reject" || action === "revoke" ? (
          <Form.Item
            name="reason"
            label={t("case.reason")}
            rules={[{ required: true, whitespace: true, message: t("case.reasonRequired") }, { max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        ) : null}
        <Form.Item name="comment" label={t("case.comment")} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const ACTION_ICONS: Record<Decision, React.ReactNode> = {
  approve: <CheckOutlined aria-hidden />,
  return: <RollbackOutlined aria-hidden />,
  reject: <CloseOutlined aria-hidden />,
  revoke: <StopOutlined aria-hidden />,
};

export default function CasePage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const me = useMe();
  const { id = "" } = useParams();
  const [app, setApp] = useState<Application | null>(null);
  const [missing, setMissing] = useState(false);
  const [action, setAction] = useState<Decision | null>(null);
  const item = useItemVersion(app?.item.code, app?.item.version);

  const load = useCallback(() => {
    applicationApi
      .get(id, { quiet: true })
      .then(setApp)
      .catch((e) => {
        if (isApiError(e) && e.status === 404) setMissing(true);
      });
  }, [id]);
  useEffect(load, [load]);

  if (missing)
    return (
      <MissingPage
        title={t("case.title")}
        body={t("case.notFound")}
        backTo="/services/workbench"
        backLabel={t("case.backToWorkbench")}
      />
    );
  if (!app) return <LoadingPage title={t("case.title")} />;
  const actions = DECISIONS.filter((a) => app.allowedActions.includes(a));
  const pub = app.currentStep?.publicity;
  return (
    <>
      <PageHeader title={`${app.item.name} · ${app.number}`} extra={<StatusTag status={app.status} />} />
      <DecisionBanner app={app} />
      <Card variant="borderless" className="rc-mb">
        <CaseFacts app={app} showApplicant />
      </Card>
      {app.currentStep ? (
        <Card
          variant="borderless"
          className="rc-mb"
          title={t("case.currentStepTitle", { step: app.currentStep.name })}
        >
          {pub ? (
            <Alert
              className="rc-mb"
              type={pub.passed ? "success" : pub.openObjections ? "warning" : "info"}
              showIcon
              title={t("case.publicity", { end: fmtTime(pub.endsAt), n: pub.openObjections })}
              description={pub.passed ? t("case.publicityPassed") : t("case.publicityRunning")}
              action={
                me.nav.includes("publicity") ? (
                  <Link to={`/publicity/${pub.id}`}>{t("case.publicityOpen")}</Link>
                ) : undefined
              }
            />
          ) : null}
          {actions.length ? (
            <div className="rc-case-actions">
              {actions.map((a) => (
                <Button
                  key={a}
                  type={a === "approve" ? "primary" : "default"}
                  danger={a === "reject" || a === "revoke"}
                  icon={ACTION_ICONS[a]}
                  onClick={() => setAction(a)}
                >
                  {actionLabel(t, a, app)}
                </Button>
              ))}
            </div>
          ) : (
            <p className="rc-muted">{t("case.noActions")}</p>
          )}
        </Card>
      ) : null}
      <FormCard schema={item?.form ?? null} data={app.form} app={app} />
      <Card variant="borderless" title={t("material.label")} className="rc-mb">
        <MaterialsView materials={app.materials} />
      </Card>
      <Card variant="borderless" title={t("case.steps")} className="rc-mb">
        <StepsTable app={app} />
      </Card>
      <Card variant="borderless" title={t("case.history")}>
        <HistoryTimeline events={app.history} />
      </Card>
      <DecideModal
        app={app}
        action={action}
        onClose={() => setAction(null)}
        onStale={() => {
          setAction(null);
          load();
        }}
        onDone={(next) => {
          const done = action;
          setAction(null);
          setApp(next);
          if (done) message.success(t(`case.done.${done}`));
        }}
      />
    </>
  );
}
