import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export function findScheme(db: Kysely<DB>, year: number) {
  return db.selectFrom("assessment_schemes").selectAll().where("year", "=", year).executeTakeFirst();
}

/** Every unit on every task, with the task's start and effective report period. */
export function taskUnitFacts(db: Kysely<DB>) {
  return db
    .selectFrom("task_units")
    .innerJoin("tasks", "tasks.id", "task_units.task_id")
    .innerJoin("policy_documents", "policy_documents.id", "tasks.document_id")
    .innerJoin("organisations", "organisations.id", "task_units.org_id")
    .select([
      "task_units.task_id",
      "task_units.org_id",
      "task_units.role",
      "organisations.name",
      "tasks.created_at",
      "tasks.report_period",
      "policy_documents.report_period as document_period",
    ])
    .execute();
}

export function reportFacts(db: Kysely<DB>, year: number) {
  return db
    .selectFrom("task_reports")
    .select(["task_id", "org_id", "period_key", "first_submitted_at", "status"])
    .where("period_key", ">=", `${year}-`)
    .where("period_key", "<", `${year + 1}-`)
    .execute();
}

/** Every milestone of every task: their due dates, weights and completion. */
export function milestoneFacts(db: Kysely<DB>) {
  return db.selectFrom("task_milestones").select(["task_id", "due_date", "done_at", "weight"]).execute();
}

/** Every task's own time limit and state. */
export function taskFacts(db: Kysely<DB>) {
  return db.selectFrom("tasks").select(["id", "due", "status"]).execute();
}

export function orderFacts(db: Kysely<DB>, year: number) {
  const [from, to] = yearRange(year);
  return db
    .selectFrom("supervision_orders")
    .innerJoin("organisations", "organisations.id", "supervision_orders.org_id")
    .select([
      "supervision_orders.org_id",
      "organisations.name",
      "supervision_orders.due_date",
      "supervision_orders.responded_at",
      "supervision_orders.late",
    ])
    .where("supervision_orders.due_date", ">=", from)
    .where("supervision_orders.due_date", "<=", to)
    .execute();
}

export function adjustmentsOf(db: Kysely<DB>, year: number) {
  return db
    .selectFrom("assessment_adjustments")
    .innerJoin("organisations", "organisations.id", "assessment_adjustments.org_id")
    .leftJoin("users", "users.id", "assessment_adjustments.created_by")
    .select([
      "assessment_adjustments.id",
      "assessment_adjustments.org_id",
      "organisations.name as org_name",
      "assessment_adjustments.points",
      "assessment_adjustments.reason",
      "assessment_adjustments.created_by",
      "users.display_name as created_by_name",
      "assessment_adjustments.created_at",
    ])
    .where("assessment_adjustments.year", "=", year)
    .orderBy("assessment_adjustments.id")
    .execute();
}
