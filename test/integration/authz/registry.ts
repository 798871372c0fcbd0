// Authorization-matrix rows of the talent and employer registry. Objects are the demo's: 刘洋 (the
// `talent` account's record, on the staff of the `employer` account's company) and that company.
import ExcelJS from "exceljs";
import { DEMO_PASSWORD } from "../../../src/server/demo/demo.js";
import { demoResidentId, demoUscc } from "../../../src/server/demo/registry.js";
import { SYSTEM_META } from "../../../src/server/lib/context.js";
import { TIER_RULE_SET } from "../../../src/server/modules/registry/tier-rules.js";
import type { Case, CaseList, MatrixContext } from "./case.js";

const GOVERNMENT = ["talent_office", "officer", "leader"] as const;

export const registryCases: CaseList = (ctx: MatrixContext): Case[] => {
  const db = () => ctx.app().rt.deps.database.db;
  const liuYang = async () =>
    (await db().selectFrom("talents").select("id").where("name", "=", "刘洋").executeTakeFirstOrThrow()).id;
  const liaohai = async () =>
    (
      await db()
        .selectFrom("employers")
        .select("id")
        .where("uscc", "=", "91210804MA0YK8C134")
        .executeTakeFirstOrThrow()
    ).id;
  const freshUscc = () => demoUscc("91", "210803", String(30_000_000 + ctx.next()));
  const employerWorkbook = async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("用人单位");
    sheet.addRow(["单位名称", "统一社会信用代码", "单位类型"]);
    sheet.addRow([`矩阵单位${ctx.next()}`, freshUscc(), "企业"]);
    return Buffer.from(await book.xlsx.writeBuffer());
  };

  /** A fresh pending bank-account change of 刘洋, asked by the talent (so the office may decide it). */
  const pendingBankChange = async () => {
    const userId = await ctx.app().userId("talent");
    const orgId = await ctx.app().orgId("个人用户");
    const op = {
      actor: {
        userId,
        username: "talent",
        displayName: "刘洋",
        orgId,
        roles: [{ role: "talent" as const, orgId }],
        mustChangePassword: false,
      },
      meta: SYSTEM_META,
    };
    const me = await ctx.app().rt.services.registry.talents.updateOwn(op, {
      bankAccount: `62170${String(ctx.next()).padStart(14, "0")}`,
      currentPassword: DEMO_PASSWORD,
    });
    return me.pendingBankChange!.id;
  };

  return [
    { method: "GET", route: "/api/registry/bank-changes", allowed: ["talent_office"] },
    {
      method: "POST",
      route: "/api/registry/bank-changes/:id/confirm",
      allowed: ["talent_office"],
      url: async () => `/api/registry/bank-changes/${await pendingBankChange()}/confirm`,
    },
    {
      method: "POST",
      route: "/api/registry/bank-changes/:id/reject",
      allowed: ["talent_office"],
      url: async () => `/api/registry/bank-changes/${await pendingBankChange()}/reject`,
      body: async () => ({ note: "权限矩阵测试" }),
    },
    {
      method: "GET",
      route: "/api/registry/talents/:id/tier-explain",
      allowed: [...GOVERNMENT, "employer", "talent"],
      url: async () => `/api/registry/talents/${await liuYang()}/tier-explain`,
    },
    { method: "GET", route: "/api/registry/rule-sets", allowed: ["talent_office"] },
    {
      method: "GET",
      route: "/api/registry/rule-sets/:code",
      allowed: ["talent_office"],
      url: async () => "/api/registry/rule-sets/tier",
    },
    {
      method: "POST",
      route: "/api/registry/rule-sets/check",
      allowed: ["talent_office"],
      body: async () => ({ document: TIER_RULE_SET }),
    },
    {
      method: "POST",
      route: "/api/registry/rule-sets/:code",
      allowed: ["talent_office"],
      url: async () => "/api/registry/rule-sets/tier",
      body: async () => ({ title: `矩阵版本${ctx.next()}`, document: TIER_RULE_SET }),
    },
    {
      method: "POST",
      route: "/api/registry/rule-sets/:code/explain",
      allowed: ["talent_office"],
      url: async () => "/api/registry/rule-sets/tier/explain",
      body: async () => ({ profile: { educations: [{ degree: "硕士", school: "东北大学" }] } }),
    },
    { method: "GET", route: "/api/registry/talents", allowed: [...GOVERNMENT, "employer"] },
    {
      method: "POST",
      route: "/api/registry/talents",
      allowed: ["talent_office"],
      body: async () => ({
        name: `矩阵人才${ctx.next()}`,
        idType: "resident",
        idNumber: demoResidentId("210881", "19910101", 100 + (ctx.next() % 800)),
      }),
    },
    {
      method: "GET",
      route: "/api/registry/talents/:id",
      allowed: [...GOVERNMENT, "employer", "talent"],
      url: async () => `/api/registry/talents/${await liuYang()}`,
    },
    {
      method: "PATCH",
      route: "/api/registry/talents/:id",
      allowed: ["talent_office"],
      url: async () => `/api/registry/talents/${await liuYang()}`,
      body: async () => ({ industry: "新材料" }),
    },
    {
      method: "POST",
      route: "/api/registry/talents/:id/tier",
      allowed: ["talent_office"],
      url: async () => `/api/registry/talents/${await liuYang()}/tier`,
      body: async () => ({ tier: "D", recognisedOn: "2026-06-30" }),
    },
    {
      method: "POST",
      route: "/api/registry/talents/:id/reveal",
      allowed: ["talent_office", "talent"],
      url: async () => `/api/registry/talents/${await liuYang()}/reveal`,
      body: async () => ({ reason: "权限矩阵测试", fields: ["phone"] }),
    },
    { method: "GET", route: "/api/registry/me", allowed: ["talent"] },
    {
      method: "PATCH",
      route: "/api/registry/me",
      allowed: ["talent"],
      body: async () => ({ industry: "新材料" }),
    },
    { method: "GET", route: "/api/registry/employers", allowed: GOVERNMENT },
    {
      method: "POST",
      route: "/api/registry/employers",
      allowed: ["talent_office"],
      body: async () => ({ name: `矩阵单位${ctx.next()}`, uscc: freshUscc(), kind: "enterprise" }),
    },
    { method: "GET", route: "/api/registry/employers/mine", allowed: ["employer"] },
    {
      method: "GET",
      route: "/api/registry/employers/:id",
      allowed: [...GOVERNMENT, "employer"],
      url: async () => `/api/registry/employers/${await liaohai()}`,
    },
    {
      method: "PATCH",
      route: "/api/registry/employers/:id",
      allowed: ["talent_office"],
      url: async () => `/api/registry/employers/${await liaohai()}`,
      body: async () => ({ industry: "新材料" }),
    },
    {
      method: "GET",
      route: "/api/registry/import/templates/:kind",
      allowed: ["talent_office"],
      url: async () => "/api/registry/import/templates/talents",
    },
    {
      method: "POST",
      route: "/api/registry/import/:kind",
      allowed: ["talent_office"],
      url: async () => "/api/registry/import/employers?mode=valid_rows",
      body: employerWorkbook,
      headers: { "content-type": "application/octet-stream" },
    },
  ];
};
