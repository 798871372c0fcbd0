import type { Deps, RequestMeta, Trx } from "../../lib/context.js";
import { conflict, type FieldError, invalidFields } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { checkMobile, checkResidentId, checkUscc, maskIdNumber } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { checkPassword, hashPassword } from "../identity/password.js";
import { type IssuedSession, issueSession } from "../identity/session.service.js";
import { USERNAME_PATTERN } from "../identity/users.schema.js";
import type { SettingsService } from "../settings/settings.service.js";

// Self-registration from the portal: a talent (real name + 身份证 + mobile) joins the 个人用户
// organisation with the role talent; an employer (name + 统一社会信用代码 + contact) becomes a new
// employer organisation with its first account (role employer). Each bad field gets its own message;
// everything is written in one transaction, together with the first session, so the new user is
// logged in at once.

export interface TalentRegistration {
  username: string;
  realName: string;
  idNumber: string;
  mobile: string;
  password: string;
  password2: string;
}

export interface EmployerRegistration {
  username: string;
  orgName: string;
  uscc: string;
  contactName: string;
  mobile: string;
  password: string;
  password2: string;
}

/** What the talent registry may do with a new registrant, inside the registration's transaction. */
export interface RegistrationHooks {
  onTalentRegistered?(
    trx: Trx,
    input: {
      userId: string;
      realName: string;
      idNumber: string;
      mobile: string;
      birthDate: string;
      gender: "male" | "female";
    },
  ): Promise<void>;
  onEmployerRegistered?(
    trx: Trx,
    input: { orgId: string; userId: string; name: string; uscc: string; contactName: string; mobile: string },
  ): Promise<void>;
}

export interface Registered {
  userId: string;
  username: string;
  role: "talent" | "employer";
  session: IssuedSession;
}

const req = (path: string, zh: string, en: string): FieldError => ({ path, message: { zh, en } });

export function makeRegistrationService(
  deps: Deps,
  writeAudit: AuditWriter,
  settings: SettingsService,
  hooks: RegistrationHooks = {},
) {
  const db = deps.database.db;

  async function commonChecks(input: {
    username: string;
    mobile: string;
    password: string;
    password2: string;
  }) {
    const errors: FieldError[] = [];
    const username = input.username.trim().toLowerCase();
    if (username === "") errors.push(req("/username", "请填写登录用户名", "Choose a username"));
    else if (!new RegExp(USERNAME_PATTERN).test(username))
      errors.push(
        req(
          "/username",
          "用户名须以字母开头，由 3–32 位字母、数字、点、下划线或连字符组成",
          "The username must start with a letter and have 3–32 letters, digits, dots, underscores or hyphens",
        ),
      );
    else if (await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst())
      errors.push(
        req("/username", `用户名“${username}”已被使用，请换一个`, `The username "${username}" is taken`),
      );
    let mobile = "";
    if (input.mobile.trim() === "") errors.push(req("/mobile", "请填写手机号码", "Give your mobile number"));
    else {
      const m = checkMobile(input.mobile);
      if (m.ok) mobile = m.value;
      else
        errors.push({
          path: "/mobile",
          message: { zh: `手机号码有误：${m.reason.zh}`, en: `Mobile number: ${m.reason.en}` },
        });
    }
    const security = await settings.security();
    if (input.password === "") errors.push(req("/password", "请设置登录密码", "Choose a password"));
    else
      errors.push(
        ...checkPassword(
          input.password,
          { minLength: security.passwordMinLength, minClasses: security.passwordMinClasses },
          { username, path: "/password" },
        ),
      );
    if (input.password !== "" && input.password2 !== input.password)
      errors.push(req("/password2", "两次输入的密码不一致", "The two passwords differ"));
    return { errors, username, mobile, security };
  }

  async function createUser(
    trx: Trx,
    now: Date,
    user: { id: string; orgId: string; username: string; displayName: string; hash: string; role: string },
  ) {
    const at = now.toISOString();
    await trx
      .insertInto("users")
      .values({
        id: user.id,
        org_id: user.orgId,
        username: user.username,
        display_name: user.displayName,
        email: null,
        password_hash: user.hash,
        status: "active",
        must_change_password: 0,
        failed_attempts: 0,
        locked_until: null,
        password_changed_at: at,
        last_login_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto("user_roles")
      .values({ user_id: user.id, org_id: user.orgId, role: user.role })
      .execute();
  }

  /** A unique index settling a race between two registrations of the same name, code or username. */
  const raced = (error: unknown): never => {
    const text = error instanceof Error ? error.message : String(error);
    if (/unique|duplicate/i.test(text))
      throw conflict("REGISTRATION_RACE", {
        zh: "该用户名或单位已被注册，请刷新后重试",
        en: "This username or organisation has just been registered; reload and try again",
      });
    throw error;
  };

  return {
    async registerTalent(meta: RequestMeta, input: TalentRegistration): Promise<Registered> {
      const { errors, username, mobile, security } = await commonChecks(input);
      const realName = input.realName.trim();
      if (realName === "") errors.push(req("/realName", "请填写真实姓名", "Give your real name"));
      else if (!/^[\p{Script=Han}·•]{2,20}$|^[A-Za-z][A-Za-z .'-]{1,49}$/u.test(realName))
        errors.push(
          req(
            "/realName",
            "姓名应为 2–20 个汉字（少数民族姓名可含“·”）",
            "Give your name as on your ID card: 2–20 Chinese characters (“·” allowed) or 2–50 Latin letters",
          ),
        );
      const idNumber = input.idNumber.trim().toUpperCase();
      let identity: { birthDate: string; gender: "male" | "female" } | null = null;
      if (idNumber === "") errors.push(req("/idNumber", "请填写身份证号码", "Give your resident ID number"));
      else {
        const check = checkResidentId(idNumber, deps.clock.now());
        if (check.ok) identity = check.value;
        else
          errors.push({
            path: "/idNumber",
            message: { zh: `身份证号码有误：${check.reason.zh}`, en: `Resident ID: ${check.reason.en}` },
          });
      }
      if (errors.length > 0) throw invalidFields("REGISTRATION_INVALID", errors);
      const org = await db
        .selectFrom("organisations")
        .select("id")
        .where("kind", "=", "individuals")
        .orderBy("id")
        .executeTakeFirst();
      if (!org)
        throw conflict("REGISTRATION_CLOSED", {
          zh: "个人用户机构未配置，暂不能注册，请联系系统管理员",
          en: "The individuals organisation is missing; contact the administrator",
        });
      const hash = await hashPassword(input.password);
      const now = deps.clock.now();
      const userId = newId(now.getTime());
      const session = await db
        .transaction()
        .execute(async (trx) => {
          await createUser(trx, now, {
            id: userId,
            orgId: org.id,
            username,
            displayName: realName,
            hash,
            role: "talent",
          });
          await hooks.onTalentRegistered?.(trx, { userId, realName, idNumber, mobile, ...identity! });
          const who = { actor: { userId, username }, meta };
          await writeAudit(trx, who, {
            action: "portal.register.talent",
            objectType: "user",
            objectId: userId,
            detail: { username, orgId: org.id, idNumber: maskIdNumber(idNumber) },
          });
          const issued = await issueSession(trx, now, userId, meta, security);
          await writeAudit(trx, who, {
            action: "auth.login",
            objectType: "user",
            objectId: userId,
            detail: { via: "registration" },
          });
          return issued;
        })
        .catch(raced);
      return { userId, username, role: "talent", session };
    },

    async registerEmployer(meta: RequestMeta, input: EmployerRegistration): Promise<Registered> {
      const { errors, username, mobile, security } = await commonChecks(input);
      const orgName = input.orgName.trim();
      if (orgName === "") errors.push(req("/orgName", "请填写单位名称", "Give the organisation's name"));
      else if ([...orgName].length < 4 || [...orgName].length > 60)
        errors.push(
          req(
            "/orgName",
            "单位名称应为 4–60 个字，与营业执照一致",
            "Give the full registered name (4–60 characters)",
          ),
        );
      else if (
        await db.selectFrom("organisations").select("id").where("name", "=", orgName).executeTakeFirst()
      )
        errors.push(
          req(
            "/orgName",
            "该单位已注册，请由已有账户登录或联系系统管理员",
            "This organisation is already registered",
          ),
        );
      const uscc = input.uscc.trim().toUpperCase();
      let regionCode: string | null = null;
      if (uscc === "")
        errors.push(req("/uscc", "请填写统一社会信用代码", "Give the unified social credit code"));
      else {
        const check = checkUscc(uscc);
        if (!check.ok)
          errors.push({
            path: "/uscc",
            message: {
              zh: `统一社会信用代码有误：${check.reason.zh}`,
              en: `Credit code: ${check.reason.en}`,
            },
          });
        else if (
          await db.selectFrom("organisations").select("id").where("uscc", "=", uscc).executeTakeFirst()
        )
          errors.push(req("/uscc", "该统一社会信用代码已注册", "This credit code is already registered"));
        else regionCode = check.value.regionCode;
      }
      const contactName = input.contactName.trim();
      if (contactName === "")
        errors.push(req("/contactName", "请填写联系人姓名", "Give the contact person's name"));
      else if ([...contactName].length > 30)
        errors.push(req("/contactName", "联系人姓名不能超过 30 个字", "The contact name is too long"));
      if (errors.length > 0) throw invalidFields("REGISTRATION_INVALID", errors);
      const hash = await hashPassword(input.password);
      const now = deps.clock.now();
      const at = now.toISOString();
      const orgId = newId(now.getTime());
      const userId = newId(now.getTime());
      const session = await db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto("organisations")
            .values({
              id: orgId,
              parent_id: null,
              name: orgName,
              short_name: null,
              kind: "employer",
              region_code: regionCode,
              uscc,
              status: "active",
              created_at: at,
              updated_at: at,
            })
            .execute();
          await createUser(trx, now, {
            id: userId,
            orgId,
            username,
            displayName: contactName,
            hash,
            role: "employer",
          });
          await hooks.onEmployerRegistered?.(trx, {
            orgId,
            userId,
            name: orgName,
            uscc,
            contactName,
            mobile,
          });
          const who = { actor: { userId, username }, meta };
          await writeAudit(trx, who, {
            action: "portal.register.employer",
            objectType: "organisation",
            objectId: orgId,
            detail: { username, userId, name: orgName, uscc },
          });
          const issued = await issueSession(trx, now, userId, meta, security);
          await writeAudit(trx, who, {
            action: "auth.login",
            objectType: "user",
            objectId: userId,
            detail: { via: "registration" },
          });
          return issued;
        })
        .catch(raced);
      return { userId, username, role: "employer", session };
    },
  };
}
export type RegistrationService = ReturnType<typeof makeRegistrationService>;
