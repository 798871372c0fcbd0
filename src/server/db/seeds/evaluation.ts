import type { Insertable } from "kysely";
import type { Services } from "../../services.js";
import type { Database } from "../connect.js";
import type { ExpertTable } from "../tables/evaluation.js";

// Demo evaluation data: 市人社局 runs rounds; an expert pool of 225 experts over 13 disciplines,
// generated deterministically (the same pool on every start); the demo `expert` account 周文博 is in
// it; one title round is under review with 周文博 on its panel. That round's discipline (材料科学与
// 工程, ENG-MAT) has exactly five experts and a panel of five, so the (really random) draw seats all
// of them whatever the seed: nothing is re-rolled to get the demo expert in.

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

export async function seedEvaluation(database: Database, services: Services): Promise<void> {
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

  // The title round under review: three candidates not employed by the institute.
  const candidates = talents.filter((t) => t.employer_id !== institute?.id);
  const chosen = [
    candidates.find((t) => t.user_id !== null),
    ...candidates.filter((t) => t.user_id === null).slice(0, 2),
  ].filter((t) => t !== undefined);
  if (chosen.length === 0) return;
  const roundId = demoId("RND", 1);
  const office = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "hrss")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("evaluation_rounds")
    .values({
      id: roundId,
      owner_org_id: hrss,
      name: "2026年度工程系列高级职称特殊人才评审（材料）",
      kind: "title_review",
      status: "draft",
      disciplines: JSON.stringify(["ENG-MAT"]),
      panel_size: 5,
      reserve_size: 2,
      score_sheet: JSON.stringify([
        { key: "achievement", name: "业绩", weight: 40 },
        { key: "ability", name: "能力", weight: 30 },
        { key: "contribution", name: "贡献", weight: 30 },
      ]),
      decision_rule: JSON.stringify({ kind: "two_thirds_yes" }),
      quota: null,
      avoid_days: 365,
      commitment: null,
      seed_hex: null,
      snapshot: null,
      snapshot_hash: null,
      draw_result: null,
      opened_at: null,
      drawn_at: null,
      review_started_at: null,
      closed_at: null,
      created_by: office.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("evaluation_candidates")
    .values(
      chosen.map((t, position) => ({
        id: demoId("CND", position + 1),
        round_id: roundId,
        talent_id: t.id,
        application_id: null,
        position,
        decision: null,
        result: null,
      })),
    )
    .execute();
  await services.evaluation.openAndDrawAsSystem(roundId);
  await db
    .updateTable("evaluation_rounds")
    .set({ status: "reviewing", review_started_at: now, updated_at: now })
    .where("id", "=", roundId)
    .execute();
}
