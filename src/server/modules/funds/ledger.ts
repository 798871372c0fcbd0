// The fund ledger's rules, pure: which accounts a budget line has, which postings each movement makes,
// and which balances are allowed. The service applies them inside a locked transaction; the property
// tests (test/unit/funds-ledger.test.ts) drive them with random sequences.
//
// Every budget line has six accounts. Raw balances are Σ postings.amount (debit positive). The
// "allocated" account is the source: it is credited when the finance bureau allocates, so its raw
// balance is minus the allocation. Shown balances are all ≥ 0:
//   allocated = −raw(allocated), and available, reserved, payable, paid, returned = raw.
// Because every movement sums to zero, allocated = available + reserved + payable + paid + returned,
// so "reserved (incl. payable) + paid ≤ allocated" holds exactly when nothing is negative.

export const ACCOUNT_KINDS = ["allocated", "available", "reserved", "payable", "paid", "returned"] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Each movement moves `amount` from one account to another (two postings: −amount, +amount). */
export const MOVEMENTS = {
  /** The finance bureau allocates budget to the line. */
  allocate: { from: "allocated", to: "available" },
  /** Budget taken back from the line (only what is still available). */
  deallocate: { from: "available", to: "allocated" },
  /** An entitlement is approved: its whole amount is set aside at once. */
  reserve: { from: "available", to: "reserved" },
  /** An entitlement (or its unpaid stages) is cancelled. */
  release: { from: "reserved", to: "available" },
  /** A stage's condition is met: it may be paid. */
  payable: { from: "reserved", to: "payable" },
  /** A batch line is paid by the bank. */
  pay: { from: "payable", to: "paid" },
  /** A paid line bounced: it is owed again. */
  fail: { from: "paid", to: "payable" },
  /** Paid money came back (recovered, 追回). */
  return: { from: "paid", to: "returned" },
  /** Returned money is budget again. */
  reuse: { from: "returned", to: "available" },
} as const satisfies Record<string, { from: AccountKind; to: AccountKind }>;
export type MovementKind = keyof typeof MOVEMENTS;
export const MOVEMENT_KINDS = Object.keys(MOVEMENTS) as MovementKind[];

export interface Posting {
  account: AccountKind;
  /** 分, debit positive. */
  amount: number;
}

export type RawBalances = Record<AccountKind, number>;
export type Balances = Record<AccountKind, number>;

export const emptyBalances = (): RawBalances => ({
  allocated: 0,
  available: 0,
  reserved: 0,
  payable: 0,
  paid: 0,
  returned: 0,
});

export function postingsOf(kind: MovementKind, amount: number): Posting[] {
  const { from, to } = MOVEMENTS[kind];
  return [
    { account: from, amount: -amount },
    { account: to, amount },
  ];
}

/** The postings that undo a journal: the same accounts, the amounts negated. */
export const reversalOf = (postings: readonly Posting[]): Posting[] =>
  postings.map((p) => ({ account: p.account, amount: -p.amount }));

export function applyPostings(raw: RawBalances, postings: readonly Posting[]): RawBalances {
  const next = { ...raw };
  for (const p of postings) next[p.account] += p.amount;
  return next;
}

/** Raw balances as people read them (every figure ≥ 0 when the ledger is sound). */
export function shown(raw: RawBalances): Balances {
  return { ...raw, allocated: raw.allocated === 0 ? 0 : -raw.allocated };
}

export type Violation = "negative_balance" | "overspent" | "unbalanced" | "bad_amount";

/** What is wrong with these balances, if anything. */
export function violations(raw: RawBalances): Violation[] {
  const s = shown(raw);
  const out: Violation[] = [];
  if (ACCOUNT_KINDS.some((k) => s[k] < 0)) out.push("negative_balance");
  if (s.reserved + s.payable + s.paid > s.allocated) out.push("overspent");
  if (ACCOUNT_KINDS.reduce((sum, k) => sum + raw[k], 0) !== 0) out.push("unbalanced");
  return out;
}

export const isSafeAmount = (amount: number): boolean =>
  Number.isSafeInteger(amount) && amount > 0 && amount <= 1e15;

/** Checks a movement against the current balances: the new balances, or why it is refused. */
export function tryPost(
  raw: RawBalances,
  postings: readonly Posting[],
): { ok: true; next: RawBalances } | { ok: false; violations: Violation[] } {
  if (
    postings.some((p) => !Number.isSafeInteger(p.amount)) ||
    postings.reduce((s, p) => s + p.amount, 0) !== 0
  )
    return { ok: false, violations: ["unbalanced"] };
  const next = applyPostings(raw, postings);
  const bad = violations(next);
  return bad.length === 0 ? { ok: true, next } : { ok: false, violations: bad };
}
