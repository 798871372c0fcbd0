import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { docxBytes, pdfBytes, pngBytes, uploadedId, uploadFile } from "../harness/files.js";
import {
  decide,
  idemKey,
  RECOGNITION,
  readyApplication,
  recognitionForm,
  submit,
} from "../harness/services.js";

let t: TestApp;
const c: Record<string, TestClient> = {};
const USERS = ["talent", "employer", "hrss", "hrss_leader", "science", "finance", "office"];

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  await relogin();
});
afterAll(async () => {
  await t?.close();
});

async function relogin() {
  for (const u of USERS) c[u] = await t.login(u);
}

const db = () => t.rt.deps.database.db;
const countEvents = async (id: string) =>
  Number(
    (
      await db()
        .selectFrom("application_events")
        .select(db().fn.countAll().as("n"))
        .where("application_id", "=", id)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function managedItem(code: string) {
  const list = (await c.office!.get("/api/catalogue/manage/items")).json().items as {
    id: string;
    code: string;
  }[];
  return list.find((i) => i.code === code)!;
}

describe("catalogue", () => {
  it("publishes immutable versions; applications stay on theirs (新老划断); drafts are not public", async () => {
    const before = await c.talent!.post("/api/applications", { itemCode: "RC-YLLS" });
    expect(before.statusCode).toBe(201);
    expect(before.json().item.version).toBe(1);

    const item = await managedItem("RC-YLLS");
    const v1 = (await c.office!.get("/api/catalogue/RC-YLLS")).json();
    const {
      code: _c,
      version: _v,
      versionId: _vi,
      publishedAt: _p,
      ownerOrg: _o,
      measures: _m,
      ...rest
    } = v1;
    const content = {
      ...rest,
      promisedDays: 2,
      workflow: {
        allowSameApprover: v1.workflow.allowSameApprover,
        steps: v1.workflow.steps.map(({ orgs: _x, ...s }: { orgs: unknown }) => s),
      },
    };
    let res = await c.office!.put(`/api/catalogue/manage/items/${item.id}/draft`, { content });
    expect(res.statusCode, res.body).toBe(200);
    // The draft is not public yet.
    expect((await t.anonymous().get("/api/catalogue/RC-YLLS")).json().promisedDays).toBe(3);
    res = await c.office!.post(`/api/catalogue/manage/items/${item.id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().currentVersion).toBe(2);
    expect((await t.anonymous().get("/api/catalogue/RC-YLLS")).json().promisedDays).toBe(2);
    expect((await t.anonymous().get("/api/catalogue/RC-YLLS?version=1")).json().promisedDays).toBe(3);

    // The old application stays on v1; a new one is made on v2.
    expect((await c.talent!.get(`/api/applications/${before.json().id}`)).json().item.version).toBe(1);
    expect((await c.talent!.post("/api/applications", { itemCode: "RC-YLLS" })).json().item.version).toBe(2);
    // Publishing again without a draft is refused.
    expect((await c.office!.post(`/api/catalogue/manage/items/${item.id}/publish`)).statusCode).toBe(409);

    // A new item is a draft: invisible to the public and not open for applications.
    const created = await c.office!.post("/api/catalogue/manage/items", { code: "RC-NEW-DRAFT", content });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.anonymous().get("/api/catalogue/RC-NEW-DRAFT")).statusCode).toBe(404);
    expect(
      (await t.anonymous().get("/api/catalogue")).json().items.map((i: { code: string }) => i.code),
    ).not.toContain("RC-NEW-DRAFT");
    expect((await c.talent!.post("/api/applications", { itemCode: "RC-NEW-DRAFT" })).json().code).toBe(
      "ITEM_NOT_PUBLISHED",
    );

    // Bad content: unknown member (400), a broken rule and a one-org countersign (422 with paths).
    res = await c.office!.put(`/api/catalogue/manage/items/${item.id}/draft`, {
      content: { ...content, extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    res = await c.office!.put(`/api/catalogue/manage/items/${item.id}/draft`, {
      content: {
        ...content,
        eligibility: { kind: "eligibility", when: { field: "noSuchField", op: "eq", value: 1 } },
        workflow: {
          allowSameApprover: false,
          steps: [{ ...content.workflow.steps[0], kind: "countersign" }],
        },
      },
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith("/content/eligibility"))).toBe(true);
    expect(paths).toContain("/content/workflow/steps/0/orgIds");
    expect((await c.office!.get(`/api/catalogue/manage/items/${item.id}`)).json().draft).toBeNull();
  });

  it("shows the power and responsibility lists from the published catalogue", async () => {
    const rows = (await t.anonymous().get("/api/catalogue/power-list")).json().items;
    const recognition = rows.find((r: { code: string }) => r.code === RECOGNITION);
    expect(recognition).toMatchObject({
      kind: "confirmation",
      list: "power",
      authority: "市人力资源社会保障局",
    });
    expect(recognition.responsibleUnits).toEqual(["市人力资源社会保障局", "市科技局"]);
    expect(rows.find((r: { code: string }) => r.code === "RC-ZNRX").list).toBe("responsibility");
  });
});

describe("bad input leaves nothing half-written", () => {
  it("refuses unknown fields, a failing form, wrong and oversized files, and double submits", async () => {
    const created = (await c.talent!.post("/api/applications", { itemCode: RECOGNITION })).json();
    const id = created.id as string;
    const events = await countEvents(id);

    let res = await c.talent!.patch(`/api/applications/${id}`, {
      form: { ...recognitionForm(), hobby: "x" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain("/form/hobby");
    res = await c.talent!.patch(`/api/applications/${id}`, { form: { mobile: "123", category: "Z类" } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("FORM_INVALID");
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["/form/category", "/form/mobile"]);
    res = await c.talent!.patch(`/api/applications/${id}`, { unknown: 1 });
    expect(res.statusCode).toBe(400);
    // The draft as it was created (the registry's prefill), untouched by the refused requests.
    expect((await c.talent!.get(`/api/applications/${id}`)).json().form).toEqual(created.form);

    // A PNG renamed .pdf is refused by content; a .docx where only PDF/JPG/PNG are accepted too.
    res = await uploadFile(c.talent!, "身份证.pdf", pngBytes());
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("FILE_TYPE_MISMATCH");
    const docx = await uploadedId(c.talent!, "学历.docx", docxBytes());
    res = await c.talent!.patch(`/api/applications/${id}`, {
      materials: [{ code: "id_card", fileIds: [docx] }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("APPLICATION_INVALID");
    // Someone else's file cannot be attached.
    const foreign = await uploadedId(c.employer!, "别人.pdf", pdfBytes());
    res = await c.talent!.patch(`/api/applications/${id}`, {
      materials: [{ code: "id_card", fileIds: [foreign] }],
    });
    expect(res.statusCode).toBe(422);
    // Too large: 413 before anything is stored.
    res = await uploadFile(
      c.talent!,
      "大文件.pdf",
      Buffer.concat([pdfBytes(), Buffer.alloc(20 * 1024 * 1024)]),
    );
    expect(res.statusCode).toBe(413);
    expect(
      await db()
        .selectFrom("application_materials")
        .select("file_id")
        .where("application_id", "=", id)
        .execute(),
    ).toEqual([]);

    // Submitting an incomplete application: 422, still a draft, no event.
    res = await submit(c.talent!, id);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("FORM_INVALID");
    res = await c.talent!.patch(`/api/applications/${id}`, { form: recognitionForm() });
    expect(res.statusCode).toBe(200);
    res = await submit(c.talent!, id);
    expect(res.json().code).toBe("MATERIALS_MISSING");
    expect((await c.talent!.get(`/api/applications/${id}`)).json().status).toBe("draft");
    expect(await countEvents(id)).toBe(events);
    // Without an Idempotency-Key: 400.
    expect((await c.talent!.post(`/api/applications/${id}/submit`, {})).statusCode).toBe(400);
  });

  it("submits once: a retry with the same key replays, another key is refused, concurrent submits run once", async () => {
    const app = await readyApplication(c.talent!);
    const key = idemKey();
    const [a, b] = await Promise.all([submit(c.talent!, app.id, key), submit(c.talent!, app.id, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((await submit(c.talent!, app.id, key)).statusCode).toBe(200);
    const other = await submit(c.talent!, app.id);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("APPLICATION_NOT_EDITABLE");
    const history = (await c.talent!.get(`/api/applications/${app.id}`)).json().history;
    expect(history.filter((e: { type: string }) => e.type === "submitted")).toHaveLength(1);

    const second = await readyApplication(c.talent!);
    const results = await Promise.all([1, 2, 3, 4].map(() => submit(c.talent!, second.id)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const waits = await db()
      .selectFrom("application_waits")
      .selectAll()
      .where("application_id", "=", second.id)
      .execute();
    expect(waits).toHaveLength(1);
  });

  it("two concurrent decisions at one step: one wins, the other is told the case moved", async () => {
    const app = await readyApplication(c.talent!);
    expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
    const [x, y] = await Promise.all([
      decide(c.hrss!, app.id, { action: "approve", stepIndex: 0 }),
      decide(c.hrss!, app.id, { action: "reject", stepIndex: 0, reason: "不符合条件" }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const history = (await c.talent!.get(`/api/applications/${app.id}`)).json().history;
    expect(history.filter((e: { type: string }) => ["approved", "rejected"].includes(e.type))).toHaveLength(
      1,
    );
  });
});

describe("who sees what", () => {
  it("a talent sees only their own; an employer cannot read a talent's; other departments get 404", async () => {
    const app = await readyApplication(c.talent!);
    expect((await c.employer!.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await c.employer!.patch(`/api/applications/${app.id}`, { form: {} })).statusCode).toBe(404);
    expect(
      (await c.employer!.get("/api/applications/mine")).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(app.id);
    expect(
      (await c.talent!.get("/api/applications/mine")).json().items.map((i: { id: string }) => i.id),
    ).toContain(app.id);
    // A draft is seen by no department.
    expect((await c.hrss!.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
    expect((await c.hrss!.get(`/api/applications/${app.id}`)).statusCode).toBe(200);
    expect((await c.finance!.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await decide(c.finance!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(404);
    // The leader of hrss sees it but the step is for officers: no buttons, and acting is refused.
    const asLeader = (await c.hrss_leader!.get(`/api/applications/${app.id}`)).json();
    expect(asLeader.allowedActions).toEqual([]);
    const res = await decide(c.hrss_leader!, app.id, { action: "approve", stepIndex: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("ACTION_NOT_ALLOWED");
    // Materials: the officer may download; another department may not.
    const fileId = asLeader.materials[0].files[0].id as string;
    expect((await c.hrss!.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await c.science!.get(`/api/files/${fileId}`)).statusCode).toBe(404);
  });
});

describe("who may apply", () => {
  it("an employer applies for its staff only where the item allows it, naming the staff member", async () => {
    let res = await c.employer!.post("/api/applications", { itemCode: RECOGNITION });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("APPLICANT_KIND_NOT_ALLOWED");
    res = await c.employer!.post("/api/applications", { itemCode: RECOGNITION, beneficiaryName: "赵工程师" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ beneficiaryName: "赵工程师", applicant: { kind: "employer" } });
    // 医疗绿色通道 is for talents themselves.
    res = await c.employer!.post("/api/applications", { itemCode: "RC-YLLS", beneficiaryName: "赵工程师" });
    expect(res.statusCode).toBe(403);
    expect((await c.talent!.post("/api/applications", { itemCode: "RC-LXYC-BA" })).statusCode).toBe(403);
  });
});

describe("filing (备案)", () => {
  it("takes effect on submission and can be revoked on review", async () => {
    const created = (await c.employer!.post("/api/applications", { itemCode: "RC-LXYC-BA" })).json();
    const agreement = await uploadedId(c.employer!, "协议.pdf");
    let res = await c.employer!.patch(`/api/applications/${created.id}`, {
      form: {
        talentName: "王教授",
        mode: "顾问指导",
        startDate: "2026-12-01",
        endDate: "2027-11-30",
        content: "指导企业新材料研发团队开展技术攻关。",
      },
      materials: [{ code: "agreement", fileIds: [agreement] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await submit(c.employer!, created.id);
    expect(res.json().status).toBe("filed");
    expect((await c.hrss!.get(`/api/applications/${created.id}`)).json().allowedActions).toEqual([
      "approve",
      "revoke",
    ]);
    res = await decide(c.hrss!, created.id, { action: "revoke", stepIndex: 0 });
    expect(res.statusCode).toBe(422);
    res = await decide(c.hrss!, created.id, { action: "revoke", stepIndex: 0, reason: "协议未经双方签章" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("revoked");
    expect((await c.employer!.get(`/api/applications/${created.id}`)).json().history.at(-1).reason).toBe(
      "协议未经双方签章",
    );
  });
});

describe("publicity step (公示), workbench, export, overdue job", () => {
  it("opens a publicity notice and passes only when it has passed", async () => {
    const app = await readyApplication(c.talent!, "RC-KJQD", {
      ...recognitionForm(),
      category: undefined,
      field: "新材料",
      arrivalDate: undefined,
      achievements: undefined,
      projectName: "高性能镁基材料中试",
      budgetYuan: 500000,
      startDate: "2027-01-01",
      summary: "开展高性能镁基新材料中试验证，建设示范生产线。",
    });
    expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
    let res = await decide(c.science!, app.id, { action: "approve", stepIndex: 0 });
    expect(res.statusCode, res.body).toBe(200);
    let view = res.json();
    expect(view.currentStep.kind).toBe("publicity");
    expect(view.currentStep.publicity.passed).toBe(false);
    expect(view.history.at(-1).type).toBe("publicity_opened");
    res = await c.science!.get(`/api/applications/${app.id}`);
    expect(res.json().allowedActions).toEqual(["reject"]);
    expect((await decide(c.science!, app.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(409);

    // An objection is lodged publicly; after the period (5 calendar days) it still holds the step.
    const noticeId = view.currentStep.publicity.id as string;
    res = await t.anonymous().post(`/api/public/publicity/${noticeId}/objections`, {
      name: "市民",
      contact: "13900000000",
      reason: "项目负责人的业绩材料与事实不符。",
    });
    expect(res.statusCode, res.body).toBe(201);
    const objectionId = res.json().id as string;
    t.clock.advance(7 * 86_400_000);
    await relogin();
    view = (await c.science!.get(`/api/applications/${app.id}`)).json();
    expect(view.currentStep.publicity).toMatchObject({ passed: false, openObjections: 1 });
    expect((await decide(c.science!, app.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(409);
    // The owning unit answers it: the publicity has passed.
    res = await c.science!.post(`/api/publicity/${noticeId}/objections/${objectionId}/answer`, {
      answer: "经核查，业绩材料属实。",
    });
    expect(res.statusCode, res.body).toBe(200);
    view = (await c.science!.get(`/api/applications/${app.id}`)).json();
    expect(view.currentStep.publicity.passed).toBe(true);
    expect(view.allowedActions).toEqual(["approve", "reject"]);
    res = await decide(c.science!, app.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().currentStep.orgs[0].name).toBe("市财政局");
    // Finance now sees the case (its step was reached) and decides it.
    res = await decide(c.finance!, app.id, { action: "approve", stepIndex: 2, comment: "经费已核定" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("approved");
    expect(res.json().steps.map((s: { state: string }) => s.state)).toEqual(["done", "done", "done"]);
  });

  it("filters the queue, searches by number and name prefix, exports, and flags overdue steps once", async () => {
    const app = await readyApplication(c.talent!);
    expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
    const ids = async (query: string) =>
      (await c.hrss!.get(`/api/workbench${query}`)).json().items.map((i: { id: string }) => i.id) as string[];
    expect(await ids(`?q=${app.number}`)).toEqual([app.id]);
    expect(await ids(`?q=${encodeURIComponent("刘")}`)).toContain(app.id);
    expect(await ids(`?q=${encodeURIComponent("洋")}`)).not.toContain(app.id);
    expect(await ids(`?itemCode=${RECOGNITION}`)).toContain(app.id);
    expect(await ids("?itemCode=RC-ZNRX")).not.toContain(app.id);
    expect(await ids("?light=green")).toContain(app.id);
    expect(await ids("?light=red")).not.toContain(app.id);
    // The workbench's 只看逾期 checkbox sends overdue=true.
    expect(await ids("?overdue=true")).not.toContain(app.id);
    // Paging by cursor walks the queue without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await c.hrss!.get(`/api/workbench?limit=1${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(app.id);
    // A name search pages too (by name, then deadline); a cursor from the other order is refused.
    const byName: string[] = [];
    let nameCursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await c.hrss!.get(
          `/api/workbench?q=${encodeURIComponent("刘")}&limit=1${nameCursor ? `&cursor=${nameCursor}` : ""}`,
        )
      ).json();
      byName.push(...page.items.map((i) => i.id));
      nameCursor = page.nextCursor;
    } while (nameCursor);
    expect(byName.length).toBeGreaterThan(1);
    expect(new Set(byName).size).toBe(byName.length);
    const firstPage = (await c.hrss!.get("/api/workbench?limit=1")).json();
    expect(
      (
        await c.hrss!.get(`/api/workbench?q=${encodeURIComponent("刘")}&cursor=${firstPage.nextCursor}`)
      ).json().code,
    ).toBe("BAD_CURSOR");

    const xlsx = await c.hrss!.get(`/api/workbench/export.xlsx?itemCode=${RECOGNITION}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");

    // Ten working days later the step is overdue: red, and the job tells the officers once.
    t.clock.advance(14 * 86_400_000);
    await relogin();
    expect(await ids("?light=red")).toContain(app.id);
    expect(await ids("?overdue=true")).toContain(app.id);
    const first = await t.rt.services.applications.flagOverdue();
    expect(first.flagged).toBeGreaterThan(0);
    expect((await t.rt.services.applications.flagOverdue()).flagged).toBe(0);
    const inbox = JSON.stringify((await c.hrss!.get("/api/notifications")).json());
    expect(inbox).toContain(`办件已超期：${app.number}`);
    const afterJob = (await c.hrss!.get(`/api/applications/${app.id}`)).json();
    expect(afterJob.overdue).toBe(true);
    // One informational history event for the late step, however many times the job runs; the
    // state replayed from the history is unchanged by it.
    const overdueEvents = afterJob.history.filter((e: { type: string }) => e.type === "overdue");
    expect(overdueEvents).toHaveLength(1);
    expect(overdueEvents[0]).toMatchObject({
      actor: null,
      stepIndex: afterJob.currentStep.index,
    });
    const wait = await t.rt.deps.database.db
      .selectFrom("application_waits")
      .select("deadline")
      .where("application_id", "=", app.id)
      .executeTakeFirstOrThrow();
    expect(overdueEvents[0].deadline).toBe(wait.deadline);
    expect(afterJob.history.at(-1).type).toBe("overdue");
    expect(afterJob.status).toBe("in_review");
    await t.rt.services.applications.flagOverdue();
    expect(
      (await c.hrss!.get(`/api/applications/${app.id}`))
        .json()
        .history.filter((e: { type: string }) => e.type === "overdue"),
    ).toHaveLength(1);
  });

  it("lets the talent office keep the holiday calendar that deadlines use", async () => {
    let res = await c.office!.request("PUT", "/api/holidays/2027-03-01", {
      kind: "holiday",
      name: "测试假日",
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await c.talent!.get("/api/holidays?year=2027")).json().items.map((d: { date: string }) => d.date),
    ).toContain("2027-03-01");
    expect(
      (await c.hrss!.request("PUT", "/api/holidays/2027-03-02", { kind: "holiday", name: "x" })).statusCode,
    ).toBe(403);
    res = await c.office!.request("DELETE", "/api/holidays/2027-03-01");
    expect(res.statusCode).toBe(200);
    expect((await c.office!.request("DELETE", "/api/holidays/2027-03-01")).statusCode).toBe(404);
    expect(
      (await c.office!.request("PUT", "/api/holidays/2027-02-30", { kind: "holiday", name: "x" })).statusCode,
    ).toBe(422);
  });
});
