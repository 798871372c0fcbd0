// Where eligibility rules find the applicant's data. The registry domain implements it
// (makeProfileProvider in ../registry/profile.ts); without a provider, or with a null profile,
// eligibility is "unknown" and shown to the officer instead of blocking the application.

export interface ProfileProvider {
  /** The talent profile in the shape of engine/rules talentCatalogue fields, or null if none. */
  profileOfUser(userId: string): Promise<Record<string, unknown> | null>;
}
