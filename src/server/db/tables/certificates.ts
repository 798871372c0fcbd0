// Table types of certificates (证书): the numbered paper an approved recognition issues. DB in
// ../schema.ts extends CertificatesTables. Same conventions as ../schema.ts.

/** One issued certificate. The number is public (anyone checks it on the portal); the rest of the
 * holder's record is not. */
export interface CertificateTable {
  id: string;
  /** "YKRC-2026-000123-K7Q4": year, the year's sequence, and four random characters so numbers
   * cannot be enumerated from one seen certificate. */
  number: string;
  year: number;
  seq: number;
  /** "tier" | "title" | "skill" (the recognition outcome kinds) */
  kind: string;
  talent_id: string;
  /** The application whose approval issued it; one certificate per application. */
  application_id: string;
  application_number: string;
  item_code: string;
  item_name: string;
  /** What is certified, in Chinese, e.g. "B类高层次人才", "副高级职称（工程）", "技师（焊工）". */
  subject: string;
  issued_on: string;
  /** Last valid day (tiers), or null when it does not expire. */
  valid_to: string | null;
  issuer_org_id: string;
  issued_by: string;
  /** "valid" | "revoked" */
  status: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  created_at: string;
}

/** The last sequence number used per year (one row per year, bumped inside the issuing transaction). */
export interface CertificateCounterTable {
  year: number;
  last: number;
}

export interface CertificatesTables {
  certificates: CertificateTable;
  certificate_counters: CertificateCounterTable;
}
