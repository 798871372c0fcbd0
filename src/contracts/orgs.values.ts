// Run-time values of the organisations contract that the web app needs too (no TypeBox here, so the
// bundle can import them).
export const ORG_KINDS = ["party_gov", "employer", "agency", "individuals"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
