import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OrgKind } from "../../contracts/orgs.js";
import type { Database } from "../db/connect.js";
import type { Role } from "../lib/authz.js";
import { addDays, chinaDateOf } from "../lib/dates.js";
import type { Services } from "../services.js";
import { seedCalculator } from "./calculator.js";
import { seedEvaluation } from "./evaluation.js";
import { seedFunds } from "./funds.js";
import { seedHrAgencies } from "./hr-agencies.js";
import { seedPortal, seedPortalPolicyArticle } from "./portal.js";
import { seedRegistry } from "./registry.js";
import { linkServiceMeasures, seedServices } from "./services.js";

// Demo data for a first start: the city's talent office and three departments, an employer, an
// institute, and one account per role. Everything goes through the services, so it is audited.

export const DEMO_PASSWORD = "Rencai@2026";

interface DemoOrg {
  key: string;
  name: string;
  shortName?: string;
  kind: OrgKind;
  parent?: string;
  regionCode?: string;
  uscc?: string;
}

export const DEMO_ORGS: readonly DemoOrg[] = [
  { key: "city", name: "营口市", kind: "party_gov", regionCode: "210800" },
  {
    key: "office",
    name: "市委组织部",
    shortName: "人才办",
    kind: "party_gov",
    parent: "city",
    regionCode: "210800",
  },
  {
    key: "hrss",
    name: "市人力资源社会保障局",
    shortName: "市人社局",
    kind: "party_gov",
    parent: "city",
    regionCode: "210800",
  },
  { key: "science", name: "市科技局", kind: "party_gov", parent: "city", regionCode: "210800" },
  { key: "finance", name: "市财政局", kind: "party_gov", parent: "city", regionCode: "210800" },
  // The lead units of the measures' service items (seeds/services-measures.ts), named as the policy
  // names them so its import resolves to these; their officers (deptNN) come with the policy import.
  { key: "bianwei", name: "市编委办", kind: "party_gov", parent: "city", regionCode: "210800" },
  { key: "education", name: "市教育局", kind: "party_gov", parent: "city", regionCode: "210800" },
  { key: "sasac", name: "市国资委", kind: "party_gov", parent: "city", regionCode: "210800" },
  { key: "miit", name: "市工信委", kind: "party_gov", parent: "city", regionCode: "210800" },
  {
    key: "health",
    name: "市卫生计生委",
    shortName: "市卫健委",
    kind: "party_gov",
    parent: "city",
    regionCode: "210800",
  },
  {
    key: "employer",
    name: "营口辽海新材料科技有限公司",
    shortName: "辽海新材料",
    kind: "employer",
    regionCode: "210804",
    uscc: "91210804MA0YK8C134",
  },
  {
    key: "institute",
    name: "营口市新材料产业研究院",
    kind: "employer",
    regionCode: "210800",
    uscc: "12210800001265430B",
  },
  // The policy's 人才管理改革试验区 (measure 四): each zone's management committee (管委会, a body of
  // the city government) acts for it.
  {
    key: "ftz",
    name: "中国(辽宁)自由贸易试验区营口片区管委会",
    shortName: "自贸区营口片区",
    kind: "party_gov",
    parent: "city",
    regionCode: "210800",
  },
  {
    key: "coast",
    name: "辽宁(营口)沿海产业基地管委会",
    shortName: "沿海产业基地",
    kind: "party_gov",
    parent: "city",
    regionCode: "210800",
  },
  { key: "individuals", name: "个人用户", kind: "individuals" },
];

interface DemoUser {
  username: string;
  displayName: string;
  org: string;
  role: Role;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: "office", displayName: "王立新", org: "office", role: "talent_office" },
  { username: "hrss", displayName: "李晓梅", org: "hrss", role: "officer" },
  { username: "hrss_leader", displayName: "张建国", org: "hrss", role: "leader" },
  { username: "science", displayName: "赵明", org: "science", role: "officer" },
  { username: "finance", displayName: "孙丽", org: "finance", role: "officer" },
  { username: "finance_leader", displayName: "周海燕", org: "finance", role: "leader" },
  { username: "employer", displayName: "陈志强", org: "employer", role: "employer" },
  { username: "talent", displayName: "刘洋", org: "individuals", role: "talent" },
  { username: "expert", displayName: "周文博", org: "institute", role: "expert" },
  { username: "ftz", displayName: "吴海峰", org: "ftz", role: "officer" },
  { username: "coast", displayName: "郑宇", org: "coast", role: "officer" },
  { username: "sysadmin", displayName: "系统管理员", org: "office", role: "sysadmin" },
  { username: "secadmin", displayName: "安全管理员", org: "office", role: "secadmin" },
  { username: "auditor", displayName: "安全审计员", org: "office", role: "auditor" },
];

export async function hasAnyData(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Loads the demo data into an empty database; returns false (and does nothing) otherwise. */
export async function seedDemo(
  database: Database,
  services: Services,
  onProgress?: (done: number, total: number) => void,
): Promise<boolean> {
  if (await hasAnyData(database)) return false;
  const total = DEMO_ORGS.length + DEMO_USERS.length;
  let done = 0;
  const orgIds = new Map<string, string>();
  for (const org of DEMO_ORGS) {
    const created = await services.orgs.create(null, {
      name: org.name,
      kind: org.kind,
      shortName: org.shortName ?? null,
      parentId: org.parent ? orgIds.get(org.parent)! : null,
      regionCode: org.regionCode ?? null,
      uscc: org.uscc ?? null,
    });
    orgIds.set(org.key, created.id);
    onProgress?.(++done, total);
  }
  for (const user of DEMO_USERS) {
    const orgId = orgIds.get(user.org)!;
    await services.users.create(
      null,
      { username: user.username, displayName: user.displayName, orgId, roles: [{ role: user.role, orgId }] },
      { password: DEMO_PASSWORD, mustChangePassword: false },
    );
    onProgress?.(++done, total);
  }
  await seedRegistry(database, services);
  await seedFunds(database, services);
  await seedHrAgencies(database, services, DEMO_PASSWORD);
  await seedServices(database, services);
  await seedCalculator(services);
  await seedPortal(database, services);
  await seedEvaluation(database, services);
  return true;
}

/** The repository's root: the nearest folder above this module with a package.json (works from
 * src/ under tsx and from dist/ alike). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the demo seed");
    dir = parent;
  }
  return dir;
}

export const DEMO_POLICY_FILE = "yingkou-talent-policy-2017.txt";

/** Imports the reference policy (营口市关于进一步深化人才发展体制机制改革的实施意见) as the demo's
 * policy document, with its 23 measures as tasks. */
export async function seedDemoPolicy(
  database: Database,
  services: Services,
): Promise<{ title: string; tasks: number; officers: number }> {
  const bytes = new Uint8Array(readFileSync(join(packageRoot(), "seeds", DEMO_POLICY_FILE)));
  const result = await services.policy.importDocument(null, { filename: DEMO_POLICY_FILE, bytes });
  await seedPortalPolicyArticle(services, bytes, result.document.id);
  await linkServiceMeasures(services);
  await services.funds.linkMeasuresByLabel();
  const officers = await seedUnitOfficers(database, services);
  await seedDemoDeadlines(database, services, result.document.id);
  return { title: result.document.title, tasks: result.tasks, officers: officers.length };
}

/**
 * The reference policy names no time limits (完成时限), so its tasks would have no deadline and every
 * light would stay green. The demo plays the talent office's decision instead, relative to the day of
 * the import and in measure order: every 7th measure from the first is already 5 days overdue (red),
 * every 7th from the fourth falls due in 2 days (yellow), the others fall due 30-180 days later (green).
 */
export function demoDeadline(index: number, importDay: string): string {
  if (index % 7 === 0) return addDays(importDay, -5);
  if (index % 7 === 3) return addDays(importDay, 2);
  return addDays(importDay, 30 * (1 + (index % 6)));
}

async function seedDemoDeadlines(database: Database, services: Services, documentId: string): Promise<void> {
  const tasks = await database.db
    .selectFrom("tasks")
    .innerJoin("policy_measures", "policy_measures.id", "tasks.measure_id")
    .select(["tasks.id", "tasks.due", "tasks.created_at"])
    .where("tasks.document_id", "=", documentId)
    .orderBy("policy_measures.position")
    .execute();
  await services.tasks.seedDeadlines(
    tasks
      .map((t, i) => ({ taskId: t.id, due: demoDeadline(i, chinaDateOf(t.created_at)), parsed: t.due }))
      // A time limit the text itself names wins over the demo's decision.
      .filter((t) => t.parsed === null),
  );
}

/** The demo officer of the n-th unit without one (dept01, dept02, …). */
export const unitOfficerName = (n: number) => `dept${String(n).padStart(2, "0")}`;

/** Every unit the policy names as lead or responsible gets a demo officer, so each can report on
 * its tasks: units without an officer yet, in the order of their names (zh-CN collation), become
 * dept01, dept02, …; the display name says which unit the account acts for. */
export async function seedUnitOfficers(
  database: Database,
  services: Services,
): Promise<{ username: string; orgName: string }[]> {
  const db = database.db;
  const units = await db
    .selectFrom("organisations as o")
    .select(["o.id", "o.name", "o.short_name"])
    .where((eb) =>
      eb.exists(eb.selectFrom("task_units as tu").select("tu.org_id").whereRef("tu.org_id", "=", "o.id")),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("user_roles as r")
            .select("r.org_id")
            .whereRef("r.org_id", "=", "o.id")
            .where("r.role", "=", "officer"),
        ),
      ),
    )
    .execute();
  units.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  const taken = await db.selectFrom("users").select("username").where("username", "like", "dept%").execute();
  let n = taken.length;
  const created: { username: string; orgName: string }[] = [];
  for (const unit of units) {
    const username = unitOfficerName(++n);
    await services.users.create(
      null,
      {
        username,
        displayName: `${unit.short_name ?? unit.name}经办人`,
        orgId: unit.id,
        roles: [{ role: "officer", orgId: unit.id }],
      },
      { password: DEMO_PASSWORD, mustChangePassword: false },
    );
    created.push({ username, orgName: unit.name });
  }
  return created;
}
