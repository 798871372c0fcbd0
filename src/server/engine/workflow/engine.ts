import type {
  Command,
  CommandType,
  Context,
  Outcome,
  RefusalCode,
  StepDef,
  StepRecord,
  Who,
  WorkflowDef,
  WorkflowEvent,
  WorkflowState,
} from "./types.js";

// The application state machine, pure: `initialState` + `applyEvent` fold a history into the state
// (current step, signatures, status), and `decide` checks a command against the state and the actor
// and answers with the event to record or a refusal. Everything the UI offers (allowedActions) comes
// from `decide`, so buttons and the server can never disagree.

export function initialState(def: WorkflowDef): WorkflowState {
  return {
    status: "draft",
    stepIndex: null,
    steps: def.steps.map(() => ({ startedAt: null, completedAt: null, signatures: [] })),
    returnedFrom: null,
    corrections: null,
    decided: false,
    submittedAt: null,
    endedAt: null,
  };
}

const startStep = (steps: StepRecord[], index: number, at: string): StepRecord[] =>
  steps.map((s, i) => (i === index ? { startedAt: at, completedAt: null, signatures: [] } : s));

/** The state after one recorded event (no checks: events in a history were checked when made). */
export function applyEvent(def: WorkflowDef, state: WorkflowState, event: WorkflowEvent): WorkflowState {
  switch (event.type) {
    case "submitted":
    case "resubmitted": {
      const index = event.type === "resubmitted" && state.returnedFrom !== null ? state.returnedFrom : 0;
      return {
        ...state,
        status: def.filing ? "filed" : "in_review",
        stepIndex: def.steps.length > 0 ? index : null,
        steps: def.steps.length > 0 ? startStep(state.steps, index, event.at) : state.steps,
        returnedFrom: null,
        corrections: null,
        submittedAt: event.at,
        endedAt: def.steps.length > 0 || def.filing ? null : event.at,
      };
    }
    case "withdrawn":
      return { ...state, status: "withdrawn", stepIndex: null, endedAt: event.at };
    case "approved":
    case "countersigned": {
      const index = event.stepIndex;
      const step = def.steps[index]!;
      const record = state.steps[index]!;
      const signatures = [...record.signatures, { orgId: event.orgId, actorId: event.actorId, at: event.at }];
      const complete = step.orgIds.every((org) => signatures.some((s) => s.orgId === org));
      let steps = state.steps.map((s, i) =>
        i === index ? { ...s, signatures, completedAt: complete ? event.at : null } : s,
      );
      if (!complete) return { ...state, steps, decided: true };
      const next = index + 1;
      if (next < def.steps.length) {
        steps = startStep(steps, next, event.at);
        return { ...state, steps, stepIndex: next, decided: true };
      }
      return {
        ...state,
        steps,
        stepIndex: null,
        decided: true,
        status: def.filing ? "filed" : "approved",
        endedAt: event.at,
      };
    }
    case "returned":
      return {
        ...state,
        status: "returned",
        stepIndex: null,
        returnedFrom: event.stepIndex,
        corrections: [...event.corrections],
        decided: true,
      };
    case "rejected":
      return { ...state, status: "rejected", stepIndex: null, decided: true, endedAt: event.at };
    case "revoked":
      return { ...state, status: "revoked", stepIndex: null, decided: true, endedAt: event.at };
    case "overdue":
      return state;
  }
}

export function replay(def: WorkflowDef, events: readonly WorkflowEvent[]): WorkflowState {
  return events.reduce((state, event) => applyEvent(def, state, event), initialState(def));
}

const MESSAGES: Record<RefusalCode, { zh: string; en: string }> = {
  NOT_APPLICANT: { zh: "只有申请人本人可以执行此操作", en: "Only the applicant may do this" },
  APPLICANT_CANNOT_DECIDE: {
    zh: "申请人不能审批自己的申请",
    en: "An applicant cannot decide on their own application",
  },
  WRONG_STATUS: { zh: "申请当前的状态不允许此操作", en: "The application's status does not allow this" },
  STEP_CHANGED: {
    zh: "办理环节已变化，请刷新页面后重试",
    en: "The application has moved to another step; reload and try again",
  },
  NOT_AT_STEP: {
    zh: "您不是当前环节的办理人（单位或角色不符）",
    en: "You do not act at this step (organisation or role does not match)",
  },
  ACTION_NOT_OFFERED: { zh: "当前环节不提供此操作", en: "This step does not offer that action" },
  ALREADY_SIGNED: {
    zh: "本单位或本人已在此环节会签",
    en: "Your organisation or you already signed this step",
  },
  SAME_APPROVER: {
    zh: "同一人不能连续审批两个环节",
    en: "The same person may not approve two consecutive steps",
  },
  PUBLICITY_NOT_PASSED: {
    zh: "公示期未满或仍有未处理的异议",
    en: "The publicity period is not over or an objection is still open",
  },
  ALREADY_DECIDED: {
    zh: "申请已有审批意见，不能撤回",
    en: "A decision has been made on the application; it can no longer be withdrawn",
  },
  BAD_INPUT: { zh: "操作内容不完整", en: "The action is incomplete" },
};

const refuse = (code: RefusalCode): Outcome => ({ ok: false, code, message: MESSAGES[code] });

/** The organisations at the step for which this actor may act now (holding the step's role there,
 * and, for a countersign, not yet signed). */
export function actingOrgs(def: WorkflowDef, state: WorkflowState, who: Who): string[] {
  if (state.stepIndex === null) return [];
  const step = def.steps[state.stepIndex]!;
  const signed = new Set(state.steps[state.stepIndex]!.signatures.map((s) => s.orgId));
  return step.orgIds.filter(
    (org) => !signed.has(org) && who.roles.some((g) => g.role === step.role && g.orgId === org),
  );
}

/** Who approved the step before `index` in its latest round. */
function previousApprovers(state: WorkflowState, index: number): Set<string> {
  if (index === 0) return new Set();
  return new Set(state.steps[index - 1]!.signatures.map((s) => s.actorId));
}

/** Checks a command; on success the event to record and the state after it. */
export function decide(
  def: WorkflowDef,
  state: WorkflowState,
  who: Who,
  command: Command,
  ctx: Context,
): Outcome {
  const isApplicant = who.userId === ctx.applicantId;
  const done = (event: WorkflowEvent): Outcome => ({ ok: true, event, state: applyEvent(def, state, event) });

  if (command.type === "submit") {
    if (!isApplicant) return refuse("NOT_APPLICANT");
    if (state.status === "draft") return done({ type: "submitted", at: ctx.at, actorId: who.userId });
    if (state.status === "returned") return done({ type: "resubmitted", at: ctx.at, actorId: who.userId });
    return refuse("WRONG_STATUS");
  }
  if (command.type === "withdraw") {
    if (!isApplicant) return refuse("NOT_APPLICANT");
    if (state.status !== "in_review" && state.status !== "filed") return refuse("WRONG_STATUS");
    if (state.stepIndex === null) return refuse("WRONG_STATUS");
    if (state.decided) return refuse("ALREADY_DECIDED");
    return done({ type: "withdrawn", at: ctx.at, actorId: who.userId });
  }

  // Decisions.
  if (isApplicant) return refuse("APPLICANT_CANNOT_DECIDE");
  if (state.stepIndex === null || (state.status !== "in_review" && state.status !== "filed"))
    return refuse("WRONG_STATUS");
  if (command.stepIndex !== state.stepIndex) return refuse("STEP_CHANGED");
  const index = state.stepIndex;
  const step: StepDef = def.steps[index]!;
  const record = state.steps[index]!;
  const orgs = actingOrgs(def, state, who);
  if (orgs.length === 0) {
    const holdsRole = step.orgIds.some((org) =>
      who.roles.some((g) => g.role === step.role && g.orgId === org),
    );
    return refuse(holdsRole ? "ALREADY_SIGNED" : "NOT_AT_STEP");
  }
  // One person signs a countersign once, even if they hold the role at two of its organisations.
  if (record.signatures.some((s) => s.actorId === who.userId)) return refuse("ALREADY_SIGNED");
  const orgId = orgs[0]!;
  const base = { at: ctx.at, actorId: who.userId, orgId, stepIndex: index };

  switch (command.type) {
    case "approve": {
      if (!def.filing && !step.actions.includes("approve")) return refuse("ACTION_NOT_OFFERED");
      if (!def.allowSameApprover && previousApprovers(state, index).has(who.userId))
        return refuse("SAME_APPROVER");
      if (step.kind === "publicity" && ctx.publicityPassed !== true) return refuse("PUBLICITY_NOT_PASSED");
      return done({ ...base, type: step.kind === "countersign" ? "countersigned" : "approved" });
    }
    case "return": {
      if (def.filing || !step.actions.includes("return")) return refuse("ACTION_NOT_OFFERED");
      const corrections = command.corrections.map((c) => c.trim()).filter((c) => c !== "");
      if (corrections.length === 0) return refuse("BAD_INPUT");
      return done({ ...base, type: "returned", corrections });
    }
    case "reject": {
      if (def.filing || !step.actions.includes("reject")) return refuse("ACTION_NOT_OFFERED");
      const reason = command.reason.trim();
      if (reason === "") return refuse("BAD_INPUT");
      return done({ ...base, type: "rejected", reason });
    }
    case "revoke": {
      if (!def.filing) return refuse("ACTION_NOT_OFFERED");
      const reason = command.reason.trim();
      if (reason === "") return refuse("BAD_INPUT");
      return done({ ...base, type: "revoked", reason });
    }
  }
}

/** Every command the actor could make now (decisions with placeholder comments), for buttons. */
export function allowedActions(
  def: WorkflowDef,
  state: WorkflowState,
  who: Who,
  ctx: Context,
): CommandType[] {
  const step = state.stepIndex ?? 0;
  const probes: Command[] = [
    { type: "submit" },
    { type: "withdraw" },
    { type: "approve", stepIndex: step },
    { type: "return", stepIndex: step, corrections: ["-"] },
    { type: "reject", stepIndex: step, reason: "-" },
    { type: "revoke", stepIndex: step, reason: "-" },
  ];
  return probes.filter((c) => decide(def, state, who, c, ctx).ok).map((c) => c.type);
}
