// The portal's columns (栏目), in navigation order. Keys appear in URLs: /portal/columns/:key.

export const COLUMN_KEYS = ["talent-policy", "employment-policy", "notices", "publicity", "guide"] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const COLUMNS: Record<ColumnKey, { zh: string; en: string }> = {
  "talent-policy": { zh: "人才政策", en: "Talent policy" },
  "employment-policy": { zh: "就业政策", en: "Employment policy" },
  notices: { zh: "通知公告", en: "Notices" },
  publicity: { zh: "公示公告", en: "Publicity" },
  guide: { zh: "办事指南", en: "Service guide" },
};

export const isColumnKey = (key: string): key is ColumnKey =>
  (COLUMN_KEYS as readonly string[]).includes(key);
