import type { Kysely } from "kysely";
import type { DB, FileRow } from "../../db/schema.js";
import type { AttachmentTable } from "./attachments.js";

export async function insertFile(db: Kysely<DB>, row: FileRow): Promise<void> {
  await db.insertInto("files").values(row).execute();
}

export function findFile(db: Kysely<DB>, id: string): Promise<FileRow | undefined> {
  return db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
}

export function filesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("files")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

/** Which of these files any of the join tables attaches to something. */
export async function attachedFileIds(
  db: Kysely<DB>,
  tables: readonly AttachmentTable[],
  fileIds: readonly string[],
): Promise<Set<string>> {
  const attached = new Set<string>();
  if (fileIds.length === 0) return attached;
  for (const table of tables) {
    const rows = await db
      .selectFrom(table)
      .select("file_id")
      .where("file_id", "in", [...fileIds])
      .execute();
    for (const r of rows) attached.add(r.file_id);
  }
  return attached;
}

/** Deletes the rows of files created before the cutoff that no join table refers to, returning them. */
export function deleteUnattachedBefore(
  db: Kysely<DB>,
  tables: readonly AttachmentTable[],
  cutoff: string,
): Promise<Pick<FileRow, "id" | "storage_key" | "owner_user_id" | "sha256">[]> {
  let q = db.deleteFrom("files").where("created_at", "<", cutoff);
  for (const table of tables) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom(table).select("file_id").whereRef(`${table}.file_id`, "=", "files.id"))),
    );
  }
  return q.returning(["id", "storage_key", "owner_user_id", "sha256"]).execute();
}
