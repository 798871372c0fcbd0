// Where eligibility rules find the applicant's data. The registry domain implements it
// (makeProfileProvider in ../registry/profile.ts); without a provider, or with a null profile,
// eligibility is "unknown" and shown to the officer instead of blocking the application.

export interface ProfileProvider {
  /** The talent profile in the shape of engine/rules talentCatalogue fields, or null if none. */
  profileOfUser(userId: string): Promise<Record<string, unknown> | null>;
}

/** What the registry knows about the applicant (issue 14 item 6: forms are not typed twice). */
export interface ApplicantFacts {
  /** The talent record linked to the account (talent applicants). */
  talent: {
    name: string;
    /** The 身份证 number in full (null for a passport holder): server use only, never sent out. */
    idNumber: string | null;
    phone: string | null;
    employer: string | null;
    /** The latest professional title's name (e.g. 高级工程师). */
    title: string | null;
    /** A–E, or null. */
    tier: string | null;
  } | null;
  /** The employer record of the account's organisation (employer applicants). */
  employer: { name: string } | null;
}

export interface ApplicantFactsProvider {
  factsOf(user: { userId: string; orgId: string; kind: "talent" | "employer" }): Promise<ApplicantFacts>;
}
