import { CheckOutlined, EditOutlined, FormOutlined, RollbackOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Empty,
  Form,
  type FormInstance,
  Input,
  Modal,
  Select,
  Space,
  Tag,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { isApiError } from "../../api/client";
import { showFormError } from "../../api/forms";
import { reportApi } from "../../api/policy";
import type { Lang, Report, Task } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import {
  AttachmentInput,
  type AttachmentItem,
  AttachmentLinks,
  attachmentIds,
  isUploading,
  toItems,
} from "../../components/Attachments";
import { ReportStatusTag } from "../../components/TaskTags";
import { pick, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { chinaToday, periodKeyOf, periodLabel, recentPeriodKeys } from "../../lib/period";
import { unitsWithRole } from "../../lib/roles";

interface WriteForm {
  orgId?: string;
  periodKey: string;
  text: string;
  attachments?: AttachmentItem[];
}

const ATTACHMENT_FIELDS = ["attachmentIds"];

/** Errors about single attachments ("/attachmentIds/1") go under the attachment list. */
function showAttachmentErrors(form: FormInstance, e: unknown, lang: Lang) {
  if (!isApiError(e)) return;
  const msgs = e.fieldErrors
    .filter((f) => f.path.startsWith("/attachmentIds"))
    .map((f) => pick(lang, f.message));
  if (msgs.length) form.setFields([{ name: "attachments", errors: msgs }]);
}

function WriteModal({
  task,
  units,
  reports,
  open,
  onClose,
  onSaved,
}: {
  task: Task;
  units: { id: string; name: string }[];
  reports: Report[];
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<WriteForm>();
  const [saving, setSaving] = useState(false);
  const orgId = Form.useWatch("orgId", form) ?? units[0]?.id;
  const uploading = isUploading(Form.useWatch("attachments", form));
  const keys = useMemo(() => recentPeriodKeys(task.reportPeriod, 4), [task.reportPeriod]);
  const taken = useMemo(
    () => new Set(reports.filter((r) => r.org.id === orgId).map((r) => r.periodKey)),
    [reports, orgId],
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const firstOrg = units[0]?.id;
    const done = new Set(reports.filter((r) => r.org.id === firstOrg).map((r) => r.periodKey));
    form.setFieldsValue({ orgId: firstOrg, periodKey: keys.find((k) => !done.has(k)) ?? keys[0] });
  }, [open, form, units, reports, keys]);

  const onFinish = async (v: WriteForm) => {
    setSaving(true);
    try {
      await reportApi.submit(task.id, {
        periodKey: v.periodKey,
        text: v.text.trim(),
        ...(units.length > 1 && v.orgId ? { orgId: v.orgId } : {}),
        attachmentIds: attachmentIds(v.attachments),
      });
      onSaved();
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["orgId", "periodKey", "text", ...ATTACHMENT_FIELDS],
        codeFields: { REPORT_EXISTS: "periodKey" },
      });
      showAttachmentErrors(form, e, lang);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("report.write")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("report.submit")}
      okButtonProps={{ disabled: uploading }}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form<WriteForm> form={form} name="report" layout="vertical" onFinish={onFinish}>
        {units.length > 1 ? (
          <Form.Item
            name="orgId"
            label={t("report.unit")}
            rules={[{ required: true, message: t("report.unitRequired") }]}
          >
            <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t("report.unit")}>
            <span className="rc-strong">{units[0]?.name}</span>
          </Form.Item>
        )}
        <Form.Item
          name="periodKey"
          label={t("report.period")}
          extra={t(`report.periodHelp.${task.reportPeriod}`)}
          rules={[{ required: true, message: t("report.periodRequired") }]}
        >
          <Select
            options={keys.map((k, i) => ({
              value: k,
              disabled: taken.has(k),
              label: `${periodLabel(lang, k)}${i === 0 ? ` · ${t("report.current")}` : ""}${
                taken.has(k) ? ` · ${t("report.alreadyReported")}` : ""
              }`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t("report.text")}
          rules={[{ required: true, whitespace: true, message: t("report.textRequired") }, { max: 5000 }]}
        >
          <Input.TextArea rows={7} maxLength={5000} showCount placeholder={t("report.textPlaceholder")} />
        </Form.Item>
        <Form.Item name="attachments" label={t("files.label")}>
          <AttachmentInput />
        </Form.Item>
        <Alert type="info" showIcon title={t("report.progressNote", { n: task.progress })} />
      </Form>
    </Modal>
  );
}

type ReviewMode = "revise" | "approve" | "return";

function ReportActionModal({
  task,
  target,
  onClose,
  onSaved,
}: {
  task: Task;
  target: { report: Report; mode: ReviewMode } | null;
  onClose: () => void;
  onSaved: (msg: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<{ text: string; attachments?: AttachmentItem[] }>();
  const [saving, setSaving] = useState(false);
  const mode = target?.mode;
  const uploading = isUploading(Form.useWatch("attachments", form));

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === "revise")
      form.setFieldsValue({
        text: target.report.text,
        attachments: toItems(target.report.attachments ?? []),
      });
  }, [target, form]);

  const onFinish = async (v: { text?: string; attachments?: AttachmentItem[] }) => {
    if (!target) return;
    setSaving(true);
    const text = v.text?.trim() ?? "";
    try {
      if (target.mode === "revise") {
        await reportApi.revise(task.id, target.report.id, {
          text,
          attachmentIds: attachmentIds(v.attachments),
        });
        onSaved(t("report.resubmitted"));
      } else if (target.mode === "approve") {
        await reportApi.approve(task.id, target.report.id, text || undefined);
        onSaved(t("report.approvedOk"));
      } else {
        await reportApi.returnForCorrection(task.id, target.report.id, text);
        onSaved(t("report.returnedOk"));
      }
    } catch (e) {
      showFormError(form, e, lang, { fields: ["text", ...ATTACHMENT_FIELDS], fallbackField: "text" });
      showAttachmentErrors(form, e, lang);
    } finally {
      setSaving(false);
    }
  };

  const title =
    mode === "revise" ? t("report.revise") : mode === "approve" ? t("report.approve") : t("report.return");
  return (
    <Modal
      open={target !== null}
      title={
        target ? `${title} · ${periodLabel(lang, target.report.periodKey)} · ${target.report.org.name}` : ""
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={mode === "revise" ? t("report.resubmit") : title}
      okButtonProps={{ danger: mode === "return", disabled: uploading }}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      {target && mode !== "revise" ? (
        <div className="rc-report-quote">
          <div className="rc-muted rc-small">
            {target.report.author.name} · {fmtTime(target.report.submittedAt)}
          </div>
          <div className="rc-pre-wrap">{target.report.text}</div>
          <AttachmentLinks files={target.report.attachments} />
        </div>
      ) : null}
      {target?.report.reviewComment && mode === "revise" ? (
        <Alert
          type="warning"
          showIcon
          className="rc-mb"
          title={t("report.returnComment", { comment: target.report.reviewComment })}
        />
      ) : null}
      <Form form={form} name="reportAction" layout="vertical" onFinish={onFinish}>
        {mode === "revise" ? (
          <Form.Item
            name="text"
            label={t("report.text")}
            rules={[{ required: true, whitespace: true, message: t("report.textRequired") }, { max: 5000 }]}
          >
            <Input.TextArea rows={7} maxLength={5000} showCount />
          </Form.Item>
        ) : null}
        {mode === "revise" ? (
          <Form.Item name="attachments" label={t("files.label")}>
            <AttachmentInput />
          </Form.Item>
        ) : (
          <Form.Item
            name="text"
            label={mode === "return" ? t("report.commentRequiredLabel") : t("report.commentOptional")}
            rules={
              mode === "return"
                ? [{ required: true, whitespace: true, message: t("report.commentRequired") }, { max: 1000 }]
                : [{ max: 1000 }]
            }
          >
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function Reports({
  task,
  reports,
  onChanged,
}: {
  task: Task;
  reports: Report[];
  onChanged: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [writing, setWriting] = useState(false);
  const [action, setAction] = useState<{ report: Report; mode: ReviewMode } | null>(null);

  const taskUnitIds = new Set([...task.lead, ...task.responsible].map((u) => u.id));
  const myUnits = unitsWithRole(me, ["officer"]).filter((u) => taskUnitIds.has(u.id));
  const current = periodKeyOf(chinaToday(), task.reportPeriod);
  const sorted = [...reports].sort(
    (a, b) => b.periodKey.localeCompare(a.periodKey) || a.org.name.localeCompare(b.org.name, "zh"),
  );

  return (
    <div>
      <div className="rc-tab-head">
        <div>
          <p className="rc-mt-0">
            {t("report.cadence", {
              period: t(`period.${task.reportPeriod}`),
              current: periodLabel(lang, current),
            })}
          </p>
          {myUnits.map((u) => {
            const mine = reports.find((r) => r.org.id === u.id && r.periodKey === current);
            return (
              <p key={u.id} className="rc-mt-0 rc-small" data-testid="report-current">
                <span className="rc-muted">{t("common.labelled", { label: u.name })}</span>
                {mine ? (
                  <>
                    {t("report.currentDone")} <ReportStatusTag status={mine.status} />
                  </>
                ) : (
                  <Tag color="warning">{t("report.currentMissing")}</Tag>
                )}
              </p>
            );
          })}
        </div>
        {task.abilities.writeReport && myUnits.length > 0 ? (
          <Button type="primary" icon={<FormOutlined aria-hidden />} onClick={() => setWriting(true)}>
            {t("report.write")}
          </Button>
        ) : null}
      </div>
      {sorted.length === 0 ? (
        <Empty description={t("report.empty")} />
      ) : (
        <ol className="rc-reports" aria-label={t("report.listLabel")}>
          {sorted.map((r) => (
            <li key={r.id} className={`rc-report rc-report-${r.status}`}>
              <div className="rc-report-head">
                <span className="rc-strong">{periodLabel(lang, r.periodKey)}</span>
                <span>{r.org.name}</span>
                <ReportStatusTag status={r.status} />
                <span className="rc-muted rc-small">{t("report.progressAt", { n: r.progress })}</span>
              </div>
              <div className="rc-pre-wrap rc-report-text">{r.text}</div>
              <AttachmentLinks files={r.attachments} />
              <div className="rc-muted rc-small">
                {t("report.byAt", { name: r.author.name, at: fmtTime(r.submittedAt) })}
                {r.firstSubmittedAt !== r.submittedAt
                  ? ` · ${t("report.firstAt", { at: fmtTime(r.firstSubmittedAt) })}`
                  : ""}
              </div>
              {r.reviewer ? (
                <div className={r.status === "returned" ? "rc-review rc-review-returned" : "rc-review"}>
                  {r.reviewComment
                    ? t("common.withDetail", {
                        text: t(r.status === "returned" ? "report.returnedBy" : "report.approvedBy", {
                          name: r.reviewer.name,
                          at: fmtTime(r.reviewedAt),
                        }),
                        detail: r.reviewComment,
                      })
                    : t(r.status === "returned" ? "report.returnedBy" : "report.approvedBy", {
                        name: r.reviewer.name,
                        at: fmtTime(r.reviewedAt),
                      })}
                </div>
              ) : null}
              {r.abilities.revise || r.abilities.review ? (
                <Space wrap className="rc-report-actions">
                  {r.abilities.revise ? (
                    <Button
                      size="small"
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => setAction({ report: r, mode: "revise" })}
                    >
                      {t("report.revise")}
                    </Button>
                  ) : null}
                  {r.abilities.review ? (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        icon={<CheckOutlined aria-hidden />}
                        onClick={() => setAction({ report: r, mode: "approve" })}
                      >
                        {t("report.approve")}
                      </Button>
                      <Button
                        size="small"
                        danger
                        icon={<RollbackOutlined aria-hidden />}
                        onClick={() => setAction({ report: r, mode: "return" })}
                      >
                        {t("report.return")}
                      </Button>
                    </>
                  ) : null}
                </Space>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {task.abilities.writeReport && myUnits.length > 0 ? (
        <WriteModal
          task={task}
          units={myUnits}
          reports={reports}
          open={writing}
          onClose={() => setWriting(false)}
          onSaved={() => {
            setWriting(false);
            message.success(t("report.submitted"));
            onChanged();
          }}
        />
      ) : null}
      <ReportActionModal
        task={task}
        target={action}
        onClose={() => setAction(null)}
        onSaved={(msg) => {
          setAction(null);
          message.success(msg);
          onChanged();
        }}
      />
    </div>
  );
}
