// Every route, as every demo role, as a user of another organisation and anonymously.
// A new route fails the inventory test until it declares a policy and has a row here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../src/server/demo/demo.js";
import { isKnownPolicy } from "../../src/server/lib/authz.js";
import { addDays, chinaDate, periodOf } from "../../src/server/modules/tasks/calendar.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { pdfBytes, uploadedId } from "../harness/files.js";
import { ADMINISTRATIVE, type Case, GOVERNMENT, type MatrixContext } from "./authz/case.js";
import { DOMAIN_CASES } from "./authz/index.js";

let t: TestApp;
const clients = new Map<string, TestClient>();
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of DEMO_USERS) clients.set(u.username, await t.login(u.username));
});
afterAll(async () => {
  await t?.close();
});

/** A fresh account to act on, so allowed mutations do not disturb other rows. */
async function freshUserId(): Promise<string> {
  serial += 1;
  const orgId = await t.orgId("市科技局");
  const res = await clients.get("sysadmin")!.post("/api/users", {
    username: `target${serial}`,
    displayName: `目标${serial}`,
    orgId,
    // Resets send a one-time link to the holder's address.
    email: `target${serial}@example.gov.cn`,
    roles: [{ role: "officer", orgId }],
  });
  expect(res.statusCode).toBe(201);
  return res.json().user.id as string;
}

async function ownNotificationId(client: TestClient): Promise<string> {
  const userId = (await client.get("/api/auth/me")).json().id as string;
  const id = `N${Date.now()}${++serial}`;
  await t.rt.deps.database.db
    .insertInto("notifications")
    .values({
      id,
      user_id: userId,
      kind: "test",
      title: "t",
      body: "b",
      link: null,
      created_at: new Date().toISOString(),
      read_at: null,
    })
    .execute();
  return id;
}

// Policy and accountability objects, made first by someone who may act on them: each officer or
// leader gets a task its own unit leads, so "allowed" really means allowed on the object.
interface Me {
  org: { name: string };
  roles: { role: string; orgId: string; orgName: string }[];
}
const meOf = async (client: TestClient): Promise<Me> => (await client.get("/api/auth/me")).json();
const today = () => chinaDate(t.clock.now());
const policyBody = (lead: string) => {
  serial += 1;
  const text = `矩阵测试政策第${serial}号\n\n一、总体要求\n\n(一)矩阵测试任务${serial}。开展测试工作。\n牵头单位:${lead}  责任单位:市财政局\n`;
  return { filename: `matrix-${serial}.txt`, contentBase64: Buffer.from(text).toString("base64") };
};

async function importPolicy(
  lead: string,
): Promise<{ documentId: string; measureId: string; taskId: string }> {
  const office = clients.get("office")!;
  const res = await office.post("/api/policy/documents", policyBody(lead));
  expect(res.statusCode).toBe(201);
  const documentId = res.json().document.id as string;
  const measure = (await office.get(`/api/policy/documents/${documentId}`)).json().sections[0].measures[0];
  return { documentId, measureId: measure.id, taskId: measure.taskId };
}

/** The unit whose officer or leader the actor is; anyone else gets the talent office's. */
async function unitOf(actor: TestClient): Promise<string> {
  const grant = (await meOf(actor)).roles.find((g) => g.role === "officer" || g.role === "leader");
  return grant?.orgName ?? "市委组织部";
}

const sharedTasks = new Map<string, Promise<string>>();
/** A task the actor's unit leads (one per unit, for routes that do not use it up). */
async function taskLedBy(actor: TestClient): Promise<string> {
  const unit = await unitOf(actor);
  if (!sharedTasks.has(unit))
    sharedTasks.set(
      unit,
      importPolicy(unit).then((r) => r.taskId),
    );
  return sharedTasks.get(unit)!;
}

/** A fresh report by the actor if an officer (else by hrss) on a task of the writer's unit. */
async function reportUrl(actor: TestClient, suffix = ""): Promise<string> {
  const officer = (await meOf(actor)).roles.find((g) => g.role === "officer");
  const writer = officer ? actor : clients.get("hrss")!;
  const { taskId } = await importPolicy(await unitOf(writer));
  const res = await writer.post(`/api/tasks/${taskId}/reports`, {
    periodKey: periodOf(today(), "quarterly").key,
    text: "矩阵测试报告",
  });
  expect(res.statusCode).toBe(201);
  return `/api/tasks/${taskId}/reports/${res.json().id}${suffix}`;
}

/** The demo officer of the actor's own unit (a leader signs off their own unit's reports), else hrss. */
function officerBeside(actor: TestClient): TestClient {
  const org = DEMO_USERS.find((u) => u.username === actor.username)?.org;
  const officer = DEMO_USERS.find((u) => u.org === org && u.role === "officer");
  return clients.get(officer?.username ?? "hrss")!;
}

/** A milestone on a task the actor's unit leads. */
async function milestoneUrl(actor: TestClient): Promise<string> {
  const taskId = await taskLedBy(actor);
  const res = await clients
    .get("office")!
    .post(`/api/tasks/${taskId}/milestones`, { title: `里程碑${++serial}`, dueDate: addDays(today(), 30) });
  expect(res.statusCode).toBe(201);
  const id = (res.json().milestones as { id: string; title: string }[]).find(
    (m) => m.title === `里程碑${serial}`,
  )!.id;
  return `/api/tasks/${taskId}/milestones/${id}`;
}

/** An order addressed to the actor's unit if an officer (else to hrss), on a task that unit leads. */
async function orderUrl(actor: TestClient): Promise<string> {
  const officer = (await meOf(actor)).roles.find((g) => g.role === "officer");
  const unit = officer?.orgName ?? "市人力资源社会保障局";
  const { taskId } = await importPolicy(unit);
  const res = await clients.get("office")!.post(`/api/tasks/${taskId}/supervision`, {
    orgId: officer?.orgId ?? (await t.orgId(unit)),
    content: "矩阵测试督办",
    dueDate: addDays(today(), 10),
  });
  expect(res.statusCode).toBe(201);
  return `/api/supervision/${res.json().id}/respond`;
}

let sharedAttachment: Promise<string> | null = null;
/** A file an actor may download: an officer's own upload; for anyone else one hrss attached to a
 * report on a task of hrss's unit (which its leader and the talent office see). */
async function fileUrl(actor: TestClient): Promise<string> {
  // Uploaders download their own files (officers for reports, talent and employer for application materials).
  if (
    (await meOf(actor)).roles.some(
      (g) => g.role === "officer" || g.role === "talent" || g.role === "employer",
    )
  )
    return `/api/files/${await uploadedId(actor)}`;
  sharedAttachment ??= (async () => {
    const hrss = clients.get("hrss")!;
    const fileId = await uploadedId(hrss, "矩阵附件.pdf");
    const { taskId } = await importPolicy("市人力资源社会保障局");
    const res = await hrss.post(`/api/tasks/${taskId}/reports`, {
      periodKey: periodOf(today(), "quarterly").key,
      text: "矩阵测试报告",
      attachmentIds: [fileId],
    });
    expect(res.statusCode).toBe(201);
    return fileId;
  })();
  return `/api/files/${await sharedAttachment}`;
}

let sharedDocument: Promise<{ documentId: string; measureId: string; taskId: string }> | null = null;
/** One document (led by 市人力资源社会保障局) for the routes that only read it. */
const sharedPolicy = () => {
  sharedDocument ??= importPolicy("市人力资源社会保障局");
  return sharedDocument;
};

const CORE_CASES: Case[] = [
  { method: "GET", route: "/api/health", allowed: "public" },
  { method: "GET", route: "/api/auth/password-policy", allowed: "public" },
  { method: "GET", route: "/api/auth/me", allowed: "everyone" },
  { method: "GET", route: "/api/notifications", allowed: "everyone" },
  { method: "POST", route: "/api/notifications/read-all", allowed: "everyone" },
  {
    method: "POST",
    route: "/api/notifications/:id/read",
    allowed: "everyone",
    url: async (actor) => `/api/notifications/${await ownNotificationId(actor)}/read`,
  },
  { method: "GET", route: "/api/orgs", allowed: ADMINISTRATIVE },
  {
    method: "POST",
    route: "/api/orgs",
    allowed: ["sysadmin"],
    body: async () => ({ name: `矩阵测试机构${++serial}`, kind: "agency" }),
  },
  {
    method: "PATCH",
    route: "/api/orgs/:id",
    allowed: ["sysadmin"],
    url: async () => `/api/orgs/${await t.orgId("市财政局")}`,
    body: async () => ({ shortName: `财政${++serial}` }),
  },
  // The three admin roles see the accounts; each keeps only its own share (三权分立, see below).
  { method: "GET", route: "/api/users", allowed: ["sysadmin", "secadmin", "auditor"] },
  {
    method: "POST",
    route: "/api/users",
    allowed: ["sysadmin"],
    body: async () => ({
      username: `matrix${++serial}`,
      displayName: "矩阵",
      orgId: await t.orgId("市科技局"),
      roles: [],
    }),
  },
  {
    method: "PUT",
    route: "/api/users/:id/roles",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/roles`,
    body: async () => ({ roles: [{ role: "leader", orgId: await t.orgId("市科技局") }] }),
  },
  {
    method: "POST",
    route: "/api/users/:id/disable",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/disable`,
  },
  {
    method: "POST",
    route: "/api/users/:id/enable",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/enable`,
  },
  {
    method: "POST",
    route: "/api/users/:id/reset-password",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/reset-password`,
  },
  {
    method: "POST",
    route: "/api/users/:id/mfa/reset",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/mfa/reset`,
  },
  {
    method: "POST",
    route: "/api/users/:id/unlock",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/unlock`,
  },
  { method: "GET", route: "/api/audit", allowed: ["auditor"] },
  { method: "POST", route: "/api/audit/verify", allowed: ["auditor"] },
  { method: "GET", route: "/api/audit/retention", allowed: ["auditor"] },
  { method: "PUT", route: "/api/audit/retention", allowed: ["auditor"], body: async () => ({ days: 200 }) },
  { method: "GET", route: "/api/settings/security", allowed: ["secadmin"] },
  {
    method: "PUT",
    route: "/api/settings/security",
    allowed: ["secadmin"],
    body: async () => ({
      passwordMinLength: 8,
      passwordMinClasses: 3,
      lockoutThreshold: 5,
      lockoutMinutes: 30,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      mfaRequiredRoles: [],
    }),
  },
  {
    method: "POST",
    route: "/api/policy/parse",
    allowed: ["talent_office"],
    body: async () => policyBody("市科技局"),
  },
  {
    method: "POST",
    route: "/api/policy/documents",
    allowed: ["talent_office"],
    body: async () => policyBody("市科技局"),
  },
  { method: "GET", route: "/api/policy/documents", allowed: GOVERNMENT },
  {
    method: "GET",
    route: "/api/policy/documents/:id",
    allowed: GOVERNMENT,
    url: async () => `/api/policy/documents/${(await sharedPolicy()).documentId}`,
  },
  {
    method: "PATCH",
    route: "/api/policy/documents/:id",
    allowed: ["talent_office"],
    url: async () => `/api/policy/documents/${(await sharedPolicy()).documentId}`,
    body: async () => ({ reportPeriod: "quarterly" }),
  },
  {
    method: "GET",
    route: "/api/policy/measures/:id",
    allowed: GOVERNMENT,
    url: async () => `/api/policy/measures/${(await sharedPolicy()).measureId}`,
  },
  { method: "GET", route: "/api/policy/aliases", allowed: GOVERNMENT },
  {
    method: "POST",
    route: "/api/policy/aliases",
    allowed: ["talent_office"],
    body: async () => ({ alias: `矩阵别名${++serial}`, canonicalName: "市科技局" }),
  },
  {
    method: "DELETE",
    route: "/api/policy/aliases/:id",
    allowed: ["talent_office"],
    url: async () => {
      const res = await clients
        .get("office")!
        .post("/api/policy/aliases", { alias: `矩阵别名${++serial}`, canonicalName: "市科技局" });
      return `/api/policy/aliases/${res.json().id}`;
    },
  },
  { method: "GET", route: "/api/tasks", allowed: GOVERNMENT },
  { method: "GET", route: "/api/tasks/stats", allowed: GOVERNMENT },
  { method: "GET", route: "/api/home/office", allowed: ["talent_office"] },
  {
    method: "GET",
    route: "/api/tasks/:id",
    allowed: GOVERNMENT,
    url: async (actor) => `/api/tasks/${await taskLedBy(actor)}`,
  },
  {
    method: "PATCH",
    route: "/api/tasks/:id",
    allowed: ["talent_office"],
    url: async (actor) => `/api/tasks/${await taskLedBy(actor)}`,
    body: async () => ({ reportPeriod: null }),
  },
  {
    method: "GET",
    route: "/api/tasks/:id/events",
    allowed: GOVERNMENT,
    url: async (actor) => `/api/tasks/${await taskLedBy(actor)}/events`,
  },
  {
    method: "POST",
    route: "/api/tasks/:id/milestones",
    allowed: ["talent_office", "officer"],
    url: async (actor) => `/api/tasks/${await taskLedBy(actor)}/milestones`,
    body: async () => ({ title: `里程碑${++serial}`, dueDate: addDays(today(), 30), weight: 2 }),
  },
  {
    method: "PATCH",
    route: "/api/tasks/:id/milestones/:milestoneId",
    allowed: ["talent_office", "officer"],
    url: milestoneUrl,
    body: async () => ({ done: true }),
  },
  {
    method: "DELETE",
    route: "/api/tasks/:id/milestones/:milestoneId",
    allowed: ["talent_office", "officer"],
    url: milestoneUrl,
  },
  {
    method: "GET",
    route: "/api/tasks/:id/reports",
    allowed: GOVERNMENT,
    url: async (actor) => `/api/tasks/${await taskLedBy(actor)}/reports`,
  },
  {
    method: "POST",
    route: "/api/tasks/:id/reports",
    allowed: ["officer"],
    url: async (actor) => `/api/tasks/${(await importPolicy(await unitOf(actor))).taskId}/reports`,
    body: async () => ({ periodKey: periodOf(today(), "quarterly").key, text: "矩阵测试报告" }),
  },
  {
    method: "PATCH",
    route: "/api/tasks/:id/reports/:reportId",
    allowed: ["officer"],
    url: (actor) => reportUrl(actor),
    body: async () => ({ text: "修改后的报告" }),
  },
  {
    method: "POST",
    route: "/api/tasks/:id/reports/:reportId/approve",
    allowed: ["leader"],
    url: (actor) => reportUrl(officerBeside(actor), "/approve"),
  },
  {
    method: "POST",
    route: "/api/tasks/:id/reports/:reportId/return",
    allowed: ["leader"],
    url: (actor) => reportUrl(officerBeside(actor), "/return"),
    body: async () => ({ comment: "请补充" }),
  },
  { method: "GET", route: "/api/reports", allowed: GOVERNMENT },
  { method: "GET", route: "/api/supervision", allowed: GOVERNMENT },
  {
    method: "GET",
    route: "/api/tasks/:id/supervision",
    allowed: GOVERNMENT,
    url: async (actor) => `/api/tasks/${await taskLedBy(actor)}/supervision`,
  },
  {
    method: "POST",
    route: "/api/tasks/:id/supervision",
    allowed: ["talent_office"],
    url: async () => `/api/tasks/${(await sharedPolicy()).taskId}/supervision`,
    body: async () => ({
      orgId: await t.orgId("市人力资源社会保障局"),
      content: "矩阵测试督办",
      dueDate: addDays(today(), 10),
    }),
  },
  {
    method: "POST",
    route: "/api/supervision/:id/respond",
    allowed: ["officer"],
    url: orderUrl,
    body: async () => ({ response: "已办理" }),
  },
  {
    method: "GET",
    route: "/api/assessment/:year",
    allowed: ["talent_office"],
    url: async () => "/api/assessment/2026",
  },
  {
    method: "GET",
    route: "/api/assessment/:year/units/:orgId",
    allowed: ["talent_office"],
    url: async () => {
      await sharedPolicy();
      return `/api/assessment/2026/units/${await t.orgId("市人力资源社会保障局")}`;
    },
  },
  {
    method: "GET",
    route: "/api/assessment/:year/export",
    allowed: ["talent_office"],
    url: async () => "/api/assessment/2026/export",
  },
  {
    method: "GET",
    route: "/api/assessment/:year/scheme",
    allowed: ["talent_office"],
    url: async () => "/api/assessment/2026/scheme",
  },
  {
    method: "PUT",
    route: "/api/assessment/:year/scheme",
    allowed: ["talent_office"],
    url: async () => "/api/assessment/2026/scheme",
    body: async () => ({
      indicators: [
        { key: "report_on_time", weight: 40 },
        { key: "milestones_on_time", weight: 40 },
        { key: "supervision_on_time", weight: 20 },
      ],
    }),
  },
  {
    method: "POST",
    route: "/api/assessment/:year/adjustments",
    allowed: ["talent_office"],
    url: async () => "/api/assessment/2026/adjustments",
    body: async () => ({ orgId: await t.orgId("市财政局"), points: 1, reason: "矩阵测试加分" }),
  },
  {
    method: "DELETE",
    route: "/api/assessment/:year/adjustments/:id",
    allowed: ["talent_office"],
    url: async () => {
      const res = await clients.get("office")!.post("/api/assessment/2026/adjustments", {
        orgId: await t.orgId("市财政局"),
        points: -1,
        reason: "矩阵测试扣分",
      });
      return `/api/assessment/2026/adjustments/${res.json().id}`;
    },
  },
  {
    method: "POST",
    route: "/api/files",
    allowed: ["officer", "talent", "employer", "talent_office"],
    url: async () => `/api/files?filename=${encodeURIComponent(`矩阵${++serial}.pdf`)}`,
    body: async () => pdfBytes(),
    headers: { "content-type": "application/octet-stream" },
  },
  { method: "GET", route: "/api/files/:id", allowed: [...GOVERNMENT, "talent", "employer"], url: fileUrl },
  // Login and logout change the caller's own session; covered in auth.test.ts, listed for the inventory.
  { method: "POST", route: "/api/auth/login", allowed: "public" },
  { method: "POST", route: "/api/auth/logout", allowed: "everyone" },
  { method: "POST", route: "/api/auth/password", allowed: "everyone" },
  // A one-time link's token is needed; security-admin.test.ts runs it.
  { method: "POST", route: "/api/auth/password-reset", allowed: "public" },
  // Two-factor authentication of the caller's own account (no user id in any route). Status and the
  // start of enrolment run here for every role; the steps that need a live code from the enrolled
  // secret (and the second login step) run in mfa.test.ts, including the other-user checks.
  { method: "GET", route: "/api/auth/mfa", allowed: "everyone" },
  { method: "POST", route: "/api/auth/mfa/enrol", allowed: "everyone" },
  { method: "POST", route: "/api/auth/mfa/enrol/confirm", allowed: "everyone" },
  { method: "POST", route: "/api/auth/mfa/disable", allowed: "everyone" },
  { method: "POST", route: "/api/auth/mfa/recovery-codes", allowed: "everyone" },
  { method: "POST", route: "/api/auth/login/mfa", allowed: "everyone" },
];
const matrixContext: MatrixContext = {
  app: () => t,
  client: (username) => {
    const client = clients.get(username);
    if (!client) throw new Error(`no demo client ${username}`);
    return client;
  },
  next: () => ++serial,
};
const CASES: Case[] = [...CORE_CASES, ...DOMAIN_CASES.flatMap((list) => list(matrixContext))];
const SESSION_ROUTES = new Set([
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "POST /api/auth/password",
  "POST /api/auth/password-reset",
  "POST /api/auth/mfa/enrol/confirm",
  "POST /api/auth/mfa/disable",
  "POST /api/auth/mfa/recovery-codes",
  "POST /api/auth/login/mfa",
]);

describe("route inventory", () => {
  it("every API route declares a known policy", () => {
    const api = t.app.routeInventory.filter(
      (r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs"),
    );
    expect(api.length).toBeGreaterThan(20);
    const missing = api.filter((r) => r.policy === undefined || !isKnownPolicy(r.policy));
    expect(missing).toEqual([]);
  });

  it("every API route has a row in this matrix", () => {
    const api = t.app.routeInventory
      .filter((r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs"))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(CASES.map((c) => `${c.method} ${c.route}`).sort()).toEqual(api);
  });
});

describe("authorization matrix", () => {
  for (const c of CASES.filter((c) => !SESSION_ROUTES.has(`${c.method} ${c.route}`))) {
    it(`${c.method} ${c.route}`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const u of DEMO_USERS) {
        const client = clients.get(u.username)!;
        const url = c.url ? await c.url(client) : c.route;
        const body = c.body ? await c.body() : c.method === "GET" ? undefined : {};
        const res = await client.request(c.method, url, body, c.headers);
        const allowed = c.allowedUsers
          ? c.allowedUsers.includes(u.username)
          : c.allowed === "public" || c.allowed === "everyone" || c.allowed.includes(u.role);
        outcomes.push(`${u.username}:${res.statusCode < 300 ? "ok" : res.statusCode}`);
        expected.push(`${u.username}:${allowed ? "ok" : 403}`);
      }
      expect(outcomes).toEqual(expected);

      const anonymous = t.anonymous();
      const res = await anonymous.request(
        c.method,
        c.url ? await c.url(clients.get("office")!) : c.route,
        c.body ? await c.body() : undefined,
        c.headers,
      );
      expect(res.statusCode === 401 ? "401" : res.statusCode < 300 ? "ok" : String(res.statusCode)).toBe(
        c.allowed === "public" ? "ok" : "401",
      );
    });
  }

  it("denials are written to the audit trail", async () => {
    const denied = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "authz.denied")
      .execute();
    expect(denied.length).toBeGreaterThan(50);
    expect(denied.every((r) => r.result === "denied" && r.actor_id !== null)).toBe(true);
  });
});

describe("object-level rules", () => {
  it("a user of another organisation cannot read or mark someone else's notification (404, not 403)", async () => {
    const hrss = clients.get("hrss")!;
    const science = clients.get("science")!;
    const id = await ownNotificationId(hrss);
    const res = await science.post(`/api/notifications/${id}/read`);
    expect(res.statusCode).toBe(404);
    const list = await science.get("/api/notifications");
    expect((list.json().items as { id: string }[]).map((n) => n.id)).not.toContain(id);
    const row = await t.rt.deps.database.db
      .selectFrom("notifications")
      .select("read_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it("an admin cannot disable, re-role or reset themselves", async () => {
    const admin = clients.get("sysadmin")!;
    const self = await t.userId("sysadmin");
    expect((await admin.post(`/api/users/${self}/disable`)).statusCode).toBe(403);
    expect((await admin.put(`/api/users/${self}/roles`, { roles: [] })).statusCode).toBe(403);
    expect((await admin.post(`/api/users/${self}/reset-password`)).statusCode).toBe(403);
  });

  it("no account may hold two of the three admin roles", async () => {
    const admin = clients.get("sysadmin")!;
    const officeId = await t.orgId("市委组织部");
    const res = await admin.post("/api/users", {
      username: "twohats",
      displayName: "兼任",
      orgId: officeId,
      email: "twohats@example.gov.cn",
      roles: [
        { role: "secadmin", orgId: officeId },
        { role: "auditor", orgId: officeId },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "USER_INVALID", errors: [{ path: "/roles" }] });
    const target = await freshUserId();
    const upd = await admin.put(`/api/users/${target}/roles`, {
      roles: [
        { role: "sysadmin", orgId: officeId },
        { role: "auditor", orgId: officeId },
      ],
    });
    expect(upd.statusCode).toBe(422);
  });

  it("a department sees only the tasks its unit leads or shares; others answer 404, not 403", async () => {
    const hrssTask = await taskLedBy(clients.get("hrss")!);
    expect((await clients.get("hrss_leader")!.get(`/api/tasks/${hrssTask}`)).statusCode).toBe(200);
    for (const username of ["science", "finance"]) {
      // 市财政局 shares every matrix task, 市科技局 none of hrss's.
      const status = (await clients.get(username)!.get(`/api/tasks/${hrssTask}`)).statusCode;
      expect(status).toBe(username === "finance" ? 200 : 404);
    }
    const listed = (await clients.get("science")!.get("/api/tasks?limit=200")).json().items as {
      id: string;
    }[];
    expect(listed.map((i) => i.id)).not.toContain(hrssTask);
  });

  it("unknown ids answer 404 to the admin and 403 to everyone else", async () => {
    expect((await clients.get("sysadmin")!.post("/api/users/NOPE/disable")).statusCode).toBe(404);
    expect((await clients.get("office")!.post("/api/users/NOPE/disable")).statusCode).toBe(403);
    expect((await clients.get("sysadmin")!.patch("/api/orgs/NOPE", { shortName: "x" })).statusCode).toBe(404);
  });
});
