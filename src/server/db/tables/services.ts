// Table types of the services domain; DB in ../schema.ts extends ServicesTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).

export type ServicesTables = {};
