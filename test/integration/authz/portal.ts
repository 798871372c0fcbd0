// Authorization rows for the portal and publicity (公示) routes.
import type { TestClient } from "../../harness/app.js";
import { lodgeObjection, openNotice } from "../../harness/publicity.js";
import { type CaseList, GOVERNMENT } from "./case.js";

const TALENT_OFFICE = ["talent_office"] as const;

export const PORTAL_CASES: CaseList = (ctx) => {
  /** A notice owned by the actor's own organisation (so "allowed" is allowed on the object). */
  const ownNotice = async (actor: TestClient) => {
    const me = (await actor.get("/api/auth/me")).json() as { org: { id: string } };
    return openNotice(ctx.app(), me.org.id);
  };
  let shared: string | undefined;
  const sharedNotice = async () => {
    shared ??= await openNotice(ctx.app(), await ctx.app().orgId("市人力资源社会保障局"));
    return shared;
  };
  /** A fresh draft written by the talent office (so allowed mutations do not disturb other rows). */
  const draft = async () => {
    const res = await ctx.client("office").post("/api/portal/articles", {
      column: "notices",
      title: `矩阵测试文章${ctx.next()}`,
      source: "市委组织部",
      bodyHtml: "<p>矩阵测试</p>",
    });
    return res.json().article.id as string;
  };
  const published = async () => {
    const id = await draft();
    await ctx.client("office").post(`/api/portal/articles/${id}/publish`, {});
    return id;
  };
  const content = async () => ({
    column: "notices",
    title: `矩阵测试文章${ctx.next()}`,
    source: "市委组织部",
    bodyHtml: "<p>矩阵测试</p>",
  });
  return [
    // The editors' API.
    { method: "GET", route: "/api/portal/articles", allowed: TALENT_OFFICE },
    { method: "POST", route: "/api/portal/articles", allowed: TALENT_OFFICE, body: content },
    {
      method: "POST",
      route: "/api/portal/articles/import-policy",
      allowed: TALENT_OFFICE,
      body: async () => {
        const n = ctx.next();
        const text = `矩阵导入政策${n}号\n\n一、总体要求\n\n(一)矩阵导入任务${n}。开展工作。\n牵头单位:市科技局\n`;
        return { filename: `matrix-import-${n}.txt`, contentBase64: Buffer.from(text).toString("base64") };
      },
    },
    {
      method: "GET",
      route: "/api/portal/articles/:id",
      allowed: TALENT_OFFICE,
      url: async () => `/api/portal/articles/${await draft()}`,
    },
    {
      method: "PUT",
      route: "/api/portal/articles/:id",
      allowed: TALENT_OFFICE,
      url: async () => `/api/portal/articles/${await draft()}`,
      body: content,
    },
    {
      method: "POST",
      route: "/api/portal/articles/:id/publish",
      allowed: TALENT_OFFICE,
      url: async () => `/api/portal/articles/${await draft()}/publish`,
    },
    {
      method: "POST",
      route: "/api/portal/articles/:id/withdraw",
      allowed: TALENT_OFFICE,
      url: async () => `/api/portal/articles/${await published()}/withdraw`,
    },
    {
      method: "POST",
      route: "/api/portal/articles/:id/pin",
      allowed: TALENT_OFFICE,
      url: async () => `/api/portal/articles/${await draft()}/pin`,
      body: async () => ({ pinned: true }),
    },
    // Publicity (公示).
    {
      method: "GET",
      route: "/api/public/publicity/:id",
      allowed: "public",
      url: async () => `/api/public/publicity/${await sharedNotice()}`,
    },
    {
      method: "POST",
      route: "/api/public/publicity/:id/objections",
      allowed: "public",
      url: async () => `/api/public/publicity/${await sharedNotice()}/objections`,
      body: async () => ({ name: "李四", contact: "13912345678", reason: "矩阵测试异议" }),
    },
    { method: "GET", route: "/api/publicity", allowed: GOVERNMENT },
    {
      method: "GET",
      route: "/api/publicity/:id",
      allowed: GOVERNMENT,
      url: async (actor) => `/api/publicity/${await ownNotice(actor)}`,
    },
    {
      method: "POST",
      route: "/api/publicity/:id/objections/:objectionId/answer",
      allowed: GOVERNMENT,
      url: async (actor) => {
        const id = await ownNotice(actor);
        return `/api/publicity/${id}/objections/${await lodgeObjection(ctx.app(), id)}/answer`;
      },
      body: async () => ({ answer: "经核实，材料属实，异议不成立。" }),
    },
  ];
};
