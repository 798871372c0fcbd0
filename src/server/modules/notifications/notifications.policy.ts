import type { NotificationRow } from "../../db/schema.js";
import { definePolicy } from "../../lib/authz.js";

// A notification belongs to its recipient alone; nobody else, admins included, reads another's inbox.
export const notificationPolicy = definePolicy("notifications", {
  read: (actor, n?: NotificationRow) => n === undefined || n.user_id === actor.userId,
});
