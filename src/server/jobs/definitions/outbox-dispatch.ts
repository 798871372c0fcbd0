import { Type } from "@sinclair/typebox";
import { defineJob, type JobContext } from "../types.js";

/** Sends what the outbox holds through the configured adapter. With OUTBOX_ADAPTER=none (the
 * default: no SMS or mail gateway is configured) messages stay pending until an adapter exists. */
export interface OutboxAdapter {
  send(message: { channel: string; recipient: string; subject: string; body: string }): Promise<void>;
}

function adapterFor(ctx: JobContext): OutboxAdapter | null {
  if (ctx.config.outboxAdapter === "log") {
    return {
      async send(message) {
        ctx.log.info(
          { channel: message.channel, recipient: message.recipient, subject: message.subject },
          "outbox message delivered to log",
        );
      },
    };
  }
  return null;
}

export const dispatchOutbox = defineJob({
  id: "outbox.dispatch",
  payload: Type.Object({}),
  cron: "* * * * *",
  async handler(_payload, ctx) {
    const adapter = adapterFor(ctx);
    if (!adapter) return;
    const db = ctx.deps.database.db;
    const pending = await db
      .selectFrom("outbox")
      .selectAll()
      .where("status", "=", "pending")
      .orderBy("id")
      .limit(100)
      .execute();
    for (const message of pending) {
      try {
        await adapter.send(message);
        await db
          .updateTable("outbox")
          .set({
            status: "sent",
            sent_at: ctx.deps.clock.now().toISOString(),
            attempts: message.attempts + 1,
          })
          .where("id", "=", message.id)
          .execute();
      } catch (error) {
        const failed = message.attempts + 1 >= 5;
        await db
          .updateTable("outbox")
          .set({
            status: failed ? "failed" : "pending",
            attempts: message.attempts + 1,
            last_error: error instanceof Error ? error.message : String(error),
          })
          .where("id", "=", message.id)
          .execute();
      }
    }
  },
});
