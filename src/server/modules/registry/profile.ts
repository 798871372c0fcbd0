import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Deps } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import type { ProfileProvider } from "../applications/profiles.js";
import {
  childrenOf,
  findTalent,
  findTalentOfUser,
  type TalentChildren,
  type TalentRow,
} from "./registry.repo.js";

// A talent's record in the shape the rule language reads (engine/rules talentCatalogue): plain
// values, lists of plain items, money in 分. No personal data (ID number, phone, bank account) goes
// into a profile: no rule needs it.

export type TalentProfile = Record<string, unknown>;

const yearOf = (date: string | null): number | null => (date === null ? null : Number(date.slice(0, 4)));

/** The profile of one talent row and its child lists, as of a date (yyyy-mm-dd) for "current". */
export function buildProfile(row: TalentRow, children: TalentChildren, asOf: string): TalentProfile {
  const current = children.talent_engagements.filter(
    (e) => e.starts_on <= asOf && (e.ends_on === null || e.ends_on >= asOf),
  );
  const fullTime =
    current.some((e) => e.kind === "full_time") ||
    (row.employer_id !== null && children.talent_engagements.length === 0);
  return {
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    arrivalDate: row.arrival_date,
    category: row.category,
    tier: row.tier,
    industry: row.industry,
    salaryYearly: row.salary_yearly,
    taxYearly: row.tax_yearly,
    fullTime,
    engagement: fullTime ? "full_time" : (current[0]?.kind ?? null),
    educations: children.talent_educations.map((e) => ({
      degree: e.degree,
      school: e.school,
      major: e.major,
      year: e.year,
    })),
    titles: children.talent_titles.map((t) => ({ name: t.name, level: t.level })),
    skills: children.talent_skills.map((s) => ({ name: s.name, level: s.level, year: s.year })),
    awards: children.talent_awards.map((a) => ({ name: a.name, level: a.level, year: a.year })),
    patents: children.talent_patents.map((p) => ({ kind: p.kind, year: p.year })),
    postdocs: children.talent_postdocs.map((p) => ({
      station: p.station,
      startYear: yearOf(p.starts_on),
      completed: p.ends_on !== null && p.ends_on <= asOf,
    })),
  };
}

export async function profileOfTalent(db: Kysely<DB>, row: TalentRow, asOf: string): Promise<TalentProfile> {
  const children = (await childrenOf(db, [row.id])).get(row.id)!;
  return buildProfile(row, children, asOf);
}

/** Profiles of talents in id order after `afterId`, a page at a time (whole-registry runs). */
export async function profilesPage(
  db: Kysely<DB>,
  afterId: string | null,
  limit: number,
  asOf: string,
): Promise<{ id: string; profile: TalentProfile }[]> {
  let q = db.selectFrom("talents").selectAll();
  if (afterId !== null) q = q.where("id", ">", afterId);
  const rows = await q.orderBy("id").limit(limit).execute();
  const children = await childrenOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ id: r.id, profile: buildProfile(r, children.get(r.id)!, asOf) }));
}

/** The applications service's source of eligibility data: the registry record linked to the account. */
export function makeProfileProvider(deps: Deps): ProfileProvider & {
  profileOfTalent(talentId: string): Promise<TalentProfile | null>;
} {
  const db = deps.database.db;
  return {
    async profileOfUser(userId) {
      const row = await findTalentOfUser(db, userId);
      return row ? profileOfTalent(db, row, chinaDate(deps.clock.now())) : null;
    },
    async profileOfTalent(talentId) {
      const row = await findTalent(db, talentId);
      return row ? profileOfTalent(db, row, chinaDate(deps.clock.now())) : null;
    },
  };
}
