// Authorization rows of the policy calculator, the budget simulation and 免申即享 (proactive runs
// and offers). Offers are made to the acting user, so "allowed" is allowed on the object too.

import type { TestClient } from "../../harness/app.js";
import { offerFor, officeOp } from "../../harness/calculator.js";
import type { Case, CaseList, MatrixContext } from "./case.js";

export const CALCULATOR_CASES: CaseList = (ctx: MatrixContext): Case[] => {
  let runId: string | undefined;
  const sharedRun = async () => {
    if (!runId) {
      const t = ctx.app();
      const run = await t.rt.services.proactive.start(await officeOp(t), { itemCode: "RC-KJQD" });
      await t.rt.services.proactive.settle(run.id);
      runId = run.id;
    }
    return runId;
  };
  const ownOffer = async (actor: TestClient) => {
    const t = ctx.app();
    const user = await t.rt.deps.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", actor.username)
      .executeTakeFirst();
    return user ? offerFor(t, user.id) : "none";
  };
  return [
    { method: "GET", route: "/api/calculator/questions", allowed: "public" },
    { method: "POST", route: "/api/calculator", allowed: "public", body: async () => ({ answers: {} }) },
    { method: "GET", route: "/api/calculator/me", allowed: ["talent", "employer"] },
    {
      method: "POST",
      route: "/api/calculator/simulation",
      allowed: ["talent_office"],
      body: async () => ({ itemCode: "RC-KJQD" }),
    },
    {
      method: "POST",
      route: "/api/proactive/runs",
      allowed: ["talent_office"],
      body: async () => ({ itemCode: "RC-KJQD" }),
    },
    { method: "GET", route: "/api/proactive/runs", allowed: ["talent_office"] },
    {
      method: "GET",
      route: "/api/proactive/runs/:id",
      allowed: ["talent_office"],
      url: async () => `/api/proactive/runs/${await sharedRun()}`,
    },
    {
      method: "GET",
      route: "/api/proactive/runs/:id/results",
      allowed: ["talent_office"],
      url: async () => `/api/proactive/runs/${await sharedRun()}/results`,
    },
    { method: "GET", route: "/api/proactive/offers/mine", allowed: ["talent"] },
    {
      method: "POST",
      route: "/api/proactive/offers/:id/accept",
      allowed: ["talent"],
      url: async (actor) => `/api/proactive/offers/${await ownOffer(actor)}/accept`,
    },
    {
      method: "POST",
      route: "/api/proactive/offers/:id/decline",
      allowed: ["talent"],
      url: async (actor) => `/api/proactive/offers/${await ownOffer(actor)}/decline`,
      body: async () => ({}),
    },
  ];
};
