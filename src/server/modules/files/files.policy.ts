import { definePolicy, hasAnyRole, type Role } from "../../lib/authz.js";

/** What the rules need to know about a stored file: who uploaded it, and whether the actor may see
 * one of the objects it is attached to (worked out by the attachment kinds, see attachments.ts). */
export interface FileSubject {
  ownerUserId: string;
  attachedToVisible: boolean;
}

/** Who uploads: officers, for their progress reports; talent and employer, for application materials;
 * the talent office, for portal articles. */
const UPLOADERS: readonly Role[] = ["officer", "talent", "employer", "talent_office"];
/** Who may ever download: the uploaders, and whoever sees an object that carries files (a task's
 * leaders and the talent office, for reports). */
const READERS: readonly Role[] = [...UPLOADERS, "leader", "talent_office"];

// A file belongs to its uploader; others reach it only through an object they may see. Everyone else
// is told it does not exist (404), exactly as for an unknown id.
export const filePolicy = definePolicy("files", {
  upload: (actor) => hasAnyRole(actor, UPLOADERS),
  read: (actor, file?: FileSubject) =>
    file === undefined
      ? hasAnyRole(actor, READERS)
      : file.ownerUserId === actor.userId || file.attachedToVisible,
});
