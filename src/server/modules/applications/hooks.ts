import type { Op, Trx } from "../../lib/context.js";
import type { Outcome } from "../catalogue/catalogue.schema.js";

// Extension points other domains (funds, registry) plug into the application workflow. Each hook runs
// inside the transaction of the transition that triggers it: throwing (an AppError) aborts the whole
// transition, so nothing changes.

/** The application as the hooks see it. */
export interface HookApplication {
  id: string;
  number: string;
  applicantUserId: string;
  applicantOrgId: string;
  beneficiaryName: string | null;
  form: Record<string, unknown>;
  versionId: string;
}

/** The published item version the application runs under. */
export interface HookItem {
  code: string;
  name: string;
  kind: string;
  version: number;
  versionId: string;
  /** engine/rules "amount" rule JSON, or null. */
  amountRule: unknown | null;
  /** What a final approval writes to the registry (recognition items), or null. */
  outcome?: Outcome | null;
  measureIds: string[];
}

export interface HookContext {
  application: HookApplication;
  item: HookItem;
  /** Who made the transition (the final approver, or the applicant for a filing). */
  op: Op;
}

export interface ApplicationHooks {
  /** The last step approved: the application becomes "approved". */
  onFinalApproval?(trx: Trx, ctx: HookContext): Promise<void>;
  /** A filing (备案) item takes effect (at submission). */
  onFiled?(trx: Trx, ctx: HookContext): Promise<void>;
}

export const NO_HOOKS: ApplicationHooks = {};

/** Several domains' hooks as one: each runs in turn, in the same transaction. */
export function combineHooks(...all: ApplicationHooks[]): ApplicationHooks {
  return {
    async onFinalApproval(trx, ctx) {
      for (const h of all) await h.onFinalApproval?.(trx, ctx);
    },
    async onFiled(trx, ctx) {
      for (const h of all) await h.onFiled?.(trx, ctx);
    },
  };
}
