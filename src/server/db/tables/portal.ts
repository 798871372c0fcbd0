// Table types of the portal domain; DB in ../schema.ts extends PortalTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).

export type PortalTables = {};
