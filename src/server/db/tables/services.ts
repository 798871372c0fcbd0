// Table types of the services domain; DB in ../schema.ts extends ServicesTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).

export interface ServiceItemTable {
  id: string;
  code: string;
  /** Of the latest published version, or of the draft while never published. */
  name: string;
  kind: string;
  owner_org_id: string;
  /** JSON ItemContent being edited; null when there is no unpublished change. */
  draft: string | null;
  /** Latest published version number; null: never published (invisible to the public). */
  current_version: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Immutable once written (新老划断): applications point at the version they were made under. */
export interface ServiceItemVersionTable {
  id: string;
  item_id: string;
  code: string;
  version: number;
  name: string;
  kind: string;
  owner_org_id: string;
  /** JSON ItemContent. */
  content: string;
  published_by: string | null;
  published_at: string;
}

export interface ServiceItemMeasureTable {
  item_id: string;
  measure_id: string;
}

export interface ApplicationTable {
  id: string;
  number: string;
  item_id: string;
  item_code: string;
  version_id: string;
  applicant_user_id: string;
  applicant_org_id: string;
  /** "talent" | "employer" */
  applicant_kind: string;
  applicant_name: string;
  /** Lower-case, spaces removed: the prefix-search key. */
  applicant_name_key: string;
  beneficiary_name: string | null;
  status: string;
  /** JSON object. */
  form: string;
  /** "pass" | "fail" | "unknown", evaluated at submission. */
  eligibility: string | null;
  /** Cached from the events: the waiting step, its deadline and the overall promised date. */
  step_index: number | null;
  step_deadline: string | null;
  deadline: string | null;
  /** The seq of the latest event. */
  event_seq: number;
  first_submitted_at: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_org_id: string | null;
  type: string;
  step_index: number | null;
  /** JSON: comment, corrections, reason, publicityId … */
  detail: string | null;
}

export interface ApplicationWaitTable {
  application_id: string;
  org_id: string;
  role: string;
  step_index: number;
  since: string;
  deadline: string;
  item_code: string;
  number: string;
  applicant_name_key: string;
  overdue_notified: number;
}

export interface ApplicationMaterialTable {
  application_id: string;
  material_code: string;
  file_id: string;
  position: number;
}

export interface HolidayTable {
  date: string;
  /** "holiday" | "workday" (调休上班) */
  kind: string;
  name: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ApplicationCounterTable {
  day: string;
  last: number;
}

export type ServicesTables = {
  service_items: ServiceItemTable;
  service_item_versions: ServiceItemVersionTable;
  service_item_measures: ServiceItemMeasureTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_waits: ApplicationWaitTable;
  application_materials: ApplicationMaterialTable;
  holidays: HolidayTable;
  application_counters: ApplicationCounterTable;
};
