// Pieces shared by the applicant's and the officer's views of an application (办件): status and kind
// tags, the steps with promised and actual dates, the history, the decision, the submitted form.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
} from "antd";
import { useEffect, useState } from "react";
import { isApiError } from "../../api/client";
import {
  type Application,
  type ApplicationStatus,
  applicationApi,
  type CatalogueItem,
  catalogueApi,
  type HistoryEvent,
  type ItemKind,
  type StepView,
} from "../../api/services";
import type { FormSchema } from "../../components/SchemaForm";
import { fieldTitle, SchemaView } from "../../components/SchemaForm";
import { LightTag } from "../../components/TaskTags";
import { type TFunc, useLang, useT } from "../../i18n";
import { fmtDate, fmtTime } from "../../lib/format";
import "./services.css";

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: "default",
  in_review: "processing",
  returned: "warning",
  withdrawn: "default",
  approved: "success",
  rejected: "error",
  filed: "cyan",
  revoked: "error",
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status] ?? "default"}>{t(`appStatus.${status}`)}</Tag>;
}

export function KindTag({ kind }: { kind: ItemKind }) {
  const t = useT();
  return <Tag className="rc-kind-tag">{t(`itemKind.${kind}`)}</Tag>;
}

/** 元 from 分, "免费" for 0. */
export function feeText(t: TFunc, fen: number): string {
  return fen === 0 ? t("catalogue.free") : t("catalogue.feeYuan", { n: (fen / 100).toFixed(2) });
}

/** The published version an application was made under (新老划断), for its form and materials. */
export function useItemVersion(code: string | undefined, version: number | undefined) {
  const [item, setItem] = useState<CatalogueItem | null>(null);
  useEffect(() => {
    if (!code || version === undefined) return;
    let live = true;
    catalogueApi
      .get(code, version, { quiet: true })
      .then((it) => {
        if (live) setItem(it);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [code, version]);
  return item;
}

function stepStateText(t: TFunc, s: StepView): string {
  return t(`stepState.${s.state}`);
}

/** Each step with its organisations, promised date and actual date (what the applicant is promised). */
export function StepsTable({ app }: { app: Application }) {
  const t = useT();
  const columns: TableColumnsType<StepView> = [
    {
      title: t("case.step"),
      key: "name",
      render: (_, s) => (
        <div>
          <span className="rc-strong">{s.name}</span>
          <div className="rc-muted rc-small">
            {t(`stepKind.${s.kind}`)} · {t(`role.${s.role}`)}
          </div>
        </div>
      ),
    },
    {
      title: t("case.stepOrgs"),
      key: "orgs",
      render: (_, s) => (
        <ul className="rc-step-orgs">
          {s.orgs.map((o) => (
            <li key={o.id}>
              {o.name}
              {s.kind === "countersign" ? (
                o.signedAt ? (
                  <Tag color="success" className="rc-ml-s">
                    {t("case.signed", { at: fmtDate(o.signedAt) })}
                  </Tag>
                ) : (
                  <Tag className="rc-ml-s">{t("case.notSigned")}</Tag>
                )
              ) : null}
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: t("case.timeLimit"),
      key: "days",
      render: (_, s) => <span className="rc-nowrap">{t("case.workingDays", { n: s.days })}</span>,
    },
    {
      title: t("case.promised"),
      key: "promised",
      render: (_, s) => <span className="rc-nowrap">{s.promisedDate ? fmtDate(s.promisedDate) : "—"}</span>,
    },
    {
      title: t("case.actual"),
      key: "actual",
      render: (_, s) => <span className="rc-nowrap">{s.completedAt ? fmtDate(s.completedAt) : "—"}</span>,
    },
    {
      title: t("common.status"),
      key: "state",
      render: (_, s) => (
        <span className="rc-nowrap">
          <Tag color={s.state === "active" ? "processing" : s.state === "done" ? "success" : "default"}>
            {stepStateText(t, s)}
          </Tag>
          {s.overdue ? <Tag color="error">{t("case.overdue")}</Tag> : null}
        </span>
      ),
    },
  ];
  return (
    <Table<StepView>
      rowKey="index"
      columns={columns}
      dataSource={app.steps}
      pagination={false}
      size="small"
      scroll={{ x: "max-content" }}
      rowClassName={(s) => (s.state === "active" ? "rc-step-active" : "")}
    />
  );
}

const EVENT_COLORS: Record<string, string> = {
  approved: "green",
  countersigned: "green",
  completed: "green",
  filed: "green",
  returned: "orange",
  rejected: "red",
  revoked: "red",
  overdue: "red",
  withdrawn: "gray",
};

function eventText(t: TFunc, e: HistoryEvent): string {
  const key = `event.app.${e.type}` as const;
  const known = [
    "created",
    "submitted",
    "resubmitted",
    "withdrawn",
    "approved",
    "countersigned",
    "returned",
    "rejected",
    "revoked",
    "filed",
    "publicity_opened",
    "completed",
    "overdue",
  ];
  return known.includes(e.type) ? t(key as Parameters<TFunc>[0]) : e.type;
}

/** The application's history: who did what, when, at which step, with what comment. */
export function HistoryTimeline({ events }: { events: HistoryEvent[] }) {
  const t = useT();
  if (events.length === 0) return <Empty description={t("case.noHistory")} />;
  return (
    <Timeline
      className="rc-app-history"
      items={events.map((e) => ({
        key: e.seq,
        color: EVENT_COLORS[e.type] ?? "blue",
        content: (
          <div className="rc-app-event" data-event={e.type}>
            <div>
              <span className="rc-strong">{eventText(t, e)}</span>
              {e.stepName ? <span className="rc-muted"> · {e.stepName}</span> : null}
            </div>
            <div className="rc-muted rc-small">
              {fmtTime(e.at)} ·{" "}
              {e.actor
                ? e.actor.orgName
                  ? t("common.paren", { text: e.actor.name, detail: e.actor.orgName })
                  : e.actor.name
                : e.type === "approved" || e.type === "countersigned"
                  ? t("case.autoCheck")
                  : t("case.system")}
            </div>
            {e.corrections?.length ? (
              <ol className="rc-corrections">
                {e.corrections.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ol>
            ) : null}
            {e.type === "overdue" && e.deadline ? (
              <div className="rc-small">{t("case.missedDeadline", { date: e.deadline })}</div>
            ) : null}
            {e.reason ? (
              <div className="rc-pre-wrap">
                {t("common.labelled", { label: t("case.reason") }) + e.reason}
              </div>
            ) : null}
            {e.comment ? (
              <div className="rc-pre-wrap">
                {t("common.labelled", { label: t("case.comment") }) + e.comment}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

/** The outcome in one banner: approved, rejected (with the reason), returned (with the corrections). */
export function DecisionBanner({ app }: { app: Application }) {
  const t = useT();
  const last = [...app.history].reverse();
  if (app.status === "approved")
    return (
      <Alert
        type="success"
        showIcon
        className="rc-mb"
        data-testid="decision"
        title={t("case.decisionApproved")}
        description={t("case.decidedAt", { at: fmtTime(app.decidedAt) })}
      />
    );
  if (app.status === "rejected" || app.status === "revoked") {
    const ev = last.find((e) => e.type === "rejected" || e.type === "revoked");
    return (
      <Alert
        type="error"
        showIcon
        className="rc-mb"
        data-testid="decision"
        title={t(app.status === "rejected" ? "case.decisionRejected" : "case.decisionRevoked")}
        description={
          <>
            {ev?.reason ? <div>{t("common.labelled", { label: t("case.reason") }) + ev.reason}</div> : null}
            <div className="rc-muted rc-small">{t("case.decidedAt", { at: fmtTime(app.decidedAt) })}</div>
          </>
        }
      />
    );
  }
  if (app.status === "filed")
    return <Alert type="info" showIcon className="rc-mb" title={t("case.filedNote")} />;
  if (app.status === "returned" && app.corrections?.length)
    return (
      <Alert
        type="warning"
        showIcon
        className="rc-mb"
        data-testid="corrections"
        title={t("case.returnedTitle")}
        description={
          <ol className="rc-corrections">
            {app.corrections.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        }
      />
    );
  if (app.status === "withdrawn")
    return <Alert type="info" showIcon className="rc-mb" title={t("case.withdrawnNote")} />;
  return null;
}

/** The head facts of a case: number, item and version, applicant, submitted, deadline, light. */
export function CaseFacts({ app, showApplicant }: { app: Application; showApplicant: boolean }) {
  const t = useT();
  const rows: { key: string; label: string; value: React.ReactNode }[] = [
    { key: "number", label: t("case.number"), value: <span className="rc-mono">{app.number}</span> },
    {
      key: "item",
      label: t("case.item"),
      value: (
        <span>
          {app.item.name} <KindTag kind={app.item.kind} />
          <span className="rc-muted rc-small">{t("catalogue.versionN", { n: app.item.version })}</span>
        </span>
      ),
    },
    ...(showApplicant
      ? [
          {
            key: "applicant",
            label: t("case.applicant"),
            value: app.applicant.orgName
              ? t("common.paren", { text: app.applicant.name, detail: app.applicant.orgName })
              : app.applicant.name,
          },
        ]
      : []),
    ...(app.beneficiaryName
      ? [{ key: "beneficiary", label: t("case.beneficiary"), value: app.beneficiaryName }]
      : []),
    { key: "status", label: t("common.status"), value: <StatusTag status={app.status} /> },
    { key: "submitted", label: t("case.submittedAt"), value: fmtTime(app.submittedAt) },
    {
      key: "deadline",
      label: t("case.deadline"),
      value: (
        <span>
          {app.deadline ? fmtDate(app.deadline) : "—"}{" "}
          {app.light ? <LightTag light={app.light} compact /> : null}
        </span>
      ),
    },
    ...(showApplicant && app.eligibility
      ? [
          {
            key: "eligibility",
            label: t("case.eligibility"),
            value: (
              <Tag
                color={
                  app.eligibility === "pass" ? "success" : app.eligibility === "fail" ? "error" : "default"
                }
              >
                {t(`eligibility.${app.eligibility}`)}
              </Tag>
            ),
          },
        ]
      : []),
  ];
  return (
    <dl className="rc-case-facts">
      {rows.map((r) => (
        <div key={r.key}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The submitted form, read-only (nothing shown until the item version has loaded). */
/** The submitted form; personal data arrives masked, with a reveal (reason, audited) when there is any. */
export function FormCard({
  schema,
  data,
  app,
}: {
  schema: FormSchema | null;
  data: Record<string, unknown>;
  app?: Pick<Application, "id" | "personalFields" | "sources">;
}) {
  const t = useT();
  const [revealing, setRevealing] = useState(false);
  const personal = app?.personalFields.filter((f) => typeof data[f.name] === "string") ?? [];
  return (
    <Card
      variant="borderless"
      title={t("case.form")}
      className="rc-mb"
      extra={
        app && schema && personal.length > 0 ? (
          <Button size="small" onClick={() => setRevealing(true)}>
            {t("case.reveal")}
          </Button>
        ) : undefined
      }
    >
      {schema ? <SchemaView schema={schema} data={data} sources={app?.sources} /> : null}
      {app && schema && personal.length > 0 ? (
        <FormRevealModal
          applicationId={app.id}
          schema={schema}
          fields={personal.map((f) => f.name)}
          open={revealing}
          onClose={() => setRevealing(false)}
        />
      ) : null}
    </Card>
  );
}

function FormRevealModal({
  applicationId,
  schema,
  fields,
  open,
  onClose,
}: {
  applicationId: string;
  schema: FormSchema;
  fields: string[];
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<{ reason: string; fields: string[] }>();
  const [shown, setShown] = useState<Record<string, string | null> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = (name: string) => {
    const f = schema.properties[name];
    return f ? fieldTitle(lang, name, f) : name;
  };
  const close = () => {
    setShown(null);
    setError(null);
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const res = await applicationApi.reveal(applicationId, {
        reason: values.reason.trim(),
        fields: values.fields,
      });
      setShown(res.values);
      setError(null);
    } catch (e) {
      setError(isApiError(e) ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("case.revealTitle")}
      open={open}
      onCancel={close}
      onOk={submit}
      okText={t("case.reveal")}
      confirmLoading={busy}
      footer={
        shown
          ? () => (
              <Button type="primary" onClick={close}>
                {t("case.revealClose")}
              </Button>
            )
          : undefined
      }
      destroyOnHidden
    >
      {shown ? (
        <Descriptions column={1} bordered size="small" title={t("case.revealed")}>
          {Object.keys(shown).map((f) => (
            <Descriptions.Item key={f} label={label(f)}>
              <span className="rc-mono">{shown[f] ?? t("common.none")}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ fields }}>
          <Alert type="warning" showIcon message={t("case.revealHelp")} style={{ marginBottom: 16 }} />
          <Form.Item name="fields" label={t("case.revealFields")} rules={[{ required: true }]}>
            <Checkbox.Group options={fields.map((f) => ({ value: f, label: label(f) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("case.revealReason")}
            rules={[{ required: true, min: 2, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={error} /> : null}
        </Form>
      )}
    </Modal>
  );
}
