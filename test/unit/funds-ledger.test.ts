// The fund ledger's pure rules under random sequences of allocate / approve / stage met / pay / fail /
// return / cancel / reverse: every accepted movement sums to zero, balances always equal the sum of
// postings, nothing goes negative, reserved + paid never exceeds allocated, and a refused movement
// changes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_KINDS,
  type AccountKind,
  emptyBalances,
  type MovementKind,
  type Posting,
  postingsOf,
  type RawBalances,
  reversalOf,
  shown,
  tryPost,
  violations,
} from "../../src/server/modules/funds/ledger.js";

type StageState = "pending" | "payable" | "paid" | "returned" | "cancelled";
interface Journal {
  postings: Posting[];
  reversed: boolean;
  kind: MovementKind | "reversal";
}

class Model {
  raw: RawBalances = emptyBalances();
  journals: Journal[] = [];
  stages: { amount: number; state: StageState }[] = [];
  refused = 0;

  post(kind: MovementKind | "reversal", postings: Posting[]): boolean {
    const before = { ...this.raw };
    const result = tryPost(this.raw, postings);
    if (!result.ok) {
      this.refused += 1;
      expect(this.raw).toEqual(before);
      return false;
    }
    this.raw = result.next;
    this.journals.push({ postings, reversed: false, kind });
    return true;
  }

  sumOfPostings(): RawBalances {
    const sums = emptyBalances();
    for (const j of this.journals) for (const p of j.postings) sums[p.account] += p.amount;
    return sums;
  }
}

type Command =
  | { op: "allocate" | "deallocate"; amount: number }
  | { op: "approve"; stages: number[] }
  | { op: "met" | "pay" | "fail" | "return" | "cancel"; stage: number }
  | { op: "reverse"; journal: number };

const amount = fc.integer({ min: 1, max: 5_000_000 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constantFrom("allocate" as const, "deallocate" as const), amount }),
  fc.record({
    op: fc.constant("approve" as const),
    stages: fc.array(amount, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    op: fc.constantFrom(
      "met" as const,
      "pay" as const,
      "fail" as const,
      "return" as const,
      "cancel" as const,
    ),
    stage: fc.nat(40),
  }),
  fc.record({ op: fc.constant("reverse" as const), journal: fc.nat(80) }),
);

function run(model: Model, c: Command): void {
  switch (c.op) {
    case "allocate":
    case "deallocate":
      model.post(c.op, postingsOf(c.op, c.amount));
      return;
    case "approve": {
      const total = c.stages.reduce((s, a) => s + a, 0);
      if (model.post("reserve", postingsOf("reserve", total)))
        for (const a of c.stages) model.stages.push({ amount: a, state: "pending" });
      return;
    }
    default:
      break;
  }
  if (c.op === "reverse") {
    // Only budget adjustments are reversed generically; entitlement movements have their own inverses.
    const j = model.journals[c.journal];
    if (!j || j.reversed || (j.kind !== "allocate" && j.kind !== "deallocate")) return;
    if (model.post("reversal", reversalOf(j.postings))) j.reversed = true;
    return;
  }
  const s = model.stages[c.stage];
  if (!s) return;
  const step: Partial<Record<StageState, [MovementKind, StageState]>> = {
    met: { pending: ["payable", "payable"] },
    pay: { payable: ["pay", "paid"] },
    fail: { paid: ["fail", "payable"] },
    return: { paid: ["return", "returned"] },
    cancel: { pending: ["release", "cancelled"] },
  }[c.op] as Partial<Record<StageState, [MovementKind, StageState]>>;
  const move = step[s.state];
  if (!move) return;
  if (model.post(move[0], postingsOf(move[0], s.amount))) s.state = move[1];
}

function checkInvariants(model: Model): void {
  expect(violations(model.raw)).toEqual([]);
  expect(model.raw).toEqual(model.sumOfPostings());
  for (const j of model.journals) expect(j.postings.reduce((s, p) => s + p.amount, 0)).toBe(0);
  const b = shown(model.raw);
  for (const k of ACCOUNT_KINDS) expect(b[k]).toBeGreaterThanOrEqual(0);
  expect(b.reserved + b.payable + b.paid).toBeLessThanOrEqual(b.allocated);
  // The accounts tell the same story as the stages.
  const byState = (state: StageState) =>
    model.stages.filter((s) => s.state === state).reduce((sum, s) => sum + s.amount, 0);
  expect(b.reserved).toBe(byState("pending"));
  expect(b.payable).toBe(byState("payable"));
  expect(b.paid).toBe(byState("paid"));
  expect(b.returned).toBe(byState("returned"));
}

describe("fund ledger (property)", () => {
  it("keeps every invariant over random sequences of movements", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 120 }), (commands) => {
        const model = new Model();
        for (const c of commands) {
          run(model, c);
          checkInvariants(model);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a reservation the available budget cannot cover, changing nothing", () => {
    fc.assert(
      fc.property(amount, amount, (allocated, extra) => {
        const model = new Model();
        model.post("allocate", postingsOf("allocate", allocated));
        const before = { ...model.raw };
        expect(model.post("reserve", postingsOf("reserve", allocated + extra))).toBe(false);
        expect(model.raw).toEqual(before);
        expect(model.post("reserve", postingsOf("reserve", allocated))).toBe(true);
        expect(shown(model.raw).available).toBe(0);
      }),
    );
  });

  it("refuses postings that do not sum to zero or are not whole 分", () => {
    const raw = emptyBalances();
    const one = (account: AccountKind, a: number): Posting => ({ account, amount: a });
    expect(tryPost(raw, [one("allocated", -100), one("available", 99)])).toEqual({
      ok: false,
      violations: ["unbalanced"],
    });
    expect(tryPost(raw, [one("allocated", -0.5), one("available", 0.5)]).ok).toBe(false);
    expect(tryPost(raw, [one("available", -1), one("reserved", 1)])).toEqual({
      ok: false,
      violations: ["negative_balance", "overspent"],
    });
  });

  it("a reversal restores the balances exactly", () => {
    fc.assert(
      fc.property(amount, (a) => {
        const model = new Model();
        const p = postingsOf("allocate", a);
        model.post("allocate", p);
        model.post("reversal", reversalOf(p));
        expect(model.raw).toEqual(emptyBalances());
      }),
    );
  });
});
