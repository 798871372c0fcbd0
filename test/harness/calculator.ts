// Helpers for the calculator and 免申即享 tests: publish a service item with given rules (cloned from
// a demo item), and add registry talents (optionally with their own account).
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { demoResidentId } from "../../src/server/demo/registry.js";
import { SYSTEM_META } from "../../src/server/lib/context.js";
import type { CreateTalentBody } from "../../src/server/modules/registry/registry.schema.js";
import type { TestApp } from "./app.js";

/** Publishes (or republishes) an item on the demo 科技创新券 item's workflow with these rules. */
export async function publishItem(
  t: TestApp,
  code: string,
  rules: {
    name?: string;
    eligibility: unknown;
    amountRule?: unknown;
    proactiveDecision?: "auto" | "confirm";
  },
): Promise<{ version: number; versionId: string }> {
  const { catalogue } = t.rt.services;
  const base = await catalogue.getPublished("RC-KJQD");
  if (!base) throw new Error("demo item RC-KJQD missing");
  const content = {
    name: rules.name ?? `测试事项 ${code}`,
    kind: base.kind,
    ownerOrgId: base.ownerOrgId,
    legalBasis: base.legalBasis,
    applicants: ["talent"],
    eligibility: rules.eligibility,
    amountRule: rules.amountRule ?? null,
    materials: base.materials,
    form: base.form,
    workflow: {
      allowSameApprover: base.workflow.allowSameApprover,
      steps: base.workflow.steps.map(({ orgs: _orgs, ...step }) => step),
    },
    promisedDays: base.promisedDays,
    feeFen: base.feeFen,
    guide: base.guide,
    ...(rules.proactiveDecision ? { proactiveDecision: rules.proactiveDecision } : {}),
  } as Parameters<typeof catalogue.create>[1]["content"];
  const db = t.rt.deps.database.db;
  const existing = await db
    .selectFrom("service_items")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  let id = existing?.id;
  if (!id) id = (await catalogue.create(null, { code, content })).id;
  else await catalogue.saveDraft(await officeOp(t), id, content);
  await catalogue.publish(null, id);
  const published = await catalogue.getPublished(code);
  return { version: published!.version, versionId: published!.versionId };
}

/** The demo talent office user as an operation (for service calls that need one). */
export async function officeOp(t: TestApp) {
  const orgId = await t.orgId("市委组织部");
  return {
    actor: {
      userId: await t.userId("office"),
      username: "office",
      displayName: "人才办",
      orgId,
      roles: [{ role: "talent_office" as const, orgId }],
      mustChangePassword: false,
    },
    meta: SYSTEM_META,
  };
}

let sequence = 500;

/** A registry talent with the given record; with `username`, also a talent account linked to it. */
export async function addTalent(
  t: TestApp,
  input: Partial<CreateTalentBody> & { name: string },
  username?: string,
): Promise<{ talentId: string; userId: string | null }> {
  const { services } = t.rt;
  let userId: string | null = null;
  if (username) {
    const user = await services.users.create(
      null,
      {
        username,
        displayName: input.name,
        orgId: await t.orgId("个人用户"),
        roles: [{ role: "talent", orgId: await t.orgId("个人用户") }],
      },
      { password: DEMO_PASSWORD, mustChangePassword: false },
    );
    userId = user.user.id;
  }
  sequence += 2;
  const created = await services.registry.talents.create(null, {
    idType: "resident",
    idNumber: demoResidentId("210804", "19900101", sequence),
    ...input,
    userId,
  } as CreateTalentBody);
  return { talentId: created.id, userId };
}

/** A finished run of a demo item and an open offer from it to this user (authorization tests). */
export async function offerFor(t: TestApp, userId: string): Promise<string> {
  const { proactive } = t.rt.services;
  const db = t.rt.deps.database.db;
  let run = await db.selectFrom("proactive_runs").selectAll().orderBy("id").executeTakeFirst();
  if (!run) {
    const started = await proactive.start(await officeOp(t), { itemCode: "RC-KJQD" });
    await proactive.settle(started.id);
    run = await db
      .selectFrom("proactive_runs")
      .selectAll()
      .where("id", "=", started.id)
      .executeTakeFirstOrThrow();
  }
  const offered = db.selectFrom("proactive_offers").select("talent_id").where("run_id", "=", run.id);
  const talent = await db
    .selectFrom("talents")
    .select("id")
    .where("id", "not in", offered)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const id = `OFFER${String(++sequence).padStart(21, "0")}`;
  await db
    .insertInto("proactive_offers")
    .values({
      id,
      run_id: run.id,
      talent_id: talent.id,
      user_id: userId,
      item_code: run.item_code,
      item_name: run.item_name,
      item_version_id: run.item_version_id,
      status: "offered",
      application_id: null,
      decline_reason: null,
      created_at: new Date().toISOString(),
      decided_at: null,
    })
    .execute();
  return id;
}
