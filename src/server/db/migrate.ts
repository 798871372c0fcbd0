import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
} from "kysely";
import type { Database, Dialect } from "./connect.js";
import type { MigrationContext } from "./migration-context.js";
import type { AnyDb } from "./migrations/2026_11_27_0001_platform.js";
import * as platform from "./migrations/2026_11_27_0001_platform.js";
import * as policy from "./migrations/2026_11_27_0002_policy.js";
import * as files from "./migrations/2026_11_27_0003_files.js";
import * as services from "./migrations/2026_11_27_0004_services.js";
import * as registry from "./migrations/2026_11_27_0005_registry.js";
import * as portal from "./migrations/2026_11_27_0006_portal.js";
import * as funds from "./migrations/2026_11_27_0007_funds.js";
import * as calculator from "./migrations/2026_11_27_0008_calculator.js";
import * as ruleSetNotes from "./migrations/2026_11_28_0001_rule_set_notes.js";
import * as identityHardening from "./migrations/2026_12_04_0100_identity_hardening.js";
import * as auditKeyed from "./migrations/2026_12_04_0200_audit_keyed.js";
import * as fundsBalanceCheck from "./migrations/2026_12_04_0200_funds_balance_check.js";
import * as homeCounts from "./migrations/2026_12_05_0400_home_counts.js";
import * as recognitionOutcome from "./migrations/2026_12_05_0600_recognition_outcome.js";
import * as mfa from "./migrations/2026_12_06_0100_mfa.js";
import * as auditRetention from "./migrations/2026_12_06_0200_audit_retention.js";
import * as formPii from "./migrations/2026_12_06_0300_form_pii.js";
import * as taskDueSource from "./migrations/2026_12_06_0400_task_due_source.js";
import * as payoutHolds from "./migrations/2026_12_06_0500_payout_holds.js";
import * as certificates from "./migrations/2026_12_06_0600_certificates.js";
import * as hrAgencies from "./migrations/2026_12_06_0700_hr_agencies.js";
import * as clauseReport from "./migrations/2026_12_06_0800_clause_report.js";
import * as evaluation from "./migrations/2026_12_06_0900_evaluation.js";
import type { DB } from "./schema.js";

export type { MigrationContext };

// Migrations are imported statically (no directory scanning), so the compiled server and the
// tests run exactly the same list. Names are timestamps: Kysely applies them in name order.
type MigrationModule = {
  up(db: AnyDb, d: Dialect, ctx: MigrationContext): Promise<void>;
  down(db: AnyDb, d: Dialect): Promise<void>;
};

const MIGRATIONS: Record<string, MigrationModule> = {
  "2026_11_27_0001_platform": platform,
  "2026_11_27_0002_policy": policy,
  "2026_11_27_0003_files": files,
  "2026_11_27_0004_services": services,
  "2026_11_27_0005_registry": registry,
  "2026_11_27_0006_portal": portal,
  "2026_11_27_0007_funds": funds,
  "2026_11_27_0008_calculator": calculator,
  "2026_11_28_0001_rule_set_notes": ruleSetNotes,
  "2026_12_04_0100_identity_hardening": identityHardening,
  "2026_12_04_0200_audit_keyed": auditKeyed,
  "2026_12_04_0200_funds_balance_check": fundsBalanceCheck,
  "2026_12_05_0400_home_counts": homeCounts,
  "2026_12_05_0600_recognition_outcome": recognitionOutcome,
  "2026_12_06_0600_certificates": certificates,
  "2026_12_06_0500_payout_holds": payoutHolds,
  "2026_12_06_0400_task_due_source": taskDueSource,
  "2026_12_06_0300_form_pii": formPii,
  "2026_12_06_0200_audit_retention": auditRetention,
  "2026_12_06_0100_mfa": mfa,
  "2026_12_06_0700_hr_agencies": hrAgencies,
  "2026_12_06_0800_clause_report": clauseReport,
  "2026_12_06_0900_evaluation": evaluation,
};

class StaticProvider implements MigrationProvider {
  constructor(
    private readonly dialect: Dialect,
    private readonly ctx: MigrationContext,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [
        name,
        { up: (db) => m.up(db, this.dialect, this.ctx), down: (db) => m.down(db, this.dialect) },
      ]),
    );
  }
}

function migrator(db: Kysely<DB>, dialect: Dialect, ctx: MigrationContext = {}): Migrator {
  return new Migrator({ db, provider: new StaticProvider(dialect, ctx) });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(`migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).map((r) => `${r.direction === "Up" ? "applied" : "reverted"} ${r.migrationName}`);
}

export async function migrateToLatest(
  { db, dialect }: Database,
  ctx: MigrationContext = {},
): Promise<string[]> {
  return unwrap(await migrator(db, dialect, ctx).migrateToLatest());
}

export async function migrateDown({ db, dialect }: Database): Promise<string[]> {
  return unwrap(await migrator(db, dialect).migrateDown());
}
