// Authorization rows of evaluation rounds. Rounds belong to 市人社局 (the demo's only department in
// evaluation_owners): the talent office and 市人社局's officer and leader pass, other departments'
// staff get 403. Each object row makes a fresh round (or assignment of the demo expert) in the state
// the action needs, so "allowed" means allowed on the object.
import type { Kysely } from "kysely";
import type { DB } from "../../../src/server/db/schema.js";
import type { Case, CaseList, MatrixContext } from "./case.js";

const MANAGERS = ["office", "hrss", "hrss_leader"] as const;
const SHEET = [
  { key: "achievement", name: "业绩", weight: 40 },
  { key: "ability", name: "能力", weight: 30 },
  { key: "contribution", name: "贡献", weight: 30 },
];

export const evaluationCases: CaseList = (ctx: MatrixContext): Case[] => {
  const db = (): Kysely<DB> => ctx.app().rt.deps.database.db;
  const hrss = () => ctx.app().orgId("市人力资源社会保障局");
  const anyTalent = async () =>
    (await db().selectFrom("talents").select("id").orderBy("id").executeTakeFirstOrThrow()).id;

  async function freshRound(status: string): Promise<string> {
    const n = ctx.next();
    const id = `RNDMATRIX${Date.now()}${n}`;
    const now = new Date().toISOString();
    const seed = "5a".repeat(32);
    await db()
      .insertInto("evaluation_rounds")
      .values({
        id,
        owner_org_id: await hrss(),
        name: `矩阵测试批次${n}`,
        kind: "title_review",
        status,
        disciplines: JSON.stringify(["EDU"]),
        panel_size: 3,
        reserve_size: 1,
        score_sheet: JSON.stringify(SHEET),
        decision_rule: JSON.stringify({ kind: "two_thirds_yes" }),
        quota: null,
        avoid_days: 365,
        commitment: status === "draft" ? null : "00",
        seed_hex: status === "draft" ? null : seed,
        snapshot: null,
        snapshot_hash: null,
        draw_result: null,
        opened_at: null,
        drawn_at: null,
        review_started_at: null,
        closed_at: null,
        created_by: "matrix",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db()
      .insertInto("evaluation_candidates")
      .values({
        id: `CND${id}`,
        round_id: id,
        talent_id: await anyTalent(),
        application_id: null,
        position: 0,
        decision: null,
        result: null,
      })
      .execute();
    return id;
  }

  async function drawnRound(): Promise<string> {
    const id = await freshRound("draft");
    await ctx.app().rt.services.evaluation.openAndDrawAsSystem(id);
    return id;
  }

  /** A publicised round whose 公示 has ended (a notice that ended yesterday). */
  async function publicisedRound(): Promise<string> {
    const id = await freshRound("publicised");
    const notice = `PUBMATRIX${id}`;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await db()
      .insertInto("publicity_notices")
      .values({
        id: notice,
        owner_org_id: await hrss(),
        title: "矩阵测试公示",
        body: null,
        source_kind: "evaluation_round",
        source_id: id,
        days: 5,
        starts_at: yesterday,
        ends_at: yesterday,
        open_objections: 0,
        total_objections: 0,
        created_by: null,
        created_at: yesterday,
      })
      .execute();
    await db().updateTable("evaluation_rounds").set({ publicity_id: notice }).where("id", "=", id).execute();
    return id;
  }

  async function demoExpertSeat(): Promise<string> {
    const roundId = await freshRound("reviewing");
    const expert = await db()
      .selectFrom("experts as x")
      .innerJoin("users as u", "u.id", "x.user_id")
      .select("x.id")
      .where("u.username", "=", "expert")
      .executeTakeFirstOrThrow();
    const id = `ASG${roundId}`;
    await db()
      .insertInto("evaluation_assignments")
      .values({
        id,
        round_id: roundId,
        candidate_id: `CND${roundId}`,
        expert_id: expert.id,
        seat: 0,
        source: "draw",
        status: "invited",
        conflict_reason: null,
        scores: null,
        total: null,
        vote: null,
        comment: null,
        extreme_reason: null,
        submitted_at: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    return id;
  }

  async function freshExpert(): Promise<string> {
    const id = `EXPMATRIX${Date.now()}${ctx.next()}`;
    const now = new Date().toISOString();
    await db()
      .insertInto("experts")
      .values({
        id,
        user_id: null,
        name: "矩阵专家",
        title: "教授",
        employer_id: null,
        region_code: null,
        status: "active",
        disciplines: JSON.stringify(["EDU"]),
        relations: "[]",
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  const expertBody = async () => ({ name: "矩阵专家", title: "教授", disciplines: ["EDU"] });
  const roundRow = (route: string, status: string, method: "GET" | "POST" = "POST"): Case => ({
    method,
    route: `/api/evaluation/rounds/:id${route}`,
    allowed: ["talent_office", "officer", "leader"],
    allowedUsers: MANAGERS,
    url: async () => `/api/evaluation/rounds/${await freshRound(status)}${route}`,
  });

  return [
    {
      method: "GET",
      route: "/api/evaluation/disciplines",
      allowed: ["talent_office", "officer", "leader", "expert"],
    },
    {
      method: "GET",
      route: "/api/evaluation/experts",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
    },
    {
      method: "POST",
      route: "/api/evaluation/experts",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      body: expertBody,
    },
    { method: "GET", route: "/api/evaluation/experts/me", allowed: ["expert"] },
    {
      method: "PATCH",
      route: "/api/evaluation/experts/me",
      allowed: ["expert"],
      body: async () => ({ title: "正高级工程师" }),
    },
    {
      method: "GET",
      route: "/api/evaluation/experts/:id",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      url: async () => `/api/evaluation/experts/${await freshExpert()}`,
    },
    {
      method: "PUT",
      route: "/api/evaluation/experts/:id",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      url: async () => `/api/evaluation/experts/${await freshExpert()}`,
      body: expertBody,
    },
    {
      method: "GET",
      route: "/api/evaluation/rounds",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
    },
    {
      method: "POST",
      route: "/api/evaluation/rounds",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      body: async () => ({
        ownerOrgId: await hrss(),
        name: `矩阵测试批次${ctx.next()}`,
        kind: "skills",
        disciplines: ["SKL-WLD"],
        panelSize: 3,
        scoreSheet: SHEET,
        decisionRule: { kind: "trimmed_mean", threshold: 80 },
        candidates: [{ talentId: await anyTalent() }],
      }),
    },
    roundRow("", "draft", "GET"),
    roundRow("/open", "draft"),
    roundRow("/draw", "open"),
    roundRow("/start-review", "drawn"),
    roundRow("/close", "reviewing"),
    roundRow("/results", "reviewing", "GET"),
    { ...roundRow("/publicise", "closed"), body: async () => ({ days: 5 }) },
    {
      method: "POST",
      route: "/api/evaluation/rounds/:id/candidates/:candidateId/decision",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      url: async () => {
        const id = await freshRound("closed");
        return `/api/evaluation/rounds/${id}/candidates/CND${id}/decision`;
      },
      body: async () => ({ decision: "pass", reason: "矩阵测试决定理由" }),
    },
    {
      method: "POST",
      route: "/api/evaluation/rounds/:id/land",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      url: async () => `/api/evaluation/rounds/${await publicisedRound()}/land`,
    },
    {
      method: "GET",
      route: "/api/evaluation/rounds/:id/verify",
      allowed: ["talent_office", "officer", "leader"],
      allowedUsers: MANAGERS,
      url: async () => `/api/evaluation/rounds/${await drawnRound()}/verify`,
    },
    { method: "GET", route: "/api/evaluation/my-assignments", allowed: ["expert"] },
    {
      method: "GET",
      route: "/api/evaluation/assignments/:id",
      allowed: ["expert"],
      url: async () => `/api/evaluation/assignments/${await demoExpertSeat()}`,
    },
    {
      method: "POST",
      route: "/api/evaluation/assignments/:id/score",
      allowed: ["expert"],
      url: async () => `/api/evaluation/assignments/${await demoExpertSeat()}/score`,
      body: async () => ({ scores: { achievement: 80, ability: 80, contribution: 80 }, vote: "yes" }),
    },
    {
      method: "POST",
      route: "/api/evaluation/assignments/:id/conflict",
      allowed: ["expert"],
      url: async () => `/api/evaluation/assignments/${await demoExpertSeat()}/conflict`,
      body: async () => ({ reason: "矩阵测试回避" }),
    },
  ];
};
