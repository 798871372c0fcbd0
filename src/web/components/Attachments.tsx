// Report attachments: uploaded one by one as raw bytes (POST /api/files), then passed by id; shown as
// download links (GET /api/files/:id, with the session cookie).
import { CloseOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Upload } from "antd";
import { useEffect, useRef, useState } from "react";
import { isApiError } from "../api/client";
import { ATTACHMENT_ACCEPT, fileApi, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../api/policy";
import type { Attachment } from "../api/types";
import { useLang, useT } from "../i18n";

export interface AttachmentItem {
  uid: string;
  /** Set once uploaded. */
  id?: string;
  filename: string;
  size: number;
  status: "uploading" | "done" | "error";
  error?: string;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}

export const toItems = (files: Attachment[]): AttachmentItem[] =>
  files.map((f) => ({ uid: f.id, id: f.id, filename: f.filename, size: f.size, status: "done" }));

/** The ids to send, in the list's order. */
export const attachmentIds = (items: AttachmentItem[] | undefined): string[] =>
  (items ?? []).flatMap((i) => (i.status === "done" && i.id ? [i.id] : []));

export const isUploading = (items: AttachmentItem[] | undefined) =>
  (items ?? []).some((i) => i.status === "uploading");

let seq = 0;

/** A form control (value / onChange) for up to ten attachments. */
export function AttachmentInput({
  value,
  onChange,
  id,
}: {
  value?: AttachmentItem[];
  onChange?: (v: AttachmentItem[]) => void;
  id?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<AttachmentItem[]>(value ?? []);
  const current = useRef<AttachmentItem[]>(value ?? []);
  const emitted = useRef<AttachmentItem[] | undefined>(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // A new value from outside (the form was reset or prefilled) replaces the list.
  useEffect(() => {
    if (value !== emitted.current) {
      current.current = value ?? [];
      setItems(value ?? []);
    }
  }, [value]);

  const update = (fn: (xs: AttachmentItem[]) => AttachmentItem[]) => {
    const next = fn(current.current);
    current.current = next;
    emitted.current = next;
    setItems(next);
    onChangeRef.current?.(next);
  };

  const add = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      message.error(t("files.tooLarge", { name: file.name }));
      return;
    }
    if (current.current.length >= MAX_ATTACHMENTS) {
      message.warning(t("files.tooMany", { n: MAX_ATTACHMENTS }));
      return;
    }
    const uid = `new-${++seq}`;
    update((xs) => [...xs, { uid, filename: file.name, size: file.size, status: "uploading" }]);
    try {
      const stored = await fileApi.upload(file, file.name);
      update((xs) =>
        xs.map((x) =>
          x.uid === uid
            ? { ...x, id: stored.id, filename: stored.filename, size: stored.size, status: "done" }
            : x,
        ),
      );
    } catch (e) {
      const text = isApiError(e) ? e.text(lang) : t("files.failed");
      update((xs) => xs.map((x) => (x.uid === uid ? { ...x, status: "error", error: text } : x)));
    }
  };

  return (
    <div className="rc-attach-input" id={id}>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          add(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />} disabled={items.length >= MAX_ATTACHMENTS}>
          {t("files.add")}
        </Button>
      </Upload>
      <span className="rc-muted rc-small">{t("files.help", { n: MAX_ATTACHMENTS })}</span>
      {items.length ? (
        <ul className="rc-attach-list" aria-live="polite">
          {items.map((i) => (
            <li key={i.uid} className={i.status === "error" ? "rc-attach-error" : undefined}>
              {i.status === "uploading" ? <LoadingOutlined aria-hidden /> : <PaperClipOutlined aria-hidden />}
              <span className="rc-attach-name">{i.filename}</span>
              <span className="rc-muted rc-small">{fmtBytes(i.size)}</span>
              {i.status === "uploading" ? (
                <span className="rc-muted rc-small">{t("files.uploading")}</span>
              ) : null}
              {i.status === "error" ? <span className="rc-danger-text rc-small">{i.error}</span> : null}
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined aria-hidden />}
                aria-label={t("files.remove", { name: i.filename })}
                onClick={() => update((xs) => xs.filter((x) => x.uid !== i.uid))}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Download links for a report's attachments. */
export function AttachmentLinks({ files }: { files: Attachment[] | undefined }) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  if (!files?.length) return null;
  return (
    <ul className="rc-attach-list rc-attach-links" aria-label={t("files.label")}>
      {files.map((f) => (
        <li key={f.id}>
          <Button
            type="link"
            size="small"
            icon={<PaperClipOutlined aria-hidden />}
            loading={busy === f.id}
            onClick={async () => {
              setBusy(f.id);
              try {
                await fileApi.download(f.id, f.filename);
              } catch {
                // shown by the client
              } finally {
                setBusy(null);
              }
            }}
          >
            {f.filename}
          </Button>
          <span className="rc-muted rc-small">{fmtBytes(f.size)}</span>
        </li>
      ))}
    </ul>
  );
}
