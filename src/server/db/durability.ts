import { sql } from "kysely";
import type { Database } from "./connect.js";

// Settings a committed transaction needs to survive a crash or power loss, checked at start:
// SQLite journal_mode=wal, synchronous=FULL (2) and secure_delete on; PostgreSQL fsync=on and
// synchronous_commit not off. Production refuses to start on a problem; elsewhere it is a warning.

export async function durabilityProblems(database: Database): Promise<string[]> {
  const problems: string[] = [];
  if (database.dialect === "sqlite") {
    const one = async (name: string) =>
      Object.values(
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {},
      )[0];
    const mode = String(await one("journal_mode")).toLowerCase();
    if (mode !== "wal" && mode !== "memory") problems.push(`SQLite journal_mode is ${mode}, not wal`);
    if (Number(await one("synchronous")) !== 2) problems.push("SQLite synchronous is not FULL");
    if (Number(await one("secure_delete")) !== 1) problems.push("SQLite secure_delete is off");
    return problems;
  }
  const show = async (name: string) =>
    String(
      Object.values(
        (await sql.raw<Record<string, unknown>>(`show ${name}`).execute(database.db)).rows[0] ?? {},
      )[0],
    );
  if ((await show("fsync")) !== "on") problems.push("PostgreSQL fsync is off");
  if ((await show("synchronous_commit")) === "off") problems.push("PostgreSQL synchronous_commit is off");
  return problems;
}

/** Refuses (throws) in production, warns elsewhere. */
export async function checkDurability(database: Database, production: boolean): Promise<void> {
  const problems = await durabilityProblems(database);
  if (problems.length === 0) return;
  const text = `durability settings: ${problems.join("; ")}`;
  if (production) throw new Error(`refusing to start in production: ${text}`);
  console.warn(`warning: ${text} (committed data may not survive a crash)`);
}
