// Table types of evaluation rounds (评审). DB in ../schema.ts extends EvaluationTables. JSON columns
// are text holding JSON; dates are ISO strings.

/** Organisations that may run rounds: departments, or employers holding delegated 自主评审 rights. */
export interface EvaluationOwnerTable {
  org_id: string;
  /** "department" | "employer_delegated" */
  kind: string;
  created_at: string;
}

export interface ExpertTable {
  id: string;
  /** The expert's own account (role expert), if they have one. */
  user_id: string | null;
  name: string;
  title: string;
  /** The employer in the registry. */
  employer_id: string | null;
  region_code: string | null;
  /** "active" | "suspended" | "retired" */
  status: string;
  /** JSON string[] of discipline codes (modules/evaluation/disciplines.ts). */
  disciplines: string;
  /** JSON [{ kind, talentId, orgId, from, to }] declared relations. */
  relations: string;
  created_at: string;
  updated_at: string;
}

export interface EvaluationRoundTable {
  id: string;
  owner_org_id: string;
  name: string;
  /** "title_review" | "skills" | "recognition_peer" | "honour" */
  kind: string;
  /** draft → open → drawn → reviewing → closed → publicised */
  status: string;
  disciplines: string;
  panel_size: number;
  reserve_size: number;
  /** JSON [{ key, name, weight }] */
  score_sheet: string;
  /** JSON { kind: "two_thirds_yes" } | { kind: "trimmed_mean", threshold } */
  decision_rule: string;
  quota: number | null;
  /** An expert who sat in the candidate's earlier round within this many days is avoided. */
  avoid_days: number;
  /** JSON { name, level } the round confers on a passed candidate (title_review: a title, skills: a grade), or null. */
  outcome: string | null;
  /** The 公示 notice (modules/publicity) once publicised. */
  publicity_id: string | null;
  /** sha256(seed) published at opening. */
  commitment: string | null;
  /** The secret seed; never answered before the draw reveals it. */
  seed_hex: string | null;
  /** The frozen pool snapshot (canonical JSON) and its sha256. */
  snapshot: string | null;
  snapshot_hash: string | null;
  /** The recorded draw (engine/evaluation/draw.ts DrawResult, JSON). */
  draw_result: string | null;
  opened_at: string | null;
  drawn_at: string | null;
  review_started_at: string | null;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface EvaluationCandidateTable {
  id: string;
  round_id: string;
  talent_id: string;
  application_id: string | null;
  position: number;
  /** "pass" | "fail" | "tie" once closed */
  decision: string | null;
  /** JSON CandidateResult once closed */
  result: string | null;
  /** When the passed outcome was written to the talent's record (once). */
  landed_at: string | null;
}

export interface EvaluationAssignmentTable {
  id: string;
  round_id: string;
  candidate_id: string;
  expert_id: string;
  seat: number;
  /** "draw" | "reserve" */
  source: string;
  /** "invited" | "conflict" (declared; seat re-drawn) | "submitted" */
  status: string;
  conflict_reason: string | null;
  /** JSON { criterionKey: 0..100 } */
  scores: string | null;
  total: number | null;
  vote: string | null;
  comment: string | null;
  extreme_reason: string | null;
  submitted_at: string | null;
  created_at: string;
}

export interface EvaluationAvoidedTable {
  id: string;
  round_id: string;
  candidate_id: string;
  expert_id: string;
  /** same_employer | co_author | relative | former_employer | recent_round | declared */
  reason: string;
  created_at: string;
}

export interface EvaluationTables {
  evaluation_owners: EvaluationOwnerTable;
  experts: ExpertTable;
  evaluation_rounds: EvaluationRoundTable;
  evaluation_candidates: EvaluationCandidateTable;
  evaluation_assignments: EvaluationAssignmentTable;
  evaluation_avoided: EvaluationAvoidedTable;
}
