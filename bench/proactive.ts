// 免申即享 over a large registry: one service item's eligibility rule run over 1,000,000 talents in
// SQLite through the real run (keyset pages, child lists by range, compiled rule, progress written
// per page), against a plain loop of the same compiled rule over the same profiles already in
// memory. Goal: the whole run under 10 s on these 2 cores. Writes bench/results/proactive.md.
//   npx tsx bench/proactive.ts            (BENCH_TALENTS=1000000, BENCH_ROUNDS=3)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Insertable } from "kysely";
import { loadConfig } from "../src/server/config.js";
import type { DB } from "../src/server/db/schema.js";
import { seedDemo } from "../src/server/demo/demo.js";
import { fieldsOfRule } from "../src/server/engine/calculator/index.js";
import { compileRule, evaluate, talentCatalogue } from "../src/server/engine/rules/index.js";
import { SYSTEM_META } from "../src/server/lib/context.js";
import {
  columnsFor,
  countTalents,
  scanPage,
  tablesFor,
} from "../src/server/modules/proactive/registry-scan.js";
import { openRuntime } from "../src/server/runtime.js";

const TALENTS = Number(process.env.BENCH_TALENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL_MS = 10_000;
const CODE = "RC-BENCH-MSJX";

// A typical 免申即享 rule: a doctorate, a salary floor, an age ceiling.
const RULE = {
  kind: "eligibility",
  citation: { doc: "营口市人才新政", measure: 5 },
  when: {
    all: [
      { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
      { field: "salaryYearly", op: "gte", value: 30_000_000 },
      { age: "birthDate", op: "lte", value: 45 },
    ],
  },
};

/** A small deterministic generator so every run sees the same registry. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const work = mkdtempSync(join(tmpdir(), "rencai-bench-proactive-"));
  try {
    const config = loadConfig({
      DATABASE_URL: `sqlite://${join(work, "bench.db")}`,
      DATA_DIR: work,
      LOG_LEVEL: "silent",
      JOBS_MODE: "off",
    });
    const rt = await openRuntime(config);
    const { services } = rt;
    const db = rt.deps.database.db;
    await seedDemo(rt.deps.database, services);

    // The item, on the demo 科技创新券 item's workflow.
    const base = (await services.catalogue.getPublished("RC-KJQD"))!;
    const created = await services.catalogue.create(null, {
      code: CODE,
      content: {
        name: "博士人才生活补贴（压测）",
        kind: base.kind,
        ownerOrgId: base.ownerOrgId,
        legalBasis: base.legalBasis,
        applicants: ["talent"],
        eligibility: RULE,
        amountRule: null,
        materials: base.materials,
        form: base.form,
        workflow: {
          allowSameApprover: base.workflow.allowSameApprover,
          steps: base.workflow.steps.map(({ orgs: _orgs, ...step }) => step),
        },
        promisedDays: base.promisedDays,
        feeFen: base.feeFen,
        guide: base.guide,
      } as Parameters<typeof services.catalogue.create>[1]["content"],
    });
    await services.catalogue.publish(null, created.id);

    // The registry: TALENTS synthetic rows (encrypted columns hold placeholders; runs never read them).
    const next = random(20261127);
    const t0 = performance.now();
    const createdAt = new Date(Date.now() - 3600_000).toISOString();
    const BATCH = 1000;
    for (let start = 0; start < TALENTS; start += BATCH) {
      const talents: Insertable<DB["talents"]>[] = [];
      const educations: Insertable<DB["talent_educations"]>[] = [];
      for (let i = start; i < Math.min(TALENTS, start + BATCH); i++) {
        const id = `T${String(i).padStart(25, "0")}`;
        const year = 1960 + Math.floor(next() * 45);
        talents.push({
          id,
          user_id: null,
          employer_id: null,
          name: `人才${i}`,
          id_type: "resident",
          id_number_enc: "x",
          id_number_bidx: `b${i}`,
          gender: next() < 0.6 ? "male" : "female",
          birth_date: `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
          phone_enc: null,
          phone_bidx: null,
          bank_account_enc: null,
          industry: "新材料",
          category: "applied_research",
          arrival_date: "2020-01-01",
          salary_yearly: (50 + Math.floor(next() * 600)) * 100_000,
          tax_yearly: (2 + Math.floor(next() * 100)) * 100_000,
          tier: null,
          created_at: createdAt,
          updated_at: createdAt,
        });
        const r = next();
        educations.push({
          id: `E${String(i).padStart(25, "0")}`,
          talent_id: id,
          position: 0,
          degree: r < 0.3 ? "博士" : r < 0.7 ? "硕士" : "学士",
          school: "东北大学",
          major: "材料",
          year: year + 25,
        });
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("talents").values(talents).execute();
        await trx.insertInto("talent_educations").values(educations).execute();
      });
    }
    const loadMs = performance.now() - t0;
    const total = await countTalents(db, new Date().toISOString());

    const orgId = (
      await db
        .selectFrom("organisations")
        .select("id")
        .where("name", "=", "市委组织部")
        .executeTakeFirstOrThrow()
    ).id;
    const officeId = (
      await db.selectFrom("users").select("id").where("username", "=", "office").executeTakeFirstOrThrow()
    ).id;
    const op = {
      actor: {
        userId: officeId,
        username: "office",
        displayName: "人才办",
        orgId,
        roles: [{ role: "talent_office" as const, orgId }],
        mustChangePassword: false,
      },
      meta: SYSTEM_META,
    };

    // The real run, start to finish, ROUNDS times.
    const loadBefore = loadavg()[0]!;
    const runMs: number[] = [];
    const eligibleCounts: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      const run = await services.proactive.start(op, { itemCode: CODE });
      await services.proactive.settle(run.id);
      runMs.push(performance.now() - started);
      const done = await services.proactive.get(op, run.id);
      if (done.status !== "done" || done.processed !== total)
        throw new Error(`run ${done.status} ${done.processed}/${total}`);
      eligibleCounts.push(done.eligible);
    }

    // Baseline: the same compiled rule over the same profiles, already in memory.
    const rule = compileRule(RULE, talentCatalogue, "eligibility");
    const asOf = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const fields = fieldsOfRule(rule.rule);
    const scan = {
      snapshotAt: new Date().toISOString(),
      asOf,
      tables: tablesFor(fields),
      columns: columnsFor(fields),
    };
    const profiles: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await scanPage(db, after, 5000, scan);
      if (page.length === 0) break;
      for (const p of page) profiles.push(p.profile);
      after = page[page.length - 1]!.row.id;
    }
    const loopMs: number[] = [];
    let loopEligible = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      let n = 0;
      for (const p of profiles) if (evaluate(rule, p, { asOf }) === "pass") n++;
      loopMs.push(performance.now() - started);
      loopEligible = n;
    }
    if (eligibleCounts.some((c) => c !== loopEligible))
      throw new Error(`eligible counts differ: runs ${eligibleCounts.join(",")} vs loop ${loopEligible}`);

    const run = median(runMs);
    const loop = median(loopMs);
    const fmt = (ms: number) => ms.toFixed(0);
    const cpu = cpus();
    const lines = [
      "# 免申即享 benchmark",
      "",
      `ratio: ${(run / loop).toFixed(1)} (${total.toLocaleString("en")}-talent run ms / in-memory loop ms over the same profiles, median of ${ROUNDS})`,
      `ratio: ${(run / GOAL_MS).toFixed(2)} (${total.toLocaleString("en")}-talent run median ms / ${GOAL_MS} ms goal)`,
      "",
      "| what | talents | eligible | median ms | min ms | max ms |",
      "|---|---|---|---|---|---|",
      `| run: keyset pages of 5,000 from SQLite (only the columns the rule needs), educations by id range, compiled rule, results and progress written per page | ${total} | ${loopEligible} | ${fmt(run)} | ${fmt(Math.min(...runMs))} | ${fmt(Math.max(...runMs))} |`,
      `| plain loop: the same compiled rule over the same profiles in memory | ${total} | ${loopEligible} | ${fmt(loop)} | ${fmt(Math.min(...loopMs))} | ${fmt(Math.max(...loopMs))} |`,
      `| (setup) inserting the synthetic registry, one transaction per 1,000 talents | ${total} | | ${fmt(loadMs)} | | |`,
      "",
      `Rule: a doctorate, last year's salary ≥ 300,000 元, age ≤ 45 (${JSON.stringify(RULE.when)}).`,
      "The run is the service's own path (`services.proactive.start` then waiting for it), so it includes",
      "reading talents and their educations, building profiles, evaluating, and writing the eligible set",
      "and the progress row per page; the loop is the evaluation alone.",
      "",
      `Node ${process.version}, ${cpu[0]?.model ?? "cpu"} × ${cpu.length}, ${new Date().toISOString()};`,
      `1-minute load average ${loadBefore.toFixed(1)} before the runs and ${loadavg()[0]!.toFixed(1)} after (other work shares the machine).`,
      "Run with `npx tsx bench/proactive.ts` (BENCH_TALENTS, BENCH_ROUNDS override the sizes).",
      "",
    ];
    mkdirSync(join(process.cwd(), "bench", "results"), { recursive: true });
    writeFileSync(join(process.cwd(), "bench", "results", "proactive.md"), lines.join("\n"));
    console.log(lines.join("\n"));
    await rt.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
