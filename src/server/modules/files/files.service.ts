import { createHash } from "node:crypto";
import type { ReadStream } from "node:fs";
import type { Kysely } from "kysely";
import type { DB, FileRow } from "../../db/schema.js";
import { type Actor, authorize, can } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { AppError, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { AttachmentKind } from "./attachments.js";
import type { BlobStore } from "./blob-store.js";
import {
  ACCEPTED_EXTENSIONS,
  cleanFilename,
  detectFileType,
  extensionFits,
  extensionOf,
  FILE_TYPES,
} from "./detect.js";
import type { FileSubject } from "./files.policy.js";
import { attachedFileIds, deleteUnattachedBefore, filesByIds, findFile, insertFile } from "./files.repo.js";
import { type FileView, MAX_FILE_BYTES, UNATTACHED_TTL_MS } from "./files.schema.js";
import "./files.policy.js";

const fileLabel = { zh: "文件", en: "File" };

export const presentFile = (f: FileRow): FileView => ({
  id: f.id,
  filename: f.filename,
  mime: f.mime,
  size: f.size,
  sha256: f.sha256,
  createdAt: f.created_at,
});

const fileInvalid = (path: string, message: { zh: string; en: string }) =>
  invalidFields("FILE_INVALID", [{ path, message }]);

/** Checks a list of file ids an author wants to attach; the failures, one per bad index. */
export type AttachmentCheck = (
  db: Kysely<DB>,
  actor: Actor,
  fileIds: readonly string[],
  options: { path: string; keep: readonly string[] },
) => Promise<FieldError[]>;

export interface FileServiceOptions {
  store: BlobStore;
  /** Every join table that attaches files, with its visibility rule. */
  kinds: readonly AttachmentKind[];
}

export function makeFileService(deps: Deps, writeAudit: AuditWriter, { store, kinds }: FileServiceOptions) {
  const db = deps.database.db;
  const tables = kinds.map((k) => k.table);

  async function subjectOf(actor: Actor, file: FileRow): Promise<FileSubject> {
    const subject = { ownerUserId: file.owner_user_id, attachedToVisible: false };
    if (file.owner_user_id === actor.userId) return subject;
    for (const kind of kinds) {
      if (await kind.canRead(db, actor, file.id)) return { ...subject, attachedToVisible: true };
    }
    return subject;
  }

  /** The cleaned name and detected type of an upload, or a 422 saying what is wrong. */
  function vet(rawName: string, bytes: Uint8Array) {
    const filename = cleanFilename(rawName);
    if (filename === null)
      throw fileInvalid("querystring:/filename", { zh: "文件名无效", en: "The file name is not usable" });
    if (bytes.length === 0) throw fileInvalid("", { zh: "文件为空", en: "The file is empty" });
    if (bytes.length > MAX_FILE_BYTES)
      throw new AppError("too_large", "BODY_TOO_LARGE", {
        zh: "文件不能超过 20 MB",
        en: "Files may not exceed 20 MB",
      });
    const type = detectFileType(bytes);
    const accepted = ACCEPTED_EXTENSIONS.join("、");
    if (type === null)
      throw fileInvalid("", {
        zh: `不支持的文件类型，仅接受 PDF、JPEG、PNG、Word（.docx）和 Excel（.xlsx）文件（${accepted}）`,
        en: `Unsupported file type; only PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx) files are accepted (${ACCEPTED_EXTENSIONS.join(", ")})`,
      });
    if (!extensionFits(filename, type)) {
      const ext = extensionOf(filename);
      const shown =
        ext === ""
          ? { zh: "文件名没有扩展名", en: "The file name has no extension" }
          : { zh: `文件扩展名为 .${ext}`, en: `The file name ends in .${ext}` };
      const label = FILE_TYPES[type].label;
      const expected = FILE_TYPES[type].extensions.map((e) => `.${e}`);
      throw invalidFields("FILE_TYPE_MISMATCH", [
        {
          path: "querystring:/filename",
          message: {
            zh: `${shown.zh}，但文件内容是${label.zh}，扩展名应为 ${expected.join(" 或 ")}`,
            en: `${shown.en} but the content is ${label.en}; use ${expected.join(" or ")}`,
          },
        },
      ]);
    }
    return { filename, type };
  }

  const checkAttachable: AttachmentCheck = async (trx, actor, fileIds, { path, keep }) => {
    const rows = new Map((await filesByIds(trx, fileIds)).map((f) => [f.id, f]));
    const kept = new Set(keep);
    const attached = await attachedFileIds(
      trx,
      tables,
      fileIds.filter((id) => !kept.has(id)),
    );
    const errors: FieldError[] = [];
    fileIds.forEach((id, i) => {
      const file = rows.get(id);
      const at = `${path}/${i}`;
      if (fileIds.indexOf(id) !== i)
        errors.push({ path: at, message: { zh: "附件重复", en: "This file is listed twice" } });
      else if (!file || file.owner_user_id !== actor.userId)
        errors.push({
          path: at,
          message: { zh: "附件不存在或不是本人上传的文件", en: "No such file among your uploads" },
        });
      else if (attached.has(id))
        errors.push({
          path: at,
          message: { zh: "该文件已作为其他材料的附件", en: "This file is already attached elsewhere" },
        });
    });
    return errors;
  };

  return {
    checkAttachable,

    async upload(op: Op, input: { filename: string; bytes: Uint8Array }): Promise<FileView> {
      authorize(op.actor, "files.upload");
      const { filename, type } = vet(input.filename, input.bytes);
      const now = deps.clock.now();
      const sha256 = createHash("sha256").update(input.bytes).digest("hex");
      const key = await store.put(input.bytes);
      const row: FileRow = {
        id: newId(now.getTime()),
        owner_user_id: op.actor.userId,
        owner_org_id: op.actor.orgId,
        filename,
        mime: FILE_TYPES[type].mime,
        size: input.bytes.length,
        sha256,
        storage_key: key,
        created_at: now.toISOString(),
      };
      try {
        await db.transaction().execute(async (trx) => {
          await insertFile(trx, row);
          await writeAudit(trx, op, {
            action: "files.upload",
            objectType: "file",
            objectId: row.id,
            detail: { filename, mime: row.mime, size: row.size, sha256 },
          });
        });
      } catch (error) {
        // No row, no bytes: a failed upload leaves nothing behind.
        await store.remove(key);
        throw error;
      }
      return presentFile(row);
    },

    /** The file and a stream of its bytes, for the uploader or someone who sees what it is attached
     * to; 404 for everyone else. Every download, and every refused one, is audited. */
    async download(op: Op, id: string): Promise<{ file: FileRow; stream: ReadStream }> {
      authorize(op.actor, "files.read");
      const file = await findFile(db, id);
      if (!file) throw notFound(fileLabel);
      const subject = await subjectOf(op.actor, file);
      const record = { action: "files.download", objectType: "file", objectId: file.id };
      if (!can(op.actor, "files.read", subject)) {
        await db.transaction().execute((trx) => writeAudit(trx, op, { ...record, result: "denied" }));
        throw notFound(fileLabel);
      }
      let stream: ReadStream;
      try {
        stream = await store.open(file.storage_key);
      } catch {
        throw new AppError("internal", "FILE_MISSING", {
          zh: "文件内容丢失，请联系系统管理员",
          en: "The file's content is missing; contact the administrator",
        });
      }
      try {
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            ...record,
            detail: {
              filename: file.filename,
              size: file.size,
              sha256: file.sha256,
              as: file.owner_user_id === op.actor.userId ? "uploader" : "attachment",
            },
          }),
        );
      } catch (error) {
        stream.destroy();
        throw error;
      }
      return { file, stream };
    },

    /** Removes uploads older than a day that nothing refers to, rows first, then their bytes. */
    async purgeUnattached(): Promise<{ purged: number; bytesFailed: number }> {
      const now = deps.clock.now();
      const cutoff = new Date(now.getTime() - UNATTACHED_TTL_MS).toISOString();
      const removed = await db.transaction().execute(async (trx) => {
        const rows = await deleteUnattachedBefore(trx, tables, cutoff);
        if (rows.length > 0)
          await writeAudit(trx, SYSTEM, {
            action: "files.purge",
            objectType: "file",
            detail: {
              cutoff,
              files: rows.map((r) => ({ id: r.id, owner: r.owner_user_id, sha256: r.sha256 })),
            },
          });
        return rows;
      });
      let bytesFailed = 0;
      for (const row of removed) {
        // A failure here leaves unreachable bytes, never a row without bytes.
        await store.remove(row.storage_key).catch(() => {
          bytesFailed += 1;
        });
      }
      return { purged: removed.length, bytesFailed };
    },
  };
}
export type FileService = ReturnType<typeof makeFileService>;
