import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type Employer, type EmployerInput, registryApi } from "../../api/registry";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";
import { isTalentOffice } from "../../lib/roles";
import { useCursorList } from "../../lib/useCursorList";

const KINDS = ["enterprise", "university", "hospital", "institute", "school", "public", "other"];

function NewEmployerModal({ open, onClose }: { open: boolean; onClose: (id?: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EmployerInput>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await registryApi.createEmployer({
        ...values,
        contactPhone: values.contactPhone || null,
      });
      message.success(t("registry.created"));
      form.resetFields();
      onClose(created.id);
    } catch (e) {
      if (isApiError(e)) {
        message.error(e.text(lang));
        form.setFields(
          e.fieldErrors.map((f) => ({ name: f.path.replace(/^\//, "") as never, errors: [f.message[lang]] })),
        );
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("registry.newEmployer")}
      open={open}
      onCancel={() => onClose()}
      onOk={submit}
      confirmLoading={busy}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "enterprise" }}>
        <Form.Item name="name" label={t("registry.employerName")} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="uscc" label={t("registry.uscc")} rules={[{ required: true, len: 18 }]}>
          <Input className="rc-mono" />
        </Form.Item>
        <Form.Item name="kind" label={t("registry.employerKind")} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`registry.kind.${k}` as MsgKey) }))} />
        </Form.Item>
        <Form.Item name="industry" label={t("registry.industry")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactName" label={t("registry.contact")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("registry.phone")}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function EmployersPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const office = isTalentOffice(me);
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const list = useCursorList<Employer>(
    (cursor) => registryApi.employers({ q: q || undefined, cursor, limit: 30 }),
    q,
  );
  const columns: TableColumnsType<Employer> = [
    {
      title: t("registry.employerName"),
      key: "name",
      render: (_, e) => (
        <Link to={`/registry/employers/${e.id}`} className="rc-strong">
          {e.name}
        </Link>
      ),
    },
    {
      title: t("registry.uscc"),
      dataIndex: "uscc",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    {
      title: t("registry.employerKind"),
      dataIndex: "kind",
      render: (k: string) => t(`registry.kind.${k}` as MsgKey),
    },
    { title: t("registry.industry"), dataIndex: "industry", responsive: ["md"], render: (v) => v ?? "—" },
    { title: t("registry.staffCount"), dataIndex: "staffCount", align: "right" },
  ];
  return (
    <>
      <PageHeader
        title={t("registry.employers")}
        extra={
          office ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t("registry.newEmployer")}
            </Button>
          ) : null
        }
      >
        {t("registry.employersIntro")}
      </PageHeader>
      <Card
        variant="borderless"
        title={
          <Input.Search
            allowClear
            placeholder={t("registry.searchEmployer")}
            aria-label={t("registry.searchEmployer")}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 300 }}
          />
        }
        extra={
          <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        }
      >
        <Table<Employer>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
        />
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>
      <NewEmployerModal
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) navigate(`/registry/employers/${id}`);
        }}
      />
    </>
  );
}
