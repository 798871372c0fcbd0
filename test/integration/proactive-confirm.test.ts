// 免申即享 with officer confirmation (issue 14 item 2, the item setting): an item set to "confirm"
// does not decide itself when the talent accepts. The application is submitted to the first step's
// officers with the rule's explanation on the submission; they decide through the normal workflow,
// and only the final approval makes it 已办结. The talent and the office read the same state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { addTalent, publishItem } from "../harness/calculator.js";

const RULE = {
  kind: "eligibility",
  citation: { doc: "营口市人才新政", measure: 5 },
  when: { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
};

let t: TestApp;
let office: TestClient;
let talent: TestClient;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-06-15T02:00:00.000Z" });
  await publishItem(t, "RC-TEST-CONFIRM", {
    name: "博士确认补贴",
    eligibility: RULE,
    proactiveDecision: "confirm",
  });
  await addTalent(
    t,
    {
      name: "韩雪",
      educations: [{ degree: "博士", school: "东北大学", major: "材料", year: 2016 }],
    } as never,
    "talent_c",
  );
  office = await t.login("office");
  talent = await t.login("talent_c");
});
afterAll(async () => t?.close());

const db = () => t.rt.deps.database.db;

/** Someone who may act on the application's current step: a user holding the waiting role there. */
async function actorFor(applicationId: string): Promise<{ client: TestClient; stepIndex: number } | null> {
  const wait = await db()
    .selectFrom("application_waits")
    .select(["org_id", "role", "step_index"])
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  if (!wait) return null;
  const user = await db()
    .selectFrom("user_roles as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select("u.username")
    .where("r.org_id", "=", wait.org_id)
    .where("r.role", "=", wait.role)
    .orderBy("u.username")
    .executeTakeFirstOrThrow();
  return { client: await t.login(user.username), stepIndex: wait.step_index };
}

describe("免申即享 with officer confirmation", () => {
  it("acceptance submits to the officers with the rule's explanation; their approvals finish it", async () => {
    const run = (await office.post("/api/proactive/runs", { itemCode: "RC-TEST-CONFIRM" })).json() as {
      id: string;
    };
    await t.rt.services.proactive.settle(run.id);
    const offers = (await talent.get("/api/proactive/offers/mine")).json().items as { id: string }[];
    expect(offers).toHaveLength(1);
    const accepted = await talent.post(`/api/proactive/offers/${offers[0]!.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const applicationId = accepted.json().applicationId as string;
    expect(applicationId).toEqual(expect.any(String));

    // Not decided by itself: in review at the first step, queued for its officers.
    const mine = await talent.get(`/api/applications/${applicationId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().status).toBe("in_review");
    const events = await db()
      .selectFrom("application_events")
      .select(["type", "actor_name", "detail"])
      .where("application_id", "=", applicationId)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual(["created", "submitted"]);
    expect(events[1]!.detail).toContain("系统自动核验");
    expect(events[1]!.detail).toContain("学历学位");
    expect(
      await db()
        .selectFrom("application_waits")
        .select("org_id")
        .where("application_id", "=", applicationId)
        .execute(),
    ).not.toHaveLength(0);

    // The officers decide each step; only then is it 已办结.
    let steps = 0;
    for (let next = await actorFor(applicationId); next; next = await actorFor(applicationId)) {
      let res = await next.client.post(`/api/applications/${applicationId}/decisions`, {
        action: "approve",
        stepIndex: next.stepIndex,
      });
      if (res.statusCode === 409 && res.json().reason === "PUBLICITY_NOT_PASSED") {
        // A 公示 step: decided once its period has run without objections.
        t.clock.advance(15 * 24 * 3600_000);
        // Sessions do not outlive a fortnight: everyone signs in again.
        talent = await t.login("talent_c");
        office = await t.login("office");
        next = (await actorFor(applicationId))!;
        res = await next.client.post(`/api/applications/${applicationId}/decisions`, {
          action: "approve",
          stepIndex: next.stepIndex,
        });
      }
      expect(res.statusCode, res.body).toBe(200);
      steps += 1;
      expect(steps).toBeLessThan(10);
    }
    expect(steps).toBeGreaterThan(0);
    expect((await talent.get(`/api/applications/${applicationId}`)).json().status).toBe("approved");
    const offer = (await talent.get("/api/proactive/offers/mine")).json().items[0] as { status: string };
    expect(offer.status).toBe("accepted");
  });

  it("an item left on the default decides by itself (unchanged behaviour)", async () => {
    await publishItem(t, "RC-TEST-AUTO", { name: "博士自动补贴", eligibility: RULE });
    const run = (await office.post("/api/proactive/runs", { itemCode: "RC-TEST-AUTO" })).json() as {
      id: string;
    };
    await t.rt.services.proactive.settle(run.id);
    const offers = (await talent.get("/api/proactive/offers/mine")).json().items as {
      id: string;
      item: { code: string };
    }[];
    const offer = offers.find((o) => o.item.code === "RC-TEST-AUTO")!;
    expect(offer).toBeDefined();
    const accepted = await talent.post(`/api/proactive/offers/${offer.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await talent.get(`/api/applications/${accepted.json().applicationId}`)).json().status).toBe(
      "approved",
    );
  });
});
