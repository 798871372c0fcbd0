// Checks and sealing of a talent's personal data: the ID number (身份证 with its birth date and
// gender, or a passport), mobile phone and bank account. Shared by the API and the Excel import so
// both refuse the same things with the same words.
import type { FieldCipher } from "../../lib/crypto.js";
import type { Bilingual, FieldError } from "../../lib/errors.js";
import {
  checkBankAccountNumber,
  checkMobile,
  checkResidentId,
  maskIdNumber,
  maskPhone,
} from "../../lib/validators.js";

export type IdType = "resident" | "passport";
export type Gender = "male" | "female";

export interface Identity {
  idType: IdType;
  idNumber: string;
  gender: Gender;
  birthDate: string;
}

const PASSPORT = /^[A-Z0-9]{5,17}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isCalendarDate = (s: string): boolean =>
  DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

const err = (path: string, zh: string, en: string): FieldError => ({ path, message: { zh, en } });

/** The normalised identity, or the problems with it (paths relative to `at`). A 身份证 fixes the
 * birth date and gender: given ones must agree, missing ones are taken from it. */
export function checkIdentity(
  input: { idType: IdType; idNumber: string; gender?: Gender | null; birthDate?: string | null },
  today: Date,
  at = "",
): { ok: true; value: Identity } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (input.idType === "resident") {
    const check = checkResidentId(input.idNumber, today);
    if (!check.ok) {
      return {
        ok: false,
        errors: [{ path: `${at}/idNumber`, message: prefixed("身份证号码", "ID number", check.reason) }],
      };
    }
    const { birthDate, gender } = check.value;
    if (input.birthDate && input.birthDate !== birthDate)
      errors.push(
        err(
          `${at}/birthDate`,
          `出生日期${input.birthDate}与身份证号码中的${birthDate}不一致`,
          `birth date ${input.birthDate} does not match ${birthDate} in the ID number`,
        ),
      );
    if (input.gender && input.gender !== gender)
      errors.push(
        err(
          `${at}/gender`,
          `性别与身份证号码不一致（身份证号码为${gender === "male" ? "男" : "女"}性）`,
          `gender does not match the ID number (which is ${gender})`,
        ),
      );
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: { idType: "resident", idNumber: input.idNumber.trim().toUpperCase(), gender, birthDate },
    };
  }
  const number = input.idNumber.replace(/\s/g, "").toUpperCase();
  if (!PASSPORT.test(number))
    errors.push(
      err(`${at}/idNumber`, "护照号码应为5-17位字母或数字", "passport number must be 5-17 letters or digits"),
    );
  if (!input.gender)
    errors.push(err(`${at}/gender`, "护照持有人须填写性别", "gender is required with a passport"));
  if (!input.birthDate)
    errors.push(err(`${at}/birthDate`, "护照持有人须填写出生日期", "birth date is required with a passport"));
  else if (!isCalendarDate(input.birthDate) || input.birthDate < "1900-01-01")
    errors.push(err(`${at}/birthDate`, "出生日期无效", "birth date is not a real date"));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { idType: "passport", idNumber: number, gender: input.gender!, birthDate: input.birthDate! },
  };
}

const prefixed = (zh: string, en: string, reason: Bilingual): Bilingual => ({
  zh: `${zh}无效：${reason.zh}`,
  en: `${en} is invalid: ${reason.en}`,
});

export function checkPhone(
  raw: string,
  path: string,
): { ok: true; value: string } | { ok: false; error: FieldError } {
  const check = checkMobile(raw);
  return check.ok
    ? { ok: true, value: check.value }
    : { ok: false, error: { path, message: prefixed("手机号码", "mobile number", check.reason) } };
}

/** Bank card and account numbers: 12-30 digits once spaces and dashes are gone. */
export function checkBankAccount(
  raw: string,
  path: string,
): { ok: true; value: string } | { ok: false; error: FieldError } {
  const check = checkBankAccountNumber(raw);
  return check.ok ? { ok: true, value: check.value } : { ok: false, error: { path, message: check.reason } };
}

/** Blind-index key of an ID number: passport and resident numbers live in separate spaces. */
export const idIndexInput = (idType: IdType, idNumber: string) => `${idType}:${idNumber}`;

export interface SealedIdentity {
  id_number_enc: string;
  id_number_bidx: string;
}

export function sealIdNumber(cipher: FieldCipher, idType: IdType, idNumber: string): SealedIdentity {
  return {
    id_number_enc: cipher.encrypt("talent.idNumber", idNumber),
    id_number_bidx: cipher.blindIndex("talent.idNumber", idIndexInput(idType, idNumber)),
  };
}

export function sealPhone(cipher: FieldCipher, phone: string | null) {
  return {
    phone_enc: phone === null ? null : cipher.encrypt("talent.phone", phone),
    phone_bidx: phone === null ? null : cipher.blindIndex("talent.phone", phone),
  };
}

export const sealBankAccount = (cipher: FieldCipher, account: string | null) =>
  account === null ? null : cipher.encrypt("talent.bankAccount", account);

/** "6222 0202 0000 1234 567" → "6222***********4567"-style: first 4 and last 4 digits. */
export const maskBankAccount = (account: string): string =>
  account.length <= 8
    ? "*".repeat(account.length)
    : `${account.slice(0, 4)}${"*".repeat(account.length - 8)}${account.slice(-4)}`;

export { maskIdNumber, maskPhone };
