import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../harness/app.js";
import { postForm } from "../harness/portal.js";
import { lodgeObjection, openNotice } from "../harness/publicity.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
});
afterAll(async () => {
  await t?.close();
});

// 11010519491231002X is the standard's example; its check digit is right.
const GOOD_TALENT = {
  realName: "赵晓雨",
  idNumber: "11010519491231002X",
  mobile: "138 1234 5678",
  username: "zhaoxiaoyu",
  password: "Rencai@Talent26",
  password2: "Rencai@Talent26",
};

const errorFor = (body: string, field: string) => {
  const m = new RegExp(`<p class="error" id="f-${field}-error">([^<]*)</p>`).exec(body);
  return m ? m[1] : null;
};

describe("registration", () => {
  it("shows the registration forms with labelled fields", async () => {
    const talent = await t.anonymous().get("/portal/register");
    expect(talent.statusCode).toBe(200);
    for (const id of ["realName", "idNumber", "mobile", "username", "password", "password2"])
      expect(talent.body).toContain(`<label for="f-${id}">`);
    const employer = await t.anonymous().get("/portal/register?type=employer");
    for (const id of ["orgName", "uscc", "contactName", "mobile"])
      expect(employer.body).toContain(`<label for="f-${id}">`);
  });

  it("every bad field gets its own message, and nothing is written", async () => {
    const res = await postForm(t.anonymous(), "/portal/register/talent", {
      realName: "",
      idNumber: "110105194912310021",
      mobile: "12345",
      username: "9bad",
      password: "short",
      password2: "other",
    });
    expect(res.statusCode).toBe(422);
    expect(errorFor(res.body, "realName")).toBe("请填写真实姓名");
    expect(errorFor(res.body, "idNumber")).toContain("身份证号码有误：校验码错误");
    expect(errorFor(res.body, "mobile")).toContain("手机号码有误");
    expect(errorFor(res.body, "username")).toContain("用户名须以字母开头");
    expect(errorFor(res.body, "password")).toContain("密码长度至少");
    expect(errorFor(res.body, "password2")).toBe("两次输入的密码不一致");
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('role="alert"');
    // What was typed is kept (except passwords), escaped.
    expect(res.body).toContain('value="110105194912310021"');
    expect(res.body).not.toContain('value="short"');
    expect(res.headers["set-cookie"]).toBeUndefined();
    const user = await t.rt.deps.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "9bad")
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it("a talent registers with a good ID number, is logged in and lands in their area", async () => {
    const bad = await postForm(t.anonymous(), "/portal/register/talent", {
      ...GOOD_TALENT,
      idNumber: "11010519491231002Y",
    });
    expect(bad.statusCode).toBe(422);
    expect(errorFor(bad.body, "idNumber")).toContain("身份证号码有误");
    expect(errorFor(bad.body, "realName")).toBeNull();

    const client = t.anonymous();
    const res = await postForm(client, "/portal/register/talent", GOOD_TALENT);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
    const me = await client.get("/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: "zhaoxiaoyu",
      displayName: "赵晓雨",
      org: { name: "个人用户" },
      roles: [{ role: "talent" }],
      mustChangePassword: false,
    });
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("action", "=", "portal.register.talent")
      .executeTakeFirstOrThrow();
    // The ID number is masked in the audit trail.
    expect(audit.detail).toContain("1101**********002X");
    expect(audit.detail).not.toContain("11010519491231002X");
    // The same username again is refused on its field.
    const again = await postForm(t.anonymous(), "/portal/register/talent", GOOD_TALENT);
    expect(again.statusCode).toBe(422);
    expect(errorFor(again.body, "username")).toContain("已被使用");
  });

  it("an employer registers with a valid credit code as a new organisation", async () => {
    const fields = {
      orgName: "营口海纳智能装备有限公司",
      uscc: "91210800MA0YK8C13X",
      contactName: "孙经理",
      mobile: "13912345678",
      username: "haina",
      password: "Yingkou@Equip26",
      password2: "Yingkou@Equip26",
    };
    const bad = await postForm(t.anonymous(), "/portal/register/employer", fields);
    expect(bad.statusCode).toBe(422);
    expect(errorFor(bad.body, "uscc")).toContain("统一社会信用代码有误");
    const taken = await postForm(t.anonymous(), "/portal/register/employer", {
      ...fields,
      uscc: "91210804MA0YK8C134",
    });
    expect(errorFor(taken.body, "uscc")).toBe("该统一社会信用代码已注册");

    const client = t.anonymous();
    const res = await postForm(client, "/portal/register/employer", {
      ...fields,
      uscc: "91210800MA0YK8C215",
    });
    expect(res.statusCode).toBe(303);
    const me = (await client.get("/api/auth/me")).json();
    expect(me).toMatchObject({ org: { name: "营口海纳智能装备有限公司" }, roles: [{ role: "employer" }] });
    const org = await t.rt.deps.database.db
      .selectFrom("organisations")
      .selectAll()
      .where("name", "=", "营口海纳智能装备有限公司")
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: "employer", uscc: "91210800MA0YK8C215", region_code: "210800" });
  });

  it("a foreign site cannot post the form (Origin check)", async () => {
    const res = await postForm(
      t.anonymous(),
      "/portal/register/talent",
      { ...GOOD_TALENT, username: "evilsite" },
      {
        origin: "https://evil.example",
      },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe("publicity page and objections by form", () => {
  it("shows the masked list and takes an objection; a missing reason is refused clearly; HTML is escaped", async () => {
    const id = await openNotice(t, await t.orgId("市委组织部"));
    const page = await t.anonymous().get(`/portal/publicity/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("王**");
    expect(page.body).toContain("欧阳**");
    expect(page.body).not.toContain("王立新");
    expect(page.body).toContain("公示期：2026-11-27 至 2026-12-03（7 天）");

    const missing = await postForm(t.anonymous(), `/portal/publicity/${id}/objections`, {
      name: "张三",
      contact: "13812345678",
      reason: "",
    });
    expect(missing.statusCode).toBe(422);
    expect(errorFor(missing.body, "reason")).toBe("请填写异议理由");

    const res = await postForm(t.anonymous(), `/portal/publicity/${id}/objections`, {
      name: "<b>张三</b>",
      contact: "13812345678",
      reason: '<script>alert("x")</script>材料不实',
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain("异议已提交");
    expect(res.body).not.toContain('<script>alert("x")');
    expect(res.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;材料不实");
    expect((await t.rt.services.publicity.stateOf(t.rt.deps.database.db, id)).openObjections).toBe(1);
    await lodgeObjection(t, id);
  });
});
