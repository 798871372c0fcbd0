// The clause → outcome report (政策落实情况, issue 17): one row per measure of the seed policy (23),
// every column recomputed here from the raw source tables after tasks, applications and ledger
// postings made through the services; department scope; the Excel download opened and summed.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_POLICY_FILE, seedDemoPolicy } from "../../src/server/demo/demo.js";
import { refreshTaskLights } from "../../src/server/jobs/definitions/tasks-lights.js";
import type { JobContext } from "../../src/server/jobs/types.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { PAYEE, send } from "../harness/funds.js";
import { decide, readyApplication, recognitionForm, submit } from "../harness/services.js";

const DAY = 86_400_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
let t: TestApp;
const db = () => t.rt.deps.database.db;
const as = (u: string): Promise<TestClient> => t.login(u);
let documentId = "";
let redMeasure = "";
let doneMeasure = "";
let hrssOrg = "";

/** China calendar date of an instant, by plain arithmetic (not the server's helper). */
const cnDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  const ctx: JobContext = { deps: t.rt.deps, services: t.rt.services, config: t.rt.config, log: silent };
  hrssOrg = await t.orgId("市人力资源社会保障局");
  // The seed policy with its 23 measures as tasks, the catalogue and budget lines linked to them.
  await seedDemoPolicy(t.rt.deps.database, t.rt.services);
  const doc = await db()
    .selectFrom("policy_documents")
    .select("id")
    .where("filename", "=", DEMO_POLICY_FILE)
    .executeTakeFirstOrThrow();
  documentId = doc.id;
  const talent = await as("talent");
  let hrss = await as("hrss");
  const science = await as("science");

  // An approved recognition (a tier in the registry) and a rejected title application.
  const approved = await readyApplication(talent, "RC-GCCRC-RD", { ...recognitionForm(), category: "B类" });
  expect((await submit(talent, approved.id)).statusCode).toBe(200);
  expect((await decide(hrss, approved.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
  expect((await decide(science, approved.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(200);
  const final = await decide(hrss, approved.id, { action: "approve", stepIndex: 1 });
  expect(final.statusCode, final.body).toBe(200);
  const { name, idNumber, mobile } = recognitionForm();
  const title = await readyApplication(talent, "RC-BSH-FGJ", {
    name,
    idNumber,
    mobile,
    employer: "营口辽海新材料科技有限公司",
    station: "大连理工大学材料科学与工程博士后流动站",
    exitDate: "2026-06-30",
    series: "工程",
  });
  expect((await submit(talent, title.id)).statusCode).toBe(200);
  // Decided two days after submission (the median's days are China calendar days).
  t.clock.set("2026-12-03T03:00:00.000Z");
  const rejected = await decide(await as("hrss"), title.id, {
    action: "reject",
    stepIndex: 0,
    reason: "不符合条件",
  });
  expect(rejected.statusCode, rejected.body).toBe(200);
  // Sessions idle out as the clock jumps: sign in again.
  hrss = await as("hrss");
  const office = await as("office");

  // A ledger posting: a benefit granted on the (二十二) line reserves its amount.
  const line = await db()
    .selectFrom("fund_budget_lines")
    .select("id")
    .where("measure_label", "=", "(二十二)")
    .executeTakeFirstOrThrow();
  const ent = await send(office, "POST", "/api/funds/entitlements", {
    budgetLineId: line.id,
    talentUserId: await t.userId("talent"),
    title: "人才贡献奖补",
    amount: 300_000,
    payee: PAYEE,
  });
  expect(ent.statusCode, ent.body).toBe(201);

  // Two tasks 市人社局 leads: one with a milestone that will be overdue, one completed.
  const led = await db()
    .selectFrom("tasks")
    .innerJoin("task_units", "task_units.task_id", "tasks.id")
    .select(["tasks.id", "tasks.measure_id"])
    .where("tasks.document_id", "=", documentId)
    .where("task_units.org_id", "=", hrssOrg)
    .where("task_units.role", "=", "lead")
    .orderBy("tasks.id")
    .execute();
  expect(led.length).toBeGreaterThanOrEqual(2);
  const [red, done] = led as [(typeof led)[0], (typeof led)[0]];
  redMeasure = red.measure_id;
  doneMeasure = done.measure_id;
  expect(
    (await hrss.post(`/api/tasks/${red.id}/milestones`, { title: "挂牌", dueDate: "2026-12-02" })).statusCode,
  ).toBe(201);
  const m = await hrss.post(`/api/tasks/${done.id}/milestones`, { title: "出台细则", dueDate: "2026-12-20" });
  expect(m.statusCode, m.body).toBe(201);
  const ms = m.json().milestones[0].id as string;
  expect((await hrss.patch(`/api/tasks/${done.id}/milestones/${ms}`, { done: true })).statusCode).toBe(200);
  t.clock.set(new Date(Date.parse("2026-12-01T02:00:00.000Z") + 4 * DAY));
  await refreshTaskLights.handler({}, ctx);
});
afterAll(async () => {
  await t?.close();
});

interface Row {
  measureId: string;
  clause: string;
  no: number;
  title: string;
  tasks: { count: number; onTime: number; yellow: number; red: number; done: number; taskId: string | null };
  items: { count: number; codes: string[] };
  applications: {
    submitted: number;
    approved: number;
    rejected: number;
    decided: number;
    withinSla: number;
    medianDays: number | null;
    promisedDays: number | null;
  };
  money: { budgetFen: number; committedFen: number; paidFen: number };
  talentsReached: number;
}

/** Every column from the raw tables, computed here in plain code. */
async function expected(orgs?: string[], year?: number): Promise<Row[]> {
  const inScope = (org: string | null | undefined) =>
    orgs === undefined || (org != null && orgs.includes(org));
  const measures = await db()
    .selectFrom("policy_measures")
    .select(["id", "no", "label", "title"])
    .where("document_id", "=", documentId)
    .orderBy("position")
    .execute();
  const tasks = await db()
    .selectFrom("tasks")
    .select(["id", "measure_id", "status", "light"])
    .where("document_id", "=", documentId)
    .execute();
  const units = await db().selectFrom("task_units").select(["task_id", "org_id"]).execute();
  const items = await db()
    .selectFrom("service_items")
    .select(["id", "code", "owner_org_id", "current_version"])
    .execute();
  const versions = await db()
    .selectFrom("service_item_versions")
    .select(["item_id", "version", "content"])
    .execute();
  const links = await db().selectFrom("service_item_measures").select(["item_id", "measure_id"]).execute();
  const apps = (await db().selectFrom("applications").selectAll().execute()).filter(
    (a) =>
      a.first_submitted_at !== null &&
      (year === undefined || cnDay(a.first_submitted_at).startsWith(`${year}-`)),
  );
  const funds = await db().selectFrom("funds").select(["id", "owner_org_id"]).execute();
  const lines = await db().selectFrom("fund_budget_lines").selectAll().execute();
  const postings = await db()
    .selectFrom("fund_postings as p")
    .innerJoin("fund_accounts as a", "a.id", "p.account_id")
    .select(["a.budget_line_id", "a.kind", "p.amount"])
    .execute();
  const ents = await db()
    .selectFrom("fund_entitlements")
    .select(["budget_line_id", "talent_user_id", "status"])
    .execute();
  const talents = await db().selectFrom("talents").select(["id", "user_id"]).execute();
  const recognitions = [
    ...(await db().selectFrom("talent_tiers").select(["talent_id", "application_id"]).execute()),
    ...(await db().selectFrom("talent_titles").select(["talent_id", "application_id"]).execute()),
    ...(await db().selectFrom("talent_skills").select(["talent_id", "application_id"]).execute()),
  ].filter((r) => r.application_id != null);

  const itemById = new Map(items.map((i) => [i.id, i]));
  const lineOrg = (l: (typeof lines)[number]) =>
    items.find((i) => i.code === l.item_code)?.owner_org_id ??
    funds.find((f) => f.id === l.fund_id)?.owner_org_id;
  const approvedOk = (s: string) => s === "approved" || s === "filed";
  const decided = (a: (typeof apps)[number]) =>
    (approvedOk(a.status) || a.status === "rejected") && a.decided_at !== null;

  return measures.map((m) => {
    const ts = tasks.filter(
      (x) =>
        x.measure_id === m.id &&
        (orgs === undefined || units.some((u) => u.task_id === x.id && orgs.includes(u.org_id))),
    );
    const open = ts.filter((x) => x.status !== "completed");
    const linked = links
      .filter((l) => l.measure_id === m.id)
      .map((l) => itemById.get(l.item_id)!)
      .filter((i) => inScope(i.owner_org_id))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const linkedIds = new Set(linked.map((i) => i.id));
    const as = apps.filter((a) => linkedIds.has(a.item_id));
    const dec = as.filter(decided);
    const days = dec
      .map((a) =>
        Math.round((Date.parse(cnDay(a.decided_at!)) - Date.parse(cnDay(a.first_submitted_at!))) / DAY),
      )
      .sort((x, y) => x - y);
    const mid = Math.floor(days.length / 2);
    const promised = linked
      .map((i) => versions.find((v) => v.item_id === i.id && v.version === i.current_version))
      .map((v) => (v ? (JSON.parse(v.content).promisedDays as number) : null))
      .filter((d): d is number => typeof d === "number");
    const ls = lines.filter(
      (l) => l.measure_id === m.id && (year === undefined || l.year === year) && inScope(lineOrg(l)),
    );
    const lineIds = new Set(ls.map((l) => l.id));
    const sum = (kind: string) =>
      postings
        .filter((p) => lineIds.has(p.budget_line_id) && p.kind === kind)
        .reduce((s, p) => s + Number(p.amount), 0);
    const people = new Set<string>();
    for (const a of as)
      if (approvedOk(a.status) && a.applicant_kind === "talent") people.add(`u:${a.applicant_user_id}`);
    for (const e of ents)
      if (lineIds.has(e.budget_line_id) && e.status !== "cancelled") people.add(`u:${e.talent_user_id}`);
    for (const r of recognitions) {
      const a = as.find((x) => x.id === r.application_id);
      if (!a || !approvedOk(a.status)) continue;
      const tal = talents.find((x) => x.id === r.talent_id)!;
      people.add(tal.user_id ? `u:${tal.user_id}` : `t:${tal.id}`);
    }
    return {
      measureId: m.id,
      clause: m.label,
      no: m.no,
      title: m.title,
      tasks: {
        count: ts.length,
        onTime: open.filter((x) => x.light === "green").length,
        yellow: open.filter((x) => x.light === "yellow").length,
        red: open.filter((x) => x.light === "red").length,
        done: ts.length - open.length,
        taskId: ts.length === 1 ? ts[0]!.id : null,
      },
      items: { count: linked.length, codes: linked.map((i) => i.code) },
      applications: {
        submitted: as.length,
        approved: as.filter((a) => approvedOk(a.status)).length,
        rejected: as.filter((a) => a.status === "rejected").length,
        decided: dec.length,
        withinSla: dec.filter((a) => a.deadline !== null && cnDay(a.decided_at!) <= a.deadline).length,
        medianDays:
          days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2,
        promisedDays: promised.length > 0 ? Math.max(...promised) : null,
      },
      money: {
        budgetFen: sum("allocated") === 0 ? 0 : -sum("allocated"),
        committedFen: sum("reserved") + sum("payable") + sum("paid"),
        paidFen: sum("paid"),
      },
      talentsReached: people.size,
    };
  });
}

describe("GET /api/reports/clauses", () => {
  it("answers one row per measure of the seed, every column equal to the raw tables", async () => {
    const office = await as("office");
    const res = await office.get(`/api/reports/clauses?policy=${documentId}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.policy.id).toBe(documentId);
    expect(report.scope).toBeNull();
    expect(report.items).toHaveLength(23);
    expect(report.items).toEqual(await expected());

    // The actions above show where they should.
    const row = (id: string) => (report.items as Row[]).find((r) => r.measureId === id)!;
    expect(row(redMeasure).tasks.red).toBe(1);
    expect(row(doneMeasure).tasks.done).toBe(1);
    const byClause = (label: string) => (report.items as Row[]).find((r) => r.clause === label)!;
    const recognition = (report.items as Row[]).filter((r) => r.items.codes.includes("RC-GCCRC-RD"));
    expect(recognition.length).toBeGreaterThan(0);
    for (const r of recognition) {
      expect(r.applications.approved).toBeGreaterThanOrEqual(1);
      expect(r.applications.withinSla).toBeGreaterThanOrEqual(1);
      expect(r.applications.medianDays).toBe(0);
      expect(r.talentsReached).toBeGreaterThanOrEqual(1);
    }
    const titled = (report.items as Row[]).filter((r) => r.items.codes.includes("RC-BSH-FGJ"));
    expect(titled.length).toBeGreaterThan(0);
    for (const r of titled) {
      expect(r.applications.rejected).toBeGreaterThanOrEqual(1);
      expect(r.applications.medianDays).toBeGreaterThan(0);
    }
    expect(byClause("(二十二)").money.committedFen).toBeGreaterThanOrEqual(300_000);
    expect(byClause("(七)").money.paidFen).toBeGreaterThan(0);
    expect(byClause("(七)").money.budgetFen).toBe(500_000_000);
    expect((report.items as Row[]).reduce((s, r) => s + r.tasks.count, 0)).toBe(23);
  });

  it("defaults to the latest imported policy and filters by year", async () => {
    const office = await as("office");
    const latest = await db()
      .selectFrom("policy_documents")
      .select("id")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect((await office.get("/api/reports/clauses")).json().policy.id).toBe(latest.id);
    const y2026 = (await office.get(`/api/reports/clauses?policy=${documentId}&year=2026`)).json();
    expect(y2026.items).toEqual(await expected(undefined, 2026));
    const y2025 = (await office.get(`/api/reports/clauses?policy=${documentId}&year=2025`)).json();
    expect(y2025.items).toEqual(await expected(undefined, 2025));
    const sumApps = (rows: Row[]) => rows.reduce((s, r) => s + r.applications.submitted, 0);
    expect(sumApps(y2026.items)).toBeGreaterThan(0);
    expect(sumApps(y2025.items)).toBe(0);
    expect((y2025.items as Row[]).every((r) => r.money.budgetFen === 0)).toBe(true);
  });

  it("a department reads its own units' numbers; another department's orgId is refused", async () => {
    const hrss = await as("hrss");
    const res = await hrss.get(`/api/reports/clauses?policy=${documentId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scope).toEqual([hrssOrg]);
    expect(res.json().items).toHaveLength(23);
    expect(res.json().items).toEqual(await expected([hrssOrg]));
    // Narrower than the office's answer somewhere (tasks 市人社局 has no part in).
    const all = (await (await as("office")).get(`/api/reports/clauses?policy=${documentId}`)).json()
      .items as Row[];
    const mine = res.json().items as Row[];
    expect(mine.reduce((s, r) => s + r.tasks.count, 0)).toBeLessThan(
      all.reduce((s, r) => s + r.tasks.count, 0),
    );

    const science = await t.orgId("市科学技术局").catch(() => t.orgId("市科技局"));
    const refused = await hrss.get(`/api/reports/clauses?policy=${documentId}&orgId=${science}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    // The office narrows to any department.
    const office = await as("office");
    const narrowed = await office.get(`/api/reports/clauses?policy=${documentId}&orgId=${science}`);
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.json().items).toEqual(await expected([science]));
    expect((await (await as("talent")).get("/api/reports/clauses")).statusCode).toBe(403);
    expect((await (await as("finance")).get("/api/reports/cockpit")).statusCode).toBe(403);
  });

  it("bad input is a 4xx problem, never a 500", async () => {
    const office = await as("office");
    for (const url of [
      "/api/reports/clauses?year=abc",
      "/api/reports/clauses?year=1800",
      "/api/reports/clauses?policy=nope",
      "/api/reports/clauses?orgId=nope",
      "/api/reports/clauses?extra=1",
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers["content-type"], url).toContain("application/problem+json");
    }
  });
});

describe("GET /api/reports/clauses.xlsx", () => {
  it("one row per measure under a Chinese header, frozen, money in 元 summing to the report", async () => {
    const office = await as("office");
    const report = (await office.get(`/api/reports/clauses?policy=${documentId}`)).json();
    const res = await office.get(`/api/reports/clauses.xlsx?policy=${documentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("政策落实情况")!;
    expect(sheet.rowCount).toBe(1 + 23);
    expect(sheet.getRow(1).getCell(1).value).toBe("条款");
    expect(sheet.getRow(1).getCell(17).value).toBe("已支付（元）");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(17).numFmt).toContain("元");
    let paid = 0;
    let budget = 0;
    for (let i = 2; i <= sheet.rowCount; i++) {
      paid += Number(sheet.getRow(i).getCell(17).value);
      budget += Number(sheet.getRow(i).getCell(15).value);
    }
    const sum = (k: "paidFen" | "budgetFen") => (report.items as Row[]).reduce((s, r) => s + r.money[k], 0);
    expect(sum("paidFen")).toBeGreaterThan(0);
    expect(Math.round(paid * 100)).toBe(sum("paidFen"));
    expect(Math.round(budget * 100)).toBe(sum("budgetFen"));
  });
});

/** Data rows of the report sheet: their count and the sums of the money columns in 分. */
async function sheetTotals(book: ExcelJS.Workbook) {
  const sheet = book.getWorksheet("政策落实情况")!;
  let paid = 0;
  let budget = 0;
  for (let i = 2; i <= sheet.rowCount; i++) {
    paid += Number(sheet.getRow(i).getCell(17).value);
    budget += Number(sheet.getRow(i).getCell(15).value);
  }
  return { rows: sheet.rowCount - 1, paidFen: Math.round(paid * 100), budgetFen: Math.round(budget * 100) };
}

describe("rencai report clauses", () => {
  it("writes the same rows and sums to the Excel file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rencai-report-"));
    try {
      const file = join(dir, "clauses.xlsx");
      const env = {
        ...process.env,
        DATABASE_URL: t.rt.config.databaseUrl,
        DATA_DIR: dir,
        LOG_LEVEL: "silent",
      };
      const args = [
        "tsx",
        "src/server/main.ts",
        "report",
        "clauses",
        "--year",
        "2026",
        "--policy",
        documentId,
      ];
      const { stdout } = await promisify(execFile)("npx", [...args, "--xlsx", file], { env });
      expect(stdout).toContain("23 measures");
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const office = await as("office");
      const report = (await office.get(`/api/reports/clauses?policy=${documentId}&year=2026`)).json();
      const sum = (k: "paidFen" | "budgetFen") => (report.items as Row[]).reduce((s, r) => s + r.money[k], 0);
      expect(await sheetTotals(book)).toEqual({
        rows: 23,
        paidFen: sum("paidFen"),
        budgetFen: sum("budgetFen"),
      });
      const bad = await promisify(execFile)(
        "npx",
        ["tsx", "src/server/main.ts", "report", "clauses", "--year", "20x6", "--xlsx", file],
        {
          env,
        },
      ).catch((e: { code: number; stderr: string }) => e);
      expect("code" in bad ? bad.code : 0).not.toBe(0);
      expect(bad.stderr).toContain("年份");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("GET /api/reports/cockpit", () => {
  it("charts each linked to its list, matching the report", async () => {
    const leader = await as("hrss_leader");
    const res = await leader.get(`/api/reports/cockpit?policy=${documentId}`);
    expect(res.statusCode, res.body).toBe(200);
    const cockpit = res.json();
    expect(cockpit.scope).toEqual([hrssOrg]);
    expect(cockpit.talentsByTier.length).toBeGreaterThan(0);
    for (const b of cockpit.talentsByTier) expect(b.href).toBe(`/registry/talents?tier=${b.key}`);
    const reds = cockpit.overdueTasksByDepartment as { key: string; value: number; href: string }[];
    expect(reds.find((r) => r.key === hrssOrg)?.value).toBeGreaterThanOrEqual(1);
    expect(reds.every((r) => r.href.startsWith("/tasks?light=red&orgId="))).toBe(true);
    const byItem = cockpit.applicationsByItem as { key: string; submitted: number; withinSla: number }[];
    expect(byItem.find((i) => i.key === "RC-GCCRC-RD")?.withinSla).toBeGreaterThanOrEqual(1);
    const office = await as("office");
    const all = (await office.get(`/api/reports/cockpit?policy=${documentId}`)).json();
    const report = (await office.get(`/api/reports/clauses?policy=${documentId}`)).json();
    const paid = (all.moneyPaidByClause as { value: number }[]).reduce((s, b) => s + b.value, 0);
    expect(paid).toBe((report.items as Row[]).reduce((s, r) => s + r.money.paidFen, 0));
  });
});
