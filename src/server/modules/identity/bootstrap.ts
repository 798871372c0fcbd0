import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { ADMIN_ROLES, type Role } from "../../lib/authz.js";
import { conflict } from "../../lib/errors.js";
import type { UserService } from "./users.service.js";

// `rencai admin bootstrap`: the first system admin, security admin and auditor of a new (production)
// database, one account each (三权分立), with single-use initial passwords printed once at the
// console and a forced change at first login. Refused as soon as any admin account exists, so it
// can never be used to add or reset an administrator later.

export const BOOTSTRAP_ACCOUNTS: readonly { username: string; role: Role; displayName: string }[] = [
  { username: "sysadmin", role: "sysadmin", displayName: "系统管理员" },
  { username: "secadmin", role: "secadmin", displayName: "安全管理员" },
  { username: "auditor", role: "auditor", displayName: "安全审计员" },
];

export interface BootstrapDeps {
  db: Kysely<DB>;
  orgs: {
    create(
      op: null,
      input: {
        name: string;
        kind: "party_gov";
        shortName: null;
        parentId: null;
        regionCode: null;
        uscc: null;
      },
    ): Promise<{ id: string }>;
  };
  users: Pick<UserService, "create">;
}

export async function bootstrapAdmins(
  deps: BootstrapDeps,
  input: { orgName: string },
): Promise<{ username: string; role: Role; initialPassword: string }[]> {
  const existing = await deps.db
    .selectFrom("user_roles")
    .select("user_id")
    .where("role", "in", [...ADMIN_ROLES])
    .limit(1)
    .executeTakeFirst();
  if (existing)
    throw conflict("BOOTSTRAP_REFUSED", {
      zh: "已存在管理员账户，不能再次初始化；新增或重置管理员请由相应管理员在系统内办理",
      en: "Administrator accounts already exist; bootstrap runs only once, on an empty database",
    });
  const found = await deps.db
    .selectFrom("organisations")
    .select("id")
    .where("name", "=", input.orgName)
    .executeTakeFirst();
  const orgId =
    found?.id ??
    (
      await deps.orgs.create(null, {
        name: input.orgName,
        kind: "party_gov",
        shortName: null,
        parentId: null,
        regionCode: null,
        uscc: null,
      })
    ).id;
  const created = [];
  for (const account of BOOTSTRAP_ACCOUNTS) {
    const { initialPassword } = await deps.users.create(
      null,
      {
        username: account.username,
        displayName: account.displayName,
        orgId,
        roles: [{ role: account.role, orgId }],
      },
      { mustChangePassword: true },
    );
    // The platform itself creates these (op = null), so the password comes back to be printed once.
    if (initialPassword === null) throw new Error(`no initial password for ${account.username}`);
    created.push({ username: account.username, role: account.role, initialPassword });
  }
  return created;
}
