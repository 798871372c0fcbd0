// Authorization rows for the services routes (catalogue, applications, workbench, holidays). For an
// applicant the rows use their own application; for an officer or leader an application waiting at
// a step of their own organisation and role, so "allowed" really means allowed on the object (other
// departments' cases answer 404, see services-cases.test.ts).
import type { Actor, Role } from "../../../src/server/lib/authz.js";
import { type Op, SYSTEM_META } from "../../../src/server/lib/context.js";
import type { ItemContent } from "../../../src/server/modules/catalogue/catalogue.schema.js";
import type { TestClient } from "../../harness/app.js";
import { type CaseList, GOVERNMENT } from "./case.js";

const OFFICE: readonly Role[] = ["talent_office"];
const APPLICANTS: readonly Role[] = ["talent", "employer"];
const HANDLERS: readonly Role[] = ["officer", "leader"];
const READERS: readonly Role[] = [...APPLICANTS, ...GOVERNMENT];

interface Me {
  id: string;
  username: string;
  displayName: string;
  org: { id: string };
  roles: { role: Role; orgId: string }[];
}

export const SERVICES_CASES: CaseList = (ctx) => {
  const services = () => ctx.app().rt.services;
  const me = async (actor: TestClient) => (await actor.get("/api/auth/me")).json() as Me;
  const opOf = (m: Me): Op => {
    const actor: Actor = {
      userId: m.id,
      username: m.username,
      displayName: m.displayName,
      orgId: m.org.id,
      roles: m.roles.map((r) => ({ role: r.role, orgId: r.orgId })),
      mustChangePassword: false,
    };
    return { actor, meta: SYSTEM_META };
  };
  const office = async () => opOf(await me(ctx.client("office")));

  /** One review step at `orgId` for `role`; anyone may apply; no required field or material. */
  const content = (orgId: string, role: "officer" | "leader"): ItemContent => ({
    name: `矩阵测试事项${ctx.next()}`,
    kind: "confirmation",
    ownerOrgId: orgId,
    legalBasis: "",
    applicants: ["talent", "employer"],
    eligibility: null,
    amountRule: null,
    materials: [],
    form: {
      type: "object",
      properties: {
        note: { type: "string", title: "备注", maxLength: 100 },
        phone: { type: "string", format: "phone", title: "联系电话" },
      },
      required: [],
      additionalProperties: false,
    },
    workflow: {
      allowSameApprover: false,
      steps: [
        {
          key: "s",
          name: "审查",
          kind: "review",
          orgIds: [orgId],
          role,
          days: 5,
          actions: ["approve", "return", "reject"],
        },
      ],
    },
    promisedDays: 5,
    feeFen: 0,
    guide: "",
  });

  const hrssOrg = () => ctx.app().orgId("市人力资源社会保障局");

  /** A published item whose step is at the actor's organisation and role (else at 市人社局 officers). */
  const itemFor = async (who: Me): Promise<string> => {
    const grant = who.roles.find((r) => r.role === "officer" || r.role === "leader");
    const c = grant
      ? content(grant.orgId, grant.role as "officer" | "leader")
      : content(await hrssOrg(), "officer");
    const created = await services().catalogue.create(await office(), {
      code: `MX-${ctx.next()}`,
      content: c,
    });
    await services().catalogue.publish(await office(), created.id);
    return created.code;
  };

  /** An application the actor may touch: their own (applicants) or one waiting at their step. */
  const applicationFor = async (actor: TestClient, submitted: boolean): Promise<string> => {
    const who = await me(actor);
    const isApplicant = who.roles.some((r) => r.role === "talent" || r.role === "employer");
    const applicant = isApplicant ? who : await me(ctx.client("talent"));
    const code = await itemFor(who);
    const op = opOf(applicant);
    const app = await services().applications.create(op, { itemCode: code });
    if (submitted) await services().applications.submit(op, app.id, `matrix-${ctx.next()}-${Date.now()}`);
    return app.id;
  };

  const demoItemId = async () =>
    (
      await ctx
        .app()
        .rt.deps.database.db.selectFrom("service_items")
        .select("id")
        .where("code", "=", "RC-YLLS")
        .executeTakeFirstOrThrow()
    ).id;

  const freshItemId = async () => {
    const created = await services().catalogue.create(await office(), {
      code: `MX-${ctx.next()}`,
      content: content(await hrssOrg(), "officer"),
    });
    return created.id;
  };

  return [
    { method: "GET", route: "/api/catalogue", allowed: "public" },
    { method: "GET", route: "/api/catalogue/power-list", allowed: "public" },
    { method: "GET", route: "/api/catalogue/form-schema", allowed: "public" },
    {
      method: "GET",
      route: "/api/catalogue/:code",
      allowed: "public",
      url: async () => "/api/catalogue/RC-GCCRC-RD",
    },
    { method: "GET", route: "/api/catalogue/manage/items", allowed: OFFICE },
    {
      method: "POST",
      route: "/api/catalogue/manage/items",
      allowed: OFFICE,
      body: async () => ({ code: `MX-${ctx.next()}`, content: content(await hrssOrg(), "officer") }),
    },
    {
      method: "GET",
      route: "/api/catalogue/manage/items/:id",
      allowed: OFFICE,
      url: async () => `/api/catalogue/manage/items/${await demoItemId()}`,
    },
    {
      method: "PUT",
      route: "/api/catalogue/manage/items/:id/draft",
      allowed: OFFICE,
      url: async () => `/api/catalogue/manage/items/${await freshItemId()}/draft`,
      body: async () => ({ content: content(await hrssOrg(), "officer") }),
    },
    {
      method: "POST",
      route: "/api/catalogue/manage/items/:id/publish",
      allowed: OFFICE,
      url: async () => `/api/catalogue/manage/items/${await freshItemId()}/publish`,
    },
    {
      method: "PUT",
      route: "/api/catalogue/manage/items/:id/measures",
      allowed: OFFICE,
      url: async () => `/api/catalogue/manage/items/${await freshItemId()}/measures`,
      body: async () => ({ measureIds: [] }),
    },
    { method: "GET", route: "/api/holidays", allowed: "everyone" },
    {
      method: "PUT",
      route: "/api/holidays/:date",
      allowed: OFFICE,
      url: async () => "/api/holidays/2028-01-03",
      body: async () => ({ kind: "holiday", name: "矩阵测试" }),
    },
    {
      method: "DELETE",
      route: "/api/holidays/:date",
      allowed: OFFICE,
      url: async () => {
        const date = `2029-03-${String((ctx.next() % 28) + 1).padStart(2, "0")}`;
        await services().holidays.put(null, date, { kind: "holiday", name: "矩阵测试" });
        return `/api/holidays/${date}`;
      },
    },
    {
      method: "POST",
      route: "/api/applications",
      allowed: APPLICANTS,
      body: async () => ({ itemCode: "RC-KJQD" }),
    },
    { method: "GET", route: "/api/applications/mine", allowed: APPLICANTS },
    {
      method: "GET",
      route: "/api/applications/:id",
      allowed: READERS,
      url: async (actor) => `/api/applications/${await applicationFor(actor, true)}`,
    },
    {
      method: "PATCH",
      route: "/api/applications/:id",
      allowed: APPLICANTS,
      url: async (actor) => `/api/applications/${await applicationFor(actor, false)}`,
      body: async () => ({ form: { note: "矩阵测试" } }),
    },
    {
      method: "POST",
      route: "/api/applications/:id/submit",
      allowed: APPLICANTS,
      url: async (actor) => `/api/applications/${await applicationFor(actor, false)}/submit`,
      headers: { "idempotency-key": "matrix-submit-key" },
    },
    {
      method: "POST",
      route: "/api/applications/:id/withdraw",
      allowed: APPLICANTS,
      url: async (actor) => `/api/applications/${await applicationFor(actor, true)}/withdraw`,
    },
    {
      method: "POST",
      route: "/api/applications/:id/reveal",
      allowed: READERS,
      url: async (actor) => `/api/applications/${await applicationFor(actor, true)}/reveal`,
      body: async () => ({ fields: ["phone"], reason: "矩阵测试" }),
    },
    {
      method: "POST",
      route: "/api/applications/:id/decisions",
      allowed: HANDLERS,
      url: async (actor) => `/api/applications/${await applicationFor(actor, true)}/decisions`,
      body: async () => ({ action: "approve", stepIndex: 0 }),
    },
    { method: "GET", route: "/api/workbench", allowed: HANDLERS },
    {
      method: "GET",
      route: "/api/applications/overview",
      allowed: ["talent_office"],
      url: async () => "/api/applications/overview?due=overdue",
    },
    { method: "GET", route: "/api/workbench/export.xlsx", allowed: HANDLERS },
  ];
};
