import { type Static, Type } from "@sinclair/typebox";
import { ROLES } from "../../lib/authz.js";

export const SecuritySettings = Type.Object(
  {
    passwordMinLength: Type.Integer({ minimum: 8, maximum: 64 }),
    passwordMinClasses: Type.Integer({ minimum: 2, maximum: 4 }),
    lockoutThreshold: Type.Integer({ minimum: 3, maximum: 10 }),
    lockoutMinutes: Type.Integer({ minimum: 5, maximum: 1440 }),
    sessionIdleMinutes: Type.Integer({ minimum: 5, maximum: 120 }),
    sessionAbsoluteHours: Type.Integer({ minimum: 1, maximum: 72 }),
    /** Roles whose holders must use two-factor authentication (TOTP); until enrolled they reach only enrolment. */
    mfaRequiredRoles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), {
      uniqueItems: true,
      maxItems: ROLES.length,
    }),
  },
  { additionalProperties: false, $id: "SecuritySettings" },
);
export type SecuritySettings = Static<typeof SecuritySettings>;

/** MLPS (等保 2.0) style defaults. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = Object.freeze({
  passwordMinLength: 8,
  passwordMinClasses: 3,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  // None by default, so the demo logins keep working; SECURITY.md recommends every staff and
  // administrator role in production.
  mfaRequiredRoles: [],
});

/** What PUT /api/settings/security accepts: settings added later may be left out (they keep their value). */
export const SecuritySettingsUpdate = Type.Object(
  {
    ...SecuritySettings.properties,
    mfaRequiredRoles: Type.Optional(SecuritySettings.properties.mfaRequiredRoles),
  },
  { additionalProperties: false, $id: "SecuritySettingsUpdate" },
);
export type SecuritySettingsUpdate = Static<typeof SecuritySettingsUpdate>;
