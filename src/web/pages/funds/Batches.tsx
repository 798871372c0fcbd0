import { PlusOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Table, type TableColumnsType } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type Batch, type BatchStatus, type Fund, fundsApi, newIdempotencyKey } from "../../api/funds";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";
import { BatchTag, Money } from "./parts";

const BATCH_STATUSES: readonly BatchStatus[] = ["draft", "approved", "exported", "closed", "cancelled"];

function NewBatchModal({
  funds,
  open,
  onClose,
}: {
  funds: Fund[];
  open: boolean;
  onClose: (id?: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ fundId: string; title: string }>();
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) key.current = newIdempotencyKey();
  }, [open]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await fundsApi.createBatch(v, key.current);
      message.success(t("funds.batchCreated"));
      form.resetFields();
      onClose(created.id);
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("funds.newBatch")}
      open={open}
      onCancel={() => onClose()}
      onOk={submit}
      confirmLoading={busy}
    >
      <Form form={form} layout="vertical" initialValues={{ fundId: funds[0]?.id }}>
        <Form.Item name="fundId" label={t("funds.fund")} rules={[{ required: true }]}>
          <Select options={funds.map((f) => ({ value: f.id, label: f.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t("funds.batchTitle")} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function BatchesPage() {
  const t = useT();
  const navigate = useNavigate();
  const [funds, setFunds] = useState<Fund[]>([]);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    fundsApi.funds().then(
      (r) => setFunds(r.items),
      () => undefined,
    );
  }, []);
  // ?status=draft (the home page's 今日待办 link): batches awaiting approval.
  const [params, setParams] = useSearchParams();
  const asked = params.get("status");
  const status = BATCH_STATUSES.find((s) => s === asked);
  const list = useCursorList<Batch>(
    (cursor) => fundsApi.batches({ cursor, limit: 30, ...(status ? { status } : {}) }),
    `batches-${status ?? "all"}`,
  );
  const payable = funds.filter((f) => f.abilities.pay);
  const columns: TableColumnsType<Batch> = [
    {
      title: t("funds.batchTitle"),
      key: "title",
      render: (_, b) => (
        <Link to={`/funds/batches/${b.id}`} className="rc-strong">
          {b.title}
        </Link>
      ),
    },
    { title: t("funds.fund"), key: "fund", render: (_, b) => b.fund.name },
    { title: t("funds.total"), key: "total", align: "right", render: (_, b) => <Money fen={b.total} /> },
    { title: t("funds.lineCount"), dataIndex: "lineCount", align: "right" },
    { title: t("funds.status"), key: "status", render: (_, b) => <BatchTag status={b.status} /> },
    { title: t("funds.createdBy"), key: "by", render: (_, b) => b.createdBy.name },
    { title: t("funds.at"), dataIndex: "createdAt", render: (v: string) => fmtTime(v) },
  ];
  return (
    <>
      <PageHeader
        title={t("funds.batches")}
        extra={
          payable.length > 0 ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t("funds.newBatch")}
            </Button>
          ) : null
        }
      >
        <Link to="/funds">{t("funds.back")}</Link>
      </PageHeader>
      <Card variant="borderless">
        <div className="rc-filters">
          <Select<BatchStatus>
            allowClear
            placeholder={t("funds.anyStatus")}
            aria-label={t("funds.status")}
            value={status}
            onChange={(v) =>
              setParams(v ? new URLSearchParams({ status: v }) : new URLSearchParams(), { replace: true })
            }
            options={BATCH_STATUSES.map((s) => ({ value: s, label: t(`funds.batch.${s}` as MsgKey) }))}
            className="rc-filter-status"
          />
        </div>
        <Table<Batch>
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
      <NewBatchModal
        funds={payable}
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) navigate(`/funds/batches/${id}`);
        }}
      />
    </>
  );
}
