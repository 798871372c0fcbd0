// Table types of the registry domain; DB in ../schema.ts extends RegistryTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).
// Columns ending in _enc hold AES-256-GCM ciphertext (lib/crypto.ts); _bidx their HMAC blind index.

export interface EmployerTable {
  id: string;
  /** The organisation whose employer accounts act for this employer, if it has any. */
  org_id: string | null;
  name: string;
  uscc: string;
  kind: string;
  industry: string | null;
  region_code: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  created_at: string;
  updated_at: string;
}

export interface TalentTable {
  id: string;
  /** The talent's own account, if they have one. */
  user_id: string | null;
  employer_id: string | null;
  name: string;
  id_type: string;
  id_number_enc: string;
  id_number_bidx: string;
  gender: string;
  birth_date: string;
  phone_enc: string | null;
  phone_bidx: string | null;
  bank_account_enc: string | null;
  industry: string | null;
  category: string | null;
  arrival_date: string | null;
  salary_yearly: number | null;
  tax_yearly: number | null;
  /** The recognised tier (A–E) now; its history is in talent_tiers. */
  tier: string | null;
  created_at: string;
  updated_at: string;
}

interface ChildRow {
  id: string;
  talent_id: string;
  position: number;
}

export interface TalentEducationTable extends ChildRow {
  degree: string;
  school: string;
  major: string | null;
  year: number | null;
}
export interface TalentTitleTable extends ChildRow {
  name: string;
  level: string;
  year: number | null;
  /** The approved recognition application it came from, or null (entered or imported). */
  application_id?: string | null;
}
export interface TalentSkillTable extends ChildRow {
  name: string;
  level: string;
  year: number | null;
  /** The approved recognition application it came from, or null (entered or imported). */
  application_id?: string | null;
}
export interface TalentAwardTable extends ChildRow {
  name: string;
  level: string;
  year: number;
}
export interface TalentPatentTable extends ChildRow {
  title: string;
  kind: string;
  number: string | null;
  year: number;
}
export interface TalentEngagementTable extends ChildRow {
  employer_id: string | null;
  employer_name: string;
  kind: string;
  starts_on: string;
  ends_on: string | null;
}
export interface TalentPostdocTable extends ChildRow {
  station: string;
  starts_on: string;
  ends_on: string | null;
}

export interface TalentTierTable {
  id: string;
  talent_id: string;
  /** A–E, or "none" when a recognition is withdrawn. */
  tier: string;
  recognised_on: string;
  source: string;
  rule_set_id: string | null;
  note: string | null;
  recorded_by: string | null;
  created_at: string;
  /** Validity of a recognised tier (yyyy-mm-dd), when the recognition gives one. */
  valid_from?: string | null;
  valid_to?: string | null;
  /** The approved recognition application it came from (unique: one tier per application). */
  application_id?: string | null;
}

export interface RuleSetTable {
  id: string;
  code: string;
  version: number;
  kind: string;
  title: string;
  document: string;
  /** What changed in this version, in the talent office's words (null: none given). */
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export type RegistryTables = {
  employers: EmployerTable;
  talents: TalentTable;
  talent_educations: TalentEducationTable;
  talent_titles: TalentTitleTable;
  talent_skills: TalentSkillTable;
  talent_awards: TalentAwardTable;
  talent_patents: TalentPatentTable;
  talent_engagements: TalentEngagementTable;
  talent_postdocs: TalentPostdocTable;
  talent_tiers: TalentTierTable;
  rule_sets: RuleSetTable;
};
