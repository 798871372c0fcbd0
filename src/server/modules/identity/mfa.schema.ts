import { Type } from "@sinclair/typebox";

// Request and response shapes of the two-factor routes (mfa.routes.ts, and the second login step in
// auth.routes.ts).

export const TotpCode = Type.String({
  pattern: "^[0-9]{6}$",
  description: "6-digit code from the authenticator app",
});
/** As shown (XXXXX-XXXXX); case, spaces and hyphens do not matter. */
export const RecoveryCode = Type.String({ minLength: 10, maxLength: 24, pattern: "^[0-9A-Za-z\\s-]+$" });

export const MfaStatusView = Type.Object(
  {
    enabled: Type.Boolean(),
    /** A role of this account requires 2FA (security settings). */
    required: Type.Boolean(),
    /** Enrolment started and not yet confirmed with a code. */
    enrolmentPending: Type.Boolean(),
    enabledAt: Type.Union([Type.String(), Type.Null()]),
    recoveryCodesLeft: Type.Integer(),
  },
  { $id: "MfaStatus" },
);

export const MfaEnrolmentView = Type.Object(
  {
    otpauthUri: Type.String({ description: "otpauth://totp/… for authenticator apps" }),
    qrCode: Type.String({ description: "the URI as a QR code: data:image/png;base64,…" }),
    secret: Type.String({ description: "base32 secret for manual entry" }),
  },
  { $id: "MfaEnrolment" },
);

export const RecoveryCodesView = Type.Object(
  {
    recoveryCodes: Type.Array(Type.String(), {
      description: "shown this once; only keyed hashes are stored",
    }),
  },
  { $id: "MfaRecoveryCodes" },
);

export const CodeBody = Type.Object({ code: TotpCode }, { additionalProperties: false });
export const DisableBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }), code: TotpCode },
  { additionalProperties: false },
);
