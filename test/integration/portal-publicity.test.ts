import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/lib/context.js";
import { maskName } from "../../src/server/modules/publicity/mask.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { lodgeObjection, openNotice } from "../harness/publicity.js";

const DAY = 86_400_000;
let t: TestApp;
let hrssOrg: string;

beforeAll(async () => {
  // 2026-11-27 10:00 in China.
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
  hrssOrg = await t.orgId("市人力资源社会保障局");
});
afterAll(async () => {
  await t?.close();
});

const stateOf = (id: string) => t.rt.services.publicity.stateOf(t.rt.deps.database.db, id);

describe("publicity notices (公示)", () => {
  it("masks names: surname kept, compound surnames too", () => {
    expect(maskName("王立新")).toBe("王**");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳明月")).toBe("欧阳**");
    expect(maskName("李")).toBe("*");
  });

  it("opens a period of N calendar days ending at midnight China time, with the list masked publicly", async () => {
    const id = await openNotice(t, hrssOrg, { days: 7 });
    const res = await t.anonymous().get(`/api/public/publicity/${id}`);
    expect(res.statusCode).toBe(200);
    const notice = res.json();
    expect(notice).toMatchObject({
      firstDay: "2026-11-27",
      lastDay: "2026-12-03",
      endsAt: "2026-12-03T16:00:00.000Z",
      phase: "running",
      org: { name: "市人力资源社会保障局" },
      entries: [{ name: "王**" }, { name: "欧阳**" }],
    });
    expect(res.body).not.toContain("王立新");
    expect(await stateOf(id)).toEqual({
      endsAt: "2026-12-03T16:00:00.000Z",
      openObjections: 0,
      passed: false,
    });
  });

  it("refuses a bad period or an unknown organisation without writing anything", async () => {
    const db = t.rt.deps.database.db;
    const before = await db
      .selectFrom("publicity_notices")
      .select(db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute((trx) =>
        t.rt.services.publicity.open(trx, SYSTEM, {
          ownerOrgId: "nope",
          title: " ",
          sourceKind: "test",
          sourceId: "x",
          days: 0,
          entries: [],
        }),
      ),
    ).rejects.toMatchObject({
      code: "PUBLICITY_INVALID",
      fieldErrors: expect.arrayContaining([
        expect.objectContaining({ path: "/title" }),
        expect.objectContaining({ path: "/days" }),
        expect.objectContaining({ path: "/ownerOrgId" }),
      ]),
    });
    const after = await db
      .selectFrom("publicity_notices")
      .select(db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("an objection needs name, contact and reason, each with its own message", async () => {
    const id = await openNotice(t, hrssOrg);
    const res = await t.anonymous().post(`/api/public/publicity/${id}/objections`, { name: "张三" });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe("OBJECTION_INVALID");
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(["/contact", "/reason"]);
    expect(body.detail ?? body.title ?? JSON.stringify(body)).toContain("异议理由");
    expect((await stateOf(id)).openObjections).toBe(0);
    expect((await t.anonymous().post("/api/public/publicity/NOPE/objections", {})).statusCode).toBe(404);
  });

  it("objections are routed to the owning organisation, answered there, and gate `passed`", async () => {
    const id = await openNotice(t, hrssOrg, { days: 3 });
    const objectionId = await lodgeObjection(t, id);
    expect(await stateOf(id)).toMatchObject({ openObjections: 1, passed: false });

    // The owning unit is told, and sees the objection with the objector's contact (an audited read).
    const hrss = await t.login("hrss");
    const inbox = (await hrss.get("/api/notifications")).json().items as { title: string }[];
    expect(inbox.some((n) => n.title.startsWith("公示异议"))).toBe(true);
    const detail = await hrss.get(`/api/publicity/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().objections).toMatchObject([
      { id: objectionId, contact: "13812345678", status: "open" },
    ]);
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["publicity.open", "publicity.objections.read"]),
    );

    // Another unit neither sees nor answers it (404, as for a missing notice).
    const science = await t.login("science");
    expect((await science.get(`/api/publicity/${id}`)).statusCode).toBe(404);
    expect(
      (await science.post(`/api/publicity/${id}/objections/${objectionId}/answer`, { answer: "不相干" }))
        .statusCode,
    ).toBe(404);
    const list = (await science.get("/api/publicity")).json().items as { id: string }[];
    expect(list.map((n) => n.id)).not.toContain(id);
    // The talent office oversees every notice but answers only its own.
    const office = await t.login("office");
    expect((await office.get(`/api/publicity/${id}`)).statusCode).toBe(200);
    expect(
      (await office.post(`/api/publicity/${id}/objections/${objectionId}/answer`, { answer: "越权" }))
        .statusCode,
    ).toBe(403);

    // Period over but one objection open: not passed.
    t.clock.advance(4 * DAY);
    expect(await stateOf(id)).toMatchObject({ openObjections: 1, passed: false });
    // (The clock moved past the session's lifetime: log in again.)
    const hrssLater = await t.login("hrss");
    const answered = await hrssLater.post(`/api/publicity/${id}/objections/${objectionId}/answer`, {
      answer: "经核实，异议不成立。",
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: "answered", answeredBy: { name: "李晓梅" } });
    expect(await stateOf(id)).toMatchObject({ openObjections: 0, passed: true });
    const again = await hrssLater.post(`/api/publicity/${id}/objections/${objectionId}/answer`, {
      answer: "再答",
    });
    expect(again.statusCode).toBe(409);
    // Once the period is over, no more objections.
    const late = await t.anonymous().post(`/api/public/publicity/${id}/objections`, {
      name: "王五",
      contact: "13712345678",
      reason: "迟到的异议",
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("PUBLICITY_CLOSED");
    t.clock.advance(-4 * DAY);
  });

  it("two answers at once: exactly one wins and the counter stays right", async () => {
    const id = await openNotice(t, hrssOrg);
    const objectionId = await lodgeObjection(t, id);
    const hrss = await t.login("hrss");
    const leader = await t.login("hrss_leader");
    const url = `/api/publicity/${id}/objections/${objectionId}/answer`;
    const results = await Promise.all([hrss.post(url, { answer: "甲" }), leader.post(url, { answer: "乙" })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await stateOf(id)).openObjections).toBe(0);
  });
});
