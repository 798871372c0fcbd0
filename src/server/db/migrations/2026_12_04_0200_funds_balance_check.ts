import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// The database itself refuses a negative account balance, whatever code writes it. Shown balances
// are all ≥ 0 (modules/funds/ledger.ts): the source account "allocated" holds minus the allocation
// (raw ≤ 0), every other account raw ≥ 0. PostgreSQL: a CHECK constraint. SQLite cannot add a
// CHECK to an existing table without rebuilding it (and the ledger tables it is referenced by), so
// there two triggers abort the same inserts and updates.

const RULE = "(kind = 'allocated' and balance <= 0) or (kind <> 'allocated' and balance >= 0)";

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    await sql`alter table fund_accounts add constraint fund_accounts_balance_sign check (${sql.raw(RULE)})`.execute(
      db,
    );
    return;
  }
  for (const event of ["insert", "update"]) {
    await sql`create trigger ${sql.raw(`fund_accounts_balance_sign_${event}`)} before ${sql.raw(event)} on fund_accounts
      when not (${sql.raw(RULE.replaceAll("kind", "new.kind").replaceAll("balance", "new.balance"))})
      begin select raise(abort, 'CHECK constraint failed: fund_accounts balance would be negative'); end`.execute(
      db,
    );
  }
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    await sql`alter table fund_accounts drop constraint fund_accounts_balance_sign`.execute(db);
    return;
  }
  await sql`drop trigger if exists fund_accounts_balance_sign_insert`.execute(db);
  await sql`drop trigger if exists fund_accounts_balance_sign_update`.execute(db);
}
