import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";
import {
  replay,
  type WorkflowDef,
  type WorkflowEvent,
  type WorkflowState,
} from "../../engine/workflow/index.js";
import type { ItemContent } from "../catalogue/catalogue.schema.js";
import { parseContent, workflowOf } from "../catalogue/catalogue.service.js";
import type { ApplicationSubject } from "./applications.policy.js";

export type ApplicationRow = Selectable<DB["applications"]>;
export type EventRow = Selectable<DB["application_events"]>;

/** The name automatic decisions (免申即享: the rule proved the step) are recorded and shown under. */
export const AUTO_CHECK_NAME = "系统自动核验";

const ENGINE_TYPES = new Set([
  "submitted",
  "resubmitted",
  "withdrawn",
  "approved",
  "countersigned",
  "returned",
  "rejected",
  "revoked",
  "overdue",
]);

/** The engine's view of recorded history rows (other rows — created, publicity_opened — are skipped). */
export function engineEvents(rows: readonly EventRow[]): WorkflowEvent[] {
  const out: WorkflowEvent[] = [];
  for (const r of rows) {
    if (!ENGINE_TYPES.has(r.type)) continue;
    const detail = r.detail ? (JSON.parse(r.detail) as { corrections?: string[]; reason?: string }) : {};
    const base = { at: r.at, actorId: r.actor_id ?? "" };
    switch (r.type) {
      case "submitted":
      case "resubmitted":
      case "withdrawn":
        out.push({ ...base, type: r.type });
        break;
      case "approved":
      case "countersigned":
        out.push({ ...base, type: r.type, orgId: r.actor_org_id ?? "", stepIndex: r.step_index ?? 0 });
        break;
      case "returned":
        out.push({
          ...base,
          type: "returned",
          orgId: r.actor_org_id ?? "",
          stepIndex: r.step_index ?? 0,
          corrections: detail.corrections ?? [],
        });
        break;
      case "overdue":
        out.push({ type: "overdue", at: r.at, stepIndex: r.step_index ?? 0 });
        break;
      case "rejected":
      case "revoked":
        out.push({
          ...base,
          type: r.type,
          orgId: r.actor_org_id ?? "",
          stepIndex: r.step_index ?? 0,
          reason: detail.reason ?? "",
        });
        break;
    }
  }
  return out;
}

export function eventsOf(db: Kysely<DB>, applicationId: string): Promise<EventRow[]> {
  return db
    .selectFrom("application_events")
    .selectAll()
    .where("application_id", "=", applicationId)
    .orderBy("seq")
    .execute();
}

export interface LoadedApplication {
  row: ApplicationRow;
  content: ItemContent;
  versionNo: number;
  def: WorkflowDef;
  events: EventRow[];
  state: WorkflowState;
}

// Published versions never change (新老划断), so their parsed content is kept once read.
const versionCache = new Map<string, { content: ItemContent; versionNo: number; def: WorkflowDef }>();
const VERSION_CACHE_LIMIT = 5000;

export async function versionOf(db: Kysely<DB>, id: string) {
  const cached = versionCache.get(id);
  if (cached) return cached;
  const version = await db
    .selectFrom("service_item_versions")
    .select(["content", "version"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const content = parseContent(version.content);
  const entry = { content, versionNo: version.version, def: workflowOf(content) };
  if (versionCache.size >= VERSION_CACHE_LIMIT) versionCache.clear();
  versionCache.set(id, entry);
  return entry;
}

export async function loadApplication(db: Kysely<DB>, id: string): Promise<LoadedApplication | null> {
  const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const [version, events] = await Promise.all([versionOf(db, row.version_id), eventsOf(db, id)]);
  const { content, versionNo, def } = version;
  return { row, content, versionNo, def, events, state: replay(def, engineEvents(events)) };
}

/** The organisations of the steps the application has reached. */
export function reachedOrgIds(loaded: Pick<LoadedApplication, "def" | "state">): string[] {
  return loaded.def.steps.flatMap((s, i) => (loaded.state.steps[i]!.startedAt !== null ? [...s.orgIds] : []));
}

export const subjectOf = (loaded: LoadedApplication): ApplicationSubject => ({
  applicantUserId: loaded.row.applicant_user_id,
  reachedOrgIds: reachedOrgIds(loaded),
});

export async function subjectOfApplication(db: Kysely<DB>, id: string): Promise<ApplicationSubject | null> {
  const loaded = await loadApplication(db, id);
  return loaded ? subjectOf(loaded) : null;
}
