import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { importTasks, SEED_PATH, seedBytes, taskOfMeasure, upload } from "../harness/policy.js";
import { testDbKind } from "../harness/test-database.js";

let t: TestApp;
let office: TestClient;
let documentId: string;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const count = async (table: "policy_documents" | "tasks" | "organisations") =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const unitsOf = async (taskId: string) =>
  db()
    .selectFrom("task_units")
    .innerJoin("organisations", "organisations.id", "task_units.org_id")
    .select(["organisations.id", "organisations.name", "organisations.kind", "task_units.role"])
    .where("task_units.task_id", "=", taskId)
    .execute();

describe("importing the seed document", () => {
  it("creates the document, 7 sections, 23 measures and 23 tasks", async () => {
    const res = await upload(office, seedBytes(), { filename: "yingkou-talent-policy-2017.txt" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    documentId = body.document.id;
    expect(body.document).toMatchObject({
      title: "营口市关于进一步深化人才发展体制机制改革的实施意见",
      date: "2017-12-21",
      sectionCount: 7,
      measureCount: 23,
      reportPeriod: "quarterly",
      importedBy: { name: "王立新" },
    });
    expect(body.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.tasks).toBe(23);
    expect(body.warnings).toEqual([]);
    const tasks = await db().selectFrom("tasks").selectAll().where("document_id", "=", documentId).execute();
    expect(tasks).toHaveLength(23);
    expect(tasks.every((task) => task.status === "not_started" && task.progress === 0)).toBe(true);
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "policy.import")
      .where("object_id", "=", documentId)
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe("office");
  });

  it("merges aliases: 市发改委 and 市发展改革委 are one organisation", async () => {
    const m4 = await unitsOf(await taskOfMeasure(t, documentId, 4)); // names 市发改委
    const m13 = await unitsOf(await taskOfMeasure(t, documentId, 13)); // names 市发展改革委
    const fromM4 = m4.find((u) => u.name === "市发展改革委");
    const fromM13 = m13.find((u) => u.name === "市发展改革委");
    expect(fromM4).toBeDefined();
    expect(fromM4?.id).toBe(fromM13?.id);
    const named = await db()
      .selectFrom("organisations")
      .select("name")
      .where("name", "in", ["市发改委", "市发展改革委"])
      .execute();
    expect(named.map((o) => o.name)).toEqual(["市发展改革委"]);
  });

  it("reuses existing organisations, and creates the others with the right kind", async () => {
    const m1 = await unitsOf(await taskOfMeasure(t, documentId, 1));
    expect(m1.find((u) => u.role === "lead")?.id).toBe(await t.orgId("市人力资源社会保障局"));
    const byName = async (name: string) =>
      db().selectFrom("organisations").select(["kind"]).where("name", "=", name).executeTakeFirstOrThrow();
    expect((await byName("营口理工学院")).kind).toBe("agency");
    expect((await byName("中国(辽宁)自由贸易试验区营口片区")).kind).toBe("agency");
    expect((await byName("团市委")).kind).toBe("party_gov");
    expect((await byName("市编委办")).kind).toBe("party_gov");
    // No accounts were made for them.
    const users = await db()
      .selectFrom("users")
      .innerJoin("organisations", "organisations.id", "users.org_id")
      .select("users.id")
      .where("organisations.name", "=", "营口理工学院")
      .execute();
    expect(users).toEqual([]);
  });

  it("keeps group units as text on the task, never as organisations", async () => {
    const task3 = (await office.get(`/api/tasks/${await taskOfMeasure(t, documentId, 3)}`)).json();
    expect(task3.groupUnits).toEqual(["各相关部门"]);
    expect(task3.responsible.map((u: { name: string }) => u.name)).toEqual(["市民政局"]);
    const task20 = (await office.get(`/api/tasks/${await taskOfMeasure(t, documentId, 20)}`)).json();
    expect(task20.groupUnits).toEqual(["市人才工作领导小组成员单位"]);
    expect(task20.lead.map((u: { name: string }) => u.name)).toEqual(["市委组织部"]);
    const groups = await db()
      .selectFrom("organisations")
      .select("name")
      .where("name", "in", ["各相关部门", "市人才工作领导小组成员单位"])
      .execute();
    expect(groups).toEqual([]);
  });

  it("lists a task's units in the order the document names them", async () => {
    const task1 = (await office.get(`/api/tasks/${await taskOfMeasure(t, documentId, 1)}`)).json();
    expect(task1.lead.map((u: { name: string }) => u.name)).toEqual(["市人力资源社会保障局"]);
    // As written: 市编委办、市工信委、市农委、市民政局、市国资委、市科技局、市政府办公室(法制办)
    expect(task1.responsible.map((u: { name: string }) => u.name)).toEqual([
      "市编委办",
      "市工信委",
      "市农委",
      "市民政局",
      "市国资委",
      "市科技局",
      "市政府办公室(法制办)",
    ]);
    const task2 = (await office.get(`/api/tasks/${await taskOfMeasure(t, documentId, 2)}`)).json();
    expect(task2.lead.map((u: { name: string }) => u.name)).toEqual(["市人力资源社会保障局", "市编委办"]);
  });

  it("refuses the same text again with 409, whatever its line endings or file name", async () => {
    const before = await count("tasks");
    const again = await upload(office, seedBytes(), { filename: "copy.txt" });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "POLICY_ALREADY_IMPORTED", existingDocumentId: documentId });
    const crlf = await upload(office, Buffer.from(seedBytes().toString("utf8").replace(/\n/g, "\r\n")));
    expect(crlf.statusCode).toBe(409);
    expect(await count("tasks")).toBe(before);
  });
});

describe("bad uploads", () => {
  it("a document with no measures is a bilingual 422 and imports nothing", async () => {
    const before = [await count("policy_documents"), await count("organisations")];
    const res = await upload(office, "关于做好人才工作的通知\n\n各单位要高度重视人才工作。");
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      code: "POLICY_NO_MEASURES",
      message: { zh: expect.stringContaining("未能识别"), en: expect.stringContaining("No policy measures") },
      errors: [{ path: "/contentBase64" }],
    });
    expect([await count("policy_documents"), await count("organisations")]).toEqual(before);
  });

  it("answers malformed bodies with 400/422 field errors, never 500", async () => {
    const extra = await office.post("/api/policy/documents", {
      filename: "a.txt",
      contentBase64: "YQ==",
      x: 1,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors).toContainEqual(expect.objectContaining({ path: "/x" }));
    const missing = await office.post("/api/policy/documents", { filename: "a.txt" });
    expect(missing.statusCode).toBe(400);
    const notBase64 = await office.post("/api/policy/documents", {
      filename: "a.txt",
      contentBase64: "这不是base64",
    });
    expect(notBase64.statusCode).toBe(422);
    expect(notBase64.json()).toMatchObject({
      code: "POLICY_FILE_INVALID",
      errors: [{ path: "/contentBase64" }],
    });
    const period = await office.post("/api/policy/documents", {
      filename: "a.txt",
      contentBase64: "YQ==",
      reportPeriod: "weekly",
    });
    expect(period.statusCode).toBe(400);
  });

  it("refuses files over 2 MB", async () => {
    // Too long for the schema's base64 limit: 400 naming the field.
    const big = await upload(office, Buffer.alloc(2 * 1024 * 1024 + 10, "人"));
    expect(big.statusCode).toBe(400);
    expect(big.json().errors).toContainEqual(expect.objectContaining({ path: "/contentBase64" }));
    // One byte over 2 MiB still fits the base64 limit; the decoded size is refused with a 422.
    const justOver = await upload(office, Buffer.alloc(2 * 1024 * 1024 + 1, "a"));
    expect(justOver.statusCode).toBe(422);
    expect(justOver.json()).toMatchObject({
      code: "POLICY_FILE_INVALID",
      errors: [{ path: "/contentBase64" }],
    });
    expect(await count("policy_documents")).toBe(1);
  });

  it("reads GB18030 uploads", async () => {
    const gb = readFileSync(new URL("../fixtures/policies/gaizhou-gb18030.txt", import.meta.url));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gb)).toThrow();
    const res = await upload(office, gb, { filename: "gaizhou.txt" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      document: { title: "盖州市关于加强人才工作的若干措施", measureCount: 2 },
      groupUnits: ["各有关单位"],
    });
    expect(res.json().createdOrganisations.map((o: { name: string }) => o.name)).toEqual([
      "市住房城乡建设局",
    ]);
  });
});

describe("reading documents and measures", () => {
  it("previews a parse without storing anything", async () => {
    const before = await count("policy_documents");
    const res = await office.post("/api/policy/parse", {
      filename: "seed.txt",
      contentBase64: seedBytes().toString("base64"),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["date", "issuer", "sections", "title", "warnings"]);
    expect(Object.keys(body.sections[1].measures[0]).sort()).toEqual([
      "due",
      "lead",
      "no",
      "responsible",
      "text",
      "title",
    ]);
    expect(await count("policy_documents")).toBe(before);
  });

  it("lists documents and shows one with its sections, measures and resolved units", async () => {
    const hrss = await t.login("hrss");
    const list = (await hrss.get("/api/policy/documents")).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(documentId);
    const detail = (await hrss.get(`/api/policy/documents/${documentId}`)).json();
    expect(detail.sections).toHaveLength(7);
    expect(detail.sections.flatMap((s: { measures: unknown[] }) => s.measures)).toHaveLength(23);
    const m4 = detail.sections[1].measures[3];
    expect(m4.leadNames).toEqual(["中国(辽宁)自由贸易试验区营口片区", "辽宁(营口)沿海产业基地"]);
    expect(m4.responsibleNames).toContain("市发改委");
    expect(m4.responsible.map((u: { name: string }) => u.name)).toContain("市发展改革委");
    expect(m4.taskId).toBe(await taskOfMeasure(t, documentId, 4));
    const measure = (await hrss.get(`/api/policy/measures/${m4.id}`)).json();
    expect(measure).toMatchObject({ measure: { no: 4 }, section: { no: 2 }, document: { id: documentId } });
    expect((await hrss.get("/api/policy/documents/NOPE")).statusCode).toBe(404);
    expect((await hrss.get("/api/policy/measures/NOPE")).statusCode).toBe(404);
    expect((await (await t.login("employer")).get(`/api/policy/documents/${documentId}`)).statusCode).toBe(
      403,
    );
  });

  it("the talent office sets a document's report period", async () => {
    const res = await office.patch(`/api/policy/documents/${documentId}`, { reportPeriod: "monthly" });
    expect(res.statusCode).toBe(200);
    expect(res.json().reportPeriod).toBe("monthly");
    const task = (await office.get(`/api/tasks/${await taskOfMeasure(t, documentId, 1)}`)).json();
    expect(task.reportPeriod).toBe("monthly");
    await office.patch(`/api/policy/documents/${documentId}`, { reportPeriod: "quarterly" });
  });
});

describe("unit aliases", () => {
  it("lists the default aliases with the organisation each resolves to", async () => {
    const items = (await office.get("/api/policy/aliases")).json().items as {
      alias: string;
      canonicalName: string;
      organisation: { id: string } | null;
    }[];
    const rs = items.find((a) => a.alias === "市人社局");
    expect(rs).toMatchObject({ canonicalName: "市人力资源社会保障局" });
    expect(rs?.organisation?.id).toBe(await t.orgId("市人力资源社会保障局"));
    expect(items.find((a) => a.alias === "市卫健委")?.canonicalName).toBe("市卫生计生委");
  });

  it("a new alias is used by the next import; removing it stops that", async () => {
    const added = await office.post("/api/policy/aliases", {
      alias: "市科学技术委员会",
      canonicalName: "市科技局",
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().organisation.id).toBe(await t.orgId("市科技局"));
    const { taskIds } = await importTasks(t, "鲅鱼圈区人才政策（试行）", [
      { title: "别名测试", lead: ["市科学技术委员会"], responsible: ["市人社局"] },
    ]);
    const units = await unitsOf(taskIds[0]!);
    expect(units.map((u) => [u.name, u.role]).sort()).toEqual([
      ["市人力资源社会保障局", "responsible"],
      ["市科技局", "lead"],
    ]);

    expect(
      (await office.post("/api/policy/aliases", { alias: "市科学技术委员会", canonicalName: "市科技局" }))
        .statusCode,
    ).toBe(409);
    const chain = await office.post("/api/policy/aliases", {
      alias: "科委",
      canonicalName: "市科学技术委员会",
    });
    expect(chain.statusCode).toBe(422);
    expect(chain.json().errors).toContainEqual(expect.objectContaining({ path: "/canonicalName" }));
    const self = await office.post("/api/policy/aliases", { alias: "市科技局", canonicalName: "市科技局" });
    expect(self.statusCode).toBe(422);

    const id = added.json().id as string;
    expect((await office.request("DELETE", `/api/policy/aliases/${id}`)).statusCode).toBe(204);
    expect((await office.request("DELETE", `/api/policy/aliases/${id}`)).statusCode).toBe(404);
    const { taskIds: later } = await importTasks(t, "老边区人才政策（试行）", [
      { title: "别名删除后", lead: ["市科学技术委员会"] },
    ]);
    expect((await unitsOf(later[0]!)).map((u) => u.name)).toEqual(["市科学技术委员会"]);
  });

  it("only the talent office edits aliases", async () => {
    const hrss = await t.login("hrss");
    expect((await hrss.get("/api/policy/aliases")).statusCode).toBe(200);
    expect((await hrss.post("/api/policy/aliases", { alias: "甲", canonicalName: "乙乙" })).statusCode).toBe(
      403,
    );
  });
});

describe("the CLI", () => {
  const run = promisify(execFile);
  it("`rencai policy parse --json` prints the structure; a document without measures exits 1", async () => {
    if (testDbKind() !== "sqlite") return; // no database involved; one run is enough
    const { stdout } = await run("npx", [
      "tsx",
      "src/server/main.ts",
      "policy",
      "parse",
      SEED_PATH,
      "--json",
    ]);
    const parsed = JSON.parse(stdout);
    expect(parsed.sections.flatMap((s: { measures: unknown[] }) => s.measures)).toHaveLength(23);
    const failed = await run("npx", ["tsx", "src/server/main.ts", "policy", "parse", "package.json"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect("code" in failed ? failed.code : 0).toBe(1);
    expect(failed.stderr).toContain("未能识别出任何政策措施条目");
    expect(failed.stderr).toContain("No policy measures were recognised");
  }, 60_000);

  it("`rencai policy import` imports into the configured database and refuses a second import", async () => {
    if (testDbKind() !== "sqlite") return;
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "rencai-cli-"));
    try {
      const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, "db.sqlite")}` };
      const first = await run("npx", ["tsx", "src/server/main.ts", "policy", "import", SEED_PATH], { env });
      expect(first.stdout).toMatch(/7 sections, 23 measures, 23 tasks/);
      expect(first.stdout).toContain("各相关部门");
      const second = await run("npx", ["tsx", "src/server/main.ts", "policy", "import", SEED_PATH], {
        env,
      }).catch((e: { code: number; stderr: string }) => e);
      expect("code" in second ? second.code : 0).toBe(1);
      expect(second.stderr).toContain("已导入");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
