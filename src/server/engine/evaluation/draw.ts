// The verifiable random draw of an evaluation round (评审专家随机抽取), pure: no database, no clock.
// The round publishes sha256(seed) when it opens; at draw time the seed is revealed and the pool is
// frozen into a snapshot whose sha256 is recorded. The panel follows from (seed, snapshot hash, round
// id) alone, so anyone holding the public record re-runs `drawPanels` and gets the same panel.
import { createHash, createHmac } from "node:crypto";

export type RelationKind = "co_author" | "relative" | "former_employer";

export interface SnapshotRelation {
  kind: RelationKind;
  /** A talent (co-author, relative) … */
  talentId: string | null;
  /** … or an employer (registry employer id or organisation id). */
  orgId: string | null;
  from: string | null;
  to: string | null;
}

export interface SnapshotExpert {
  id: string;
  /** The employer's registry id and organisation id, whichever are known (sorted). */
  employerKeys: string[];
  disciplines: string[];
  relations: SnapshotRelation[];
}

export interface SnapshotCandidate {
  id: string;
  talentId: string;
  employerKeys: string[];
}

/** Who sat in a candidate's earlier round inside the avoidance period (talent id, expert id). */
export interface RecentSitting {
  talentId: string;
  expertId: string;
  roundId: string;
}

/** Everything the draw reads, frozen at draw time; sorted so its hash does not depend on query order. */
export interface PoolSnapshot {
  roundId: string;
  drawnOn: string;
  disciplines: string[];
  panelSize: number;
  reserveSize: number;
  /** A former employer counts for this many years after the relation ended. */
  formerEmployerYears: number;
  experts: SnapshotExpert[];
  candidates: SnapshotCandidate[];
  recentSittings: RecentSitting[];
}

export type AvoidReason = "same_employer" | "co_author" | "relative" | "former_employer" | "recent_round";

export interface Avoided {
  expertId: string;
  reason: AvoidReason;
}

export interface CandidatePanel {
  candidateId: string;
  panel: string[];
  reserves: string[];
  avoided: Avoided[];
}

export interface DrawResult {
  /** The eligible pool in drawn order (the permutation every panel is read from). */
  order: string[];
  candidates: CandidatePanel[];
}

export const sha256Hex = (text: string | Uint8Array): string =>
  createHash("sha256").update(text).digest("hex");

/** The commitment published when a round opens. The seed is hex; the hash is over its bytes. */
export const commitmentOf = (seedHex: string): string => sha256Hex(Buffer.from(seedHex, "hex"));

/** JSON with sorted object keys, so the same snapshot always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Puts a snapshot in its canonical order (experts, candidates and sittings by id, lists sorted). */
export function normaliseSnapshot(s: PoolSnapshot): PoolSnapshot {
  return {
    ...s,
    disciplines: [...s.disciplines].sort(byString),
    experts: [...s.experts]
      .map((e) => ({
        id: e.id,
        employerKeys: [...new Set(e.employerKeys)].sort(byString),
        disciplines: [...e.disciplines].sort(byString),
        relations: [...e.relations].sort((a, b) => byString(canonicalJson(a), canonicalJson(b))),
      }))
      .sort((a, b) => byString(a.id, b.id)),
    candidates: [...s.candidates]
      .map((c) => ({ ...c, employerKeys: [...new Set(c.employerKeys)].sort(byString) }))
      .sort((a, b) => byString(a.id, b.id)),
    recentSittings: [...s.recentSittings].sort((a, b) =>
      byString(`${a.talentId}|${a.expertId}|${a.roundId}`, `${b.talentId}|${b.expertId}|${b.roundId}`),
    ),
  };
}

export const snapshotHash = (s: PoolSnapshot): string => sha256Hex(canonicalJson(normaliseSnapshot(s)));

/** A deterministic stream of 32-bit integers from HMAC-SHA256(key, counter). */
function stream(key: Buffer) {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  return (): number => {
    if (offset + 4 > block.length) {
      block = createHmac("sha256", key).update(String(counter++)).digest();
      offset = 0;
    }
    const v = block.readUInt32BE(offset);
    offset += 4;
    return v;
  };
}

/** An unbiased integer in [0, n) by rejection sampling. */
function below(next: () => number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const v = next();
    if (v < limit) return v % n;
  }
}

/** Fisher–Yates over a copy, driven by the keyed stream. */
export function keyedShuffle<T>(items: readonly T[], key: Buffer): T[] {
  const out = [...items];
  const next = stream(key);
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(next, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The draw key: HMAC-SHA256(seed, snapshotHash ":" roundId). */
export const drawKey = (seedHex: string, hash: string, roundId: string): Buffer =>
  createHmac("sha256", Buffer.from(seedHex, "hex")).update(`${hash}:${roundId}`).digest();

function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  return `${String(y).padStart(4, "0")}${date.slice(4)}`;
}

/** Why an expert may not review a candidate, or null. Checked in this order, the first reason wins. */
export function conflictOf(
  expert: SnapshotExpert,
  candidate: SnapshotCandidate,
  context: { drawnOn: string; formerEmployerYears: number; recent: ReadonlySet<string> },
): AvoidReason | null {
  if (expert.employerKeys.some((k) => candidate.employerKeys.includes(k))) return "same_employer";
  for (const r of expert.relations) {
    if (r.from !== null && r.from > context.drawnOn) continue;
    if (r.kind === "former_employer") {
      const ended = r.to !== null && r.to < yearsBefore(context.drawnOn, context.formerEmployerYears);
      if (!ended && r.orgId !== null && candidate.employerKeys.includes(r.orgId)) return "former_employer";
      continue;
    }
    if (r.talentId !== null && r.talentId === candidate.talentId) return r.kind;
    if (r.orgId !== null && candidate.employerKeys.includes(r.orgId)) return r.kind;
  }
  if (context.recent.has(`${candidate.talentId}|${expert.id}`)) return "recent_round";
  return null;
}

/** Experts the round may draw from: sharing at least one of its disciplines. */
export function eligibleExperts(s: PoolSnapshot): SnapshotExpert[] {
  const wanted = new Set(s.disciplines);
  return s.experts.filter((e) => e.disciplines.some((d) => wanted.has(d)));
}

/**
 * The draw. The eligible pool (sorted by id) is shuffled with the draw key; each candidate's panel
 * is the first `panelSize` experts in that order without a conflict, the reserves the next
 * `reserveSize` without one; every conflicted expert met before the reserves are full is recorded
 * as avoided with the reason.
 */
export function drawPanels(seedHex: string, snapshot: PoolSnapshot): DrawResult {
  const s = normaliseSnapshot(snapshot);
  const hash = snapshotHash(s);
  const pool = eligibleExperts(s);
  const order = keyedShuffle(pool, drawKey(seedHex, hash, s.roundId));
  const recent = new Set(s.recentSittings.map((r) => `${r.talentId}|${r.expertId}`));
  const context = { drawnOn: s.drawnOn, formerEmployerYears: s.formerEmployerYears, recent };
  const candidates = s.candidates.map((candidate): CandidatePanel => {
    const panel: string[] = [];
    const reserves: string[] = [];
    const avoided: Avoided[] = [];
    for (const expert of order) {
      if (reserves.length >= s.reserveSize && panel.length >= s.panelSize) break;
      const reason = conflictOf(expert, candidate, context);
      if (reason !== null) avoided.push({ expertId: expert.id, reason });
      else if (panel.length < s.panelSize) panel.push(expert.id);
      else reserves.push(expert.id);
    }
    return { candidateId: candidate.id, panel, reserves, avoided };
  });
  return { order: order.map((e) => e.id), candidates };
}

/** Whether two draws name the same panels, reserves and avoided pairs. */
export const sameDraw = (a: DrawResult, b: DrawResult): boolean => canonicalJson(a) === canonicalJson(b);
