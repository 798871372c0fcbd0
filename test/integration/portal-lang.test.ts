import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoPolicy } from "../../src/server/demo/demo.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { postForm } from "../harness/portal.js";
import { openNotice } from "../harness/publicity.js";

// The portal in Chinese (default) and English: the 中文 / EN switch, the `lang` cookie, the labels of
// every page, field errors, and the article page cache kept apart per language.

let t: TestApp;

beforeAll(async () => {
  // Friday 2026-11-27, 10:00 in China.
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
  await seedDemoPolicy(t.rt.deps.database, t.rt.services);
});
afterAll(async () => {
  await t?.close();
});

/** A visitor who chose English with the switch. */
async function english(): Promise<TestClient> {
  const client = t.anonymous();
  const res = await client.get("/portal/lang/en?next=%2Fportal");
  expect(res.statusCode).toBe(303);
  expect(client.cookies.lang).toBe("en");
  return client;
}

async function seedArticleId(): Promise<string> {
  const row = await t.rt.deps.database.db
    .selectFrom("portal_articles")
    .select("id")
    .where("policy_document_id", "is not", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const errorFor = (body: string, field: string) => {
  const m = new RegExp(`<p class="error" id="f-${field}-error">([^<]*)</p>`).exec(body);
  return m ? m[1] : null;
};

describe("portal language", () => {
  it("is Chinese by default, with a 中文 / EN switch back to the same page", async () => {
    const res = await t.anonymous().get("/portal/columns/notices");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain("今天是2026年11月27日 星期五");
    expect(res.body).toContain("<h1>通知公告</h1>");
    expect(res.body).toContain('href="/portal/lang/en?next=%2Fportal%2Fcolumns%2Fnotices"');
    expect(res.body).toContain('href="/portal/lang/zh?next=%2Fportal%2Fcolumns%2Fnotices"');
    expect(res.body).not.toContain("Today is");
    // An unknown cookie value is Chinese too.
    const odd = await t.anonymous().request("GET", "/portal", undefined, { cookie: "lang=fr" });
    expect(odd.body).toContain('<html lang="zh-CN">');
  });

  it("the switch sets the cookie and goes back to a path on this site only", async () => {
    const client = t.anonymous();
    const res = await client.get(`/portal/lang/en?next=${encodeURIComponent("/portal/search?q=人才")}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/portal/search?q=%E4%BA%BA%E6%89%8D");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toMatch(/Max-Age=\d+/);
    const page = await client.get("/portal/search?q=人才");
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain("Today is Friday, 27 November 2026");

    for (const next of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example/",
      "/\t/evil.example/",
      "javascript:alert(1)",
      "portal",
      "",
    ]) {
      const other = t.anonymous();
      const r = await other.get(`/portal/lang/zh?next=${encodeURIComponent(next)}`);
      expect(r.statusCode, next).toBe(303);
      expect(r.headers.location, next).toBe("/portal");
      expect(other.cookies.lang).toBe("zh");
    }
    const none = await t.anonymous().get("/portal/lang/en");
    expect(none.headers.location).toBe("/portal");

    // Back to Chinese.
    const back = await client.get("/portal/lang/zh?next=%2Fportal");
    expect(back.headers.location).toBe("/portal");
    expect((await client.get("/portal")).body).toContain('<html lang="zh-CN">');

    // Only the two languages exist.
    const unknown = t.anonymous();
    const fr = await unknown.get("/portal/lang/fr?next=%2Fportal");
    expect(fr.statusCode).toBe(404);
    expect(unknown.cookies.lang).toBeUndefined();
  });

  it("English pages show English labels; content stays as written", async () => {
    const client = await english();
    const home = await client.get("/portal");
    expect(home.body).toContain('<html lang="en">');
    expect(home.body).toContain("Today is Friday, 27 November 2026");
    for (const label of [
      "Talent policy",
      "Employment policy",
      "Notices",
      "Publicity",
      "Service guide",
      "Sign in",
    ])
      expect(home.body).toContain(label);
    expect(home.body).toContain('aria-current="true">EN</a>');
    expect(home.body).toContain("营口市关于进一步深化人才发展体制机制改革的实施意见");
    expect(home.body).not.toContain("今天是");
    expect(home.body).not.toContain(">首页<");
    expect(home.body).not.toMatch(/<script(?![^>]*src="\/portal\/assets\/portal\.js")/);

    const search = await client.get(`/portal/search?q=${encodeURIComponent("人才")}`);
    expect(search.body).toMatch(/\d+ results for “人才”/);
    expect(search.body).toContain("<h1>Search</h1>");

    const guide = await client.get("/portal/guide");
    expect(guide.body).toContain("<h1>Service guide</h1>");
    expect(guide.body).not.toContain("办事指南</h1>");

    const register = await client.get("/portal/register?type=employer");
    expect(register.body).toContain("<h1>Employer registration</h1>");
    expect(register.body).toContain('<label for="f-uscc">Unified social credit code</label>');
    expect(register.body).toContain("Register and sign in");

    const missing = await client.get("/portal/articles/NOPE");
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("<h1>Page not found</h1>");
    expect(missing.body).toContain("This article does not exist");
    expect(missing.body).toContain('<html lang="en">');
  });

  it("the service guide item in English: labels translated, the item as written", async () => {
    const client = await english();
    const list = await client.get("/portal/guide");
    const items = [...list.body.matchAll(/<a href="\/portal\/guide\/([^"]+)">([^<]+)<\/a>/g)];
    expect(items.length).toBeGreaterThan(0);
    expect(list.body).toMatch(/Published talent services \(\d+\)/);
    expect(list.body).toContain("working days");
    const [, code, name] = items[0]!;
    const page = await client.get(`/portal/guide/${code}`);
    expect(page.statusCode).toBe(200);
    for (const term of [
      "Conditions",
      "Materials",
      "Steps",
      "Time limit",
      "Fee",
      "Legal basis",
      "Policy clauses",
      ">Apply<",
    ])
      expect(page.body).toContain(term);
    expect(page.body).toContain(`<h1 id="h-title">${name}</h1>`);
    for (const term of ["申请条件", "申请材料", "办理流程", "承诺时限", "收费标准", "我要申报", "个工作日"])
      expect(page.body).not.toContain(term);
    const zh = await t.anonymous().get(`/portal/guide/${code}`);
    expect(zh.body).toContain("申请条件");
    expect(zh.body).not.toContain("Legal basis");
  });

  it("registration errors come in the visitor's language", async () => {
    const bad = {
      realName: "",
      idNumber: "110105194912310021",
      mobile: "12345",
      username: "9bad",
      password: "short",
      password2: "other",
    };
    const zh = await postForm(t.anonymous(), "/portal/register/talent", bad);
    expect(zh.statusCode).toBe(422);
    expect(errorFor(zh.body, "realName")).toBe("请填写真实姓名");
    expect(zh.body).toContain("请修改以下 7 处问题");

    const client = await english();
    const en = await postForm(client, "/portal/register/talent", bad);
    expect(en.statusCode).toBe(422);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain("Please correct 7 problem(s):");
    expect(errorFor(en.body, "realName")).toBe("Give your real name");
    expect(errorFor(en.body, "idNumber")).toMatch(/^Resident ID: /);
    expect(errorFor(en.body, "mobile")).toMatch(/^Mobile number: /);
    expect(errorFor(en.body, "username")).toContain("The username must start with a letter");
    expect(errorFor(en.body, "password2")).toBe("The two passwords differ");
    for (const field of ["realName", "idNumber", "mobile", "username", "password", "password2"])
      expect(errorFor(en.body, field), field).not.toMatch(/[\u4e00-\u9fff]/);
    const short = await postForm(client, "/portal/register/talent", { ...bad, realName: "张" });
    expect(errorFor(short.body, "realName")).toContain("2–20 Chinese characters");
    // The switch on a refused form goes back to the form, not to the POST address.
    expect(en.body).toContain('href="/portal/lang/zh?next=%2Fportal%2Fregister%3Ftype%3Dtalent"');
  });

  it("the publicity page and its objection form in English", async () => {
    const org = await t.rt.deps.database.db
      .selectFrom("organisations")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const id = await openNotice(t, org.id);
    const client = await english();
    const page = await client.get(`/portal/publicity/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Lodge an objection");
    expect(page.body).toMatch(/Period: 2026-11-27 to 2026-12-03 \(7 days\)/);
    expect(page.body).toContain("2026年度营口市高层次人才认定结果公示");
    const refused = await postForm(client, `/portal/publicity/${id}/objections`, {
      name: "",
      contact: "",
      reason: "",
    });
    expect(refused.statusCode).toBe(422);
    expect(errorFor(refused.body, "name")).toBe("Give your name");
  });

  it("the cached article page never serves one language to the other", async () => {
    const id = await seedArticleId();
    const zhClient = t.anonymous();
    const enClient = await english();
    // Chinese first fills the cache; English must not get it, and the other way round.
    const zh1 = await zhClient.get(`/portal/articles/${id}`);
    const en1 = await enClient.get(`/portal/articles/${id}`);
    const zh2 = await zhClient.get(`/portal/articles/${id}`);
    const en2 = await enClient.get(`/portal/articles/${id}`);
    for (const zh of [zh1, zh2]) {
      expect(zh.body).toContain('<html lang="zh-CN">');
      expect(zh.body).toContain("政策结构");
      expect(zh.body).toMatch(/点击：<span class="views">\d+<\/span>/);
      expect(zh.body).not.toContain("Policy structure");
    }
    for (const en of [en1, en2]) {
      expect(en.body).toContain('<html lang="en">');
      expect(en.body).toContain("Policy structure");
      expect(en.body).toContain("Today is Friday, 27 November 2026");
      expect(en.body).toMatch(/Views: <span class="views">\d+<\/span>/);
      expect(en.body).toContain('<span aria-current="page">Article</span>');
      expect(en.body).not.toContain("政策结构");
      // The switch returns to the article itself, whoever filled the cache.
      expect(en.body).toContain(`href="/portal/lang/zh?next=%2Fportal%2Farticles%2F${id}"`);
    }
    // Content is as written in both.
    expect(en1.body).toContain("营口市关于进一步深化人才发展体制机制改革的实施意见");
  });
});
