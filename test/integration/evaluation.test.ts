// Evaluation rounds (issue 15): the demo pool and the seeded title round; a round from draft through
// open (commitment) → draw (revealed seed, frozen snapshot, avoided pairs) → verify (API and CLI; a
// changed seed or snapshot is detected) → blind, locked scoring with a declared conflict re-drawn
// from the reserve → close and results with the rule's numbers, severity and Kendall's W.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canonicalJson,
  commitmentOf,
  type PoolSnapshot,
  snapshotHash,
} from "../../src/server/engine/evaluation/draw.js";
import type { Op } from "../../src/server/lib/context.js";
import { findAssignment, findRound } from "../../src/server/modules/evaluation/evaluation.repo.js";
import { declareConflict, submitScoreSheet } from "../../src/server/modules/evaluation/scoring.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

const run = promisify(execFile);
let t: TestApp;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-06T02:00:00.000Z" });
  for (const u of ["hrss", "office", "expert", "science", "talent"]) c[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const ctx = () => ({ deps: t.rt.deps, writeAudit: t.rt.services.audit.writeAudit });
const systemOp = {
  actor: { userId: "system", username: "system" },
  meta: { ip: null, requestId: null, userAgent: null },
} as unknown as Op;

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/server/main.ts", ...args], {
      env: {
        ...process.env,
        DATABASE_URL: t.rt.config.databaseUrl,
        DATA_DIR: t.rt.config.dataDir,
        LOG_LEVEL: "silent",
      },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("demo data", () => {
  it("has a pool of at least 200 experts over at least 10 disciplines, the demo expert among them", async () => {
    const rows = await db().selectFrom("experts").select(["disciplines", "user_id"]).execute();
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const codes = new Set(rows.flatMap((r) => JSON.parse(r.disciplines) as string[]));
    expect(codes.size).toBeGreaterThanOrEqual(10);
    const me = await c.expert!.get("/api/evaluation/experts/me");
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ name: "周文博", status: "active", disciplines: ["ENG-MAT"] });
  });

  it("lists rounds for the office and hrss in the documented shape; the demo expert has assignments", async () => {
    for (const who of ["office", "hrss"]) {
      const res = await c[who]!.get("/api/evaluation/rounds");
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as { id: string; kind: string; status: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.find((r) => r.kind === "title_review" && r.status === "reviewing")).toBeDefined();
      expect(items.find((r) => r.kind === "skills" && r.status === "closed")).toBeDefined();
      expect(items.find((r) => r.kind === "honour" && r.status === "publicised")).toBeDefined();
    }
    expect((await c.science!.get("/api/evaluation/rounds")).statusCode).toBe(403);
    const mine = await c.expert!.get("/api/evaluation/my-assignments");
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThanOrEqual(1);
  });
});

describe("a round from draft to results", () => {
  let roundId = "";
  let candidates: { id: string; employer_id: string | null }[] = [];
  const added: string[] = [];

  it("creates three materials experts with conflicts and a draft round (bad input is a 422)", async () => {
    const institute = await db()
      .selectFrom("employers")
      .select("id")
      .where("name", "=", "营口市新材料产业研究院")
      .executeTakeFirstOrThrow();
    candidates = (
      await db()
        .selectFrom("talents")
        .select(["id", "employer_id"])
        .where("user_id", "is", null)
        .where("employer_id", "is not", null)
        .where("employer_id", "!=", institute.id)
        .orderBy("id")
        .execute()
    ).slice(-3);
    expect(candidates).toHaveLength(3);
    const bodies = [
      {
        name: "钱学材",
        title: "教授",
        disciplines: ["ENG-MAT"],
        relations: [{ kind: "co_author", talentId: candidates[0]!.id, from: "2022-01-01" }],
      },
      { name: "孙同厂", title: "研究员", disciplines: ["ENG-MAT"], employerId: candidates[1]!.employer_id },
      { name: "李无关", title: "正高级工程师", disciplines: ["ENG-MAT"] },
    ];
    for (const body of bodies) {
      const res = await c.hrss!.post("/api/evaluation/experts", body);
      expect(res.statusCode, res.body).toBe(201);
      added.push(res.json().id);
    }
    // An account links to one expert only, and only an expert account.
    const talentUser = await t.userId("talent");
    const expertUser = await t.userId("expert");
    const linkTalent = await c.hrss!.put(`/api/evaluation/experts/${added[2]}`, {
      ...bodies[2],
      userId: talentUser,
    });
    expect(linkTalent.statusCode).toBe(422);
    const linkTaken = await c.hrss!.put(`/api/evaluation/experts/${added[2]}`, {
      ...bodies[2],
      userId: expertUser,
    });
    expect(linkTaken.statusCode).toBe(409);
    expect((await c.hrss!.get("/api/evaluation/experts?discipline=%25")).statusCode).toBe(400);
    const page = (await c.hrss!.get("/api/evaluation/experts?discipline=ENG-MAT&limit=5")).json();
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).not.toBeNull();
    const bad = await c.hrss!.post("/api/evaluation/experts", {
      name: "错误",
      title: "x",
      disciplines: ["NOPE"],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail ?? bad.json().title).toBeTruthy();

    const hrssOrg = await t.orgId("市人力资源社会保障局");
    const round = {
      ownerOrgId: hrssOrg,
      name: "2026年度材料专业技术职务破格评审",
      kind: "title_review",
      disciplines: ["ENG-MAT"],
      panelSize: 5,
      // 8 materials experts, 7 seats and reserves wanted: every conflicted one is met and recorded.
      reserveSize: 3,
      scoreSheet: [
        { key: "achievement", name: "业绩", weight: 40 },
        { key: "ability", name: "能力", weight: 30 },
        { key: "contribution", name: "贡献", weight: 30 },
      ],
      decisionRule: { kind: "trimmed_mean", threshold: 75 },
      outcome: { name: "正高级工程师", level: "正高" },
      candidates: candidates.map((x) => ({ talentId: x.id })),
    };
    const wrongWeights = await c.hrss!.post("/api/evaluation/rounds", {
      ...round,
      scoreSheet: [{ key: "a", name: "业绩", weight: 50 }],
    });
    expect(wrongWeights.statusCode).toBe(422);
    const scienceOrg = await t.orgId("市科技局");
    expect(
      (await c.hrss!.post("/api/evaluation/rounds", { ...round, ownerOrgId: scienceOrg })).statusCode,
    ).toBe(422);
    const res = await c.hrss!.post("/api/evaluation/rounds", round);
    expect(res.statusCode, res.body).toBe(201);
    roundId = res.json().id;
    expect(res.json()).toMatchObject({ status: "draft", commitment: null, seed: null, candidateCount: 3 });
  });

  it("opening publishes sha256(seed) and keeps the seed secret; the draw reveals it and records avoided pairs", async () => {
    expect((await c.hrss!.post(`/api/evaluation/rounds/${roundId}/draw`)).statusCode).toBe(409);
    const opened = await c.hrss!.post(`/api/evaluation/rounds/${roundId}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.json().seed).toBeNull();
    expect((await c.hrss!.post(`/api/evaluation/rounds/${roundId}/open`)).statusCode).toBe(409);

    const drawn = await c.hrss!.post(`/api/evaluation/rounds/${roundId}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);
    const d = drawn.json();
    expect(d.status).toBe("drawn");
    expect(commitmentOf(d.seed)).toBe(opened.json().commitment);
    expect(d.panel).toHaveLength(15);
    const pairs = new Set(
      d.panel.map((s: { candidateId: string; expertId: string }) => `${s.candidateId}|${s.expertId}`),
    );
    const cand = await db()
      .selectFrom("evaluation_candidates")
      .select(["id", "talent_id"])
      .where("round_id", "=", roundId)
      .orderBy("position")
      .execute();
    expect(d.avoided).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ candidateId: cand[0]!.id, expertId: added[0], reason: "co_author" }),
        expect.objectContaining({ candidateId: cand[1]!.id, expertId: added[1], reason: "same_employer" }),
      ]),
    );
    expect(d.avoided.length).toBeGreaterThan(0);
    for (const a of d.avoided) expect(pairs.has(`${a.candidateId}|${a.expertId}`)).toBe(false);
    // Sealed: the panel is not shown to experts before the review opens.
    const mine = (await c.expert!.get("/api/evaluation/my-assignments")).json().items as {
      roundId: string;
    }[];
    expect(mine.filter((a) => a.roundId === roundId)).toHaveLength(0);
  });

  it("verify re-runs the draw: equal as recorded; a changed seed or snapshot is detected (API and CLI)", async () => {
    const ok = await c.office!.get(`/api/evaluation/rounds/${roundId}/verify`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ equal: true, commitmentOk: true, snapshotOk: true, panelOk: true });
    const good = await cli(["evaluation", "verify", roundId]);
    expect(good.code, good.out).toBe(0);
    expect(good.out).toContain("verified");

    const round = (await findRound(db(), roundId))!;
    // Another seed: the commitment no longer matches (and the panel would differ).
    await db()
      .updateTable("evaluation_rounds")
      .set({ seed_hex: "ab".repeat(32) })
      .where("id", "=", roundId)
      .execute();
    const badSeed = (await c.hrss!.get(`/api/evaluation/rounds/${roundId}/verify`)).json();
    expect(badSeed).toMatchObject({ equal: false, commitmentOk: false });
    const cliBad = await cli(["evaluation", "verify", roundId]);
    expect(cliBad.code, cliBad.out).toBe(1);
    await db()
      .updateTable("evaluation_rounds")
      .set({ seed_hex: round.seed_hex })
      .where("id", "=", roundId)
      .execute();

    // A pool snapshot without one seated expert, even with its hash recomputed, gives another panel.
    const snapshot = JSON.parse(round.snapshot!) as PoolSnapshot;
    const seated = (JSON.parse(round.draw_result!) as { candidates: { panel: string[] }[] }).candidates[0]!
      .panel[0]!;
    const edited = { ...snapshot, experts: snapshot.experts.filter((e) => e.id !== seated) };
    await db()
      .updateTable("evaluation_rounds")
      .set({ snapshot: canonicalJson(edited) })
      .where("id", "=", roundId)
      .execute();
    expect((await c.hrss!.get(`/api/evaluation/rounds/${roundId}/verify`)).json()).toMatchObject({
      equal: false,
      snapshotOk: false,
    });
    await db()
      .updateTable("evaluation_rounds")
      .set({ snapshot_hash: snapshotHash(edited) })
      .where("id", "=", roundId)
      .execute();
    expect((await c.hrss!.get(`/api/evaluation/rounds/${roundId}/verify`)).json()).toMatchObject({
      equal: false,
      snapshotOk: true,
      panelOk: false,
    });
    await db()
      .updateTable("evaluation_rounds")
      .set({ snapshot: round.snapshot, snapshot_hash: round.snapshot_hash })
      .where("id", "=", roundId)
      .execute();
    expect((await c.hrss!.get(`/api/evaluation/rounds/${roundId}/verify`)).json().equal).toBe(true);
  });

  it("scores are locked, extreme totals need a reason, a declared conflict takes the first reserve; closing gives results", async () => {
    expect((await c.hrss!.post(`/api/evaluation/rounds/${roundId}/close`)).statusCode).toBe(409);
    expect((await c.hrss!.post(`/api/evaluation/rounds/${roundId}/start-review`)).statusCode).toBe(200);
    const round = (await findRound(db(), roundId))!;
    const seats = await db()
      .selectFrom("evaluation_assignments")
      .select(["id", "candidate_id", "expert_id"])
      .where("round_id", "=", roundId)
      .orderBy("id")
      .execute();
    expect(seats).toHaveLength(15);

    // The first seat declares a conflict: the candidate's first reserve takes the seat.
    const first = (await findAssignment(db(), seats[0]!.id))!;
    const draw = JSON.parse(round.draw_result!) as {
      candidates: { candidateId: string; reserves: string[] }[];
    };
    const reserve = draw.candidates.find((x) => x.candidateId === first.candidate_id)!.reserves[0]!;
    const replaced = await declareConflict(ctx(), systemOp, first, round, "曾与该候选人合作项目");
    expect(replaced).toBe(reserve);
    const open = await db()
      .selectFrom("evaluation_assignments")
      .select(["id", "candidate_id", "source"])
      .where("round_id", "=", roundId)
      .where("status", "=", "invited")
      .orderBy("id")
      .execute();
    expect(open).toHaveLength(15);
    expect(open.filter((s) => s.source === "reserve")).toHaveLength(1);

    const base = { achievement: 80, ability: 80, contribution: 80 };
    const sheet = async (id: string, scores: Record<string, number>, extra: Record<string, unknown> = {}) =>
      submitScoreSheet(ctx(), systemOp, (await findAssignment(db(), id))!, { scores, ...extra });
    await expect(
      sheet(open[0]!.id, { achievement: 99, ability: 99, contribution: 99 }),
    ).rejects.toMatchObject({ code: "EVALUATION_EXTREME_REASON" });
    await expect(sheet(open[0]!.id, { achievement: 80 })).rejects.toMatchObject({
      code: "EVALUATION_SCORE_INVALID",
    });
    await sheet(
      open[0]!.id,
      { achievement: 99, ability: 99, contribution: 99 },
      { extremeReason: "成果突出，国内领先水平" },
    );
    await expect(sheet(open[0]!.id, base)).rejects.toMatchObject({ code: "EVALUATION_SCORE_LOCKED" });
    // Candidate of position 0 scores 80, position 1 70, position 2 90, with one harsher expert.
    const cand = await db()
      .selectFrom("evaluation_candidates")
      .select(["id", "position"])
      .where("round_id", "=", roundId)
      .execute();
    const level = new Map(cand.map((x) => [x.id, [80, 70, 90][x.position]!]));
    for (const s of open.slice(1)) {
      const v = level.get(s.candidate_id)!;
      await sheet(
        s.id,
        { achievement: v, ability: v, contribution: v },
        v > 95 || v < 60 ? { extremeReason: "理由充分说明" } : {},
      );
    }
    const closed = await c.hrss!.post(`/api/evaluation/rounds/${roundId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const r = closed.json();
    expect(r.candidates).toHaveLength(3);
    const byPos = (p: number) =>
      r.candidates.find(
        (x: { candidateId: string }) => x.candidateId === cand.find((y) => y.position === p)!.id,
      );
    expect(byPos(1)).toMatchObject({ decision: "fail", trimmedMean: 70 });
    expect(byPos(2)).toMatchObject({ decision: "pass", trimmedMean: 90, rank: 1 });
    expect(byPos(1).explanation.zh).toContain("75");
    expect(r.severity.length).toBeGreaterThan(0);
    expect(r.agreement.items).toBe(3);
    const stored = await db()
      .selectFrom("evaluation_candidates")
      .select("decision")
      .where("round_id", "=", roundId)
      .execute();
    expect(stored.every((s) => s.decision !== null)).toBe(true);
    const detail = (await c.hrss!.get(`/api/evaluation/rounds/${roundId}`)).json();
    expect(detail.avoided.some((a: { reason: string }) => a.reason === "declared")).toBe(true);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", roundId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "evaluation.round.created",
        "evaluation.round.opened",
        "evaluation.round.drawn",
        "evaluation.round.closed",
      ]),
    );
  });
});

describe("公示 and outcome", () => {
  it("publicises the passed candidates, lands titles and certificates only after the period, once", async () => {
    const round = (await c.hrss!.get("/api/evaluation/rounds"))
      .json()
      .items.find((r: { name: string }) => r.name === "2026年度材料专业技术职务破格评审");
    expect(round.status).toBe("closed");
    expect((await c.hrss!.post(`/api/evaluation/rounds/${round.id}/land`)).statusCode).toBe(409);
    expect((await c.hrss!.post(`/api/evaluation/rounds/${round.id}/publicise`, { days: 3 })).statusCode).toBe(
      400,
    );
    const pub = await c.hrss!.post(`/api/evaluation/rounds/${round.id}/publicise`, { days: 5 });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: "publicised" });
    const noticeId = pub.json().publicityId as string;
    const entries = await db()
      .selectFrom("publicity_entries")
      .select("name")
      .where("notice_id", "=", noticeId)
      .execute();
    expect(entries).toHaveLength(2);
    const early = await c.hrss!.post(`/api/evaluation/rounds/${round.id}/land`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("EVALUATION_PUBLICITY_RUNNING");
    t.clock.advance(6 * 86_400_000);
    // Sessions do not last a week: sign in again.
    for (const u of ["hrss", "expert"]) c[u] = await t.login(u);
    const landed = await c.hrss!.post(`/api/evaluation/rounds/${round.id}/land`);
    expect(landed.statusCode, landed.body).toBe(200);
    expect(landed.json().landed).toBe(2);
    expect(landed.json().certificates).toHaveLength(2);
    const passed = await db()
      .selectFrom("evaluation_candidates")
      .select("talent_id")
      .where("round_id", "=", round.id)
      .where("decision", "=", "pass")
      .execute();
    for (const p of passed) {
      const titles = await db()
        .selectFrom("talent_titles")
        .select(["name", "level"])
        .where("talent_id", "=", p.talent_id)
        .execute();
      expect(titles).toEqual(expect.arrayContaining([{ name: "正高级工程师", level: "正高" }]));
      const cert = await db()
        .selectFrom("certificates")
        .select(["kind", "subject"])
        .where("talent_id", "=", p.talent_id)
        .execute();
      expect(cert).toEqual(expect.arrayContaining([{ kind: "title", subject: "正高级工程师（正高）" }]));
    }
    expect((await c.hrss!.post(`/api/evaluation/rounds/${round.id}/land`)).json().landed).toBe(0);
    // A landed outcome is final.
    const landedCandidate = await db()
      .selectFrom("evaluation_candidates")
      .select("id")
      .where("round_id", "=", round.id)
      .where("decision", "=", "pass")
      .executeTakeFirstOrThrow();
    const late = await c.hrss!.post(
      `/api/evaluation/rounds/${round.id}/candidates/${landedCandidate.id}/decision`,
      {
        decision: "fail",
        reason: "异议成立，撤销通过",
      },
    );
    expect(late.statusCode).toBe(409);
  });

  it("the owner decides a candidate of the honour round in 公示 with a reason; the results show it", async () => {
    const honour = (await c.hrss!.get("/api/evaluation/rounds"))
      .json()
      .items.find((r: { kind: string }) => r.kind === "honour");
    const before = (await c.hrss!.get(`/api/evaluation/rounds/${honour.id}/results`)).json();
    expect(before.candidates.length).toBeGreaterThan(0);
    const target =
      before.candidates.find((x: { decision: string }) => x.decision !== "pass") ?? before.candidates[0];
    const url = `/api/evaluation/rounds/${honour.id}/candidates/${target.candidateId}/decision`;
    expect((await c.hrss!.post(url, { decision: "pass", reason: "     " })).statusCode).toBe(422);
    expect((await c.hrss!.post(url, { decision: "maybe", reason: "理由充分说明" })).statusCode).toBe(400);
    expect(
      (
        await c.hrss!.post(`/api/evaluation/rounds/${honour.id}/candidates/nope/decision`, {
          decision: "pass",
          reason: "理由充分说明",
        })
      ).statusCode,
    ).toBe(404);
    const res = await c.hrss!.post(url, { decision: "pass", reason: "异议核实后维持原评审意见并通过" });
    expect(res.statusCode, res.body).toBe(200);
    const after = res
      .json()
      .candidates.find((x: { candidateId: string }) => x.candidateId === target.candidateId);
    expect(after).toMatchObject({
      decision: "pass",
      override: { decision: "pass", reason: "异议核实后维持原评审意见并通过" },
    });
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", target.candidateId)
      .execute();
    expect(audit.map((a) => a.action)).toContain("evaluation.candidate.decided");
  });
});

describe("the demo expert's blind review", () => {
  it("reads own assignments only, submits a locked sheet with a vote; another seat is not found", async () => {
    const items = (await c.expert!.get("/api/evaluation/my-assignments")).json().items as {
      id: string;
      roundId: string;
      needsVote: boolean;
      mine: unknown;
    }[];
    const a = items.find((x) => x.needsVote && x.mine === null)!;
    expect(a).toBeDefined();
    const one = await c.expert!.get(`/api/evaluation/assignments/${a.id}`);
    expect(one.statusCode).toBe(200);
    expect(JSON.stringify(one.json())).not.toContain('total":');
    const other = await db()
      .selectFrom("evaluation_assignments as s")
      .innerJoin("experts as x", "x.id", "s.expert_id")
      .select("s.id")
      .where("x.user_id", "is", null)
      .executeTakeFirstOrThrow();
    expect((await c.expert!.get(`/api/evaluation/assignments/${other.id}`)).statusCode).toBe(404);
    expect(
      (await c.expert!.post(`/api/evaluation/assignments/${other.id}/score`, { scores: {} })).statusCode,
    ).toBe(404);
    const noVote = await c.expert!.post(`/api/evaluation/assignments/${a.id}/score`, {
      scores: { achievement: 85, ability: 80, contribution: 82 },
    });
    expect(noVote.statusCode).toBe(422);
    expect(noVote.json()).toMatchObject({ code: "EVALUATION_SCORE_INVALID" });
    const ok = await c.expert!.post(`/api/evaluation/assignments/${a.id}/score`, {
      scores: { achievement: 85, ability: 80, contribution: 82 },
      vote: "yes",
      comment: "业绩突出",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().mine).toMatchObject({ total: 82.6, vote: "yes" });
    const again = await c.expert!.post(`/api/evaluation/assignments/${a.id}/score`, {
      scores: { achievement: 10, ability: 10, contribution: 10 },
      vote: "no",
      extremeReason: "改主意了改主意了",
    });
    expect(again.statusCode).toBe(409);
    expect((await c.expert!.get(`/api/evaluation/rounds/${a.roundId}/results`)).statusCode).toBe(403);
  });
});

describe("organisations", () => {
  it("another owner's round is not found for 市人社局 and missing from its list; the office sees both", async () => {
    const science = await t.orgId("市科技局");
    await db()
      .insertInto("evaluation_owners")
      .values({ org_id: science, kind: "department", created_at: new Date().toISOString() })
      .execute();
    c.science = await t.login("science");
    c.office = await t.login("office");
    const talent = await db().selectFrom("talents").select("id").orderBy("id").executeTakeFirstOrThrow();
    const res = await c.science!.post("/api/evaluation/rounds", {
      ownerOrgId: science,
      name: "2026年度营口市杰出科技人才评选",
      kind: "honour",
      disciplines: ["ENG-ICT"],
      panelSize: 5,
      scoreSheet: [{ key: "merit", name: "业绩", weight: 100 }],
      decisionRule: { kind: "trimmed_mean", threshold: 80 },
      quota: 1,
      candidates: [{ talentId: talent.id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    // 市科技局 cannot make a round in 市人社局's name.
    const hrssOrg = await t.orgId("市人力资源社会保障局");
    const other = await c.science!.post("/api/evaluation/rounds", {
      ownerOrgId: hrssOrg,
      name: "越权批次",
      kind: "skills",
      disciplines: ["SKL-WLD"],
      panelSize: 3,
      scoreSheet: [{ key: "merit", name: "业绩", weight: 100 }],
      decisionRule: { kind: "two_thirds_yes" },
      candidates: [{ talentId: talent.id }],
    });
    expect(other.statusCode).toBe(403);
    expect((await c.hrss!.get(`/api/evaluation/rounds/${id}`)).statusCode).toBe(404);
    expect((await c.hrss!.post(`/api/evaluation/rounds/${id}/open`)).statusCode).toBe(404);
    const hrssList = (await c.hrss!.get("/api/evaluation/rounds")).json().items as { id: string }[];
    expect(hrssList.length).toBeGreaterThan(0);
    expect(hrssList.map((r) => r.id)).not.toContain(id);
    const officeList = (await c.office!.get("/api/evaluation/rounds")).json().items as { id: string }[];
    expect(officeList.map((r) => r.id)).toContain(id);
    expect((await c.office!.get(`/api/evaluation/rounds/${id}`)).statusCode).toBe(200);
    const denied = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", id)
      .where("action", "=", "evaluation.denied")
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    const reads = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "evaluation.assignment.read")
      .execute();
    expect(reads.length).toBeGreaterThan(0);
  });
});
