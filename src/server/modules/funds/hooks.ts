import { compileRule, evaluate, talentCatalogue } from "../../engine/rules/index.js";
import type { Clock } from "../../lib/clock.js";
import { AppError } from "../../lib/errors.js";
import type { ApplicationHooks } from "../applications/hooks.js";
import { chinaDate } from "../tasks/calendar.js";
import type { StagePlan } from "./funds.schema.js";
import { type FundsService, splitByPlan } from "./funds.service.js";

/**
 * What the funds domain does when an application is finally approved (wired in services.ts):
 * 1. stages waiting for an approved application of this item (e.g. 验收 → 奖励经费) of the same talent
 *    become payable;
 * 2. if a budget line of this year funds the item and the item has an amount rule, an entitlement is
 *    created with the amount the rule gives for the application's form, split by the line's stage
 *    plan, and reserved at once. A line that cannot cover it throws 409 FUNDS_INSUFFICIENT, which
 *    aborts the approval: nothing changes.
 */
export function makeFundsApplicationHooks(funds: FundsService, clock: Clock): ApplicationHooks {
  return {
    async onFinalApproval(trx, { application, item, op }) {
      const waiting = await trx
        .selectFrom("fund_stages")
        .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_stages.entitlement_id")
        .select("fund_stages.id")
        .where("fund_stages.status", "=", "pending")
        .where("fund_stages.condition_kind", "=", "application_approved")
        .where("fund_stages.condition_ref", "=", item.code)
        .where("fund_entitlements.talent_user_id", "=", application.applicantUserId)
        .orderBy("fund_stages.id")
        .execute();
      for (const s of waiting) await funds.markStageMetIn(trx, op, s.id, application.id);

      if (item.amountRule === null || item.amountRule === undefined) return;
      const today = chinaDate(clock.now());
      const line = await trx
        .selectFrom("fund_budget_lines")
        .selectAll()
        .where("item_code", "=", item.code)
        .where("year", "=", Number(today.slice(0, 4)))
        .orderBy("code")
        .executeTakeFirst();
      if (!line) return;
      const rule = compileRule(item.amountRule, talentCatalogue, "amount");
      const amount = evaluate(rule, application.form, { asOf: today }) as number | null;
      if (amount === null)
        throw new AppError("unprocessable", "FUNDS_AMOUNT_UNKNOWN", {
          zh: "申请材料不足以按规则核定金额，不能审批通过",
          en: "The application lacks what the amount rule needs; it cannot be approved",
        });
      if (amount <= 0) return;
      const plan = line.stage_plan ? (JSON.parse(line.stage_plan) as StagePlan) : null;
      const orgKind = await trx
        .selectFrom("organisations")
        .select("kind")
        .where("id", "=", application.applicantOrgId)
        .executeTakeFirst();
      await funds.createEntitlementIn(trx, op, {
        budgetLineId: line.id,
        talentUserId: application.applicantUserId,
        employerOrgId: orgKind?.kind === "employer" ? application.applicantOrgId : null,
        sourceKind: "application",
        sourceId: application.id,
        title: `${item.name}（${application.number}）`,
        stages: plan
          ? splitByPlan(amount, plan)
          : [{ name: "一次性拨付", amount, condition: "on_creation", conditionRef: null }],
      });
    },
  };
}
