import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeUnattachedFiles } from "../../src/server/jobs/definitions/files-purge.js";
import type { JobContext } from "../../src/server/jobs/types.js";
import { SYSTEM_META } from "../../src/server/lib/context.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import {
  docxBytes,
  jpegBytes,
  pdfBytes,
  pngBytes,
  uploadedId,
  uploadFile,
  xlsxBytes,
  zipBytes,
} from "../harness/files.js";
import { importTasks } from "../harness/policy.js";

let t: TestApp;
let hrss: TestClient;
let leader: TestClient;
let finance: TestClient;
let science: TestClient;
let office: TestClient;
let talent: TestClient;
/** Led by 市人力资源社会保障局, shared by 市财政局; 市科技局 is not on it. */
let taskId: string;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const db = () => t.rt.deps.database.db;
const fileRow = (id: string) => db().selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
const bytesPath = (key: string) => join(t.rt.config.dataDir, "files", key.slice(0, 2), key);
const auditOf = (action: string, objectId: string) =>
  db()
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .where("object_id", "=", objectId)
    .orderBy("seq")
    .execute();

beforeAll(async () => {
  // 2026-11-27 10:00 in China.
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
  const imported = await importTasks(t, "附件测试政策", [
    { title: "建立人才档案", lead: ["市人力资源社会保障局"], responsible: ["市财政局"] },
  ]);
  taskId = imported.taskIds[0]!;
  hrss = await t.login("hrss");
  leader = await t.login("hrss_leader");
  finance = await t.login("finance");
  science = await t.login("science");
  office = await t.login("office");
  talent = await t.login("talent");
});
afterAll(async () => {
  await t?.close();
});

describe("upload and download", () => {
  const accepted = [
    { filename: "申报材料.pdf", bytes: pdfBytes(), mime: "application/pdf" },
    { filename: "证件照.png", bytes: pngBytes(), mime: "image/png" },
    { filename: "现场照片.JPG", bytes: jpegBytes(), mime: "image/jpeg" },
    {
      filename: "工作总结.docx",
      bytes: docxBytes(),
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    {
      filename: "统计表.xlsx",
      bytes: xlsxBytes(),
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  ];

  for (const { filename, bytes, mime } of accepted) {
    it(`accepts ${filename} and gives the same bytes back`, async () => {
      const res = await uploadFile(hrss, filename, bytes);
      expect(res.statusCode).toBe(201);
      const file = res.json();
      expect(file).toEqual({
        id: expect.any(String),
        filename,
        mime,
        size: bytes.length,
        sha256: sha256(bytes),
        createdAt: "2026-11-27T02:00:00.000Z",
      });

      const down = await hrss.get(`/api/files/${file.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.headers["content-type"]).toBe(mime);
      expect(down.headers["x-content-type-options"]).toBe("nosniff");
      expect(down.headers["cache-control"]).toBe("private, no-store");
      expect(down.headers["content-disposition"]).toContain(
        `filename*=UTF-8''${encodeURIComponent(filename)}`,
      );
      expect(Number(down.headers["content-length"])).toBe(bytes.length);
      expect(sha256(down.rawPayload)).toBe(file.sha256);
    });
  }

  it("names Chinese files in RFC 5987 form, and cleans the name it was given", async () => {
    const id = await uploadedId(hrss, "C:\\fakepath\\../2026年第四季度\u0000进度（终稿）.pdf");
    const down = await hrss.get(`/api/files/${id}`);
    expect(down.headers["content-disposition"]).toBe(
      `attachment; filename="2026___________.pdf"; filename*=UTF-8''${encodeURIComponent("2026年第四季度进度（终稿）.pdf")}`,
    );
    expect((await fileRow(id))?.filename).toBe("2026年第四季度进度（终稿）.pdf");
  });

  it("keeps the bytes under DATA_DIR/files/<shard>/<random key>, complete, with no temporary left", async () => {
    const bytes = pdfBytes();
    const id = await uploadedId(hrss, "存储.pdf", bytes);
    const row = (await fileRow(id))!;
    expect(row.storage_key).toMatch(/^[0-9a-f]{64}$/);
    expect(row).toMatchObject({
      owner_user_id: await t.userId("hrss"),
      owner_org_id: await t.orgId("市人力资源社会保障局"),
    });
    expect(existsSync(bytesPath(row.storage_key))).toBe(true);
    const shard = readdirSync(join(t.rt.config.dataDir, "files", row.storage_key.slice(0, 2)));
    expect(shard.filter((name) => name.startsWith("."))).toEqual([]);
    expect(t.rt.config.dataDir.startsWith(t.rt.config.webDir)).toBe(false);
  });

  it("judges by content: a renamed PNG, an executable, an empty or plain ZIP are refused with reasons", async () => {
    const renamed = await uploadFile(hrss, "扫描件.pdf", pngBytes());
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json()).toMatchObject({
      code: "FILE_TYPE_MISMATCH",
      errors: [{ path: "querystring:/filename" }],
    });
    expect(renamed.json().message.zh).toContain("PNG 图片");
    expect(renamed.json().message.zh).toContain(".png");
    expect(renamed.json().message.en).toContain("PNG image");

    const exe = await uploadFile(
      hrss,
      "setup.exe",
      Buffer.from("MZ\x90\x00\x03\x00\x00\x00 program", "latin1"),
    );
    expect(exe.statusCode).toBe(422);
    expect(exe.json().code).toBe("FILE_INVALID");
    expect(exe.json().message.en).toContain("Unsupported file type");
    // A real PDF in an .exe name is still refused: the name must agree with the content.
    expect((await uploadFile(hrss, "setup.exe", pdfBytes())).json().code).toBe("FILE_TYPE_MISMATCH");
    expect((await uploadFile(hrss, "无扩展名", pdfBytes())).statusCode).toBe(422);
    expect((await uploadFile(hrss, "压缩包.docx", zipBytes({ "a.txt": "x" }))).statusCode).toBe(422);

    const empty = await uploadFile(hrss, "空.pdf", Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().message.zh).toContain("文件为空");

    const huge = Buffer.alloc(21 * 1024 * 1024);
    pdfBytes().copy(huge);
    const tooLarge = await uploadFile(hrss, "大文件.pdf", huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers["content-type"]).toContain("application/problem+json");
    expect(tooLarge.json().code).toBe("BODY_TOO_LARGE");

    expect((await uploadFile(hrss, "/", pdfBytes())).statusCode).toBe(422);
    expect(
      (await hrss.request("POST", "/api/files", pdfBytes(), { "content-type": "application/octet-stream" }))
        .statusCode,
    ).toBe(400);
    // JSON is not a file upload.
    const json = await hrss.post("/api/files?filename=a.pdf", { contentBase64: "JVBERi0=" });
    expect(json.statusCode).toBe(415);
    // Nothing of the refused uploads was stored.
    const stored = await db().selectFrom("files").select("filename").execute();
    expect(stored.map((f) => f.filename)).not.toContain("扫描件.pdf");
  });

  it("other routes do not take raw bytes", async () => {
    const res = await hrss.request("POST", `/api/tasks/${taskId}/reports`, pdfBytes(), {
      "content-type": "application/octet-stream",
    });
    expect(res.statusCode).toBe(415);
  });

  it("officers upload, and talents and employers for application materials; others do not", async () => {
    expect((await uploadFile(leader, "a.pdf", pdfBytes())).statusCode).toBe(403);
    expect((await uploadFile(talent, "a.pdf", pdfBytes())).statusCode).toBe(201);
    expect((await uploadFile(t.anonymous(), "a.pdf", pdfBytes())).statusCode).toBe(401);
  });

  it("an unattached upload is its uploader's alone: everyone else gets 404, like an unknown id", async () => {
    const id = await uploadedId(hrss, "私人.pdf");
    for (const other of [science, finance, leader, office]) {
      const res = await other.get(`/api/files/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe("NOT_FOUND");
    }
    const unknown = await science.get("/api/files/01JNOSUCHFILE000000000000");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toEqual((await science.get(`/api/files/${id}`)).json().message);
    // A talent (an uploader of application materials) is told it does not exist either.
    expect((await talent.get(`/api/files/${id}`)).statusCode).toBe(404);
  });

  it("every upload and download, and every refused download, is audited", async () => {
    const id = await uploadedId(hrss, "审计.pdf");
    await hrss.get(`/api/files/${id}`);
    await science.get(`/api/files/${id}`);
    const [upload] = await auditOf("files.upload", id);
    expect(upload).toMatchObject({ actor_name: "hrss", object_type: "file", result: "ok" });
    expect(JSON.parse(upload!.detail!)).toMatchObject({ filename: "审计.pdf", mime: "application/pdf" });
    const downloads = await auditOf("files.download", id);
    expect(downloads.map((r) => [r.actor_name, r.result])).toEqual([
      ["hrss", "ok"],
      ["science", "denied"],
    ]);
  });

  it("a failed metadata insert leaves no bytes behind", async () => {
    const before = await db().selectFrom("files").select("id").execute();
    const countBytes = () =>
      readdirSync(join(t.rt.config.dataDir, "files"), { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      ).length;
    const bytesBefore = countBytes();
    // An actor whose user row does not exist: the insert violates the foreign key.
    const ghost = {
      userId: "NO-SUCH-USER",
      username: "ghost",
      displayName: "幽灵",
      orgId: await t.orgId("市人力资源社会保障局"),
      roles: [{ role: "officer" as const, orgId: await t.orgId("市人力资源社会保障局") }],
      mustChangePassword: false,
    };
    await expect(
      t.rt.services.files.upload(
        { actor: ghost, meta: SYSTEM_META },
        { filename: "幽灵.pdf", bytes: pdfBytes() },
      ),
    ).rejects.toThrow();
    expect(countBytes()).toBe(bytesBefore);
    expect(await db().selectFrom("files").select("id").execute()).toHaveLength(before.length);
  });
});

describe("progress report attachments", () => {
  let reportId: string;
  let first: string;
  let second: string;

  const submit = (client: TestClient, periodKey: string, attachmentIds: string[]) =>
    client.post(`/api/tasks/${taskId}/reports`, {
      periodKey,
      text: `${periodKey} 工作进展。`,
      attachmentIds,
    });

  it("a report carries its attachments in the author's order", async () => {
    first = await uploadedId(hrss, "档案目录.xlsx", xlsxBytes());
    second = await uploadedId(hrss, "工作照片.png", pngBytes());
    const res = await submit(hrss, "2026-Q4", [second, first]);
    expect(res.statusCode).toBe(201);
    reportId = res.json().id;
    expect(res.json().attachments).toEqual([
      { id: second, filename: "工作照片.png", mime: "image/png", size: pngBytes().length },
      {
        id: first,
        filename: "档案目录.xlsx",
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size: xlsxBytes().length,
      },
    ]);
    const listed = (await leader.get(`/api/tasks/${taskId}/reports`)).json().items;
    expect(listed[0].attachments.map((a: { id: string }) => a.id)).toEqual([second, first]);
    const queue = (await leader.get("/api/reports?status=submitted")).json().items;
    expect(queue.find((r: { id: string }) => r.id === reportId).attachments).toHaveLength(2);
  });

  it("whoever sees the task downloads them; another organisation gets 404", async () => {
    for (const reader of [leader, finance, office]) {
      const res = await reader.get(`/api/files/${first}`);
      expect(res.statusCode).toBe(200);
      expect(sha256(res.rawPayload)).toBe(sha256(xlsxBytes()));
    }
    expect((await science.get(`/api/files/${first}`)).statusCode).toBe(404);
    const rows = await auditOf("files.download", first);
    expect(rows.map((r) => `${r.actor_name}:${r.result}`)).toEqual([
      "hrss_leader:ok",
      "finance:ok",
      "office:ok",
      "science:denied",
    ]);
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ as: "attachment" });
  });

  it("refuses someone else's file, an unknown id, a file attached elsewhere and a repeat, by index", async () => {
    const theirs = await uploadedId(finance, "财政.pdf");
    const mine = await uploadedId(hrss, "补充.pdf");
    const res = await submit(hrss, "2026-Q3", [mine, theirs]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: "REPORT_INVALID",
      errors: [{ path: "/attachmentIds/1", message: { en: "No such file among your uploads" } }],
    });
    const other = await submit(hrss, "2026-Q3", ["NO-SUCH-FILE", first, mine, mine]);
    expect(other.json().errors.map((e: { path: string }) => e.path)).toEqual([
      "/attachmentIds/0",
      "/attachmentIds/1",
      "/attachmentIds/3",
    ]);
    expect(other.json().errors[1].message.en).toBe("This file is already attached elsewhere");
    // The refused report was not stored: the same period can still be reported.
    expect((await hrss.get(`/api/tasks/${taskId}/reports`)).json().items).toHaveLength(1);
    const tooMany = await submit(
      hrss,
      "2026-Q3",
      Array.from({ length: 11 }, (_, i) => `F${i}`),
    );
    expect(tooMany.statusCode).toBe(400);
    const ok = await submit(hrss, "2026-Q3", [mine]);
    expect(ok.statusCode).toBe(201);
    // Finance shares the task but cannot attach hrss's file to its own report either.
    const financeReport = await submit(finance, "2026-Q4", [first]);
    expect(financeReport.statusCode).toBe(422);
  });

  it("revising replaces the attachments; what is taken off is the uploader's again", async () => {
    const third = await uploadedId(hrss, "修订稿.docx", docxBytes());
    const res = await hrss.patch(`/api/tasks/${taskId}/reports/${reportId}`, {
      text: "修订后的进展。",
      attachmentIds: [first, third],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().attachments.map((a: { id: string }) => a.id)).toEqual([first, third]);
    expect((await leader.get(`/api/files/${second}`)).statusCode).toBe(404);
    expect((await hrss.get(`/api/files/${second}`)).statusCode).toBe(200);
    // Text only: the attachments stay.
    const textOnly = await hrss.patch(`/api/tasks/${taskId}/reports/${reportId}`, { text: "再次修订。" });
    expect(textOnly.json().attachments.map((a: { id: string }) => a.id)).toEqual([first, third]);
    const audit = await db()
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "tasks.report.revise")
      .where("object_id", "=", reportId)
      .orderBy("seq")
      .execute();
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ attachmentIds: [first, third] });
  });

  it("once approved, the attachments are locked with the report", async () => {
    const approved = await leader.post(`/api/tasks/${taskId}/reports/${reportId}/approve`, {});
    expect(approved.statusCode).toBe(200);
    const late = await uploadedId(hrss, "补交.pdf");
    const res = await hrss.patch(`/api/tasks/${taskId}/reports/${reportId}`, {
      text: "再次修订。",
      attachmentIds: [first, late],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("REPORT_LOCKED");
    const after = (await hrss.get(`/api/tasks/${taskId}/reports`)).json().items;
    expect(
      after.find((r: { id: string }) => r.id === reportId).attachments.map((a: { id: string }) => a.id),
    ).toEqual([first, expect.any(String)]);
    // Nor can they be moved to another report.
    expect((await submit(hrss, "2026-Q2", [first])).statusCode).toBe(422);
  });
});

describe("garbage collection", () => {
  it("files.purge removes uploads left unattached for a day, row and bytes, and keeps the rest", async () => {
    const attached = (await db().selectFrom("report_attachments").select("file_id").execute()).map(
      (r) => r.file_id,
    );
    expect(attached.length).toBeGreaterThan(0);
    const orphan = await uploadedId(hrss, "遗留.pdf");
    const orphanKey = (await fileRow(orphan))!.storage_key;
    const ctx: JobContext = {
      deps: t.rt.deps,
      services: t.rt.services,
      config: t.rt.config,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    };

    // Not yet a day old: kept.
    t.clock.advance(23 * 3600_000);
    await purgeUnattachedFiles.handler({}, ctx);
    expect(await fileRow(orphan)).toBeDefined();

    t.clock.advance(2 * 3600_000);
    hrss = await t.login("hrss"); // the old session has timed out meanwhile
    const fresh = await uploadedId(hrss, "新上传.pdf");
    await purgeUnattachedFiles.handler({}, ctx);
    expect(await fileRow(orphan)).toBeUndefined();
    expect(existsSync(bytesPath(orphanKey))).toBe(false);
    expect(await fileRow(fresh)).toBeDefined();
    for (const id of attached) {
      const row = (await fileRow(id))!;
      expect(existsSync(bytesPath(row.storage_key))).toBe(true);
    }
    expect((await hrss.get(`/api/files/${attached[0]}`)).statusCode).toBe(200);
    const purge = await db()
      .selectFrom("audit_log")
      .select(["actor_name", "detail"])
      .where("action", "=", "files.purge")
      .execute();
    expect(purge).toHaveLength(1);
    expect(purge[0]!.actor_name).toBe("system");
    expect(JSON.parse(purge[0]!.detail!).files.map((f: { id: string }) => f.id)).toContain(orphan);
  });
});
