import { randomInt } from "node:crypto";
import argon2 from "argon2";
import type { FieldError } from "../../lib/errors.js";
import { COMMON_PASSWORDS } from "./common-passwords.js";

// argon2id with the OWASP-recommended floor (19 MiB, 2 passes): ~30 ms here, slow enough for
// offline attacks, fast enough that logins do not queue.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string): Promise<string> => argon2.hash(plain, ARGON2_OPTIONS);

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

// Verifying against this keeps the time of "unknown user" equal to "wrong password".
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(plain: string): Promise<void> {
  dummyHash ??= hashPassword("rencai-timing-equaliser");
  await verifyPassword(await dummyHash, plain);
}

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const MAX_PASSWORD_LENGTH = 128;

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** Every rule the password breaks, as field errors on `path`. Empty when it is acceptable. */
export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  context: { username?: string; path?: string } = {},
): FieldError[] {
  const path = context.path ?? "/newPassword";
  const errors: FieldError[] = [];
  if (password.length < policy.minLength) {
    errors.push({
      path,
      message: {
        zh: `密码长度至少 ${policy.minLength} 位`,
        en: `Password must be at least ${policy.minLength} characters`,
      },
    });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    errors.push({
      path,
      message: {
        zh: `密码长度不能超过 ${MAX_PASSWORD_LENGTH} 位`,
        en: `Password must be at most ${MAX_PASSWORD_LENGTH} characters`,
      },
    });
  }
  if (characterClasses(password) < policy.minClasses) {
    errors.push({
      path,
      message: {
        zh: `密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`,
        en: `Password must mix at least ${policy.minClasses} of: upper case, lower case, digits, symbols`,
      },
    });
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) {
    errors.push({ path, message: { zh: "该密码过于常见，容易被猜中", en: "This password is too common" } });
  }
  if (context.username && context.username.length >= 3 && lowered.includes(context.username.toLowerCase())) {
    errors.push({
      path,
      message: { zh: "密码不能包含用户名", en: "Password must not contain the username" },
    });
  }
  return errors;
}

/** A random password that satisfies any policy up to 4 classes, for accounts an admin creates. */
export function generateInitialPassword(length = 14): string {
  const sets = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!@#$%^&*-_=+?"];
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  const all = sets.join("");
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
