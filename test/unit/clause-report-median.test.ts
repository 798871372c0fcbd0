import { describe, expect, it } from "vitest";
import { medianOf } from "../../src/server/modules/clause-report/clause-report.service.js";

const plain = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe("medianOf (a histogram's median, as the clause report takes it)", () => {
  it("is null for nothing, and equals the median of the expanded list", () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ value: 3, n: 0 }])).toBeNull();
    expect(medianOf([{ value: 5, n: 1 }])).toBe(5);
    expect(
      medianOf([
        { value: 2, n: 1 },
        { value: 4, n: 1 },
      ]),
    ).toBe(3);
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * k);
    };
    for (let round = 0; round < 200; round++) {
      const hist = Array.from({ length: 1 + rand(6) }, () => ({ value: rand(40), n: rand(5) }));
      const expanded = hist.flatMap((h) => Array<number>(h.n).fill(h.value));
      expect(medianOf(hist)).toBe(expanded.length === 0 ? null : plain(expanded));
    }
  });
});
