import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemoPolicy } from "../../src/server/demo/demo.js";
import { purgeArticleVisits } from "../../src/server/jobs/definitions/portal-visits-purge.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { pdfBytes, uploadedId } from "../harness/files.js";
import { publishArticle, viewsOnPage } from "../harness/portal.js";

const HOUR = 3_600_000;
let t: TestApp;
let office: TestClient;

beforeAll(async () => {
  // Friday 2026-11-27, 10:00 in China.
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
  await seedDemoPolicy(t.rt.deps.database, t.rt.services);
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});
// Tests move the clock by hours: a fresh editor session for each.
beforeEach(async () => {
  office = await t.login("office");
});

const browser = (ua = "Mozilla/5.0 (portal test)") => {
  const client = t.anonymous();
  return (url: string) => client.request("GET", url, undefined, { "user-agent": ua });
};

async function seedArticleId(): Promise<string> {
  const row = await t.rt.deps.database.db
    .selectFrom("portal_articles")
    .select("id")
    .where("policy_document_id", "is not", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("portal pages", () => {
  it("home: today's date in Chinese, every column, the latest items, no admin bundle", async () => {
    const res = await t.anonymous().get("/portal");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("今天是2026年11月27日 星期五");
    for (const name of ["人才政策", "就业政策", "通知公告", "公示公告", "办事指南"])
      expect(res.body).toContain(name);
    expect(res.body).toContain("营口市关于进一步深化人才发展体制机制改革的实施意见");
    expect(res.body).toContain("2026年度营口市高层次人才拟认定人选公示");
    expect(res.body).not.toMatch(/<script(?![^>]*src="\/portal\/assets\/portal\.js")/);
    expect(res.body).not.toContain("/assets/index");
    // The CSP allows no inline script, and the page needs none.
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("the seed policy is the first article of 人才政策, with breadcrumb and its parsed structure", async () => {
    const column = await t.anonymous().get("/portal/columns/talent-policy");
    expect(column.statusCode).toBe(200);
    const first = /<ul class="list"><li><a href="\/portal\/articles\/([0-9A-Z]+)">/.exec(column.body);
    expect(first?.[1]).toBe(await seedArticleId());
    const page = await t.anonymous().get(`/portal/articles/${first![1]}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /<a href="\/portal">首页<\/a> <span aria-hidden="true">&gt;&gt;<\/span> <a href="\/portal\/columns\/talent-policy">人才政策<\/a> <span aria-hidden="true">&gt;&gt;<\/span> <span aria-current="page">正文<\/span>/,
    );
    expect(page.body).toContain('<h1 id="h-title">营口市关于进一步深化人才发展体制机制改革的实施意见</h1>');
    expect(page.body).toContain("2017-12-21 08:49");
    expect(page.body).toContain("政策结构");
    expect(page.body).toContain("转变政府人才管理职能");
    expect(page.body).toContain("牵头：");
    // The page chrome of the copied web page is not part of the article.
    expect(page.body).not.toContain("所在位置: 首页");
  });

  it("a missing, unpublished or malformed article is a friendly 404 page", async () => {
    for (const url of [
      "/portal/articles/NOPE",
      "/portal/articles/%3Cscript%3E",
      "/portal/columns/nope",
      "/portal/nothing/here",
    ]) {
      const res = await t.anonymous().get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain("页面不存在");
      expect(res.body).toContain('<a href="/portal">返回首页</a>');
      expect(res.body).not.toContain("<script>");
    }
  });

  it("serves its own small stylesheet and script with caching", async () => {
    const css = await t.anonymous().get("/portal/assets/portal.css");
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toContain("text/css");
    expect(css.body.length).toBeLessThan(20_000);
    const again = await t.anonymous().request("GET", "/portal/assets/portal.css", undefined, {
      "if-none-match": String(css.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect((await t.anonymous().get("/portal/assets/portal.js")).headers["content-type"]).toContain(
      "javascript",
    );
  });
});

describe("view counting", () => {
  it("counts a visitor once per hour per article, and the count is stored", async () => {
    const id = await seedArticleId();
    const alice = browser("Alice's browser");
    const before = viewsOnPage((await alice(`/portal/articles/${id}`)).body);
    expect(viewsOnPage((await alice(`/portal/articles/${id}`)).body)).toBe(before);
    expect(viewsOnPage((await alice(`/portal/articles/${id}`)).body)).toBe(before);
    // Another visitor counts.
    expect(viewsOnPage((await browser("Bob's browser")(`/portal/articles/${id}`)).body)).toBe(before + 1);
    // Alice again after an hour counts again.
    t.clock.advance(HOUR + 1000);
    expect(viewsOnPage((await alice(`/portal/articles/${id}`)).body)).toBe(before + 2);
    const row = await t.rt.deps.database.db
      .selectFrom("portal_articles")
      .select("view_count")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.view_count).toBe(before + 2);
  });

  it("the hourly purge forgets visits over an hour old and keeps the counts", async () => {
    const db = t.rt.deps.database.db;
    const id = await seedArticleId();
    await browser("Dave's browser")(`/portal/articles/${id}`);
    const count = async () =>
      (
        await db
          .selectFrom("portal_articles")
          .select("view_count")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).view_count;
    const before = await count();
    t.clock.advance(HOUR + 1000);
    await browser("Erin's browser")(`/portal/articles/${id}`);
    const silent = { info: () => {}, warn: () => {}, error: () => {} };
    await purgeArticleVisits.handler(
      {},
      { deps: t.rt.deps, services: t.rt.services, config: t.rt.config, log: silent },
    );
    const visitors = await db.selectFrom("portal_article_visits").select("counted_at").execute();
    const cutoff = new Date(t.clock.now().getTime() - HOUR).toISOString();
    expect(visitors.length).toBeGreaterThan(0);
    expect(visitors.every((v) => v.counted_at > cutoff)).toBe(true);
    expect(await count()).toBe(before + 1);
  });

  it("simultaneous first visits of one visitor count once", async () => {
    const id = await seedArticleId();
    const before = (
      await t.rt.deps.database.db
        .selectFrom("portal_articles")
        .select("view_count")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).view_count;
    const carol = browser("Carol's browser");
    await Promise.all(Array.from({ length: 8 }, () => carol(`/portal/articles/${id}`)));
    const after = (
      await t.rt.deps.database.db
        .selectFrom("portal_articles")
        .select("view_count")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).view_count;
    expect(after).toBe(before + 1);
  });
});

describe("editing and publication windows", () => {
  it("a draft, a scheduled article and an expired one are not public; withdrawal takes it down", async () => {
    const created = await office.post("/api/portal/articles", {
      column: "notices",
      title: "关于延长人才公寓申请期限的通知",
      source: "市住房城乡建设局",
      bodyHtml: "<p>人才公寓申请期限延长至12月31日。</p>",
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().article.id as string;
    expect(created.json().article).toMatchObject({ status: "draft", phase: "draft" });
    expect((await t.anonymous().get(`/portal/articles/${id}`)).statusCode).toBe(404);

    const start = t.clock.now().getTime();
    const publishAt = new Date(start + 2 * HOUR).toISOString();
    const expiresAt = new Date(start + 5 * HOUR).toISOString();
    const scheduled = await office.post(`/api/portal/articles/${id}/publish`, { publishAt, expiresAt });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json().article).toMatchObject({
      status: "published",
      phase: "scheduled",
      publishAt,
      expiresAt,
    });
    expect((await t.anonymous().get(`/portal/articles/${id}`)).statusCode).toBe(404);
    expect((await t.anonymous().get("/portal/columns/notices")).body).not.toContain("人才公寓");

    t.clock.advance(2 * HOUR);
    expect((await t.anonymous().get(`/portal/articles/${id}`)).statusCode).toBe(200);
    expect((await t.anonymous().get("/portal/columns/notices")).body).toContain("人才公寓");
    t.clock.advance(3 * HOUR);
    expect((await t.anonymous().get(`/portal/articles/${id}`)).statusCode).toBe(404);

    const officeNow = await t.login("office");
    const again = await officeNow.post(`/api/portal/articles/${id}/publish`, {});
    expect(again.json().article.phase).toBe("live");
    expect((await t.anonymous().get(`/portal/articles/${id}`)).statusCode).toBe(200);
    const withdrawn = await officeNow.post(`/api/portal/articles/${id}/withdraw`);
    expect(withdrawn.json().article).toMatchObject({ status: "withdrawn", phase: "withdrawn" });
    expect((await t.anonymous().get(`/portal/articles/${id}`)).statusCode).toBe(404);
    expect((await officeNow.post(`/api/portal/articles/${id}/withdraw`)).statusCode).toBe(409);
    office = officeNow;
  });

  it("refuses bad content field by field, and an end before the start", async () => {
    const res = await office.post("/api/portal/articles", {
      column: "notices",
      title: " ",
      source: "",
      bodyHtml: "<script>alert(1)</script>",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      "/title",
      "/source",
      "/bodyHtml",
    ]);
    const id = await publishArticle(office, { title: "窗口测试", bodyHtml: "<p>正文</p>" });
    const bad = await office.post(`/api/portal/articles/${id}/publish`, {
      publishAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString(),
      expiresAt: new Date(t.clock.now().getTime() + HOUR).toISOString(),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("/expiresAt");
  });

  it("pinned articles come first in their column", async () => {
    const id = await publishArticle(office, {
      title: "置顶测试：人才驿站开放时间",
      bodyHtml: "<p>每周一至周五开放。</p>",
    });
    const pin = await office.post(`/api/portal/articles/${id}/pin`, { pinned: true });
    expect(pin.json().article.pinned).toBe(true);
    const body = (await t.anonymous().get("/portal/columns/notices")).body;
    expect(body.indexOf("置顶测试")).toBeLessThan(
      body.indexOf("关于开展2026年度营口市高层次人才认定工作的通知"),
    );
  });
});

describe("service guide (办事指南)", () => {
  it("lists the published catalogue and shows an item with conditions, materials, steps, time limit, fee and basis", async () => {
    const list = await t.anonymous().get("/portal/guide");
    expect(list.statusCode).toBe(200);
    const items = [...list.body.matchAll(/<a href="\/portal\/guide\/([^"]+)">([^<]+)<\/a>/g)];
    expect(items.length).toBeGreaterThan(0);
    const [, code, name] = items[0]!;
    const page = await t.anonymous().get(`/portal/guide/${code}`);
    expect(page.statusCode).toBe(200);
    for (const term of [
      "申请条件",
      "申请材料",
      "办理流程",
      "承诺时限",
      "收费标准",
      "设定依据",
      "政策条款",
      "我要申报",
    ])
      expect(page.body).toContain(term);
    expect(page.body).toContain(`<h1 id="h-title">${name}</h1>`);
    const search = await t.anonymous().get(`/portal/search?q=${encodeURIComponent(name!)}`);
    expect(search.body).toContain(`href="/portal/guide/${code}"`);
    expect((await t.anonymous().get("/portal/guide/NO-SUCH-ITEM")).statusCode).toBe(404);
  });
});

describe("attachments", () => {
  it("an editor attaches uploaded files; the public downloads them only while the article is public", async () => {
    const fileId = await uploadedId(office, "申报表.pdf", pdfBytes());
    const created = await office.post("/api/portal/articles", {
      column: "notices",
      title: "附件测试：人才公寓申请表",
      source: "市委组织部",
      bodyHtml: "<p>请下载附件中的申请表。</p>",
      attachmentIds: [fileId],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().attachments).toMatchObject([{ id: fileId, filename: "申报表.pdf" }]);
    const id = created.json().article.id as string;
    // A draft's attachment is not public.
    expect((await t.anonymous().get(`/portal/files/${fileId}`)).statusCode).toBe(404);
    await office.post(`/api/portal/articles/${id}/publish`, {});
    const page = await t.anonymous().get(`/portal/articles/${id}`);
    expect(page.body).toContain(`<a href="/portal/files/${fileId}" download>申报表.pdf</a>`);
    const download = await t.anonymous().get(`/portal/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.rawPayload.equals(pdfBytes())).toBe(true);
    // Signed-in users reach it through the file store too (the attachment kind).
    expect((await (await t.login("talent")).get(`/api/files/${fileId}`)).statusCode).toBe(200);
    // A file already attached cannot be attached to a second article.
    const twice = await office.post("/api/portal/articles", {
      column: "notices",
      title: "重复附件",
      source: "市委组织部",
      bodyHtml: "<p>正文</p>",
      attachmentIds: [fileId],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0].path).toBe("/attachmentIds/0");
    await office.post(`/api/portal/articles/${id}/withdraw`);
    expect((await t.anonymous().get(`/portal/files/${fileId}`)).statusCode).toBe(404);
  });
});

describe("sanitising rich text", () => {
  it("no script, event handler or javascript: URL survives, on save or on the page", async () => {
    const id = await publishArticle(office, {
      title: "富文本过滤测试",
      bodyHtml: `<p onclick="steal()">正文<b>加粗</b></p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a><a href="JaVaScRiPt:alert(4)">链接2</a><iframe src="https://evil.example"></iframe><svg onload="alert(5)"></svg><p style="background:url(javascript:alert(6))">样式</p><a href="https://rencai.example.gov.cn/x">外链</a><table><tr><td colspan="2">表格</td></tr></table>`,
    });
    const stored = (await office.get(`/api/portal/articles/${id}`)).json().bodyHtml as string;
    const page = (await t.anonymous().get(`/portal/articles/${id}`)).body;
    for (const html of [stored, page.slice(page.indexOf('<div class="body">'), page.indexOf("</article>"))]) {
      expect(html).not.toMatch(/<script|onerror|onclick|onload|javascript:|<iframe|<svg|style=/i);
      expect(html).toContain("<b>加粗</b>");
      expect(html).toContain('href="https://rencai.example.gov.cn/x"');
      expect(html).toContain('<td colspan="2">表格</td>');
    }
  });
});

const unmarked = (body: string) => body.replaceAll("<mark>", "").replaceAll("</mark>", "");

describe("Chinese search", () => {
  it("finds 人才 and 博士后 with highlights, never unpublished articles", async () => {
    const hidden = await office.post("/api/portal/articles", {
      column: "notices",
      title: "博士后草稿不应被搜到",
      source: "市委组织部",
      bodyHtml: "<p>博士后内部草稿。</p>",
    });
    expect(hidden.statusCode).toBe(201);
    const postdoc = await t.anonymous().get(`/portal/search?q=${encodeURIComponent("博士后")}`);
    expect(postdoc.statusCode).toBe(200);
    expect(postdoc.body).toContain("营口市<mark>博士后</mark>科研工作站建设资助办法");
    expect(postdoc.body).toContain("<mark>博士后</mark>");
    expect(postdoc.body).not.toContain("草稿不应被搜到");
    const talent = await t.anonymous().get(`/portal/search?q=${encodeURIComponent("人才")}`);
    expect(unmarked(talent.body)).toContain("营口市关于进一步深化人才发展体制机制改革的实施意见");
    expect(talent.body).toContain("<mark>人才</mark>");
    // Two words: both must occur.
    const both = await t.anonymous().get(`/portal/search?q=${encodeURIComponent("博士后 安家补贴")}`);
    expect(unmarked(both.body)).toContain("营口市博士后科研工作站建设资助办法");
    expect(unmarked(both.body)).not.toContain("关于组织申报2026年度博士后科研工作站的通知");
    const none = await t.anonymous().get(`/portal/search?q=${encodeURIComponent("量子纠缠")}`);
    expect(none.body).toContain("找到 0 条");
  });

  it("escapes the query everywhere it is shown", async () => {
    const res = await t
      .anonymous()
      .get(`/portal/search?q=${encodeURIComponent('<script>alert("q")</script>人才')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert("q")');
    expect(res.body).toContain("&lt;script&gt;");
  });

  it("an edited article is found by its new words and no longer by the old", async () => {
    const id = await publishArticle(office, {
      title: "人才驿站公告",
      bodyHtml: "<p>旧内容：海鲜大排档。</p>",
    });
    expect((await t.anonymous().get(`/portal/search?q=${encodeURIComponent("海鲜大排档")}`)).body).toContain(
      "人才驿站公告",
    );
    const edit = await office.put(`/api/portal/articles/${id}`, {
      column: "notices",
      title: "人才驿站公告",
      source: "市委组织部",
      bodyHtml: "<p>新内容：咖啡品鉴会。</p>",
    });
    expect(edit.statusCode).toBe(200);
    expect(
      (await t.anonymous().get(`/portal/search?q=${encodeURIComponent("海鲜大排档")}`)).body,
    ).not.toContain("人才驿站公告");
    expect((await t.anonymous().get(`/portal/search?q=${encodeURIComponent("咖啡品鉴")}`)).body).toContain(
      "人才驿站公告",
    );
  });
});

describe("policy import as an article", () => {
  it("imports a plain-text policy, links the article to the parsed document, and re-uses it on re-import", async () => {
    const text =
      "营口市人才安居工程实施办法\n\n一、总体要求\n\n(一)建设人才公寓。每年筹集人才公寓500套。\n牵头单位:市住房城乡建设局  责任单位:市财政局\n";
    const body = { filename: "anju.txt", contentBase64: Buffer.from(text).toString("base64") };
    const res = await office.post("/api/portal/articles/import-policy", body);
    expect(res.statusCode).toBe(201);
    const article = res.json().article;
    expect(article).toMatchObject({
      column: "talent-policy",
      title: "营口市人才安居工程实施办法",
      phase: "live",
    });
    expect(article.policyDocumentId).toBeTruthy();
    const page = await t.anonymous().get(`/portal/articles/${article.id}`);
    expect(page.body).toContain("建设人才公寓");
    expect(page.body).toContain("市住房城乡建设局");
    const again = await office.post("/api/portal/articles/import-policy", body);
    expect(again.statusCode).toBe(201);
    expect(again.json().article.policyDocumentId).toBe(article.policyDocumentId);
  });
});
