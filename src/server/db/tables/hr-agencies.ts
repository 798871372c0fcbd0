// Table types of the 人力资源服务机构 registry (modules/hr-agencies). DB in ../schema.ts extends
// HrAgenciesTables. Same conventions as ../schema.ts; money is integer 分.

export interface HrAgencyTable {
  id: string;
  name: string;
  /** 统一社会信用代码, checked (GB 32100) and stored upper-case; one record per code. */
  uscc: string;
  /** 人力资源服务许可证 number; null for agencies that need none (no 职业中介). */
  licence_no: string | null;
  licence_valid_from: string | null;
  licence_valid_to: string | null;
  /** JSON array of the services offered (HR_AGENCY_SERVICES). */
  services: string;
  contact_name: string;
  contact_phone: string;
  address: string | null;
  /** The 人社 department that keeps the record (登记机关); its officers and leaders manage it. */
  authority_org_id: string;
  /** The agency's own organisation, when it has an employer account: it reads the record and
   * submits its annual reports. */
  org_id: string | null;
  /** "active" | "suspended" | "closed" */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One annual report (年度报告) per agency and year. */
export interface HrAgencyReportTable {
  id: string;
  agency_id: string;
  year: number;
  /** "submitted" | "accepted" | "returned" */
  status: string;
  /** "agency" (its employer account) | "authority" (recorded by the department) */
  source: string;
  staff_count: number;
  served_persons: number;
  placements: number;
  revenue_fen: number;
  summary: string;
  submitted_by: string;
  submitted_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

/** A 政府购买服务 contract placed with an agency. */
export interface HrAgencyContractTable {
  id: string;
  agency_id: string;
  title: string;
  amount_fen: number;
  period_from: string;
  period_to: string;
  deliverables: string;
  /** "signed" | "in_progress" | "accepted" | "terminated" */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface HrAgenciesTables {
  hr_agencies: HrAgencyTable;
  hr_agency_reports: HrAgencyReportTable;
  hr_agency_contracts: HrAgencyContractTable;
}
