// Policy parser speed: the Yingkou seed (goal: median under 20 ms) and a generated document of 2,000
// measures (goal: under 2 s), plus, for information, importing that document into SQLite.
// Bounded: a few hundred parses and one import. Writes bench/results/policy.md.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/server/config.js";
import { parsePolicy } from "../src/server/modules/policy/parser.js";
import { openRuntime } from "../src/server/runtime.js";

const SEED_RUNS = Number(process.env.BENCH_SEED_RUNS ?? 101);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 5);
const SEED_GOAL_MS = 20;
const BIG_GOAL_MS = 2000;
const BIG_SECTIONS = 20;
const BIG_PER_SECTION = 100;

const CN_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1..100 written the usual way: 十一, 二十, 一百. */
function cn(n: number): string {
  if (n === 100) return "一百";
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 0 ? "" : `${tens === 1 ? "" : CN_DIGITS[tens]}十`}${CN_DIGITS[units]}`;
}

const UNITS = [
  "市人社局",
  "市科技局",
  "市财政局",
  "市教育局",
  "市发改委",
  "市工信委",
  "市卫健委",
  "市商务局",
];

/** A document in the seed's shape: sections 一、… with measures （一）…（一百） and unit labels. */
function bigDocument(): string {
  const lines = ["营口市人才发展规划实施细则（压力测试）", "", "2026年11月27日", ""];
  for (let s = 1; s <= BIG_SECTIONS; s++) {
    lines.push(`${cn(s)}、第${s}部分工作要求`, "");
    for (let m = 1; m <= BIG_PER_SECTION; m++) {
      const lead = UNITS[(s + m) % UNITS.length];
      const others = [UNITS[(s + m + 1) % UNITS.length], UNITS[(s + m + 3) % UNITS.length]];
      lines.push(
        `（${cn(m)}）完善第${s}-${m}项人才工作机制。加大投入力度，健全工作机制，明确责任分工，` +
          "确保各项政策落地见效，定期报送工作进展情况。",
        `牵头单位:${lead}  责任单位:${others.join("、")}、各相关部门`,
        `完成时限:2027年${(m % 12) + 1}月底前`,
        "",
      );
    }
  }
  return lines.join("\n");
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

const fmt = (ms: number) => ms.toFixed(2);

async function importOnce(text: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "rencai-bench-policy-"));
  const rt = await openRuntime(
    loadConfig({ DATABASE_URL: `sqlite:${join(dir, "db.sqlite")}`, LOG_LEVEL: "silent" }),
  );
  try {
    const start = performance.now();
    const result = await rt.services.policy.importDocument(null, {
      filename: "big.txt",
      bytes: new TextEncoder().encode(text),
    });
    const ms = performance.now() - start;
    if (result.tasks !== BIG_SECTIONS * BIG_PER_SECTION) throw new Error(`imported ${result.tasks} tasks`);
    return ms;
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const seed = readFileSync(new URL("../seeds/yingkou-talent-policy-2017.txt", import.meta.url), "utf8");
  const seedMeasures = parsePolicy(seed).sections.reduce((n, s) => n + s.measures.length, 0);
  if (seedMeasures !== 23) throw new Error(`seed parsed to ${seedMeasures} measures, not 23`);
  for (let i = 0; i < 10; i++) parsePolicy(seed);
  const seedStats = stats(Array.from({ length: SEED_RUNS }, () => time(() => parsePolicy(seed))));

  const big = bigDocument();
  const bigParsed = parsePolicy(big);
  const bigMeasures = bigParsed.sections.reduce((n, s) => n + s.measures.length, 0);
  if (bigMeasures !== BIG_SECTIONS * BIG_PER_SECTION)
    throw new Error(`big document parsed to ${bigMeasures} measures`);
  const bigStats = stats(Array.from({ length: BIG_RUNS }, () => time(() => parsePolicy(big))));
  const importMs = await importOnce(big);

  const seedRatio = seedStats.median / SEED_GOAL_MS;
  const bigRatio = bigStats.median / BIG_GOAL_MS;
  const report = [
    "# Policy parser benchmark",
    "",
    `ratio: ${seedRatio.toFixed(2)} (seed parse median ms / ${SEED_GOAL_MS} ms goal)`,
    `ratio: ${bigRatio.toFixed(3)} (2,000-measure parse median ms / ${BIG_GOAL_MS} ms goal)`,
    "",
    "| case | size | runs | median ms | min ms | max ms | goal ms |",
    "|---|---|---|---|---|---|---|",
    `| seed (yingkou-talent-policy-2017.txt) | ${seed.length} chars, 23 measures | ${SEED_RUNS} | ${fmt(seedStats.median)} | ${fmt(seedStats.min)} | ${fmt(seedStats.max)} | ${SEED_GOAL_MS} |`,
    `| generated | ${big.length} chars, ${bigMeasures} measures | ${BIG_RUNS} | ${fmt(bigStats.median)} | ${fmt(bigStats.min)} | ${fmt(bigStats.max)} | ${BIG_GOAL_MS} |`,
    `| import of the generated document into SQLite (parse + organisations + ${bigMeasures} tasks, one transaction) | | 1 | ${fmt(importMs)} | | | — |`,
    "",
    `Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${new Date().toISOString()}.`,
    "Run with `npx tsx bench/policy.ts` (BENCH_SEED_RUNS, BENCH_BIG_RUNS override the run counts).",
    "",
  ].join("\n");
  mkdirSync(new URL("results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("results/policy.md", import.meta.url), report);
  console.log(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
