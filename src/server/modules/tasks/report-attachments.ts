import { can } from "../../lib/authz.js";
import type { AttachmentKind } from "../files/attachments.js";
import { tasksOfAttachedFile, unitsOfTasks } from "./tasks.repo.js";
import { subjectOf } from "./visible-task.js";
import "./tasks.policy.js";

/** Files on progress reports: whoever may see the report's task may download them. */
export const reportAttachments: AttachmentKind = {
  table: "report_attachments",
  async canRead(db, actor, fileId) {
    const taskIds = await tasksOfAttachedFile(db, fileId);
    if (taskIds.length === 0) return false;
    const units = await unitsOfTasks(db, taskIds);
    return taskIds.some((taskId) =>
      can(actor, "tasks.read", subjectOf(units.filter((u) => u.taskId === taskId))),
    );
  },
};
