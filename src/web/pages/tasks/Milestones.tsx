import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from "@ant-design/icons";
import {
  App as AntApp,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { showFormError } from "../../api/forms";
import { taskApi } from "../../api/policy";
import type { Milestone, Task } from "../../api/types";
import { LightTag } from "../../components/TaskTags";
import { useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";

interface MilestoneForm {
  title: string;
  dueDate: Dayjs;
  weight: number;
}

function MilestoneModal({
  task,
  editing,
  open,
  onClose,
  onSaved,
}: {
  task: Task;
  editing: Milestone | null;
  open: boolean;
  onClose: () => void;
  onSaved: (t: Task) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<MilestoneForm>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { title: editing.title, dueDate: dayjs(editing.dueDate), weight: editing.weight }
        : { weight: 1 },
    );
  }, [open, editing, form]);

  const onFinish = async (v: MilestoneForm) => {
    setSaving(true);
    const body = { title: v.title.trim(), dueDate: v.dueDate.format("YYYY-MM-DD"), weight: v.weight };
    try {
      const next = editing
        ? await taskApi.updateMilestone(task.id, editing.id, body, { quiet: true })
        : await taskApi.addMilestone(task.id, body);
      onSaved(next);
    } catch (e) {
      showFormError(form, e, lang, { fields: ["title", "dueDate", "weight"] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t("milestone.edit") : t("milestone.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<MilestoneForm> form={form} name="milestone" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="title"
          label={t("milestone.title")}
          rules={[{ required: true, whitespace: true, message: t("milestone.titleRequired") }, { max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <div className="rc-two-col">
          <Form.Item
            name="dueDate"
            label={t("milestone.dueDate")}
            rules={[{ required: true, message: t("milestone.dueRequired") }]}
          >
            <DatePicker className="rc-full" />
          </Form.Item>
          <Form.Item
            name="weight"
            label={t("milestone.weight")}
            extra={t("milestone.weightHelp")}
            rules={[{ required: true, message: t("milestone.weightRequired") }]}
          >
            <InputNumber min={1} max={100} precision={0} className="rc-full" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

export function Milestones({ task, onTask }: { task: Task; onTask: (t: Task) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const can = task.abilities.manageMilestones;
  const [modal, setModal] = useState<{ editing: Milestone | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (m: Milestone, what: "done" | "reopen" | "remove") => {
    setBusy(`${what}:${m.id}`);
    try {
      const next =
        what === "remove"
          ? await taskApi.removeMilestone(task.id, m.id)
          : await taskApi.updateMilestone(task.id, m.id, { done: what === "done" });
      onTask(next);
      message.success(
        t(
          what === "done"
            ? "milestone.completed"
            : what === "reopen"
              ? "milestone.reopened"
              : "milestone.removed",
        ),
      );
    } catch {
      // shown by the client (403 included)
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Milestone> = [
    {
      title: t("milestone.title"),
      dataIndex: "title",
      key: "title",
      render: (v: string, m) => <span className={m.done ? "rc-done" : undefined}>{v}</span>,
    },
    {
      title: t("milestone.dueDate"),
      dataIndex: "dueDate",
      key: "dueDate",
      render: (v: string) => <span className="rc-nowrap">{v}</span>,
    },
    { title: t("milestone.weight"), dataIndex: "weight", key: "weight", align: "right" },
    {
      title: t("common.status"),
      key: "state",
      render: (_, m) =>
        m.done ? (
          <Space size={4} wrap>
            <Tag color="success">{t("milestone.done")}</Tag>
            {m.onTime === false ? <Tag color="warning">{t("milestone.late")}</Tag> : null}
          </Space>
        ) : (
          <LightTag light={m.light} />
        ),
    },
    {
      title: t("milestone.doneBy"),
      key: "doneBy",
      responsive: ["md"],
      render: (_, m) =>
        m.done ? (
          <div className="rc-small">
            <div>{m.doneBy?.name ?? t("common.none")}</div>
            <div className="rc-muted rc-nowrap">{fmtTime(m.doneAt)}</div>
          </div>
        ) : (
          <span className="rc-muted">{t("common.none")}</span>
        ),
    },
  ];
  if (can)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      render: (_, m) => (
        <Space size={0} wrap>
          {m.done ? (
            <Button
              type="link"
              size="small"
              icon={<UndoOutlined aria-hidden />}
              loading={busy === `reopen:${m.id}`}
              onClick={() => act(m, "reopen")}
              aria-label={`${t("milestone.reopen")} ${m.title}`}
            >
              {t("milestone.reopen")}
            </Button>
          ) : (
            <Button
              type="link"
              size="small"
              icon={<CheckOutlined aria-hidden />}
              loading={busy === `done:${m.id}`}
              onClick={() => act(m, "done")}
              aria-label={`${t("milestone.complete")} ${m.title}`}
            >
              {t("milestone.complete")}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            icon={<EditOutlined aria-hidden />}
            onClick={() => setModal({ editing: m })}
            aria-label={`${t("common.edit")} ${m.title}`}
          >
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t("milestone.removeConfirm", { title: m.title })}
            okText={t("common.ok")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={() => act(m, "remove")}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined aria-hidden />}
              loading={busy === `remove:${m.id}`}
              aria-label={`${t("milestone.remove")} ${m.title}`}
            >
              {t("milestone.remove")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  return (
    <div>
      <div className="rc-tab-head">
        <p className="rc-muted rc-small rc-mt-0">{can ? t("milestone.help") : t("milestone.readOnly")}</p>
        {can ? (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setModal({ editing: null })}
          >
            {t("milestone.add")}
          </Button>
        ) : null}
      </div>
      <Table<Milestone>
        rowKey="id"
        columns={columns}
        dataSource={task.milestones}
        pagination={false}
        size="middle"
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("milestone.empty") }}
      />
      {can ? (
        <MilestoneModal
          task={task}
          open={modal !== null}
          editing={modal?.editing ?? null}
          onClose={() => setModal(null)}
          onSaved={(next) => {
            setModal(null);
            onTask(next);
            message.success(t("common.saved"));
          }}
        />
      ) : null}
    </div>
  );
}
