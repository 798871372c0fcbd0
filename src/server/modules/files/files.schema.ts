import { type Static, Type } from "@sinclair/typebox";

/** The largest file accepted: 20 MiB (the upload route's body limit). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** An upload nobody attached within this time is garbage (the files.purge job). */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

export const FileView = Type.Object(
  {
    id: Type.String(),
    filename: Type.String(),
    /** Detected from the content. */
    mime: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
    createdAt: Type.String(),
  },
  { $id: "File" },
);
export type FileView = Static<typeof FileView>;

/** A file as objects that carry it show it. */
export const AttachmentView = Type.Object(
  { id: Type.String(), filename: Type.String(), mime: Type.String(), size: Type.Integer() },
  { $id: "Attachment" },
);
export type AttachmentView = Static<typeof AttachmentView>;

/** At most ten attachments per object, by the ids the upload returned. */
export const AttachmentIds = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 });

export const UploadQuery = Type.Object(
  {
    filename: Type.String({
      minLength: 1,
      maxLength: 1000,
      description:
        "The file's name with its extension; paths and control characters are dropped, 200 characters kept",
    }),
  },
  { additionalProperties: false },
);

export const FileParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
