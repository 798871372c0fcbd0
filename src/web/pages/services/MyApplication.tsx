// One of my applications (办件): fill the form and upload materials while it is a draft or returned
// for correction, submit (idempotent), withdraw before the first decision; then follow each step's
// promised and actual dates, the history and the decision.
import { RollbackOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Space } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type Application, applicationApi, newIdempotencyKey } from "../../api/services";
import {
  MaterialsInput,
  type MaterialsValue,
  MaterialsView,
  materialIds,
  materialsFrom,
  materialsUploading,
  missingMaterials,
} from "../../components/MaterialsInput";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import {
  applySchemaErrors,
  type FormData,
  fromFormValues,
  SchemaFields,
  toFormValues,
} from "../../components/SchemaForm";
import { pick, useLang, useT } from "../../i18n";
import {
  CaseFacts,
  DecisionBanner,
  FormCard,
  HistoryTimeline,
  StatusTag,
  StepsTable,
  useItemVersion,
} from "./parts";

interface EditValues {
  form?: FormData;
  materials?: MaterialsValue;
}

function EditCard({ app, onApp }: { app: Application; onApp: (a: Application) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditValues>();
  const item = useItemVersion(app.item.code, app.item.version);
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  /** One key per submit attempt; kept only while that attempt's answer is unknown (network error). */
  const pendingKey = useRef<string | null>(null);
  const uploading = materialsUploading(Form.useWatch("materials", form));
  const schema = item?.form ?? null;

  // Filled once, when the version's form has loaded (the card is keyed by the application); later
  // answers from the server keep what the user is typing.
  const initial = useRef(app);
  useEffect(() => {
    if (!schema) return;
    form.setFieldsValue({
      form: toFormValues(schema, initial.current.form),
      materials: materialsFrom(initial.current.materials),
    });
  }, [schema, form]);

  const save = async (): Promise<Application | null> => {
    if (!schema) return null;
    const v = form.getFieldsValue(true) as EditValues;
    try {
      const next = await applicationApi.update(app.id, {
        form: fromFormValues(schema, v.form),
        materials: materialIds(app.materials, v.materials),
      });
      onApp(next);
      return next;
    } catch (e) {
      showErrors(e);
      return null;
    }
  };

  const showErrors = (e: unknown) => {
    if (!schema) return;
    const left = applySchemaErrors(form, e, lang, schema, { roots: ["form"], prefix: ["form"] });
    if (isApiError(e)) {
      const materialErrs = e.fieldErrors
        .filter((f) => f.path.startsWith("/materials"))
        .map((f) => pick(lang, f.message));
      if (materialErrs.length) form.setFields([{ name: "materials", errors: materialErrs }]);
      const rest = left.filter((m) => !materialErrs.includes(m));
      setProblem(rest.length ? rest : e.fieldErrors.length ? [] : [e.text(lang)]);
    } else setProblem([String(e)]);
  };

  const onSave = async () => {
    setBusy("save");
    setProblem([]);
    if (await save()) message.success(t("apply.saved"));
    setBusy(null);
  };

  const onSubmit = async () => {
    if (!schema) return;
    setProblem([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const missing = missingMaterials(app.materials, form.getFieldValue("materials"));
    if (missing.length) {
      form.setFields([
        {
          name: "materials",
          errors: [t("material.missing", { names: missing.map((m) => m.name).join(t("common.listSep")) })],
        },
      ]);
      return;
    }
    setBusy("submit");
    try {
      if (!(await save())) return;
      pendingKey.current ??= newIdempotencyKey();
      const done = await applicationApi.submit(app.id, pendingKey.current);
      pendingKey.current = null;
      onApp(done);
      message.success(t(app.status === "returned" ? "apply.resubmitted" : "apply.submitted"));
    } catch (e) {
      // A definite answer ends this attempt; a lost connection keeps the key so that a retry replays.
      if (!(isApiError(e) && e.status === 0)) pendingKey.current = null;
      showErrors(e);
    } finally {
      setBusy(null);
    }
  };

  if (!schema) return <LoadingCard />;
  return (
    <Card
      variant="borderless"
      title={t(app.status === "returned" ? "apply.correctTitle" : "apply.fillTitle")}
      className="rc-mb"
    >
      <Form<EditValues> form={form} name="application" layout="vertical" scrollToFirstError>
        <SchemaFields schema={schema} prefix={["form"]} sources={app.sources} />
        <Form.Item name="materials" label={t("material.label")}>
          <MaterialsInput specs={app.materials} />
        </Form.Item>
      </Form>
      {problem.length ? (
        <Alert type="error" showIcon className="rc-mb" title={problem.join(t("common.clauseSep"))} />
      ) : null}
      <Space wrap>
        <Button
          type="primary"
          icon={<SendOutlined aria-hidden />}
          loading={busy === "submit"}
          disabled={uploading || busy === "save"}
          onClick={onSubmit}
        >
          {t(app.status === "returned" ? "apply.resubmit" : "apply.submit")}
        </Button>
        <Button
          icon={<SaveOutlined aria-hidden />}
          loading={busy === "save"}
          disabled={uploading || busy === "submit"}
          onClick={onSave}
        >
          {t("apply.saveDraft")}
        </Button>
      </Space>
    </Card>
  );
}

function LoadingCard() {
  const t = useT();
  return <Card variant="borderless" loading title={t("apply.fillTitle")} className="rc-mb" />;
}

function WithdrawButton({ app, onApp }: { app: Application; onApp: (a: Application) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t("apply.withdraw")}
      </Button>
      <Modal
        open={open}
        title={t("apply.withdrawTitle")}
        okText={t("apply.withdraw")}
        okButtonProps={{ danger: true }}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            onApp(await applicationApi.withdraw(app.id, reason.trim() || undefined));
            message.success(t("apply.withdrawn"));
            setOpen(false);
          } catch {
            // shown by the client
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>{t("apply.withdrawHelp")}</p>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t("apply.withdrawReason")}
          placeholder={t("apply.withdrawReason")}
        />
      </Modal>
    </>
  );
}

export default function MyApplicationPage() {
  const t = useT();
  const { id = "" } = useParams();
  const [app, setApp] = useState<Application | null>(null);
  const [missing, setMissing] = useState(false);
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
        title={t("apply.detailTitle")}
        body={t("case.notFound")}
        backTo="/services/mine"
        backLabel={t("apply.backToMine")}
      />
    );
  if (!app) return <LoadingPage title={t("apply.detailTitle")} />;
  const editable = app.allowedActions.includes("edit");
  return (
    <>
      <PageHeader
        title={app.item.name}
        extra={
          <Space>
            <StatusTag status={app.status} />
            {app.allowedActions.includes("withdraw") ? <WithdrawButton app={app} onApp={setApp} /> : null}
          </Space>
        }
      >
        <span className="rc-mono">{app.number}</span>
      </PageHeader>
      <DecisionBanner app={app} />
      <Card variant="borderless" className="rc-mb">
        <CaseFacts app={app} showApplicant={false} />
      </Card>
      {editable ? (
        <EditCard key={app.id} app={app} onApp={setApp} />
      ) : (
        <>
          <FormCard schema={item?.form ?? null} data={app.form} app={app} />
          <Card variant="borderless" title={t("material.label")} className="rc-mb">
            <MaterialsView materials={app.materials} />
          </Card>
        </>
      )}
      {app.status !== "draft" ? (
        <Card variant="borderless" title={t("case.steps")} className="rc-mb">
          <StepsTable app={app} />
        </Card>
      ) : null}
      <Card variant="borderless" title={t("case.history")}>
        <HistoryTimeline events={app.history} />
      </Card>
    </>
  );
}
