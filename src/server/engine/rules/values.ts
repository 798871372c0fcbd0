// Value helpers shared by the checker and the compiler: ISO dates, ages, comparisons, integer rounding.
import type { Op, Operand, RoundMode, Scalar, ScalarField, Verdict } from "./types.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

/** Reads "YYYY-MM-DD" (a longer ISO timestamp keeps its date part); null unless it is a real calendar day. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export const isIsoDate = (value: unknown): value is string =>
  typeof value === "string" && value.length === 10 && parseIsoDate(value) !== null;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export const formatDate = ({ y, m, d }: CalendarDate) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/** A date from a profile or an option: ISO text or a Date (read in UTC). */
export function toCalendarDate(value: unknown): CalendarDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const y = value.getUTCFullYear();
    return y < 0 || y > 9999 ? null : { y, m: value.getUTCMonth() + 1, d: value.getUTCDate() };
  }
  return typeof value === "string" ? parseIsoDate(value) : null;
}

/**
 * Whole years lived on `on`. Someone born on 29 February turns a year older on 1 March in common
 * years, because their month-day (0229) is only passed once 0228 is over.
 */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const birthdayPassed = on.m > birth.m || (on.m === birth.m && on.d >= birth.d);
  return on.y - birth.y - (birthdayPassed ? 0 : 1);
}

/**
 * The profile value in the field's type, or null when it is missing or unusable (wrong type,
 * not a real date): both make a condition "unknown". Dates become "YYYY-MM-DD" so they order as text.
 */
export function readScalar(spec: ScalarField, raw: unknown): Scalar | null {
  switch (spec.type) {
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    case "date": {
      const date = toCalendarDate(raw);
      return date ? formatDate(date) : null;
    }
    case "boolean":
      return typeof raw === "boolean" ? raw : null;
    case "string":
    case "enum":
      return typeof raw === "string" ? raw : null;
  }
}

/** Applies a checked operator; operands were type-checked, so numbers meet numbers and dates meet dates. */
export function applyOp(actual: Scalar, op: Op, operand: Operand): boolean {
  switch (op) {
    case "eq":
      return actual === operand;
    case "ne":
      return actual !== operand;
    case "lt":
      return actual < (operand as Scalar);
    case "lte":
      return actual <= (operand as Scalar);
    case "gt":
      return actual > (operand as Scalar);
    case "gte":
      return actual >= (operand as Scalar);
    case "in":
      return (operand as readonly Scalar[]).includes(actual);
    case "between": {
      const [min, max] = operand as readonly Scalar[];
      return min !== undefined && max !== undefined && actual >= min && actual <= max;
    }
  }
}

export const verdictOf = (holds: boolean): Verdict => (holds ? "pass" : "fail");

/** n·num/den rounded to an integer, exactly (BigInt), so money never passes through floating point. */
export function divideRounded(n: bigint, den: bigint, mode: RoundMode): bigint {
  const negative = n < 0n !== den < 0n;
  const absN = n < 0n ? -n : n;
  const absD = den < 0n ? -den : den;
  const quotient = absN / absD;
  const remainder = absN % absD;
  if (remainder === 0n) return negative ? -quotient : quotient;
  let magnitude: bigint;
  if (mode === "half_up") magnitude = remainder * 2n >= absD ? quotient + 1n : quotient;
  else if (mode === "floor") magnitude = negative ? quotient + 1n : quotient;
  else magnitude = negative ? quotient : quotient + 1n;
  return negative ? -magnitude : magnitude;
}
