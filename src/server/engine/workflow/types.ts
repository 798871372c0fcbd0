// Types of the application workflow: the definition an item version carries, the events an
// application's history holds, and the state folded from them.

export const STEP_KINDS = ["review", "countersign", "publicity"] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_ACTIONS = ["approve", "return", "reject"] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export const STEP_ROLES = ["officer", "leader"] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface StepDef {
  key: string;
  name: string;
  kind: StepKind;
  /** review and publicity: one organisation; countersign (会签): every listed organisation signs. */
  orgIds: readonly string[];
  role: StepRole;
  /** Time limit in working days. */
  days: number;
  actions: readonly StepAction[];
  /** Publicity only: calendar days the notice stays up. */
  publicityDays?: number;
}

export interface WorkflowDef {
  steps: readonly StepDef[];
  /** May one person approve two consecutive steps? */
  allowSameApprover: boolean;
  /** 备案: effective on submission, reviewed afterwards, revocable on review. */
  filing: boolean;
}

export type Status =
  | "draft"
  | "in_review"
  | "returned"
  | "withdrawn"
  | "approved"
  | "rejected"
  | "filed"
  | "revoked";

/**
 * The transitions the engine records, plus `overdue`: informational (a step passed its deadline),
 * replayed without changing state. Other history entries (created, publicity_opened) are not given
 * to it.
 */
export type WorkflowEvent =
  | { type: "overdue"; at: string; stepIndex: number }
  | { type: "submitted" | "resubmitted" | "withdrawn"; at: string; actorId: string }
  | { type: "approved" | "countersigned"; at: string; actorId: string; orgId: string; stepIndex: number }
  | {
      type: "returned";
      at: string;
      actorId: string;
      orgId: string;
      stepIndex: number;
      corrections: readonly string[];
    }
  | {
      type: "rejected" | "revoked";
      at: string;
      actorId: string;
      orgId: string;
      stepIndex: number;
      reason: string;
    };

export interface Signature {
  orgId: string;
  actorId: string;
  at: string;
}

export interface StepRecord {
  /** When the step last became current (null: never reached). */
  startedAt: string | null;
  /** When it was last completed (null: not completed since it last started). */
  completedAt: string | null;
  /** Signatures of its latest round (countersign: one per organisation). */
  signatures: Signature[];
}

export interface WorkflowState {
  status: Status;
  /** The step waiting for a decision; null when no step is (draft, returned, ended, filing reviewed). */
  stepIndex: number | null;
  steps: StepRecord[];
  /** Where a returned application goes back to when resubmitted. */
  returnedFrom: number | null;
  corrections: readonly string[] | null;
  /** A decision (approve/return/reject/revoke) has been made: withdrawing is no longer possible. */
  decided: boolean;
  /** The last (re)submission. */
  submittedAt: string | null;
  endedAt: string | null;
}

/** Who wants to act: a user and their role grants. */
export interface Who {
  userId: string;
  roles: readonly { role: string; orgId: string }[];
}

export type Command =
  | { type: "submit" }
  | { type: "withdraw" }
  | { type: "approve"; stepIndex: number }
  | { type: "return"; stepIndex: number; corrections: readonly string[] }
  | { type: "reject"; stepIndex: number; reason: string }
  | { type: "revoke"; stepIndex: number; reason: string };

export type CommandType = Command["type"];

export interface Context {
  /** The applicant: the only one who submits or withdraws, never one who decides. */
  applicantId: string;
  at: string;
  /** For a publicity step: has its publicity passed (period over, no open objection)? */
  publicityPassed?: boolean;
}

export type RefusalCode =
  | "NOT_APPLICANT"
  | "APPLICANT_CANNOT_DECIDE"
  | "WRONG_STATUS"
  | "STEP_CHANGED"
  | "NOT_AT_STEP"
  | "ACTION_NOT_OFFERED"
  | "ALREADY_SIGNED"
  | "SAME_APPROVER"
  | "PUBLICITY_NOT_PASSED"
  | "ALREADY_DECIDED"
  | "BAD_INPUT";

export type Outcome =
  | { ok: true; event: WorkflowEvent; state: WorkflowState }
  | { ok: false; code: RefusalCode; message: { zh: string; en: string } };
