// Names on public lists are masked: the surname stays, the given name becomes stars (张** / 欧阳*).

const COMPOUND_SURNAMES = new Set([
  "欧阳",
  "司马",
  "诸葛",
  "上官",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "令狐",
  "夏侯",
  "端木",
  "司徒",
  "宇文",
  "独孤",
  "南宫",
  "西门",
  "轩辕",
  "呼延",
]);

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  if (chars.length === 1) return "*";
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join("")) ? 2 : 1;
  return chars.slice(0, keep).join("") + "*".repeat(chars.length - keep);
}
