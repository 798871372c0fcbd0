import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Radio, Space, Table, Upload } from "antd";
import { useState } from "react";
import { isApiError } from "../../api/client";
import {
  type ImportKind,
  type ImportMode,
  type ImportResult,
  type RowError,
  registryApi,
} from "../../api/registry";
import { PageHeader } from "../../components/PageHeader";
import { pick, useLang, useT } from "../../i18n";

const MAX_BYTES = 32 * 1024 * 1024;

function saveBase64(filename: string, base64: string) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(
    new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function RegistryImportPage() {
  const t = useT();
  const { lang } = useLang();
  const [kind, setKind] = useState<ImportKind>("talents");
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; fields: string[] } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await registryApi.import(kind, mode, file));
    } catch (e) {
      if (isApiError(e))
        setError({ text: e.text(lang), fields: e.fieldErrors.map((f) => pick(lang, f.message)) });
      else setError({ text: String(e), fields: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t("registry.importTitle")}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => registryApi.template(kind)}>
            {t("registry.template")}
          </Button>
        }
      >
        {t("registry.importIntro")}
      </PageHeader>
      <Card variant="borderless">
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <div>
            <div className="rc-strong">{t("registry.importKind")}</div>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                setResult(null);
              }}
              options={[
                { value: "talents", label: t("registry.talents") },
                { value: "employers", label: t("registry.employers") },
              ]}
            />
          </div>
          <div>
            <div className="rc-strong">{t("registry.importMode")}</div>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
              <Space direction="vertical">
                <Radio value="all_or_nothing">{t("registry.mode.all_or_nothing")}</Radio>
                <Radio value="valid_rows">{t("registry.mode.valid_rows")}</Radio>
              </Space>
            </Radio.Group>
          </div>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              setError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: "1", name: file.name, size: file.size, status: "done" }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p>{t("registry.chooseFile")}</p>
          </Upload.Dragger>
          {file && file.size > MAX_BYTES ? (
            <Alert type="error" showIcon message={t("registry.importIntro")} />
          ) : null}
          <Button type="primary" disabled={!file || file.size > MAX_BYTES} loading={busy} onClick={run}>
            {t("registry.startImport")}
          </Button>
          {error ? (
            <Alert
              type="error"
              showIcon
              message={error.text}
              description={
                error.fields.length > 0 ? (
                  <ul>
                    {error.fields.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                ) : null
              }
            />
          ) : null}
        </Space>
      </Card>
      {result ? (
        <Card variant="borderless" title={t("registry.importResult")}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t("registry.rows")}>{result.rows}</Descriptions.Item>
            <Descriptions.Item label={t("registry.imported")}>{result.imported}</Descriptions.Item>
            <Descriptions.Item label={t("registry.rejected")}>{result.rejectedRows}</Descriptions.Item>
          </Descriptions>
          {result.mode === "all_or_nothing" && result.errorCount > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16 }}
              message={t("registry.nothingImported")}
            />
          ) : null}
          {result.errorReport ? (
            <>
              <Button
                style={{ margin: "16px 0" }}
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => saveBase64(result.errorReport!.filename, result.errorReport!.contentBase64)}
              >
                {t("registry.downloadReport")}
              </Button>
              {result.errorCount > result.errors.length ? (
                <p className="rc-muted">
                  {t("registry.moreErrors", { shown: result.errors.length, total: result.errorCount })}
                </p>
              ) : null}
              <Table<RowError>
                size="small"
                rowKey={(e, i) => `${e.row}-${i}`}
                pagination={false}
                dataSource={result.errors}
                columns={[
                  { title: t("registry.row"), dataIndex: "row", width: 80 },
                  { title: t("registry.column"), dataIndex: "column", render: (v) => v ?? "—" },
                  { title: t("registry.problem"), key: "m", render: (_, e) => pick(lang, e.message) },
                ]}
              />
            </>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
