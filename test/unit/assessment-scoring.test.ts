// The assessment's scoring rules, pure: no data is never full marks, unmeasured weight is shared out,
// the lines add up to the total, lead and responsible shares weigh a measure's progress.
import { describe, expect, it } from "vitest";
import { type AssessmentInput, assess, DEFAULT_SCHEME } from "../../src/server/modules/assessment/scoring.js";

const base = (over: Partial<AssessmentInput> = {}): AssessmentInput => ({
  year: 2026,
  today: "2026-07-01",
  scheme: DEFAULT_SCHEME,
  orgs: [
    { id: "a", name: "甲局" },
    { id: "b", name: "乙局" },
    { id: "c", name: "丙局" },
  ],
  taskUnits: [
    { taskId: "t1", orgId: "a", role: "lead", createdDate: "2026-06-01", period: "quarterly" },
    { taskId: "t1", orgId: "b", role: "responsible", createdDate: "2026-06-01", period: "quarterly" },
    { taskId: "t2", orgId: "c", role: "lead", createdDate: "2026-06-01", period: "quarterly" },
  ],
  tasks: [
    { id: "t1", due: null, completedDate: null },
    { id: "t2", due: null, completedDate: null },
  ],
  reports: [],
  milestones: [
    { taskId: "t1", dueDate: "2026-06-20", doneDate: "2026-06-18", weight: 1 },
    { taskId: "t1", dueDate: "2026-06-25", doneDate: null, weight: 1 },
  ],
  orders: [],
  adjustments: [],
  ...over,
});

const sum = (ns: number[]) => Math.round(ns.reduce((s, n) => s + n, 0) * 100) / 100;

describe("assessment scoring", () => {
  it("a unit with nothing measured has no data, is unranked and listed last", () => {
    const rows = assess(base());
    expect(rows.map((r) => [r.org.id, r.rank, r.noData])).toEqual([
      ["a", 1, false],
      ["b", 1, false], // 50 each: equal totals share a rank
      ["c", null, true],
    ]);
    const c = rows[2]!;
    expect(c.total).toBeNull();
    expect(c.lines.length).toBeGreaterThan(0);
    for (const line of c.lines) expect(line).toMatchObject({ measured: null, earned: 0 });
  });

  it("shares unmeasured weight out over the measured items; the lines add up to the total", () => {
    const rows = assess(base());
    const a = rows.find((r) => r.org.id === "a")!;
    // a: progress 1/2 (20) and milestones 1/2 (25) measured → 45 weighs 100.
    expect(a.indicators.filter((i) => i.measured).map((i) => [i.key, i.effectiveWeight])).toEqual([
      ["task_progress", 44.44],
      ["milestones_on_time", 55.56],
    ]);
    expect(a.total).toBe(50);
    expect(a.lines.length).toBeGreaterThan(0);
    for (const row of rows.filter((r) => !r.noData))
      expect(sum(row.lines.map((l) => l.earned))).toBe(row.total);
  });

  it("a responsible unit's measure counts at its share; adjustments are lines too", () => {
    const rows = assess(
      base({
        scheme: { ...DEFAULT_SCHEME, shares: { lead: 100, responsible: 50 } },
        adjustments: [
          { id: "x", orgId: "b", points: -1.5, reason: "通报批评", createdAt: "", createdBy: "" },
          { id: "y", orgId: "c", points: 2, reason: "表扬", createdAt: "", createdBy: "" },
        ],
      }),
    );
    const b = rows.find((r) => r.org.id === "b")!;
    expect(b.indicators.find((i) => i.key === "task_progress")).toMatchObject({ measured: true, rate: 0.5 });
    expect(b.total).toBe(48.5);
    expect(b.lines.at(-1)).toMatchObject({ key: "adjustment", earned: -1.5, weight: null });
    // No data: the adjustment is shown but not counted.
    const c = rows.find((r) => r.org.id === "c")!;
    expect(c).toMatchObject({ noData: true, total: null, adjustmentTotal: 2 });
    expect(c.lines.find((l) => l.key === "adjustment")?.earned).toBe(0);
  });

  it("a task's missed deadline counts for its lead unit", () => {
    const rows = assess(base({ tasks: [{ id: "t2", due: "2026-06-30", completedDate: null }] }));
    const c = rows.find((r) => r.org.id === "c")!;
    expect(c).toMatchObject({ noData: false, total: 0, rank: 3 });
  });
});
