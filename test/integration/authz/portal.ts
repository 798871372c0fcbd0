// Authorization rows for the portal and publicity (公示) routes.
import type { TestClient } from "../../harness/app.js";
import { lodgeObjection, openNotice } from "../../harness/publicity.js";
import { type CaseList, GOVERNMENT } from "./case.js";

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
  return [
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
