// Authorization-matrix rows of record claims (issue 12 item 1). Each row makes a fresh pending
// claim owned by the acting user, so "allowed" means allowed on one's own claim.
import { demoResidentId } from "../../../src/server/demo/registry.js";
import type { FakeSmsGateway } from "../../../src/server/modules/notifications/sms-gateway.js";
import { uploadedId } from "../../harness/files.js";
import type { Case, CaseList, MatrixContext } from "./case.js";

export const claimCases: CaseList = (ctx: MatrixContext): Case[] => {
  const db = () => ctx.app().rt.deps.database.db;
  let code = "000000";
  let fileId = "none";

  /** A record with a phone, made by the office, and a pending claim of it by `username`. */
  async function freshClaim(username: string, reclaimOwn = false): Promise<string> {
    const n = ctx.next();
    const userId = await ctx.app().userId(username);
    const own = reclaimOwn
      ? await db().selectFrom("talents").select("id").where("user_id", "=", userId).executeTakeFirst()
      : undefined;
    let talentId: string;
    if (own) {
      await db().updateTable("talents").set({ user_id: null }).where("id", "=", own.id).execute();
      talentId = own.id;
    } else {
      const made = await ctx.client("office").post("/api/registry/talents", {
        name: "矩阵认领",
        idType: "resident",
        idNumber: demoResidentId("210811", "19850505", 100 + (n % 800)),
        phone: "13700001234",
      });
      if (made.statusCode !== 201) throw new Error(`talent not made: ${made.body}`);
      talentId = made.json().id;
    }
    const id = `CLAIM${Date.now()}${n}`;
    const now = new Date().toISOString();
    await db()
      .insertInto("registry_claims")
      .values({
        id,
        kind: "talent",
        user_id: userId,
        org_id: null,
        talent_id: talentId,
        employer_id: null,
        status: "pending",
        name_matches: 1,
        code_hash: null,
        code_expires_at: null,
        code_attempts: 0,
        codes_sent: 0,
        file_id: null,
        decided_by: null,
        decided_at: null,
        note: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  return [
    { method: "GET", route: "/api/registry/claims/mine", allowed: ["talent", "employer"] },
    {
      method: "POST",
      route: "/api/registry/claims/:id/send-code",
      allowed: ["talent", "employer"],
      url: async (actor) => `/api/registry/claims/${await freshClaim(actor.username)}/send-code`,
    },
    {
      // `talent` already has a record (刘洋's) and may not claim a second one (409 CLAIM_HAS_RECORD),
      // so for it the row unlinks 刘洋 and claims that very record back.
      method: "POST",
      route: "/api/registry/claims/:id/verify",
      allowed: ["talent", "employer"],
      url: async (actor) => {
        const id = await freshClaim(actor.username, actor.username === "talent");
        // The code is sent for real through the fake gateway, then read from it.
        const userId = await ctx.app().userId(actor.username);
        await db().updateTable("registry_claims").set({ user_id: userId }).where("id", "=", id).execute();
        const claimant = {
          userId,
          username: actor.username,
          roles: [{ role: "talent" as const, orgId: "x" }],
        };
        await ctx.app().rt.services.claims.sendCode(
          {
            actor: { ...claimant, orgId: "x", displayName: "", mustChangePassword: false },
            meta: { ip: null, requestId: null, userAgent: null },
          } as never,
          id,
        );
        const sent = (ctx.app().rt.services.sms as FakeSmsGateway).sent;
        code = /验证码 (\d{6})/.exec(sent.at(-1)!.text)![1]!;
        return `/api/registry/claims/${id}/verify`;
      },
      body: async () => ({ code }),
    },
    {
      method: "POST",
      route: "/api/registry/claims/:id/letter",
      allowed: ["talent", "employer"],
      url: async (actor) => {
        const id = await freshClaim(actor.username);
        fileId = ["talent", "employer", "office", "hrss", "science", "finance"].includes(actor.username)
          ? await uploadedId(actor, "授权委托书.pdf")
          : "none";
        return `/api/registry/claims/${id}/letter`;
      },
      body: async () => ({ fileId }),
    },
    { method: "GET", route: "/api/registry/claims", allowed: ["talent_office"] },
    {
      method: "POST",
      route: "/api/registry/claims/:id/decision",
      allowed: ["talent_office"],
      url: async () => `/api/registry/claims/${await freshClaim("talent")}/decision`,
      body: async () => ({ decision: "reject", note: "矩阵" }),
    },
  ];
};
