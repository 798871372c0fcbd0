// Chinese and arabic numerals as they appear in headings ("二十三"), years ("二〇一七") and dates.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that can make up a Chinese numeral, for building regular expressions. */
export const CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千";

/** Full-width digits (０-９) become ASCII so one code path handles both. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** "二〇一七" style: every character a digit, read one by one (how years are written). */
function digitByDigit(s: string): number | null {
  let value = 0;
  for (const c of s) {
    const d = DIGITS[c];
    if (d === undefined) return null;
    value = value * 10 + d;
  }
  return Number.isSafeInteger(value) ? value : null;
}

/** "一百零五" style: digit-unit pairs with strictly decreasing units; 零 only fills a gap. */
function positional(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  let gap = false;
  for (const c of s) {
    const d = DIGITS[c];
    const u = UNITS[c];
    if (d === 0) {
      if (digit !== null || total === 0) return null;
      gap = true;
    } else if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
    } else if (u !== undefined) {
      if (u >= lastUnit) return null;
      // "十二" omits the leading 一, but only at the very start.
      if (digit === null && !(u === 10 && total === 0 && !gap)) return null;
      total += (digit ?? 1) * u;
      lastUnit = u;
      digit = null;
      gap = false;
    } else {
      return null;
    }
  }
  if (digit !== null) {
    // A trailing digit is the ones place only right after 十 or a 零 gap ("一百五" is ambiguous).
    if (lastUnit !== 10 && !gap && lastUnit !== Number.POSITIVE_INFINITY) return null;
    total += digit;
  } else if (gap) {
    return null;
  }
  return total;
}

/**
 * 一→1, 十→10, 十二→12, 二十三→23, 一百零五→105, 二〇一七→2017, "12"/"１２"→12.
 * Returns null for anything that is not a well-formed numeral.
 */
export function chineseNumeral(s: string): number | null {
  const t = toAsciiDigits(s.trim());
  if (t === "") return null;
  if (/^\d+$/.test(t)) {
    const n = Number.parseInt(t, 10);
    return Number.isSafeInteger(n) ? n : null;
  }
  const allDigits = [...t].every((c) => DIGITS[c] !== undefined);
  return allDigits ? digitByDigit(t) : positional(t);
}
