// Supervision orders (督办单): shown on the supervision list and on a task; issued from a task by the
// talent office; answered by an officer of the addressed unit.
import { Alert, DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { showFormError } from "../../api/forms";
import { supervisionApi } from "../../api/policy";
import type { SupervisionOrder, Task } from "../../api/types";
import { useLang, useT } from "../../i18n";
import { chinaToday, daysBetween } from "../../lib/period";

/** "还剩 3 天" / "今天到期" / "已逾期 2 天" for an open order; nothing once answered. */
export function DeadlineHint({ order }: { order: SupervisionOrder }) {
  const t = useT();
  if (order.status !== "open") return null;
  const d = daysBetween(chinaToday(), order.dueDate);
  const text =
    d > 0 ? t("order.daysLeft", { n: d }) : d === 0 ? t("order.dueToday") : t("order.overdue", { n: -d });
  return <span className={d < 0 ? "rc-danger-text rc-small" : "rc-muted rc-small"}>{text}</span>;
}

interface IssueForm {
  orgId: string;
  content: string;
  dueDate: Dayjs;
}

export function IssueOrderModal({
  task,
  open,
  onClose,
  onIssued,
}: {
  task: Task;
  open: boolean;
  onClose: () => void;
  onIssued: (o: SupervisionOrder) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<IssueForm>();
  const [saving, setSaving] = useState(false);
  const today = chinaToday();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      orgId: task.lead.length === 1 ? task.lead[0]!.id : undefined,
      dueDate: dayjs(today).add(7, "day"),
    });
  }, [open, form, task.lead, today]);

  const onFinish = async (v: IssueForm) => {
    setSaving(true);
    try {
      const o = await supervisionApi.issue(task.id, {
        orgId: v.orgId,
        content: v.content.trim(),
        dueDate: v.dueDate.format("YYYY-MM-DD"),
      });
      onIssued(o);
    } catch (e) {
      showFormError(form, e, lang, { fields: ["orgId", "content", "dueDate"] });
    } finally {
      setSaving(false);
    }
  };

  const options = [
    ...task.lead.map((u) => ({
      value: u.id,
      label: t("common.paren", { text: u.name, detail: t("order.asLead") }),
    })),
    ...task.responsible.map((u) => ({
      value: u.id,
      label: t("common.paren", { text: u.name, detail: t("order.asResponsible") }),
    })),
  ];

  return (
    <Modal
      open={open}
      title={t("order.issueTitle", { title: `${task.measure.label}${task.title}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("order.issue")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={620}
      destroyOnHidden
    >
      <Form<IssueForm> form={form} name="issueOrder" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="orgId"
          label={t("order.org")}
          rules={[{ required: true, message: t("order.orgRequired") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={options}
            placeholder={t("order.orgPlaceholder")}
          />
        </Form.Item>
        {task.groupUnits.length ? (
          <Alert
            type="info"
            showIcon
            className="rc-mb"
            title={t("order.groupNote", { groups: task.groupUnits.join(t("common.listSep")) })}
          />
        ) : null}
        <Form.Item
          name="content"
          label={t("order.content")}
          rules={[
            { required: true, whitespace: true, message: t("order.contentRequired") },
            { min: 2, max: 2000, message: t("order.contentLength") },
          ]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t("order.contentPlaceholder")} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t("order.dueDate")}
          extra={t("order.dueHelp")}
          rules={[{ required: true, message: t("order.dueRequired") }]}
        >
          <DatePicker disabledDate={(d) => d.format("YYYY-MM-DD") < today} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RespondModal({
  order,
  onClose,
  onAnswered,
}: {
  order: SupervisionOrder | null;
  onClose: () => void;
  onAnswered: (o: SupervisionOrder) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<{ response: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (order) form.resetFields();
  }, [order, form]);

  const onFinish = async (v: { response: string }) => {
    if (!order) return;
    setSaving(true);
    try {
      onAnswered(await supervisionApi.respond(order.id, v.response.trim()));
    } catch (e) {
      showFormError(form, e, lang, { fields: ["response"] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={order !== null}
      title={t("order.respondTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("order.respond")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={620}
      destroyOnHidden
    >
      {order ? (
        <div className="rc-report-quote">
          <div className="rc-muted rc-small">
            {order.task.title} · {t("order.dueOn", { date: order.dueDate })}
          </div>
          <div className="rc-pre-wrap">{order.content}</div>
        </div>
      ) : null}
      <Form form={form} name="respond" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="response"
          label={t("order.response")}
          rules={[{ required: true, whitespace: true, message: t("order.responseRequired") }, { max: 5000 }]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
