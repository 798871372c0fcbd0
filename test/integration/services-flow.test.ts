import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { decide, readyApplication, recognitionForm, submit } from "../harness/services.js";

let t: TestApp;
let talent: TestClient;
let hrss: TestClient;
let leader: TestClient;
let science: TestClient;
let finance: TestClient;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  talent = await t.login("talent");
  hrss = await t.login("hrss");
  leader = await t.login("hrss_leader");
  science = await t.login("science");
  finance = await t.login("finance");
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});

const audits = async (objectId: string) =>
  t.rt.deps.database.db
    .selectFrom("audit_log")
    .select("action")
    .where("object_id", "=", objectId)
    .orderBy("seq")
    .execute()
    .then((rows) => rows.map((r) => r.action));

describe("高层次人才认定: apply, return, resubmit, countersign, decision", () => {
  it("runs the whole flow and keeps history, audit and the queue in step", async () => {
    const draft = await readyApplication(talent);
    let res = await submit(talent, draft.id);
    expect(res.statusCode, res.body).toBe(200);
    let app = res.json();
    expect(app.status).toBe("in_review");
    expect(app.currentStep.name).toBe("受理初审");
    expect(app.currentStep.promisedDate).toBe("2026-12-08");
    expect(app.eligibility).toBe("pass");

    // The officer sees it in the queue with masked name; other departments do not.
    const queue = (await hrss.get("/api/workbench")).json();
    const row = queue.items.find((i: { id: string }) => i.id === draft.id);
    expect(row.applicant.name).toBe("刘*");
    expect(row.light).toBe("green");
    expect((await science.get("/api/workbench")).json().items.map((i: { id: string }) => i.id)).not.toContain(
      draft.id,
    );
    expect((await science.get(`/api/applications/${draft.id}`)).statusCode).toBe(404);
    expect((await decide(science, draft.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(404);

    // Case page: the officer's buttons; the applicant's buttons.
    app = (await hrss.get(`/api/applications/${draft.id}`)).json();
    expect(app.allowedActions).toEqual(["approve", "return", "reject"]);
    expect((await talent.get(`/api/applications/${draft.id}`)).json().allowedActions).toEqual(["withdraw"]);

    // Return for correction.
    res = await decide(hrss, draft.id, {
      action: "return",
      stepIndex: 0,
      corrections: ["请补充博士学位证书"],
    });
    expect(res.statusCode, res.body).toBe(200);
    app = (await talent.get(`/api/applications/${draft.id}`)).json();
    expect(app.status).toBe("returned");
    expect(app.corrections).toEqual(["请补充博士学位证书"]);
    expect(app.allowedActions).toEqual(["edit", "submit"]);
    expect((await hrss.get("/api/workbench")).json().items.map((i: { id: string }) => i.id)).not.toContain(
      draft.id,
    );

    // Correct and resubmit: back at the step that returned it.
    res = await talent.patch(`/api/applications/${draft.id}`, {
      form: { ...recognitionForm(), category: "B类" },
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await submit(talent, draft.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().currentStep.index).toBe(0);
    expect((await talent.post(`/api/applications/${draft.id}/withdraw`, {})).statusCode).toBe(409);

    // Approve, then the two departments countersign.
    res = await decide(hrss, draft.id, { action: "approve", stepIndex: 0, comment: "材料齐全" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().currentStep.kind).toBe("countersign");
    expect((await science.get("/api/workbench")).json().items.map((i: { id: string }) => i.id)).toContain(
      draft.id,
    );
    res = await decide(science, draft.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("in_review");
    // A stale page (wrong step) and a second signature by the same department are refused.
    expect((await decide(science, draft.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(409);
    expect((await decide(hrss, draft.id, { action: "approve", stepIndex: 0 })).json().code).toBe(
      "STEP_CHANGED",
    );
    res = await decide(hrss, draft.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(200);
    app = (await talent.get(`/api/applications/${draft.id}`)).json();
    expect(app.status).toBe("approved");
    expect(app.currentStep).toBeNull();
    expect(app.steps.map((s: { state: string }) => s.state)).toEqual(["done", "done"]);
    expect(app.history.map((e: { type: string }) => e.type)).toEqual([
      "created",
      "submitted",
      "returned",
      "resubmitted",
      "approved",
      "countersigned",
      "countersigned",
    ]);
    expect(app.allowedActions).toEqual([]);
    // One audit row per transition.
    const actions = await audits(draft.id);
    for (const a of ["submitted", "returned", "resubmitted", "approved", "countersigned"])
      expect(actions).toContain(`applications.${a}`);
    expect(actions.filter((a) => a === "applications.countersigned")).toHaveLength(2);
    // The applicant was told.
    const inbox = (await talent.get("/api/notifications")).json();
    expect(JSON.stringify(inbox)).toContain("已办结");
    // Other roles: the talent office may read, finance may not, leader of hrss may (reached org).
    expect((await office.get(`/api/applications/${draft.id}`)).statusCode).toBe(200);
    expect((await finance.get(`/api/applications/${draft.id}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/applications/${draft.id}`)).statusCode).toBe(200);
  });
});
