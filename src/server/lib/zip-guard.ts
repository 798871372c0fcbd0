import { inflateRawSync } from "node:zlib";
import { AppError } from "./errors.js";

// Every reader of an uploaded ZIP (.xlsx, .docx) goes through here before it inflates anything:
// the central directory is walked first and the declared sizes checked against an output cap and a
// ratio cap; then each entry is inflated with a hard output limit of what it declared, so an entry
// whose headers lie is stopped at the lie. Pure apart from throwing the one AppError.

export interface ZipLimits {
  /** Total bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio for an entry above `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this inflate to whatever ratio they like (tiny XML parts compress well). */
  ratioFloorBytes: number;
  maxEntries: number;
}

/** Office documents compress 5–30×; a sheet of identical rows reaches ≈ 100×; deflate tops out at 1,032×. */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export const inflatesTooMuch = (detail: { zh: string; en: string }) =>
  new AppError("too_large", "UPLOAD_INFLATES_TOO_MUCH", {
    zh: `文件解压后过大，疑似压缩炸弹，已拒绝：${detail.zh}`,
    en: `The file would inflate too far (a zip bomb?) and was refused: ${detail.en}`,
  });

/** The central directory's entries; null if the bytes are not a ZIP we read (ZIP64 is not). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

const mb = (n: number) => (n / 1_048_576).toFixed(0);

/** Refuses (413) an archive whose declared sizes exceed the caps; returns its entries, or null when
 * the bytes are not a ZIP at all (the caller says what it expected). */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): ZipEntry[] | null {
  const entries = zipEntries(bytes);
  if (entries === null) return null;
  if (entries.length > limits.maxEntries) {
    throw inflatesTooMuch({
      zh: `包含 ${entries.length} 个条目（上限 ${limits.maxEntries}）`,
      en: `${entries.length} entries (at most ${limits.maxEntries})`,
    });
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (
      e.uncompressedSize > limits.ratioFloorBytes &&
      e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)
    ) {
      throw inflatesTooMuch({
        zh: `条目 ${e.name} 压缩比超过 ${limits.maxRatio}:1`,
        en: `entry ${e.name} has a compression ratio above ${limits.maxRatio}:1`,
      });
    }
  }
  if (total > limits.maxTotalBytes) {
    throw inflatesTooMuch({
      zh: `解压后共 ${mb(total)} MB（上限 ${mb(limits.maxTotalBytes)} MB）`,
      en: `${mb(total)} MB inflated (at most ${mb(limits.maxTotalBytes)} MB)`,
    });
  }
  return entries;
}

/** One entry's bytes, inflated to at most the size it declared (and the caps); null if unreadable. */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits = OFFICE_ZIP_LIMITS,
): Buffer | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) return null;
  const cap = Math.min(entry.uncompressedSize, limits.maxTotalBytes);
  try {
    // One byte more than declared: reaching it proves the header lied.
    const out = inflateRawSync(data, { maxOutputLength: cap + 1 });
    if (out.length > cap) throw new RangeError("over");
    return out;
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw inflatesTooMuch({
        zh: `条目 ${entry.name} 解压后超过其声明的 ${entry.uncompressedSize} 字节`,
        en: `entry ${entry.name} inflates beyond the ${entry.uncompressedSize} bytes it declares`,
      });
    }
    return null;
  }
}
