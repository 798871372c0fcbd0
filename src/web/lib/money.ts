// Money as people read it: amounts are kept in 分 (integers) everywhere and shown only through here,
// never as raw fen or a bare number.

/** 分 → "¥600,000.00" (grouped, always two decimals, minus sign before ¥). */
export function fmtMoney(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

/** 分 → "60 万元" / "1.25 万元" from 10,000 元 up, "8,000 元" below (at most two decimals). */
export function fmtWan(fen: number, lang: "zh" | "en" = "zh"): string {
  const yuan = fen / 100;
  if (lang === "en") return `${yuan.toLocaleString("en-US", { maximumFractionDigits: 2 })} yuan`;
  if (Math.abs(yuan) >= 10_000) {
    const wan = Math.round(yuan / 100) / 100;
    return `${wan.toLocaleString("en-US", { maximumFractionDigits: 2 })} 万元`;
  }
  return `${yuan.toLocaleString("en-US", { maximumFractionDigits: 2 })} 元`;
}
