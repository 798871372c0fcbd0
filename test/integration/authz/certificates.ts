// Authorization rows of certificates. Each object row issues a fresh certificate held by the demo
// talent and issued by the acting user's own organisation, so "allowed" means allowed on the object.
import { certificateNumber } from "../../../src/server/modules/certificates/issue.js";
import type { TestClient } from "../../harness/app.js";
import type { Case, CaseList, MatrixContext } from "./case.js";

export const certificateCases: CaseList = (ctx: MatrixContext): Case[] => {
  const db = () => ctx.app().rt.deps.database.db;

  async function freshCertificate(actor: TestClient): Promise<string> {
    const n = ctx.next();
    const talentUser = await ctx.app().userId("talent");
    const talent = await db()
      .selectFrom("talents")
      .select("id")
      .where("user_id", "=", talentUser)
      .executeTakeFirst();
    const user = await db()
      .selectFrom("users")
      .select(["id", "org_id"])
      .where("username", "=", actor.username)
      .executeTakeFirst();
    if (!talent) throw new Error("the demo talent has no record");
    const id = `CERT${Date.now()}${n}`;
    await db()
      .insertInto("certificates")
      .values({
        id,
        number: certificateNumber(2099, 100000 + n, "MTRX"),
        year: 2099,
        seq: 100000 + n,
        kind: "tier",
        talent_id: talent.id,
        application_id: `APP-MATRIX-${id}`,
        application_number: "SQ20991231000001",
        item_code: "RC-GCCRC-RD",
        item_name: "高层次人才认定",
        subject: "营口市C类高层次人才",
        issued_on: "2026-12-01",
        valid_to: "2031-11-30",
        issuer_org_id: user?.org_id ?? "none",
        issued_by: user?.id ?? "none",
        status: "valid",
        revoked_at: null,
        revoked_by: null,
        revoked_reason: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    return id;
  }

  return [
    { method: "GET", route: "/api/certificates/mine", allowed: ["talent"] },
    { method: "GET", route: "/api/certificates", allowed: ["talent_office", "officer", "leader"] },
    {
      method: "GET",
      route: "/api/certificates/:id",
      allowed: ["talent_office", "officer", "leader", "talent"],
      url: async (actor) => `/api/certificates/${await freshCertificate(actor)}`,
    },
    {
      method: "GET",
      route: "/api/certificates/:id/print",
      allowed: ["talent_office", "officer", "leader", "talent"],
      url: async (actor) => `/api/certificates/${await freshCertificate(actor)}/print`,
    },
    {
      method: "POST",
      route: "/api/certificates/:id/revoke",
      allowed: ["talent_office", "leader"],
      url: async (actor) => `/api/certificates/${await freshCertificate(actor)}/revoke`,
      body: async () => ({ reason: "矩阵测试撤销" }),
    },
    {
      method: "GET",
      route: "/api/public/certificates/:number",
      allowed: "public",
      url: async (actor) => {
        const id = await freshCertificate(actor);
        const row = await db()
          .selectFrom("certificates")
          .select("number")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        return `/api/public/certificates/${row.number}`;
      },
    },
  ];
};
