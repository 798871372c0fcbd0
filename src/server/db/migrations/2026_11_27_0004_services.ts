import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The services domain's tables (see ../tables/services.ts).

export async function up(_db: AnyDb, _dialect: Dialect): Promise<void> {}

export async function down(_db: AnyDb, _dialect: Dialect): Promise<void> {}
