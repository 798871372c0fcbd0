// Table types of the registry domain; DB in ../schema.ts extends RegistryTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).

export type RegistryTables = {};
