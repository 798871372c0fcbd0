// The materials an application needs: one row per required or optional material of the service item,
// each with its accepted file types and its uploaded files (raw bytes to POST /api/files, then by id).
import { CloseOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Tag, Upload } from "antd";
import { useEffect, useRef, useState } from "react";
import { isApiError } from "../api/client";
import { fileApi, MAX_ATTACHMENT_BYTES } from "../api/policy";
import type { Attachment } from "../api/types";
import { useLang, useT } from "../i18n";
import { type AttachmentItem, AttachmentLinks, fmtBytes } from "./Attachments";

export interface MaterialSpec {
  code: string;
  name: string;
  required: boolean;
  /** File types as extensions without the dot ("pdf", "jpg"); empty: any accepted type. */
  types: string[];
  note?: string;
}

/** Files per material code. */
export type MaterialsValue = Record<string, AttachmentItem[]>;

const ALL_TYPES = ["pdf", "jpg", "png", "docx", "xlsx"];
const MAX_PER_MATERIAL = 10;

export function acceptOf(spec: MaterialSpec): string {
  const types = spec.types.length ? spec.types : ALL_TYPES;
  return types.flatMap((x) => (x === "jpg" ? [".jpg", ".jpeg"] : [`.${x}`])).join(",");
}

function extOk(spec: MaterialSpec, filename: string): boolean {
  if (!spec.types.length) return true;
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  return spec.types.includes(ext === "jpeg" ? "jpg" : ext);
}

/** The application's materials as the input's value. */
export const materialsFrom = (materials: { code: string; files: Attachment[] }[]): MaterialsValue =>
  Object.fromEntries(
    materials.map((m) => [
      m.code,
      m.files.map((f) => ({
        uid: f.id,
        id: f.id,
        filename: f.filename,
        size: f.size,
        status: "done" as const,
      })),
    ]),
  );

/** The PATCH body's materials: every material's uploaded file ids, in list order. */
export const materialIds = (
  specs: MaterialSpec[],
  v: MaterialsValue | undefined,
): { code: string; fileIds: string[] }[] =>
  specs.map((spec) => ({
    code: spec.code,
    fileIds: (v?.[spec.code] ?? []).flatMap((i) => (i.status === "done" && i.id ? [i.id] : [])),
  }));

export const materialsUploading = (v: MaterialsValue | undefined) =>
  Object.values(v ?? {}).some((xs) => xs.some((i) => i.status === "uploading"));

/** Required materials that have no uploaded file yet. */
export const missingMaterials = (specs: MaterialSpec[], v: MaterialsValue | undefined): MaterialSpec[] =>
  specs.filter((s) => s.required && !(v?.[s.code] ?? []).some((i) => i.status === "done"));

let seq = 0;

/** A form control (value / onChange) over all of an item's materials. */
export function MaterialsInput({
  specs,
  value,
  onChange,
  id,
}: {
  specs: MaterialSpec[];
  value?: MaterialsValue;
  onChange?: (v: MaterialsValue) => void;
  id?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [state, setState] = useState<MaterialsValue>(value ?? {});
  const current = useRef<MaterialsValue>(value ?? {});
  const emitted = useRef<MaterialsValue | undefined>(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (value !== emitted.current) {
      current.current = value ?? {};
      setState(value ?? {});
    }
  }, [value]);

  const update = (code: string, fn: (xs: AttachmentItem[]) => AttachmentItem[]) => {
    const next = { ...current.current, [code]: fn(current.current[code] ?? []) };
    current.current = next;
    emitted.current = next;
    setState(next);
    onChangeRef.current?.(next);
  };

  const add = async (spec: MaterialSpec, file: File) => {
    if (!extOk(spec, file.name)) {
      message.error(
        t("material.wrongType", { name: file.name, types: spec.types.join(" / ").toUpperCase() }),
      );
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      message.error(t("files.tooLarge", { name: file.name }));
      return;
    }
    if ((current.current[spec.code] ?? []).length >= MAX_PER_MATERIAL) {
      message.warning(t("files.tooMany", { n: MAX_PER_MATERIAL }));
      return;
    }
    const uid = `m-${++seq}`;
    update(spec.code, (xs) => [...xs, { uid, filename: file.name, size: file.size, status: "uploading" }]);
    try {
      const stored = await fileApi.upload(file, file.name);
      update(spec.code, (xs) =>
        xs.map((x) =>
          x.uid === uid
            ? { ...x, id: stored.id, filename: stored.filename, size: stored.size, status: "done" }
            : x,
        ),
      );
    } catch (e) {
      const text = isApiError(e) ? e.text(lang) : t("files.failed");
      update(spec.code, (xs) => xs.map((x) => (x.uid === uid ? { ...x, status: "error", error: text } : x)));
    }
  };

  if (specs.length === 0) return <p className="rc-muted">{t("material.none")}</p>;
  return (
    <ul className="rc-materials" id={id} aria-label={t("material.label")}>
      {specs.map((spec) => {
        const items = state[spec.code] ?? [];
        return (
          <li key={spec.code} className="rc-material" data-material={spec.code}>
            <div className="rc-material-head">
              <span className="rc-strong">{spec.name}</span>
              {spec.required ? (
                <Tag color="red">{t("material.required")}</Tag>
              ) : (
                <Tag>{t("material.optional")}</Tag>
              )}
              <span className="rc-muted rc-small">
                {(spec.types.length ? spec.types : ALL_TYPES).join(" / ").toUpperCase()}
              </span>
              <Upload
                accept={acceptOf(spec)}
                multiple
                showUploadList={false}
                beforeUpload={(file) => {
                  add(spec, file);
                  return false;
                }}
              >
                <Button
                  size="small"
                  icon={<UploadOutlined aria-hidden />}
                  aria-label={t("material.upload", { name: spec.name })}
                >
                  {t("files.add")}
                </Button>
              </Upload>
            </div>
            {items.length ? (
              <ul className="rc-attach-list" aria-live="polite">
                {items.map((i) => (
                  <li key={i.uid} className={i.status === "error" ? "rc-attach-error" : undefined}>
                    {i.status === "uploading" ? (
                      <LoadingOutlined aria-hidden />
                    ) : (
                      <PaperClipOutlined aria-hidden />
                    )}
                    <span className="rc-attach-name">{i.filename}</span>
                    <span className="rc-muted rc-small">{fmtBytes(i.size)}</span>
                    {i.status === "error" ? <span className="rc-danger-text rc-small">{i.error}</span> : null}
                    <Button
                      type="text"
                      size="small"
                      icon={<CloseOutlined aria-hidden />}
                      aria-label={t("files.remove", { name: i.filename })}
                      onClick={() => update(spec.code, (xs) => xs.filter((x) => x.uid !== i.uid))}
                    />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The submitted materials with download links, one row per material of the item. */
export function MaterialsView({ materials }: { materials: (MaterialSpec & { files: Attachment[] })[] }) {
  const t = useT();
  if (materials.length === 0) return <p className="rc-muted">{t("material.none")}</p>;
  return (
    <ul className="rc-materials">
      {materials.map((m) => (
        <li key={m.code} className="rc-material">
          <div className="rc-material-head">
            <span className="rc-strong">{m.name}</span>
            {m.required ? <Tag color="red">{t("material.required")}</Tag> : null}
            {m.files.length === 0 ? (
              <span className="rc-muted rc-small">{t("material.notProvided")}</span>
            ) : null}
          </div>
          <AttachmentLinks files={m.files} />
        </li>
      ))}
    </ul>
  );
}
