import { can } from "../../lib/authz.js";
import type { Deps, Op, Trx } from "../../lib/context.js";
import { notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { countUnread, listNotifications } from "./notifications.repo.js";
import "./notifications.policy.js";

export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
}

/** Puts a message in a user's inbox and, when they have an e-mail address, in the outbox for the
 * mail adapter; both in the caller's transaction. */
export async function notifyUser(trx: Trx, now: Date, userId: string, n: NewNotification): Promise<void> {
  const at = now.toISOString();
  await trx
    .insertInto("notifications")
    .values({
      id: newId(now.getTime()),
      user_id: userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      created_at: at,
      read_at: null,
    })
    .execute();
  const user = await trx.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
  if (user?.email) {
    await trx
      .insertInto("outbox")
      .values({
        id: newId(now.getTime()),
        channel: "email",
        recipient: user.email,
        subject: n.title,
        body: n.body,
        status: "pending",
        attempts: 0,
        last_error: null,
        created_at: at,
        sent_at: null,
      })
      .execute();
  }
}

const notificationLabel = { zh: "消息", en: "Notification" };

export function makeNotificationService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;
  return {
    unreadCount: (userId: string) => countUnread(db, userId),

    async list(op: Op, query: { cursor?: string; limit?: number }) {
      const limit = query.limit ?? 20;
      const rows = await listNotifications(
        db,
        op.actor.userId,
        decodeCursor<string>(query.cursor, "string"),
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => r.id);
      return {
        items: page.items.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: r.created_at,
          readAt: r.read_at,
        })),
        unread: await countUnread(db, op.actor.userId),
        nextCursor: page.nextCursor,
      };
    },

    async markRead(op: Op, id: string): Promise<void> {
      const row = await db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
      // Someone else's notification answers exactly like a missing one: no existence leak.
      if (!row || !can(op.actor, "notifications.read", row)) throw notFound(notificationLabel);
      if (row.read_at !== null) return;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("notifications")
          .set({ read_at: deps.clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, { action: "notifications.read", objectType: "notification", objectId: id });
      });
    },

    async markAllRead(op: Op): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("notifications")
          .set({ read_at: deps.clock.now().toISOString() })
          .where("user_id", "=", op.actor.userId)
          .where("read_at", "is", null)
          .executeTakeFirst();
        await writeAudit(trx, op, {
          action: "notifications.read_all",
          detail: { count: Number(result.numUpdatedRows) },
        });
      });
    },
  };
}
export type NotificationService = ReturnType<typeof makeNotificationService>;
