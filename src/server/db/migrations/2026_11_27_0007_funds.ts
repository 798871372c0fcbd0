import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The funds domain's tables (see ../tables/funds.ts).

export async function up(_db: AnyDb, _dialect: Dialect): Promise<void> {}

export async function down(_db: AnyDb, _dialect: Dialect): Promise<void> {}
