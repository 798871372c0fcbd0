import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";

// TOTP (RFC 6238) with the parameters every authenticator app reads from a QR code: HMAC-SHA1,
// 6 digits, 30-second steps; a 160-bit secret (RFC 4226 §4 recommends at least 128, 160 advised).
// A code is accepted for its own step and one step either side (clock drift ±30 s); which step it
// matched is returned so the caller can refuse a second use of the same step (replay).

export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
const WINDOW = 1;

export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

export function totpOf(secretBase32: string, issuer: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The time step the code belongs to (within ±1 of now), or null when it matches none. */
export function matchedStep(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpOf(secretBase32, "", "");
  const timestamp = now.getTime();
  const delta = totp.validate({ token: code, timestamp, window: WINDOW });
  if (delta === null) return null;
  return totp.counter({ timestamp }) + delta;
}

// Recovery codes: 10 characters from a 32-letter alphabet without look-alikes (50 bits each),
// shown as XXXXX-XXXXX. 256 is a multiple of 32, so byte & 31 is unbiased.
const RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const chars = [...randomBytes(10)].map((b) => RECOVERY_ALPHABET[b & 31]).join("");
    codes.add(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return [...codes];
}

/** What a user types, in whatever case and with whatever spaces or hyphens, as stored. */
export const normaliseRecoveryCode = (typed: string): string => typed.replace(/[\s-]/g, "").toUpperCase();
