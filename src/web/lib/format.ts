import dayjs from "dayjs";

/** ISO timestamp → local "YYYY-MM-DD HH:mm:ss" (or "—"). */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm:ss") : iso;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD") : iso;
}

/** Only same-origin absolute paths are followed from server-provided links. */
export function safeInternalLink(link: string | null | undefined): string | null {
  if (!link) return null;
  if (!link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return null;
  return link;
}

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 23 → 二十三 (1–99; other numbers as digits). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ""}`;
}

/** A policy measure's number as the policy writes it: （十二） in Chinese (the dictionary adds the
 * brackets), 12 in English. Never "第12条": the policy numbers its measures （一）…（二十三）. */
export function measureNumber(lang: "zh" | "en", n: number): string {
  return lang === "zh" ? chineseNumeral(n) : String(n);
}

/** A score with at most one decimal ("38.5", "40"). */
export function fmtScore(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A signed score ("+2", "−1.5", "0"). */
export function fmtSigned(n: number): string {
  const r = Math.round(n * 10) / 10;
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${Math.abs(r)}`;
  return "0";
}
