import type { Insertable } from "kysely";
import type { Database } from "../db/connect.js";
import type { ExpertTable } from "../db/tables/evaluation.js";

// Demo evaluation data: 市人社局 runs rounds; an expert pool of 225 experts over 13 disciplines,
// generated deterministically (the same pool on every start); the demo `expert` account 周文博 is in
// it; one title round is under review with 周文博 on its panel. That round's discipline (材料科学与
// 工程, ENG-MAT) has exactly five experts and a panel of five, so the (really random) draw seats all
// of them whatever the seed: nothing is re-rolled to get the demo expert in. Also a finished skills
// round (closed) and an honour round in 公示, scored with deterministic sheets.

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
const GIVEN = [
  "建国",
  "志强",
  "海燕",
  "晓梅",
  "立新",
  "文博",
  "国华",
  "丽娟",
  "明",
  "磊",
  "静",
  "伟",
  "芳",
  "勇",
  "娜",
  "军",
  "洁",
  "涛",
  "敏",
  "超",
  "秀英",
  "桂兰",
  "德胜",
  "振华",
  "宏伟",
];
const TITLES = [
  "正高级工程师",
  "高级工程师",
  "教授",
  "副教授",
  "研究员",
  "副研究员",
  "主任医师",
  "副主任医师",
  "高级技师",
  "正高级经济师",
];
const REGIONS = ["210800", "210802", "210803", "210804", "210811", "210881", "210882"];
const POOL_DISCIPLINES = [
  "ENG-MEC",
  "ENG-ELE",
  "ENG-CHE",
  "ENG-CIV",
  "ENG-ICT",
  "MED-CLI",
  "MED-NUR",
  "EDU",
  "AGR",
  "ECO",
  "SKL-WLD",
  "SKL-MCH",
];

/** mulberry32: a small deterministic generator. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A time-ordered 26-character id from a fixed base and a counter (the demo's ids sort as created). */
const demoId = (prefix: string, n: number) => `${prefix}${String(n).padStart(26 - prefix.length, "0")}`;

/** The evaluation service's platform-side steps the seed uses (services.ts wires the real one). */
interface EvaluationSteps {
  openAndDrawAsSystem(id: string): Promise<void>;
  startReviewAsSystem(id: string): Promise<void>;
  scoreAsSystem(
    assignmentId: string,
    input: { scores: Record<string, number>; vote?: "yes" | "no" | null; comment?: string | null },
  ): Promise<void>;
  closeAsSystem(id: string): Promise<void>;
  publiciseAsSystem(id: string, days: number): Promise<void>;
}

export async function seedEvaluation(
  database: Database,
  services: { evaluation: EvaluationSteps },
): Promise<void> {
  const db = database.db;
  const now = new Date().toISOString();
  const orgId = async (name: string) =>
    (await db.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const hrss = await orgId("市人力资源社会保障局");
  await db
    .insertInto("evaluation_owners")
    .values({ org_id: hrss, kind: "department", created_at: now })
    .execute();

  const employers = await db.selectFrom("employers").select(["id", "name"]).orderBy("uscc").execute();
  const talents = await db
    .selectFrom("talents")
    .select(["id", "employer_id", "user_id"])
    .orderBy("id_number_bidx")
    .execute();
  const institute = employers.find((e) => e.name === "营口市新材料产业研究院");
  const expertUser = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "expert")
    .executeTakeFirst();

  const next = random(20261206);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const rows: Insertable<ExpertTable>[] = [];
  let n = 0;
  const expert = (values: {
    name: string;
    title: string;
    employerId: string | null;
    disciplines: string[];
    status?: string;
    userId?: string | null;
    relations?: unknown[];
  }) => {
    n += 1;
    rows.push({
      id: demoId("EXP", n),
      user_id: values.userId ?? null,
      name: values.name,
      title: values.title,
      employer_id: values.employerId,
      region_code: pick(REGIONS),
      status: values.status ?? "active",
      disciplines: JSON.stringify([...values.disciplines].sort()),
      relations: JSON.stringify(values.relations ?? []),
      created_at: now,
      updated_at: now,
    });
  };
  // The materials discipline: the demo expert and four colleagues without an employer in the registry.
  expert({
    name: "周文博",
    title: "正高级工程师",
    employerId: institute?.id ?? null,
    disciplines: ["ENG-MAT"],
    userId: expertUser?.id ?? null,
  });
  for (const name of ["高振华", "林海燕", "罗德胜", "沈丽娟"]) {
    expert({ name, title: pick(TITLES.slice(0, 6)), employerId: null, disciplines: ["ENG-MAT"] });
  }
  for (let i = 0; i < 220; i++) {
    const first = pick(POOL_DISCIPLINES);
    const second = next() < 0.3 ? pick(POOL_DISCIPLINES) : first;
    const relations =
      next() < 0.1 && talents.length > 0
        ? [
            {
              kind: pick(["co_author", "relative"] as const),
              talentId: pick(talents).id,
              orgId: null,
              from: "2020-01-01",
              to: null,
            },
          ]
        : next() < 0.1 && employers.length > 0
          ? [
              {
                kind: "former_employer",
                talentId: null,
                orgId: pick(employers).id,
                from: "2015-01-01",
                to: "2024-12-31",
              },
            ]
          : [];
    const roll = next();
    expert({
      name: SURNAMES[Math.floor(next() * SURNAMES.length)]! + pick(GIVEN),
      title: pick(TITLES),
      employerId: next() < 0.7 && employers.length > 0 ? pick(employers).id : null,
      disciplines: [...new Set([first, second])],
      status: roll < 0.94 ? "active" : roll < 0.97 ? "suspended" : "retired",
      relations,
    });
  }
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto("experts")
      .values(rows.slice(i, i + 100))
      .execute();

  const owner = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "hrss")
    .executeTakeFirstOrThrow();
  const SHEET = [
    { key: "achievement", name: "业绩", weight: 40 },
    { key: "ability", name: "能力", weight: 30 },
    { key: "contribution", name: "贡献", weight: 30 },
  ];
  let rounds = 0;
  let candidateSerial = 0;
  async function draftRound(r: {
    name: string;
    kind: string;
    discipline: string;
    rule: unknown;
    quota?: number;
    outcome?: { name: string; level: string };
    talentIds: string[];
  }): Promise<string> {
    rounds += 1;
    const id = demoId("RND", rounds);
    await db
      .insertInto("evaluation_rounds")
      .values({
        id,
        owner_org_id: hrss,
        name: r.name,
        kind: r.kind,
        status: "draft",
        disciplines: JSON.stringify([r.discipline]),
        panel_size: 5,
        reserve_size: 2,
        score_sheet: JSON.stringify(SHEET),
        decision_rule: JSON.stringify(r.rule),
        quota: r.quota ?? null,
        avoid_days: 365,
        outcome: r.outcome ? JSON.stringify(r.outcome) : null,
        publicity_id: null,
        commitment: null,
        seed_hex: null,
        snapshot: null,
        snapshot_hash: null,
        draw_result: null,
        opened_at: null,
        drawn_at: null,
        review_started_at: null,
        closed_at: null,
        created_by: owner.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto("evaluation_candidates")
      .values(
        r.talentIds.map((talentId, position) => ({
          id: demoId("CND", ++candidateSerial),
          round_id: id,
          talent_id: talentId,
          application_id: null,
          position,
          decision: null,
          result: null,
        })),
      )
      .execute();
    return id;
  }

  // The title round under review: three candidates not employed by the institute.
  const candidates = talents.filter((t) => t.employer_id !== institute?.id);
  const chosen = [
    candidates.find((t) => t.user_id !== null),
    ...candidates.filter((t) => t.user_id === null).slice(0, 2),
  ].filter((t) => t !== undefined);
  if (chosen.length === 0) return;
  const titleRound = await draftRound({
    name: "2026年度工程系列高级职称特殊人才评审（材料）",
    kind: "title_review",
    discipline: "ENG-MAT",
    rule: { kind: "two_thirds_yes" },
    outcome: { name: "高级工程师", level: "副高" },
    talentIds: chosen.map((t) => t.id),
  });
  await services.evaluation.openAndDrawAsSystem(titleRound);
  await services.evaluation.startReviewAsSystem(titleRound);

  // A finished skills round (closed) and an honour round in 公示, scored by the pool (deterministic
  // scores; these experts have no accounts, so the sheets are entered as the platform).
  const others = talents.filter((t) => !chosen.includes(t));
  const skills = await draftRound({
    name: "2026年度焊工高级技师直接认定",
    kind: "skills",
    discipline: "SKL-WLD",
    rule: { kind: "two_thirds_yes" },
    outcome: { name: "焊工", level: "高级技师" },
    talentIds: others.slice(0, 3).map((t) => t.id),
  });
  const honour = await draftRound({
    name: "2026年度营口市优秀专家评选",
    kind: "honour",
    discipline: "ECO",
    rule: { kind: "trimmed_mean", threshold: 80 },
    quota: 2,
    talentIds: others.slice(3, 7).map((t) => t.id),
  });
  const score = random(20261207);
  for (const id of [skills, honour]) {
    await services.evaluation.openAndDrawAsSystem(id);
    await services.evaluation.startReviewAsSystem(id);
    const seats = await db
      .selectFrom("evaluation_assignments")
      .select(["id", "candidate_id"])
      .where("round_id", "=", id)
      .orderBy("id")
      .execute();
    const level = new Map<string, number>();
    for (const s of seats) {
      if (!level.has(s.candidate_id)) level.set(s.candidate_id, 74 + Math.floor(score() * 18));
      const base = level.get(s.candidate_id)!;
      const v = () => Math.min(94, base + Math.floor(score() * 7) - 3);
      await services.evaluation.scoreAsSystem(s.id, {
        scores: { achievement: v(), ability: v(), contribution: v() },
        vote: base >= 80 ? "yes" : score() < 0.5 ? "yes" : "no",
        comment: "材料齐全，业绩与申报条件相符。",
      });
    }
    await services.evaluation.closeAsSystem(id);
  }
  await services.evaluation.publiciseAsSystem(honour, 7);
}
