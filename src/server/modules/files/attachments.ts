import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../lib/authz.js";

// The file store knows nothing of reports or applications. Each domain that attaches files declares
// an attachment kind: the join table that holds its (…, file_id) rows, and who may see the objects.
// The store uses the kinds to tell attached files from garbage and to decide who may download.

/** Tables with a file_id column: the join tables of attachment kinds. */
export type AttachmentTable = {
  [K in keyof DB]: DB[K] extends { file_id: string } ? K : never;
}[keyof DB];

export interface AttachmentKind {
  readonly table: AttachmentTable;
  /** May the actor see at least one object this file is attached to through this kind? */
  canRead(db: Kysely<DB>, actor: Actor, fileId: string): Promise<boolean>;
}
