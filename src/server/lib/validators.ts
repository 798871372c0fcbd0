// Checks for Chinese identity numbers and phone numbers. Each check returns a value or a bilingual,
// specific reason instead of throwing, so callers can turn failures into field errors.
import type { Bilingual } from "./errors.js";

export type Check<T = undefined> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(zh: string, en: string): Check<T> => ({ ok: false, reason: { zh, en } });

const isDigit = (c: string): boolean => c >= "0" && c <= "9";

/** Shows a character in a reason without letting control characters garble the message. */
const shown = (c: string): string => JSON.stringify(c);

// ---------------------------------------------------------------------------------------------
// 居民身份证号码, GB 11643-1999

// Weight of position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2).
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Indexed by (weighted sum mod 11).
const RESIDENT_ID_CHECK_CHARS = "10X98765432";
const EARLIEST_BIRTH_DATE = "1900-01-01";

/** The check character (0-9 or X) for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("residentIdCheckChar needs exactly 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK_CHARS[sum % 11]!;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** yyyy-mm-dd of a Date in the server's local time zone, which is the zone "today" means to users. */
function localDateString(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first bad character of an 18-character resident ID, as a failed check. */
function residentIdCharacterProblem(id: string): Check<never> | undefined {
  for (let i = 0; i < 18; i++) {
    const c = id[i]!;
    const allowed = isDigit(c) || (i === 17 && c === "X");
    if (allowed) continue;
    return i === 17
      ? fail(`第18位应为数字或X，实际为${shown(c)}`, `position 18 must be a digit or X, got ${shown(c)}`)
      : fail(`第${i + 1}位应为数字，实际为${shown(c)}`, `position ${i + 1} must be a digit, got ${shown(c)}`);
  }
  return undefined;
}

function checkBirthDate(yyyymmdd: string, today: Date): Check<string> {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const birthDate = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail(`出生日期${birthDate}不是有效日期`, `birth date ${birthDate} is not a valid date`);
  }
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return fail(`出生日期${birthDate}早于1900年`, `birth date ${birthDate} is before 1900`);
  }
  if (birthDate > localDateString(today)) {
    return fail(`出生日期${birthDate}晚于今天`, `birth date ${birthDate} is in the future`);
  }
  return pass(birthDate);
}

export function checkResidentId(
  id: string,
  today: Date = new Date(),
): Check<{ birthDate: string; gender: "male" | "female"; regionCode: string }> {
  // A lowercase x is the same check character; surrounding blanks come from copy and paste.
  const normalised = id.trim().toUpperCase();
  if (normalised.length !== 18) {
    return fail(
      `身份证号码应为18位，实际为${normalised.length}位`,
      `resident ID must be 18 characters, got ${normalised.length}`,
    );
  }
  const characterProblem = residentIdCharacterProblem(normalised);
  if (characterProblem) return characterProblem;

  const regionCode = normalised.slice(0, 6);
  if (regionCode[0]! < "1" || regionCode[0]! > "8") {
    return fail(
      `地区码${regionCode}无效：首位应为1-8`,
      `region code ${regionCode} is invalid: its first digit must be 1-8`,
    );
  }
  const birth = checkBirthDate(normalised.slice(6, 14), today);
  if (!birth.ok) return birth;

  const expected = residentIdCheckChar(normalised.slice(0, 17));
  if (normalised[17] !== expected) {
    return fail(
      `校验码错误：第18位应为${expected}，实际为${normalised[17]}`,
      `bad check digit: position 18 should be ${expected}, got ${normalised[17]}`,
    );
  }
  // The 17th digit is the sequence number's last digit: odd for men, even for women.
  const gender = Number(normalised[16]) % 2 === 1 ? "male" : "female";
  return pass({ birthDate: birth.value, gender, regionCode });
}

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码, GB 32100-2015, which embeds a 组织机构代码 (GB 11714-1997) at positions 9-17

// The 31 characters a USCC may use, in value order: no I, O, S, V, Z.
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// Weight of position i is 3^(i-1) mod 31.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The USCC check character for the first 17 characters (which must be from the USCC charset). */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError("usccCheckChar needs exactly 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`usccCheckChar: ${shown(first17[i]!)} is not a USCC character`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 values a character by its place in 0-9A-Z, which differs from its USCC value for letters. */
const orgCodeValue = (c: string): number => (isDigit(c) ? Number(c) : c.charCodeAt(0) - 55);

/** The GB 11714 check character (0-9 or X) for the 8-character body of an organisation code. */
export function organisationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError("organisationCodeCheckChar needs 8 of 0-9A-Z");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

function usccCharacterProblem(code: string): Check<never> | undefined {
  for (let i = 0; i < 18; i++) {
    const c = code[i]!;
    const position = i + 1;
    // Positions 3-8 are an administrative region code, which is numeric.
    if (position >= 3 && position <= 8 && !isDigit(c)) {
      return fail(
        `第${position}位（地区码）应为数字，实际为${shown(c)}`,
        `position ${position} (region code) must be a digit, got ${shown(c)}`,
      );
    }
    if (!USCC_CHARSET.includes(c)) {
      return fail(
        `第${position}位字符${shown(c)}不允许：只能是数字或除I、O、S、V、Z外的大写字母`,
        `position ${position} has ${shown(c)}, which is not allowed: use digits or capital letters except I, O, S, V, Z`,
      );
    }
  }
  return undefined;
}

export function checkUscc(
  code: string,
): Check<{ registrationAuthority: string; orgType: string; regionCode: string }> {
  // Registration authority and organisation type are returned as their codes, not checked against a
  // table: the standard's tables have grown by amendment and the check characters already catch typos.
  const normalised = code.trim().toUpperCase();
  if (normalised.length !== 18) {
    return fail(
      `统一社会信用代码应为18位，实际为${normalised.length}位`,
      `unified social credit code must be 18 characters, got ${normalised.length}`,
    );
  }
  const characterProblem = usccCharacterProblem(normalised);
  if (characterProblem) return characterProblem;

  const orgBody = normalised.slice(8, 16);
  const expectedOrgCheck = organisationCodeCheckChar(orgBody);
  if (normalised[16] !== expectedOrgCheck) {
    return fail(
      `组织机构代码校验码错误：第17位应为${expectedOrgCheck}，实际为${normalised[16]}`,
      `bad organisation code check character: position 17 should be ${expectedOrgCheck}, got ${normalised[16]}`,
    );
  }
  const expected = usccCheckChar(normalised.slice(0, 17));
  if (normalised[17] !== expected) {
    return fail(
      `校验码错误：第18位应为${expected}，实际为${normalised[17]}`,
      `bad check character: position 18 should be ${expected}, got ${normalised[17]}`,
    );
  }
  return pass({
    registrationAuthority: normalised[0]!,
    orgType: normalised[1]!,
    regionCode: normalised.slice(2, 8),
  });
}

// ---------------------------------------------------------------------------------------------
// Mainland mobile numbers

/** Strips separators and a +86 / 86 country prefix; returns the normalised 11 digits. */
export function checkMobile(phone: string): Check<string> {
  let digits = phone.replace(/[\s-]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  // An 11-digit mobile starts with 1, so "86" in front of 11 more digits can only be a country code.
  else if (digits.length === 13 && digits.startsWith("86")) digits = digits.slice(2);

  const badIndex = [...digits].findIndex((c) => !isDigit(c));
  if (badIndex >= 0) {
    const c = [...digits][badIndex]!;
    return fail(
      `手机号码只能包含数字，发现${shown(c)}`,
      `mobile number may only contain digits, found ${shown(c)}`,
    );
  }
  if (digits.length !== 11) {
    return fail(
      `手机号码应为11位，实际为${digits.length}位`,
      `mobile number must be 11 digits, got ${digits.length}`,
    );
  }
  if (!/^1[3-9]/.test(digits)) {
    return fail("手机号码应以13-19开头", "mobile number must start with 13-19");
  }
  return pass(digits);
}

// ---------------------------------------------------------------------------------------------
// Bank card and account numbers

/** 12-30 digits once spaces and dashes are gone (card numbers are 16-19, company accounts longer). */
export function checkBankAccountNumber(raw: string): Check<string> {
  const digits = raw.replace(/[\s-]/g, "");
  return /^\d{12,30}$/.test(digits)
    ? pass(digits)
    : fail("银行账号应为12-30位数字", "bank account must be 12-30 digits");
}

// ---------------------------------------------------------------------------------------------
// Masking for display and logs

/** Keeps `head` and `tail` characters and stars out the rest; too-short input is starred out whole. */
function maskMiddle(text: string, head: number, tail: number): string {
  const chars = [...text];
  if (chars.length <= head + tail) return "*".repeat(chars.length);
  return chars.slice(0, head).join("") + "*".repeat(chars.length - head - tail) + chars.slice(-tail).join("");
}

/** "11010519491231002X" -> "1101**********002X". */
export function maskIdNumber(id: string): string {
  return maskMiddle(id.trim(), 4, 4);
}

/** "13812341234" -> "138****1234"; a recognisable mobile number is normalised first. */
export function maskPhone(p: string): string {
  const mobile = checkMobile(p);
  return maskMiddle(mobile.ok ? mobile.value : p.trim(), 3, 4);
}

/** "6222020712001234567" → "***************4567": the last four digits only. */
export function maskAccountTail(account: string): string {
  const chars = [...account.replace(/[\s-]/g, "")];
  if (chars.length <= 4) return "*".repeat(chars.length);
  return "*".repeat(chars.length - 4) + chars.slice(-4).join("");
}

/** "zhangwei@example.gov.cn" → "z*******@example.gov.cn": enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return maskMiddle(email, 1, 0);
  return `${email[0]}${"*".repeat(Math.max(at - 1, 1))}${email.slice(at)}`;
}
