import { sql } from "kysely";
import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Audit retention (issue 12 item 5): rows older than the retention period may be purged, and only
// through one controlled path. A purge first records a checkpoint (through which seq, the hash of
// that row, signed with AUDIT_KEY); the append-only trigger then lets a DELETE through only for
// rows a checkpoint covers. UPDATE and TRUNCATE stay refused, and checkpoints are append-only too.
// Verify starts the chain at the newest checkpoint, so a purge keeps it verifiable while a deleted
// row that no checkpoint covers is still a break.

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("audit_checkpoints")
    .addColumn("through_seq", "bigint", (c) => c.primaryKey())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .addColumn("purged_rows", "bigint", (c) => c.notNull())
    .addColumn("cutoff", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("alg", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .execute();

  if (dialect === "sqlite") {
    await sql`drop trigger audit_log_no_delete`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      when not exists (select 1 from audit_checkpoints where through_seq >= old.seq)
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_checkpoints_no_update before update on audit_checkpoints
      begin select raise(abort, 'audit_checkpoints is append-only'); end`.execute(db);
    await sql`create trigger audit_checkpoints_no_delete before delete on audit_checkpoints
      begin select raise(abort, 'audit_checkpoints is append-only'); end`.execute(db);
  } else {
    // The same function guards UPDATE/DELETE (row trigger audit_log_no_change) and TRUNCATE.
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and exists (select 1 from audit_checkpoints where through_seq >= old.seq) then
          return old;
        end if;
        raise exception 'audit_log is append-only';
      end $$`.execute(db);
    await sql`create function audit_checkpoints_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_checkpoints is append-only'; end $$`.execute(db);
    await sql`create trigger audit_checkpoints_no_change before update or delete on audit_checkpoints
      for each row execute function audit_checkpoints_append_only()`.execute(db);
    await sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
      for each statement execute function audit_checkpoints_append_only()`.execute(db);
  }
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") {
    await sql`drop trigger audit_log_no_delete`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await db.schema.dropTable("audit_checkpoints").execute();
  } else {
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await db.schema.dropTable("audit_checkpoints").execute();
    await sql`drop function audit_checkpoints_append_only()`.execute(db);
  }
}
