import type { Dialect } from "../connect.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Evaluation rounds (modules/evaluation): the expert pool, the organisations that run rounds, rounds
// with their candidates, the verifiable draw (commitment, revealed seed, frozen snapshot), per-seat
// assignments with locked score sheets, and every avoided expert–candidate pair with its reason.

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("evaluation_owners")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("experts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.unique().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("employer_id", "text", (c) => c.references("employers.id"))
    .addColumn("region_code", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("disciplines", "text", (c) => c.notNull())
    .addColumn("relations", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("experts_status_idx").on("experts").columns(["status", "id"]).execute();
  await db.schema
    .createTable("evaluation_rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("disciplines", "text", (c) => c.notNull())
    .addColumn("panel_size", "integer", (c) => c.notNull())
    .addColumn("reserve_size", "integer", (c) => c.notNull())
    .addColumn("score_sheet", "text", (c) => c.notNull())
    .addColumn("decision_rule", "text", (c) => c.notNull())
    .addColumn("quota", "integer")
    .addColumn("avoid_days", "integer", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("publicity_id", "text")
    .addColumn("commitment", "text")
    .addColumn("seed_hex", "text")
    .addColumn("snapshot", "text")
    .addColumn("snapshot_hash", "text")
    .addColumn("draw_result", "text")
    .addColumn("opened_at", "text")
    .addColumn("drawn_at", "text")
    .addColumn("review_started_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("evaluation_rounds_owner_idx")
    .on("evaluation_rounds")
    .columns(["owner_org_id", "id"])
    .execute();
  await db.schema
    .createTable("evaluation_candidates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("evaluation_rounds.id"))
    .addColumn("talent_id", "text", (c) => c.notNull().references("talents.id"))
    .addColumn("application_id", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("decision", "text")
    .addColumn("result", "text")
    .addColumn("landed_at", "text")
    .addUniqueConstraint("evaluation_candidates_round_talent_key", ["round_id", "talent_id"])
    .execute();
  await db.schema
    .createTable("evaluation_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("evaluation_rounds.id"))
    .addColumn("candidate_id", "text", (c) => c.notNull().references("evaluation_candidates.id"))
    .addColumn("expert_id", "text", (c) => c.notNull().references("experts.id"))
    .addColumn("seat", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("conflict_reason", "text")
    .addColumn("scores", "text")
    .addColumn("total", "real")
    .addColumn("vote", "text")
    .addColumn("comment", "text")
    .addColumn("extreme_reason", "text")
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("evaluation_assignments_candidate_expert_key", ["candidate_id", "expert_id"])
    .execute();
  await db.schema
    .createIndex("evaluation_assignments_expert_idx")
    .on("evaluation_assignments")
    .columns(["expert_id", "round_id"])
    .execute();
  await db.schema
    .createIndex("evaluation_assignments_round_idx")
    .on("evaluation_assignments")
    .columns(["round_id", "candidate_id"])
    .execute();
  await db.schema
    .createTable("evaluation_avoided")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("evaluation_rounds.id"))
    .addColumn("candidate_id", "text", (c) => c.notNull().references("evaluation_candidates.id"))
    .addColumn("expert_id", "text", (c) => c.notNull().references("experts.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("evaluation_avoided_round_idx")
    .on("evaluation_avoided")
    .columns(["round_id", "candidate_id"])
    .execute();
}

export async function down(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("evaluation_avoided").execute();
  await db.schema.dropTable("evaluation_assignments").execute();
  await db.schema.dropTable("evaluation_candidates").execute();
  await db.schema.dropTable("evaluation_rounds").execute();
  await db.schema.dropTable("experts").execute();
  await db.schema.dropTable("evaluation_owners").execute();
}
