// Issue 14 item 6: amounts display as money, never as raw fen.
import { describe, expect, it } from "vitest";
import { fmtMoney, fmtWan } from "../../src/web/lib/money.js";

describe("money on screen", () => {
  it("shows fen as grouped yuan with the currency sign and two decimals", () => {
    expect(fmtMoney(60_000_000)).toBe("¥600,000.00");
    expect(fmtMoney(5)).toBe("¥0.05");
    expect(fmtMoney(123_456_789)).toBe("¥1,234,567.89");
    expect(fmtMoney(-150)).toBe("-¥1.50");
    expect(fmtMoney(0)).toBe("¥0.00");
  });

  it("shows large amounts in 万元, small ones in 元", () => {
    expect(fmtWan(60_000_000)).toBe("60 万元");
    expect(fmtWan(1_234_500)).toBe("1.23 万元");
    expect(fmtWan(800_000)).toBe("8,000 元");
    expect(fmtWan(5_000_000, "en")).toBe("50,000 yuan");
  });
});
