// Authorization rows of the 人力资源服务机构 registry. For an officer or leader each object row uses an
// agency kept by their own organisation, and for an employer one linked to their own organisation, so
// "allowed" means allowed on the object (other departments' and other employers' agencies answer 404,
// see hr-agencies.test.ts).
import { demoUscc } from "../../../src/server/demo/hr-agencies.js";
import type { Actor, Role } from "../../../src/server/lib/authz.js";
import { type Op, SYSTEM_META } from "../../../src/server/lib/context.js";
import type { TestClient } from "../../harness/app.js";
import { type CaseList, GOVERNMENT } from "./case.js";

const DEPARTMENT = ["officer", "leader"] as const;

const report = () => ({
  staffCount: 5,
  servedPersons: 100,
  placements: 10,
  revenueFen: 1_000_000,
  summary: "矩阵测试年度报告内容。",
});

export const hrAgencyCases: CaseList = (ctx) => {
  const services = () => ctx.app().rt.services;
  const me = async (actor: TestClient) =>
    (await actor.get("/api/auth/me")).json() as { id: string; roles: { role: Role; orgId: string }[] };

  const opFor = async (username: string, role: Role, orgId: string): Promise<Op> => {
    const actor: Actor = {
      userId: await ctx.app().userId(username),
      username,
      displayName: username,
      orgId,
      roles: [{ role, orgId }],
      mustChangePassword: false,
    };
    return { actor, meta: SYSTEM_META };
  };

  const body = (n: number) => ({
    name: `矩阵测试人力资源公司${n}`,
    uscc: demoUscc("91210800", `MA0M${String(n).padStart(4, "0")}`),
    services: ["职业中介" as const],
    contactName: "矩阵联系人",
    contactPhone: "13800002222",
  });

  /** A fresh agency the actor may act on: kept by their department, or linked to their employer. */
  async function agencyFor(actor: TestClient): Promise<string> {
    const who = await me(actor);
    const dept = who.roles.find((r) => r.role === "officer" || r.role === "leader");
    const employer = who.roles.find((r) => r.role === "employer");
    const authority = dept?.orgId ?? (await ctx.app().orgId("市人力资源社会保障局"));
    const op = await opFor("hrss", "officer", authority);
    const created = await services().hrAgencies.create(op, {
      ...body(ctx.next()),
      ...(employer && !dept ? { orgId: employer.orgId } : {}),
    });
    return created.id;
  }

  async function agencyOp(actor: TestClient): Promise<Op> {
    const who = await me(actor);
    const dept = who.roles.find((r) => r.role === "officer" || r.role === "leader");
    return opFor("hrss", "officer", dept?.orgId ?? (await ctx.app().orgId("市人力资源社会保障局")));
  }

  return [
    { method: "GET", route: "/api/hr-agencies", allowed: GOVERNMENT },
    { method: "POST", route: "/api/hr-agencies", allowed: DEPARTMENT, body: async () => body(ctx.next()) },
    {
      method: "GET",
      route: "/api/hr-agencies/mine",
      allowed: ["employer"],
      url: async (actor) => {
        // An employer's own agency (made once per organisation).
        const who = await me(actor);
        const employer = who.roles.find((r) => r.role === "employer");
        if (employer) {
          const linked = await ctx
            .app()
            .rt.deps.database.db.selectFrom("hr_agencies")
            .select("id")
            .where("org_id", "=", employer.orgId)
            .executeTakeFirst();
          if (!linked) await agencyFor(actor);
        }
        return "/api/hr-agencies/mine";
      },
    },
    {
      method: "GET",
      route: "/api/hr-agencies/:id",
      allowed: [...GOVERNMENT, "employer"],
      url: async (actor) => `/api/hr-agencies/${await agencyFor(actor)}`,
    },
    {
      method: "PATCH",
      route: "/api/hr-agencies/:id",
      allowed: DEPARTMENT,
      url: async (actor) => `/api/hr-agencies/${await agencyFor(actor)}`,
      body: async () => ({ address: "矩阵测试地址" }),
    },
    {
      method: "PUT",
      route: "/api/hr-agencies/:id/reports/:year",
      allowed: [...DEPARTMENT, "employer"],
      url: async (actor) => `/api/hr-agencies/${await agencyFor(actor)}/reports/2025`,
      body: async () => report(),
    },
    {
      method: "POST",
      route: "/api/hr-agencies/:id/reports/:year/review",
      allowed: DEPARTMENT,
      url: async (actor) => {
        const id = await agencyFor(actor);
        await services().hrAgencies.putReport(await agencyOp(actor), id, 2025, report());
        return `/api/hr-agencies/${id}/reports/2025/review`;
      },
      body: async () => ({ decision: "accept" }),
    },
    {
      method: "POST",
      route: "/api/hr-agencies/:id/contracts",
      allowed: DEPARTMENT,
      url: async (actor) => `/api/hr-agencies/${await agencyFor(actor)}/contracts`,
      body: async () => ({
        title: `矩阵测试购买服务合同${ctx.next()}`,
        amountFen: 100_000,
        periodFrom: "2026-01-01",
        periodTo: "2026-12-31",
        deliverables: "矩阵测试交付物。",
      }),
    },
    {
      method: "PATCH",
      route: "/api/hr-agencies/contracts/:id",
      allowed: DEPARTMENT,
      url: async (actor) => {
        const id = await agencyFor(actor);
        const contract = await services().hrAgencies.createContract(await agencyOp(actor), id, {
          title: `矩阵测试合同${ctx.next()}`,
          amountFen: 100_000,
          periodFrom: "2026-01-01",
          periodTo: "2026-12-31",
          deliverables: "矩阵测试交付物。",
        });
        return `/api/hr-agencies/contracts/${contract.id}`;
      },
      body: async () => ({ status: "in_progress" }),
    },
  ];
};
