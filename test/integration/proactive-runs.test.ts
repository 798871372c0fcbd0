import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileRule, evaluate, talentCatalogue } from "../../src/server/engine/rules/index.js";
import { columnsFor, scanPage, tablesFor } from "../../src/server/modules/proactive/registry-scan.js";
import { profilesPage } from "../../src/server/modules/registry/profile.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { addTalent, publishItem } from "../harness/calculator.js";

const RULE = {
  kind: "eligibility",
  citation: { doc: "营口市人才新政", measure: 5 },
  when: {
    all: [
      { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
      { field: "salaryYearly", op: "gte", value: 20_000_000 },
    ],
  },
};

interface Run {
  id: string;
  status: string;
  total: number;
  processed: number;
  eligible: number;
  unknown: number;
  offered: number;
  ruleSha256: string;
  snapshotAt: string;
  asOf: string;
  item: { code: string; version: number; versionId: string };
}
interface Offer {
  id: string;
  status: string;
  applicationId: string | null;
  declineReason: string | null;
  item: { code: string };
}

let t: TestApp;
let office: TestClient;
let talent: TestClient;
let talent2: TestClient;

async function runToEnd(itemCode: string): Promise<Run> {
  const res = await office.post("/api/proactive/runs", { itemCode });
  expect(res.statusCode).toBe(202);
  const run = res.json() as Run;
  await t.rt.services.proactive.settle(run.id);
  const done = await office.get(`/api/proactive/runs/${run.id}`);
  expect(done.statusCode).toBe(200);
  return done.json() as Run;
}

beforeAll(async () => {
  t = await createTestApp({ start: "2026-06-15T02:00:00.000Z" });
  await publishItem(t, "RC-TEST-MSJX", { name: "博士人才生活补贴", eligibility: RULE });
  await addTalent(
    t,
    {
      name: "孙立",
      salaryYearly: 25_000_000,
      educations: [{ degree: "博士", school: "东北大学", major: "冶金", year: 2015 }],
    } as never,
    "talent2",
  );
  // Eligible but without an account: found by the run, no offer.
  await addTalent(t, {
    name: "周航",
    salaryYearly: 50_000_000,
    educations: [{ degree: "博士", school: "吉林大学", major: "化学", year: 2012 }],
  } as never);
  office = await t.login("office");
  talent = await t.login("talent");
  talent2 = await t.login("talent2");
});
afterAll(async () => t?.close());

describe("免申即享 runs", () => {
  let first: Run;

  it("runs the published rule over the whole registry with progress, and finds exactly the eligible talents", async () => {
    first = await runToEnd("RC-TEST-MSJX");
    const db = t.rt.deps.database.db;
    const profiles = await profilesPage(db, null, 10_000, first.asOf);
    const rule = compileRule(RULE, talentCatalogue, "eligibility");
    const expected = profiles
      .filter((p) => evaluate(rule, p.profile, { asOf: first.asOf }) === "pass")
      .map((p) => p.id)
      .sort();
    expect(first).toMatchObject({ status: "done", total: profiles.length, processed: profiles.length });
    expect(first.item).toMatchObject({ code: "RC-TEST-MSJX", version: 1 });
    expect(first.ruleSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.eligible).toBe(expected.length);
    expect(await t.rt.services.proactive.eligibleSet(first.id)).toEqual(expected);
    // 刘洋 (talent) and 孙立 (talent2) have accounts; 周航 has none.
    expect(first.offered).toBe(2);

    const results = await office.get(`/api/proactive/runs/${first.id}/results?limit=200`);
    expect(results.statusCode).toBe(200);
    const rows = (results.json() as { items: { name: string; hasAccount: boolean; offer: unknown }[] }).items;
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r.name.endsWith("*"))).toBe(true); // masked
    expect(rows.filter((r) => r.offer !== null)).toHaveLength(2);

    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", first.id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["proactive.run.start", "proactive.run.finish"]);
  });

  it("the run's registry reader builds the same profiles as the registry's own, for the fields a rule reads", async () => {
    const db = t.rt.deps.database.db;
    const asOf = "2026-06-15";
    const reference = await profilesPage(db, null, 10_000, asOf);
    const all = Object.keys(talentCatalogue);
    const full = await scanPage(db, null, 10_000, {
      snapshotAt: "9999-12-31",
      asOf,
      tables: tablesFor(all),
      columns: columnsFor(all),
    });
    expect(full.map((s) => ({ id: s.row.id, profile: s.profile }))).toEqual(reference);
    // A rule reading a few fields: those fields are identical, the rest are not read.
    const few = ["birthDate", "fullTime", "educations"];
    const lean = await scanPage(db, null, 10_000, {
      snapshotAt: "9999-12-31",
      asOf,
      tables: tablesFor(few),
      columns: columnsFor(few),
    });
    expect(lean.map((s) => few.map((f) => s.profile[f]))).toEqual(
      reference.map((r) => few.map((f) => r.profile[f])),
    );
  });

  it("is reproducible: the same item version over the same registry gives the same eligible set", async () => {
    const second = await runToEnd("RC-TEST-MSJX");
    expect(second.item.versionId).toBe(first.item.versionId);
    expect(second.ruleSha256).toBe(first.ruleSha256);
    expect(second.eligible).toBe(first.eligible);
    expect(await t.rt.services.proactive.eligibleSet(second.id)).toEqual(
      await t.rt.services.proactive.eligibleSet(first.id),
    );
    // Nobody is offered the same item twice while an offer is open.
    expect(second.offered).toBe(0);
    const list = (await office.get("/api/proactive/runs")).json() as { items: Run[] };
    expect(list.items.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  it("re-running a recorded run (same version, rule, date and snapshot) ignores talents added since", async () => {
    const db = t.rt.deps.database.db;
    t.clock.advance(60_000);
    const late = await addTalent(t, {
      name: "吴新",
      salaryYearly: 90_000_000,
      educations: [{ degree: "博士", school: "浙江大学", major: "材料", year: 2011 }],
    } as never);
    const row = await db
      .selectFrom("proactive_runs")
      .selectAll()
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    const replayId = `${first.id.slice(0, 20)}REPLAY`;
    await db
      .insertInto("proactive_runs")
      .values({
        ...row,
        id: replayId,
        status: "queued",
        processed: 0,
        eligible: 0,
        unknown: 0,
        offered: 0,
        cursor: null,
        locked_by: null,
        locked_until: null,
        started_at: null,
        finished_at: null,
      })
      .execute();
    await t.rt.services.proactive.resumePending();
    const replay = (await office.get(`/api/proactive/runs/${replayId}`)).json() as Run;
    expect(replay).toMatchObject({ status: "done", processed: first.total, eligible: first.eligible });
    expect(await t.rt.services.proactive.eligibleSet(replayId)).toEqual(
      await t.rt.services.proactive.eligibleSet(first.id),
    );
    // A new run sees the new talent.
    const fresh = await runToEnd("RC-TEST-MSJX");
    expect(fresh.total).toBe(first.total + 1);
    expect(await t.rt.services.proactive.eligibleSet(fresh.id)).toContain(late.talentId);
  });

  it("a talent sees only their own offers and accepts with one click: an approved application", async () => {
    const mine = (await talent.get("/api/proactive/offers/mine")).json() as { items: Offer[] };
    expect(mine.items).toHaveLength(1);
    const offer = mine.items[0]!;
    expect(offer).toMatchObject({ status: "offered", item: { code: "RC-TEST-MSJX" }, applicationId: null });
    const theirs = (await talent2.get("/api/proactive/offers/mine")).json() as { items: Offer[] };
    expect(theirs.items).toHaveLength(1);
    expect(theirs.items[0]!.id).not.toBe(offer.id);

    // Someone else's offer is not found.
    expect((await talent2.post(`/api/proactive/offers/${offer.id}/accept`)).statusCode).toBe(404);
    expect((await talent2.post(`/api/proactive/offers/${offer.id}/decline`, {})).statusCode).toBe(404);

    // A notification went out.
    const db = t.rt.deps.database.db;
    const note = await db
      .selectFrom("notifications")
      .select(["title", "link"])
      .where("user_id", "=", await t.userId("talent"))
      .where("kind", "=", "proactive.offer")
      .execute();
    expect(note).toHaveLength(1);

    // Two clicks at once: one application.
    const [a, b] = await Promise.all([
      talent.post(`/api/proactive/offers/${offer.id}/accept`),
      talent.post(`/api/proactive/offers/${offer.id}/accept`),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const accepted = a.json() as Offer;
    expect(accepted.status).toBe("accepted");
    expect(accepted.applicationId).toEqual(expect.any(String));
    expect((b.json() as Offer).applicationId).toBe(accepted.applicationId);
    const apps = await db
      .selectFrom("applications")
      .selectAll()
      .where("applicant_user_id", "=", await t.userId("talent"))
      .where("item_code", "=", "RC-TEST-MSJX")
      .execute();
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      status: "approved",
      eligibility: "pass",
      version_id: first.item.versionId,
    });
    expect(apps[0]!.number).toMatch(/^SQ\d{14}$/);

    // Once accepted it cannot be declined.
    const late = await talent.post(`/api/proactive/offers/${offer.id}/decline`, {});
    expect(late.statusCode).toBe(409);
    expect((late.json() as { code: string }).code).toBe("OFFER_DECIDED");
  });

  it("declining is recorded and audited", async () => {
    const offer = ((await talent2.get("/api/proactive/offers/mine")).json() as { items: Offer[] }).items[0]!;
    const res = await talent2.post(`/api/proactive/offers/${offer.id}/decline`, { reason: "已享受同类政策" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "declined",
      declineReason: "已享受同类政策",
      applicationId: null,
    });
    expect((await talent2.post(`/api/proactive/offers/${offer.id}/accept`)).statusCode).toBe(409);
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", offer.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(["proactive.offer.decline"]);
  });

  it("refuses an unknown item and bad input", async () => {
    const missing = await office.post("/api/proactive/runs", { itemCode: "RC-NOPE" });
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as { code: string }).code).toBe("ITEM_NOT_PUBLISHED");
    expect((await office.post("/api/proactive/runs", {})).statusCode).toBe(400);
    expect((await office.get("/api/proactive/runs/nope")).statusCode).toBe(404);
    expect((await talent.post("/api/proactive/offers/nope/accept")).statusCode).toBe(404);
  });

  it("a run left behind by a dead worker resumes from its cursor", async () => {
    const db = t.rt.deps.database.db;
    const res = await office.post("/api/proactive/runs", { itemCode: "RC-TEST-MSJX" });
    const run = res.json() as Run;
    await t.rt.services.proactive.settle(run.id);
    // Pretend it died half-way: reset progress, keep a stale lease held by someone else.
    await db.deleteFrom("proactive_run_results").where("run_id", "=", run.id).execute();
    await db
      .updateTable("proactive_runs")
      .set({
        status: "running",
        processed: 0,
        eligible: 0,
        unknown: 0,
        cursor: null,
        locked_by: "dead-worker",
        locked_until: "2000-01-01T00:00:00.000Z",
        finished_at: null,
      })
      .where("id", "=", run.id)
      .execute();
    const outcome = await t.rt.services.proactive.resumePending();
    expect(outcome.resumed).toBe(1);
    const after = (await office.get(`/api/proactive/runs/${run.id}`)).json() as Run;
    expect(after).toMatchObject({ status: "done", processed: first.total + 1, eligible: first.eligible + 1 });
  });
});
