import type { Lang } from "../api/types";

/** GB/T 2260 codes of the demo city and its county-level units. Others may be typed freely. */
export const REGIONS: { code: string; zh: string; en: string }[] = [
  { code: "210800", zh: "营口市", en: "Yingkou City" },
  { code: "210802", zh: "站前区", en: "Zhanqian District" },
  { code: "210803", zh: "西市区", en: "Xishi District" },
  { code: "210804", zh: "鲅鱼圈区", en: "Bayuquan District" },
  { code: "210811", zh: "老边区", en: "Laobian District" },
  { code: "210881", zh: "盖州市", en: "Gaizhou City" },
  { code: "210882", zh: "大石桥市", en: "Dashiqiao City" },
];

export function regionName(lang: Lang, code: string | null): string | null {
  if (!code) return null;
  const r = REGIONS.find((x) => x.code === code);
  return r ? r[lang] : null;
}
