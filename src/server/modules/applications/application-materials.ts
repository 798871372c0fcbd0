import { can } from "../../lib/authz.js";
import type { AttachmentKind } from "../files/attachments.js";
import { subjectOfApplication } from "./visible-application.js";
import "./applications.policy.js";

/** Files on applications (申请材料): whoever may read the application may download them. */
export const applicationMaterials: AttachmentKind = {
  table: "application_materials",
  async canRead(db, actor, fileId) {
    const row = await db
      .selectFrom("application_materials")
      .select("application_id")
      .where("file_id", "=", fileId)
      .executeTakeFirst();
    if (!row) return false;
    const subject = await subjectOfApplication(db, row.application_id);
    return subject !== null && can(actor, "applications.read", subject);
  },
};
