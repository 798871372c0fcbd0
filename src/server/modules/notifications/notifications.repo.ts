import type { Kysely } from "kysely";
import type { DB, NotificationRow } from "../../db/schema.js";

export function listNotifications(
  db: Kysely<DB>,
  userId: string,
  beforeId: string | undefined,
  limit: number,
): Promise<NotificationRow[]> {
  let q = db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
  if (beforeId !== undefined) q = q.where("id", "<", beforeId);
  return q.orderBy("id", "desc").limit(limit).execute();
}

export async function countUnread(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
