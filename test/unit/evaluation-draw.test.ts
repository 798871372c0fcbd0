// The draw (engine/evaluation/draw.ts) over random pools: no seat and no reserve ever breaks a
// conflict rule (same employer, declared relation, former employer within the period, recent round);
// the same inputs give the same panel whatever order the snapshot lists them in; another seed or a
// changed pool is a different key. And the scoring arithmetic (score.ts) on known numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commitmentOf,
  conflictOf,
  drawPanels,
  keyedShuffle,
  type PoolSnapshot,
  snapshotHash,
} from "../../src/server/engine/evaluation/draw.js";
import {
  decide,
  kendallW,
  severity,
  trimmedMean,
  weightedTotal,
} from "../../src/server/engine/evaluation/score.js";

const ORGS = ["o1", "o2", "o3", "o4", "o5"];
const TALENTS = ["t1", "t2", "t3", "t4", "t5", "t6"];
const DISCIPLINES = ["A", "B", "C"];
const DATES = ["2018-01-01", "2022-06-30", "2025-12-31", "2027-01-01"];

const relation = fc.record({
  kind: fc.constantFrom("co_author" as const, "relative" as const, "former_employer" as const),
  talentId: fc.option(fc.constantFrom(...TALENTS), { nil: null }),
  orgId: fc.option(fc.constantFrom(...ORGS), { nil: null }),
  from: fc.option(fc.constantFrom(...DATES), { nil: null }),
  to: fc.option(fc.constantFrom(...DATES), { nil: null }),
});

const snapshot: fc.Arbitrary<PoolSnapshot> = fc
  .record({
    experts: fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 400 }).map((n) => `E${String(n).padStart(3, "0")}`),
        employerKeys: fc.subarray(ORGS, { maxLength: 2 }),
        disciplines: fc.subarray(DISCIPLINES, { minLength: 1 }),
        relations: fc.array(relation, { maxLength: 3 }),
      }),
      { minLength: 0, maxLength: 60, selector: (e) => e.id },
    ),
    candidates: fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 50 }).map((n) => `C${n}`),
        talentId: fc.constantFrom(...TALENTS),
        employerKeys: fc.subarray(ORGS, { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 8, selector: (c) => c.id },
    ),
    sittings: fc.array(
      fc.record({ talentId: fc.constantFrom(...TALENTS), n: fc.integer({ min: 1, max: 400 }) }),
      { maxLength: 20 },
    ),
    disciplines: fc.subarray(DISCIPLINES, { minLength: 1 }),
    panelSize: fc.integer({ min: 1, max: 7 }),
    reserveSize: fc.integer({ min: 0, max: 4 }),
  })
  .map((r) => ({
    roundId: "R1",
    drawnOn: "2026-12-06",
    disciplines: r.disciplines,
    panelSize: r.panelSize,
    reserveSize: r.reserveSize,
    formerEmployerYears: 3,
    experts: r.experts,
    candidates: r.candidates,
    recentSittings: r.sittings.map((s) => ({
      talentId: s.talentId,
      expertId: `E${String(s.n).padStart(3, "0")}`,
      roundId: "R0",
    })),
  }));

const seed = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("hex"));

/** The conflict rules written out again, independently of conflictOf, for the property. */
function violates(s: PoolSnapshot, expertId: string, candidateId: string): boolean {
  const e = s.experts.find((x) => x.id === expertId)!;
  const c = s.candidates.find((x) => x.id === candidateId)!;
  if (e.employerKeys.some((k) => c.employerKeys.includes(k))) return true;
  if (s.recentSittings.some((r) => r.talentId === c.talentId && r.expertId === e.id)) return true;
  return e.relations.some((r) => {
    if (r.from !== null && r.from > s.drawnOn) return false;
    if (r.kind === "former_employer")
      return r.orgId !== null && c.employerKeys.includes(r.orgId) && (r.to === null || r.to >= "2023-12-06");
    return (
      (r.talentId !== null && r.talentId === c.talentId) ||
      (r.orgId !== null && c.employerKeys.includes(r.orgId))
    );
  });
}

describe("draw properties", () => {
  it("never seats or reserves an expert with a conflict, nor one outside the round's disciplines", () => {
    let seated = 0;
    fc.assert(
      fc.property(snapshot, seed, (s, key) => {
        const result = drawPanels(key, s);
        expect(result.candidates).toHaveLength(s.candidates.length);
        for (const c of result.candidates) {
          expect(c.panel.length).toBeLessThanOrEqual(s.panelSize);
          expect(c.reserves.length).toBeLessThanOrEqual(s.reserveSize);
          expect(new Set([...c.panel, ...c.reserves]).size).toBe(c.panel.length + c.reserves.length);
          for (const id of [...c.panel, ...c.reserves]) {
            seated += 1;
            expect(violates(s, id, c.candidateId)).toBe(false);
            const e = s.experts.find((x) => x.id === id)!;
            expect(e.disciplines.some((d) => s.disciplines.includes(d))).toBe(true);
          }
          for (const a of c.avoided) expect(violates(s, a.expertId, c.candidateId)).toBe(true);
          // A short panel means every eligible expert without a conflict was used.
          if (c.panel.length < s.panelSize) {
            const free = s.experts.filter(
              (e) =>
                e.disciplines.some((d) => s.disciplines.includes(d)) && !violates(s, e.id, c.candidateId),
            );
            expect(c.panel.length).toBe(free.length);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(seated).toBeGreaterThan(100);
  });

  it("gives the same panel for the same inputs, whatever order the snapshot lists them in", () => {
    fc.assert(
      fc.property(snapshot, seed, (s, key) => {
        const shuffled = { ...s, experts: [...s.experts].reverse(), candidates: [...s.candidates].reverse() };
        expect(drawPanels(key, shuffled)).toEqual(drawPanels(key, s));
        expect(snapshotHash(shuffled)).toBe(snapshotHash(s));
      }),
      { numRuns: 200 },
    );
  });

  it("another seed or another pool changes the order (the key covers both)", () => {
    const s: PoolSnapshot = {
      roundId: "R1",
      drawnOn: "2026-12-06",
      disciplines: ["A"],
      panelSize: 5,
      reserveSize: 2,
      formerEmployerYears: 3,
      experts: Array.from({ length: 40 }, (_, i) => ({
        id: `E${i}`,
        employerKeys: [],
        disciplines: ["A"],
        relations: [],
      })),
      candidates: [{ id: "C1", talentId: "t1", employerKeys: [] }],
      recentSittings: [],
    };
    const a = drawPanels("00".repeat(32), s);
    expect(drawPanels("00".repeat(32), s)).toEqual(a);
    expect(drawPanels("01".repeat(32), s).order).not.toEqual(a.order);
    expect(drawPanels("00".repeat(32), { ...s, roundId: "R2" }).order).not.toEqual(a.order);
    const fewer = { ...s, experts: s.experts.slice(1) };
    expect(snapshotHash(fewer)).not.toBe(snapshotHash(s));
    expect(commitmentOf("00".repeat(32))).toBe(
      "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925",
    );
  });

  it("shuffles uniformly enough: each of 4 items lands first about a quarter of the time", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const first = keyedShuffle(["a", "b", "c", "d"], Buffer.from(String(i)))[0]!;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    expect(counts.size).toBe(4);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });

  it("conflictOf names the first reason", () => {
    const e = { id: "E1", employerKeys: ["o1"], disciplines: ["A"], relations: [] };
    const context = { drawnOn: "2026-12-06", formerEmployerYears: 3, recent: new Set(["t1|E1"]) };
    expect(conflictOf(e, { id: "C", talentId: "t1", employerKeys: ["o1"] }, context)).toBe("same_employer");
    expect(conflictOf(e, { id: "C", talentId: "t1", employerKeys: [] }, context)).toBe("recent_round");
    expect(conflictOf(e, { id: "C", talentId: "t2", employerKeys: [] }, context)).toBeNull();
  });
});

describe("scoring", () => {
  const sheet = [
    { key: "a", name: "业绩", weight: 40 },
    { key: "b", name: "能力", weight: 30 },
    { key: "c", name: "贡献", weight: 30 },
  ];
  it("weights, trims and decides", () => {
    expect(weightedTotal(sheet, { a: 85, b: 80, c: 82 })).toBe(82.6);
    expect(trimmedMean([60, 80, 82, 84, 99])).toBe(82);
    const two = decide(
      { kind: "two_thirds_yes" },
      [
        { candidateId: "x", totals: [80, 80, 80], votes: ["yes", "yes", "no"] },
        { candidateId: "y", totals: [70, 70, 70], votes: ["yes", "no", "no"] },
      ],
      null,
    );
    expect(two.map((r) => r.decision)).toEqual(["pass", "fail"]);
  });

  it("marks a tie straddling the quota for the owner instead of breaking it", () => {
    const r = decide(
      { kind: "trimmed_mean", threshold: 60 },
      [
        { candidateId: "a", totals: [90, 90, 90], votes: [] },
        { candidateId: "b", totals: [80, 80, 80], votes: [] },
        { candidateId: "c", totals: [80, 80, 80], votes: [] },
        { candidateId: "d", totals: [50, 50, 50], votes: [] },
      ],
      2,
    );
    expect(r.map((x) => x.decision)).toEqual(["pass", "tie", "tie", "fail"]);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
  });

  it("severity and Kendall's W", () => {
    const cells = [
      { expertId: "e1", candidateId: "a", total: 90 },
      { expertId: "e1", candidateId: "b", total: 80 },
      { expertId: "e2", candidateId: "a", total: 80 },
      { expertId: "e2", candidateId: "b", total: 70 },
    ];
    expect(severity(cells)).toEqual([
      { expertId: "e1", count: 2, meanDeviation: 5 },
      { expertId: "e2", count: 2, meanDeviation: -5 },
    ]);
    expect(kendallW(cells).w).toBe(1);
    const opposite = [
      ...cells.slice(0, 2),
      { expertId: "e2", candidateId: "a", total: 70 },
      { expertId: "e2", candidateId: "b", total: 80 },
    ];
    expect(kendallW(opposite).w).toBe(0);
  });
});
