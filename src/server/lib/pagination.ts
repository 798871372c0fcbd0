import { AppError } from "./errors.js";

// Keyset paging: the cursor is the last row's sort key, opaque to clients. Never OFFSET.
// The query and page schemas are declared with the contracts.
export { PageOf, PageQuery } from "../../contracts/common.js";

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends string | number>(
  cursor: string | undefined,
  kind: "string" | "number",
): T | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof value === kind) return value as T;
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "BAD_CURSOR", { zh: "分页游标无效", en: "Invalid page cursor" });
}

/** Fetch limit+1 rows, return the page and the cursor of the next one. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => string | number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items, nextCursor };
}
