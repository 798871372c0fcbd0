import { Value } from "@sinclair/typebox/value";
import { authorize } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import type { AuditWriter } from "../audit/audit.service.js";
import {
  DEFAULT_SECURITY_SETTINGS,
  SecuritySettings,
  type SecuritySettingsUpdate,
} from "./settings.schema.js";
import "./settings.policy.js";

const SECURITY_KEY = "security";
// Settings are read on every request (session timeouts); a short cache keeps that off the database
// while a change made in another process still takes effect within seconds.
const CACHE_MS = 5_000;

export function makeSettingsService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;
  let cached: { value: SecuritySettings; at: number } | null = null;

  async function security(): Promise<SecuritySettings> {
    const now = Date.now();
    if (cached && now - cached.at < CACHE_MS) return cached.value;
    const row = await db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", SECURITY_KEY)
      .executeTakeFirst();
    const stored: unknown = row ? JSON.parse(row.value) : {};
    const merged = { ...DEFAULT_SECURITY_SETTINGS, ...(typeof stored === "object" ? stored : {}) };
    const value = Value.Check(SecuritySettings, merged) ? merged : DEFAULT_SECURITY_SETTINGS;
    cached = { value, at: now };
    return value;
  }

  return {
    security,

    async readSecurity(op: Op): Promise<SecuritySettings> {
      authorize(op.actor, "settings.readSecurity");
      return security();
    },

    async updateSecurity(op: Op, update: SecuritySettingsUpdate): Promise<SecuritySettings> {
      authorize(op.actor, "settings.updateSecurity");
      cached = null;
      const before = await security();
      const next: SecuritySettings = {
        ...update,
        mfaRequiredRoles: update.mfaRequiredRoles ?? before.mfaRequiredRoles,
      };
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const values = {
          key: SECURITY_KEY,
          value: JSON.stringify(next),
          updated_at: at,
          updated_by: op.actor.userId,
        };
        await trx
          .insertInto("settings")
          .values(values)
          .onConflict((oc) =>
            oc
              .column("key")
              .doUpdateSet({ value: values.value, updated_at: at, updated_by: values.updated_by }),
          )
          .execute();
        await writeAudit(trx, op, {
          action: "settings.security.update",
          objectType: "settings",
          objectId: SECURITY_KEY,
          detail: { before, after: next },
        });
      });
      cached = null;
      return security();
    },
  };
}
export type SettingsService = ReturnType<typeof makeSettingsService>;
