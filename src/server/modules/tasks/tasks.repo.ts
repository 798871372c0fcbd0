import type { Insertable, InsertObject, Kysely } from "kysely";
import type { DB, TaskEventRow, TaskMilestoneRow, TaskReportRow, TaskRow } from "../../db/schema.js";
import { newId } from "../../lib/ids.js";

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 200;

export async function insertChunked<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly InsertObject<DB, T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/** Rows grouped by a key, each group in the rows' order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export interface TaskEventInput {
  taskId: string;
  at: Date;
  actor: { userId: string; username: string; displayName?: string } | null;
  kind: string;
  detail?: Record<string, unknown> | null;
}

export function taskEventRow(e: TaskEventInput): Insertable<DB["task_events"]> {
  return {
    id: newId(e.at.getTime()),
    task_id: e.taskId,
    at: e.at.toISOString(),
    actor_id: e.actor?.userId ?? null,
    // People read the history: show their name, as reports and orders do.
    actor_name: e.actor ? (e.actor.displayName ?? e.actor.username) : "system",
    kind: e.kind,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  };
}

export async function appendTaskEvent(db: Kysely<DB>, e: TaskEventInput): Promise<void> {
  await db.insertInto("task_events").values(taskEventRow(e)).execute();
}

export function findTask(db: Kysely<DB>, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface TaskUnitView {
  taskId: string;
  orgId: string;
  name: string;
  role: "lead" | "responsible";
}

/** The units of these tasks with their names, leads first, each group in name order. */
export async function unitsOfTasks(db: Kysely<DB>, taskIds: readonly string[]): Promise<TaskUnitView[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .selectFrom("task_units")
    .innerJoin("organisations", "organisations.id", "task_units.org_id")
    .select(["task_units.task_id", "task_units.org_id", "task_units.role", "organisations.name"])
    .where("task_units.task_id", "in", taskIds)
    .orderBy("task_units.task_id")
    .orderBy("task_units.position")
    .execute();
  return rows.map((r) => ({
    taskId: r.task_id,
    orgId: r.org_id,
    name: r.name,
    role: r.role as TaskUnitView["role"],
  }));
}

export interface TaskListFilter {
  /** Only tasks one of these organisations leads or shares; undefined = all (the talent office). */
  visibleTo?: readonly string[];
  documentId?: string;
  orgId?: string;
  role?: "lead" | "responsible";
  light?: string;
  status?: string;
  afterId?: string;
  limit: number;
}

export function listTasks(db: Kysely<DB>, f: TaskListFilter): Promise<TaskRow[]> {
  let q = db.selectFrom("tasks").selectAll();
  if (f.visibleTo !== undefined) {
    const orgIds = f.visibleTo.length > 0 ? [...f.visibleTo] : ["-"];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("task_units")
          .select("task_units.task_id")
          .whereRef("task_units.task_id", "=", "tasks.id")
          .where("task_units.org_id", "in", orgIds),
      ),
    );
  }
  if (f.orgId !== undefined) {
    const { orgId, role } = f;
    q = q.where((eb) => {
      let units = eb
        .selectFrom("task_units")
        .select("task_units.task_id")
        .whereRef("task_units.task_id", "=", "tasks.id")
        .where("task_units.org_id", "=", orgId);
      if (role !== undefined) units = units.where("task_units.role", "=", role);
      return eb.exists(units);
    });
  }
  if (f.documentId !== undefined) q = q.where("document_id", "=", f.documentId);
  if (f.light !== undefined) q = q.where("light", "=", f.light);
  if (f.status !== undefined) q = q.where("status", "=", f.status);
  if (f.afterId !== undefined) q = q.where("id", ">", f.afterId);
  return q.orderBy("id").limit(f.limit).execute();
}

export async function taskCounts(
  db: Kysely<DB>,
  visibleTo: readonly string[] | undefined,
): Promise<{ light: string; status: string; n: number }[]> {
  let q = db
    .selectFrom("tasks")
    .select(["light", "status", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy(["light", "status"]);
  if (visibleTo !== undefined) {
    const orgIds = visibleTo.length > 0 ? [...visibleTo] : ["-"];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("task_units")
          .select("task_units.task_id")
          .whereRef("task_units.task_id", "=", "tasks.id")
          .where("task_units.org_id", "in", orgIds),
      ),
    );
  }
  return (await q.execute()).map((r) => ({ light: r.light, status: r.status, n: Number(r.n) }));
}

export function milestonesOf(db: Kysely<DB>, taskId: string): Promise<TaskMilestoneRow[]> {
  return db
    .selectFrom("task_milestones")
    .selectAll()
    .where("task_id", "=", taskId)
    .orderBy("due_date")
    .orderBy("id")
    .execute();
}

export function findMilestone(
  db: Kysely<DB>,
  taskId: string,
  id: string,
): Promise<TaskMilestoneRow | undefined> {
  return db
    .selectFrom("task_milestones")
    .selectAll()
    .where("task_id", "=", taskId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function milestoneCounts(
  db: Kysely<DB>,
  taskIds: readonly string[],
): Promise<Map<string, { total: number; done: number }>> {
  const counts = new Map<string, { total: number; done: number }>();
  if (taskIds.length === 0) return counts;
  const rows = await db
    .selectFrom("task_milestones")
    .select([
      "task_id",
      (eb) => eb.fn.countAll<number | string>().as("total"),
      (eb) => eb.fn.count<number | string>("done_at").as("done"),
    ])
    .where("task_id", "in", taskIds)
    .groupBy("task_id")
    .execute();
  for (const r of rows) counts.set(r.task_id, { total: Number(r.total), done: Number(r.done) });
  return counts;
}

export function eventsOf(
  db: Kysely<DB>,
  taskId: string,
  beforeId: string | undefined,
  limit: number,
): Promise<TaskEventRow[]> {
  let q = db.selectFrom("task_events").selectAll().where("task_id", "=", taskId);
  if (beforeId !== undefined) q = q.where("id", "<", beforeId);
  return q.orderBy("id", "desc").limit(limit).execute();
}

export function reportsOfTask(db: Kysely<DB>, taskId: string): Promise<TaskReportRow[]> {
  return db
    .selectFrom("task_reports")
    .selectAll()
    .where("task_id", "=", taskId)
    .orderBy("period_key", "desc")
    .orderBy("id", "desc")
    .execute();
}

export function findReport(db: Kysely<DB>, taskId: string, id: string): Promise<TaskReportRow | undefined> {
  return db
    .selectFrom("task_reports")
    .selectAll()
    .where("task_id", "=", taskId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export interface ReportListFilter {
  /** Only reports written by these units; undefined = all. */
  orgIds?: readonly string[];
  status?: string;
  taskId?: string;
  beforeId?: string;
  limit: number;
}

export function listReports(db: Kysely<DB>, f: ReportListFilter): Promise<TaskReportRow[]> {
  let q = db.selectFrom("task_reports").selectAll();
  if (f.orgIds !== undefined) q = q.where("org_id", "in", f.orgIds.length > 0 ? [...f.orgIds] : ["-"]);
  if (f.status !== undefined) q = q.where("status", "=", f.status);
  if (f.taskId !== undefined) q = q.where("task_id", "=", f.taskId);
  if (f.beforeId !== undefined) q = q.where("id", "<", f.beforeId);
  return q.orderBy("id", "desc").limit(f.limit).execute();
}

/** Users holding `role` at any of these organisations (for reminders and sign-off requests). */
export async function usersWithRoleAt(
  db: Kysely<DB>,
  role: string,
  orgIds: readonly string[],
): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .select("user_roles.user_id")
    .where("user_roles.role", "=", role)
    .where("user_roles.org_id", "in", orgIds)
    .where("users.status", "=", "active")
    .distinct()
    .execute();
  return rows.map((r) => r.user_id);
}

export async function namesOfUsers(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function namesOfOrgs(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ReportAttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

/** Each report's attachments in the author's order. */
export async function attachmentsOfReports(
  db: Kysely<DB>,
  reportIds: readonly string[],
): Promise<Map<string, ReportAttachmentView[]>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("report_attachments")
    .innerJoin("files", "files.id", "report_attachments.file_id")
    .select(["report_attachments.report_id", "files.id", "files.filename", "files.mime", "files.size"])
    .where("report_attachments.report_id", "in", [...new Set(reportIds)])
    .orderBy("report_attachments.report_id")
    .orderBy("report_attachments.position")
    .execute();
  const grouped = groupBy(rows, (r) => r.report_id);
  return new Map(
    [...grouped].map(([id, list]) => [
      id,
      list.map((r) => ({ id: r.id, filename: r.filename, mime: r.mime, size: r.size })),
    ]),
  );
}

export async function attachmentIdsOfReport(db: Kysely<DB>, reportId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("report_attachments")
    .select("file_id")
    .where("report_id", "=", reportId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.file_id);
}

/** Makes these files, in this order, the report's attachments. */
export async function setReportAttachments(
  db: Kysely<DB>,
  reportId: string,
  fileIds: readonly string[],
): Promise<void> {
  await db.deleteFrom("report_attachments").where("report_id", "=", reportId).execute();
  if (fileIds.length === 0) return;
  await db
    .insertInto("report_attachments")
    .values(fileIds.map((fileId, position) => ({ report_id: reportId, file_id: fileId, position })))
    .execute();
}

/** The tasks of the reports a file is attached to. */
export async function tasksOfAttachedFile(db: Kysely<DB>, fileId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("report_attachments")
    .innerJoin("task_reports", "task_reports.id", "report_attachments.report_id")
    .select("task_reports.task_id")
    .where("report_attachments.file_id", "=", fileId)
    .execute();
  return [...new Set(rows.map((r) => r.task_id))];
}

/** Task titles by id, for lists that show which task a report or order belongs to. */
export async function titlesOfTasks(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("tasks")
    .select(["id", "title"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((t) => [t.id, t.title]));
}
