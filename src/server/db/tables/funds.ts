// Table types of the funds domain; DB in ../schema.ts extends FundsTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).

export type FundsTables = {};
