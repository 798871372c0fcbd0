// The talent office's list of portal articles: filters, publish/schedule, pin, withdraw, policy import.
import {
  EditOutlined,
  ExportOutlined,
  PlusOutlined,
  ReloadOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import {
  App as AntApp,
  Button,
  DatePicker,
  Form,
  type FormInstance,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Upload,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import {
  type ArticlePhase,
  type ArticleStatus,
  type ArticleSummary,
  COLUMN_KEYS,
  type ColumnKey,
  portalApi,
} from "../../api/portal";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";

const PAGE = 20;
const PHASE_COLOR: Record<ArticlePhase, string> = {
  draft: "default",
  scheduled: "processing",
  live: "success",
  expired: "warning",
  withdrawn: "error",
};
export const columnLabel = (key: ColumnKey): MsgKey => `portal.col.${key}` as MsgKey;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function PhaseTag({ phase }: { phase: ArticlePhase }) {
  const t = useT();
  return <Tag color={PHASE_COLOR[phase]}>{t(`portal.phase.${phase}` as MsgKey)}</Tag>;
}

export function PublishModal({
  article,
  onClose,
  onDone,
}: {
  article: ArticleSummary | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ publishAt?: Dayjs | null; expiresAt?: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!article) return;
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      await portalApi.publish(article.id, {
        publishAt: v.publishAt ? v.publishAt.toISOString() : null,
        expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
      });
      message.success(t("portal.published"));
      onDone();
    } catch (e) {
      if (isApiError(e)) {
        (form as FormInstance).setFields(
          e.fieldErrors.map((f) => ({ name: f.path.slice(1), errors: [f.message[lang] || f.message.zh] })),
        );
        if (e.fieldErrors.length === 0) message.error(e.text(lang));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={article !== null}
      title={`${t("portal.schedule")}：${article?.title ?? ""}`}
      onCancel={onClose}
      onOk={submit}
      okText={t("portal.publish")}
      confirmLoading={busy}
      destroyOnHidden
    >
      <p className="rc-muted">{t("portal.scheduleHelp")}</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="publishAt" label={t("portal.publishAt")}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="expiresAt" label={t("portal.expiresAt")}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ArticlesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const column = (COLUMN_KEYS as readonly string[]).includes(params.get("column") ?? "")
    ? (params.get("column") as ColumnKey)
    : undefined;
  const status = ["draft", "published", "withdrawn"].includes(params.get("status") ?? "")
    ? (params.get("status") as ArticleStatus)
    : undefined;
  const [publishing, setPublishing] = useState<ArticleSummary | null>(null);
  const [importing, setImporting] = useState(false);

  const list = useCursorList<ArticleSummary>(
    (cursor) => portalApi.list({ column, status, cursor, limit: PAGE }),
    `${column ?? ""}|${status ?? ""}`,
  );
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const importFile = async (file: File) => {
    setImporting(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const res = await portalApi.importPolicy({ filename: file.name, contentBase64: toBase64(bytes) });
      message.success(t("portal.imported", { title: res.article.title }));
      list.reload();
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setImporting(false);
    }
    return false;
  };

  const columns: TableColumnsType<ArticleSummary> = [
    {
      title: t("portal.title"),
      key: "title",
      render: (_, a) => (
        <div>
          <Link to={`/portal-admin/articles/${a.id}`} className="rc-strong">
            {a.title}
          </Link>
          <div className="rc-muted rc-small">
            {a.pinned ? <Tag color="red">{t("portal.pinned")}</Tag> : null}
            {a.policyDocumentId ? <Tag>{t("portal.policyLinked")}</Tag> : null}
            {a.source}
          </div>
        </div>
      ),
    },
    { title: t("portal.column"), key: "column", render: (_, a) => t(columnLabel(a.column)) },
    { title: t("portal.phase"), key: "phase", render: (_, a) => <PhaseTag phase={a.phase} /> },
    {
      title: t("portal.publishAt"),
      key: "publishAt",
      render: (_, a) => (
        <span className="rc-nowrap">
          {fmtTime(a.publishAt)}
          {a.expiresAt ? <div className="rc-muted rc-small">→ {fmtTime(a.expiresAt)}</div> : null}
        </span>
      ),
    },
    { title: t("portal.views"), key: "views", dataIndex: "viewCount", align: "right" },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, a) => (
        <Space wrap size="small">
          <Button
            size="small"
            icon={<EditOutlined aria-hidden />}
            onClick={() => navigate(`/portal-admin/articles/${a.id}`)}
          >
            {t("portal.edit")}
          </Button>
          <Button size="small" type="primary" onClick={() => setPublishing(a)}>
            {t("portal.publish")}
          </Button>
          <Button
            size="small"
            onClick={async () => {
              await portalApi.pin(a.id, !a.pinned);
              list.reload();
            }}
          >
            {a.pinned ? t("portal.unpin") : t("portal.pin")}
          </Button>
          {a.status === "published" ? (
            <Popconfirm
              title={t("portal.withdrawConfirm")}
              onConfirm={async () => {
                await portalApi.withdraw(a.id);
                message.success(t("portal.withdrawn"));
                list.reload();
              }}
            >
              <Button size="small" danger>
                {t("portal.withdraw")}
              </Button>
            </Popconfirm>
          ) : null}
          {a.phase === "live" ? (
            <a href={`/portal/articles/${a.id}`} target="_blank" rel="noreferrer">
              <ExportOutlined aria-hidden /> {t("portal.openPortal")}
            </a>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("portal.articles")}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
              {t("common.refresh")}
            </Button>
            <Upload accept=".txt,text/plain" showUploadList={false} beforeUpload={importFile}>
              <Button
                icon={<UploadOutlined aria-hidden />}
                loading={importing}
                title={t("portal.importIntro")}
              >
                {t("portal.import")}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate("/portal-admin/articles/new")}
            >
              {t("portal.new")}
            </Button>
          </Space>
        }
      >
        {t("portal.articlesIntro")}
      </PageHeader>
      <Space wrap className="rc-mb">
        <Select
          aria-label={t("portal.column")}
          style={{ minWidth: 160 }}
          value={column ?? ""}
          onChange={(v) => setFilter("column", v || undefined)}
          options={[
            { value: "", label: t("portal.allColumns") },
            ...COLUMN_KEYS.map((k) => ({ value: k, label: t(columnLabel(k)) })),
          ]}
        />
        <Select
          aria-label={t("portal.phase")}
          style={{ minWidth: 140 }}
          value={status ?? ""}
          onChange={(v) => setFilter("status", v || undefined)}
          options={[
            { value: "", label: t("portal.allStatuses") },
            { value: "draft", label: t("portal.phase.draft") },
            { value: "published", label: t("portal.phase.live") },
            { value: "withdrawn", label: t("portal.phase.withdrawn") },
          ]}
        />
      </Space>
      <Table<ArticleSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 900 }}
      />
      <LoadMore
        count={list.items.length}
        hasMore={list.hasMore}
        loading={list.loading}
        onMore={list.loadMore}
      />
      <PublishModal
        article={publishing}
        onClose={() => setPublishing(null)}
        onDone={() => {
          setPublishing(null);
          list.reload();
        }}
      />
    </>
  );
}
