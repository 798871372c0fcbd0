// What a file is, read from its bytes alone (never from its name or the request's headers), and
// what its name may be. Pure: no I/O, no dependencies.

export const FILE_TYPES = {
  pdf: {
    mime: "application/pdf",
    extensions: ["pdf"],
    label: { zh: "PDF 文档", en: "a PDF document" },
  },
  jpeg: {
    mime: "image/jpeg",
    extensions: ["jpg", "jpeg"],
    label: { zh: "JPEG 图片", en: "a JPEG image" },
  },
  png: {
    mime: "image/png",
    extensions: ["png"],
    label: { zh: "PNG 图片", en: "a PNG image" },
  },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    label: { zh: "Word 文档（.docx）", en: "a Word document (.docx)" },
  },
  xlsx: {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    label: { zh: "Excel 表格（.xlsx）", en: "an Excel workbook (.xlsx)" },
  },
} as const;

export type FileType = keyof typeof FILE_TYPES;

/** The accepted extensions, for messages: ".pdf、.jpg、…". */
export const ACCEPTED_EXTENSIONS = Object.values(FILE_TYPES).flatMap((t) => t.extensions.map((e) => `.${e}`));

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * The entry names of a ZIP archive, read from its central directory (the end-of-central-directory
 * record, then each central file header); null if the bytes are not a well-formed ZIP. ZIP64 archives
 * (over 65 535 entries or 4 GiB) are not read: no office document we accept is one.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < EOCD_SIZE) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The record sits at the end, followed only by a comment of up to 64 KiB.
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
    if (
      view.getUint32(i, true) === EOCD_SIGNATURE &&
      i + EOCD_SIZE + view.getUint16(i + 20, true) <= bytes.length
    ) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (offset + size > eocd) return null;

  const decoder = new TextDecoder("utf-8", { fatal: false });
  const names: string[] = [];
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > offset + size || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > offset + size) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/** The accepted type these bytes are, by their magic numbers (and, for ZIPs, their entries); else null. */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, ZIP_LOCAL)) {
    const names = zipEntryNames(bytes);
    if (names === null) return null;
    const word = names.some((n) => n.startsWith("word/"));
    const excel = names.some((n) => n.startsWith("xl/"));
    // Both at once is no office document we know; neither is a plain ZIP.
    if (word && !excel) return "docx";
    if (excel && !word) return "xlsx";
  }
  return null;
}

export const MAX_FILENAME_LENGTH = 200;

/** C0 and C1 controls, DEL, and the bidirectional marks and overrides that make "report\u202Efdp.exe"
 * look like a PDF. */
function isUnsafe(char: string): boolean {
  const c = char.codePointAt(0)!;
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/**
 * The name to store and offer on download: the last path segment (either slash), without control or
 * bidi-override characters, trimmed, at most 200 characters (the stem is shortened, the extension
 * kept). Null when nothing usable is left.
 */
export function cleanFilename(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = Array.from(base.normalize("NFC"))
    .filter((char) => !isUnsafe(char))
    .join("")
    .trim();
  if (cleaned === "" || /^\.+$/.test(cleaned)) return null;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_FILENAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (extension.length >= MAX_FILENAME_LENGTH / 2) return chars.slice(0, MAX_FILENAME_LENGTH).join("");
  const stem = Array.from(cleaned.slice(0, dot > 0 ? dot : cleaned.length));
  return stem
    .slice(0, MAX_FILENAME_LENGTH - extension.length)
    .concat(extension)
    .join("")
    .trim();
}

/** The lower-case extension without the dot ("" when there is none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
}

export function extensionFits(filename: string, type: FileType): boolean {
  return (FILE_TYPES[type].extensions as readonly string[]).includes(extensionOf(filename));
}

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients and the exact UTF-8 name for the rest. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
