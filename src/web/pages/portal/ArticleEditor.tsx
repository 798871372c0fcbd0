// Write or edit a portal article: column, title, source, summary, the HTML text with a preview, and
// attachments (uploaded through the file store). The server sanitises the HTML on save; the preview
// shows what it kept after saving.
import { App as AntApp, Button, Card, Form, type FormInstance, Input, Select, Space, Tabs } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type ArticleDetail, COLUMN_KEYS, type ColumnKey, portalApi } from "../../api/portal";
import {
  AttachmentInput,
  type AttachmentItem,
  attachmentIds,
  isUploading,
  toItems,
} from "../../components/Attachments";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage } from "../../components/PageStates";
import { useLang, useT } from "../../i18n";
import { columnLabel, PhaseTag, PublishModal } from "./Articles";

interface EditorForm {
  column: ColumnKey;
  title: string;
  source: string;
  summary?: string;
  bodyHtml: string;
  attachments?: AttachmentItem[];
}

/** The preview runs the text through the browser's own parser into an inert document and shows only
 * its text structure: no script in it can run here (the server's sanitised copy is what the public sees). */
function Preview({ html }: { html: string }) {
  const [clean, setClean] = useState<string>("");
  useEffect(() => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    for (const el of doc.querySelectorAll("script,style,iframe,object,embed,link,meta,form")) el.remove();
    for (const el of doc.querySelectorAll("*")) {
      for (const attr of [...el.attributes]) {
        const keep = ["href", "src", "alt", "colspan", "rowspan"].includes(attr.name);
        if (!keep || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
      }
    }
    setClean(doc.body.innerHTML);
  }, [html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: cleaned above (no scripts, handlers or javascript: URLs)
  return <div className="rc-article-preview" dangerouslySetInnerHTML={{ __html: clean }} />;
}

export default function ArticleEditorPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const isNew = id === undefined || id === "new";
  const [form] = Form.useForm<EditorForm>();
  const [detail, setDetail] = useState<ArticleDetail | null>(null);
  const [loading, setLoading] = useState(!isNew);
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const body = Form.useWatch("bodyHtml", form) ?? "";

  useEffect(() => {
    if (isNew) return;
    setLoading(true);
    portalApi
      .get(id)
      .then((d) => {
        setDetail(d);
        form.setFieldsValue({
          column: d.article.column,
          title: d.article.title,
          source: d.article.source,
          summary: d.summary ?? "",
          bodyHtml: d.bodyHtml,
          attachments: toItems(d.attachments),
        });
      })
      .catch(() => {})
      .finally(() => setLoading(false));
  }, [id, isNew, form]);

  const save = async (values: EditorForm) => {
    setSaving(true);
    const content = {
      column: values.column,
      title: values.title,
      source: values.source,
      summary: values.summary?.trim() ? values.summary : null,
      bodyHtml: values.bodyHtml,
      attachmentIds: attachmentIds(values.attachments),
    };
    try {
      const saved = isNew ? await portalApi.create(content) : await portalApi.update(id, content);
      message.success(t("portal.saved"));
      setDetail(saved);
      form.setFieldValue("bodyHtml", saved.bodyHtml);
      if (isNew) navigate(`/portal-admin/articles/${saved.article.id}`, { replace: true });
    } catch (e) {
      if (isApiError(e)) {
        const fields = e.fieldErrors.filter((f) => f.path.split("/")[1]);
        (form as FormInstance).setFields(
          fields.map((f) => ({
            name: f.path.split("/")[1] === "attachmentIds" ? "attachments" : f.path.split("/")[1]!,
            errors: [f.message[lang] || f.message.zh],
          })),
        );
        if (fields.length === 0) message.error(e.text(lang));
      }
    } finally {
      setSaving(false);
    }
  };

  if (loading) return <LoadingPage title={t("portal.editTitle")} />;
  return (
    <>
      <PageHeader
        title={isNew ? t("portal.newTitle") : t("portal.editTitle")}
        extra={
          <Space wrap>
            {detail ? <PhaseTag phase={detail.article.phase} /> : null}
            <Link to="/portal-admin/articles">{t("portal.backToList")}</Link>
          </Space>
        }
      />
      <Card>
        <Form<EditorForm>
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ column: "notices", source: "市委组织部", bodyHtml: "" }}
        >
          <Form.Item name="column" label={t("portal.column")} rules={[{ required: true }]}>
            <Select
              options={COLUMN_KEYS.map((k) => ({ value: k, label: t(columnLabel(k)) }))}
              style={{ maxWidth: 240 }}
            />
          </Form.Item>
          <Form.Item name="title" label={t("portal.title")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="source" label={t("portal.source")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} style={{ maxWidth: 360 }} />
          </Form.Item>
          <Form.Item name="summary" label={t("portal.summary")}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Tabs
            items={[
              {
                key: "edit",
                label: t("portal.edit"),
                forceRender: true,
                children: (
                  <Form.Item
                    name="bodyHtml"
                    label={t("portal.body")}
                    extra={t("portal.bodyHelp")}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} spellCheck={false} />
                  </Form.Item>
                ),
              },
              { key: "preview", label: t("portal.preview"), children: <Preview html={body} /> },
            ]}
          />
          <Form.Item name="attachments" label={t("portal.attachments")}>
            <AttachmentInput />
          </Form.Item>
          <Space wrap>
            <Form.Item noStyle shouldUpdate>
              {() => (
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={saving}
                  disabled={isUploading(form.getFieldValue("attachments"))}
                >
                  {t("common.save")}
                </Button>
              )}
            </Form.Item>
            {detail ? <Button onClick={() => setPublishing(true)}>{t("portal.publish")}</Button> : null}
            {detail?.article.phase === "live" ? (
              <a href={`/portal/articles/${detail.article.id}`} target="_blank" rel="noreferrer">
                {t("portal.openPortal")}
              </a>
            ) : null}
          </Space>
        </Form>
      </Card>
      <PublishModal
        article={publishing && detail ? detail.article : null}
        onClose={() => setPublishing(false)}
        onDone={async () => {
          setPublishing(false);
          if (detail) setDetail(await portalApi.get(detail.article.id));
        }}
      />
    </>
  );
}
