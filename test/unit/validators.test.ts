import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkMobile,
  checkResidentId,
  checkUscc,
  maskIdNumber,
  maskPhone,
  organisationCodeCheckChar,
  residentIdCheckChar,
  usccCheckChar,
} from "../../src/server/lib/validators.js";

// A fixed "today" keeps the future-date rule independent of when and where the tests run.
const TODAY = new Date(2025, 5, 15);
const DIGITS = "0123456789";
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const swapAt = (s: string, i: number): string => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
const replaceAt = (s: string, i: number, c: string): string => s.slice(0, i) + c + s.slice(i + 1);

/** Every string that differs from `value` in exactly one position, drawn from `alphabetAt(position)`. */
function singleCharacterChanges(value: string, alphabetAt: (index: number) => string): string[] {
  const changes: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (const c of alphabetAt(i)) if (c !== value[i]) changes.push(replaceAt(value, i, c));
  }
  return changes;
}

const birthDateArb = fc
  .record({
    year: fc.integer({ min: 1900, max: 2024 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.nat(),
  })
  .map(({ year, month, day }) => `${year}${pad(month, 2)}${pad(1 + (day % daysIn(year, month)), 2)}`);

const residentIdArb = fc
  .tuple(fc.integer({ min: 100000, max: 899999 }), birthDateArb, fc.integer({ min: 0, max: 999 }))
  .map(([region, birth, sequence]) => {
    const first17 = `${region}${birth}${pad(sequence, 3)}`;
    return first17 + residentIdCheckChar(first17);
  });

const usccCharArb = (chars: string) => fc.constantFrom(...chars.split(""));

const usccArb = fc
  .tuple(
    usccCharArb("123456789ANY"), // registration authority
    usccCharArb("1239"), // organisation type
    fc.integer({ min: 100000, max: 999999 }), // region code
    fc.array(usccCharArb(USCC_CHARSET), { minLength: 8, maxLength: 8 }), // organisation code body
  )
  .map(([authority, orgType, region, body]) => {
    const orgBody = body.join("");
    const first17 = `${authority}${orgType}${region}${orgBody}${organisationCodeCheckChar(orgBody)}`;
    return first17 + usccCheckChar(first17);
  });

const residentIdAlphabetAt = (i: number): string => (i === 17 ? `${DIGITS}X` : DIGITS);

describe("checkResidentId", () => {
  it("accepts the GB 11643 sample 11010519491231002X (check char hand-computed: sum 167, 167 mod 11 = 2 -> X)", () => {
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    expect(checkResidentId("11010519491231002X", TODAY)).toEqual({
      ok: true,
      value: { birthDate: "1949-12-31", gender: "female", regionCode: "110105" },
    });
  });

  it("accepts a lowercase x and surrounding blanks", () => {
    expect(checkResidentId(" 11010519491231002x ", TODAY).ok).toBe(true);
  });

  it("computes the check char of the standard's other sample but rejects its 1880 birth date", () => {
    // 440524188001010014: sum 195, 195 mod 11 = 8 -> "4"; a valid number, but born before 1900.
    expect(residentIdCheckChar("44052418800101001")).toBe("4");
    const result = checkResidentId("440524188001010014", TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.en).toMatch(/before 1900/);
  });

  it("accepts numbers built with residentIdCheckChar and reads birth date and gender", () => {
    const male = `11010520000229001${residentIdCheckChar("11010520000229001")}`;
    expect(checkResidentId(male, TODAY)).toEqual({
      ok: true,
      value: { birthDate: "2000-02-29", gender: "male", regionCode: "110105" },
    });
    const female = `81000019000101002${residentIdCheckChar("81000019000101002")}`;
    expect(checkResidentId(female, TODAY)).toMatchObject({ ok: true, value: { gender: "female" } });
  });

  it.each([
    ["wrong length", "1101051949123100", /18 characters, got 16/],
    ["letter in the body", "1101051949A231002X", /position 11 must be a digit/],
    ["bad check character", "110105194912310021", /bad check digit.*should be X/],
    ["region starting with 9", withIdCheck("91010519491231002"), /region code/],
    ["region starting with 0", withIdCheck("01010519491231002"), /region code/],
    ["29 February in a non-leap year", withIdCheck("11010519000229002"), /not a valid date/],
    ["month 13", withIdCheck("11010519491331002"), /not a valid date/],
    ["day 0", withIdCheck("11010519491200002"), /not a valid date/],
    ["birth date in the future", withIdCheck("11010520250616002"), /in the future/],
  ])("rejects %s", (_name, id, reason) => {
    const result = checkResidentId(id, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.en).toMatch(reason);
      expect(result.reason.zh.length).toBeGreaterThan(0);
    }
  });

  it("accepts a birth date of today", () => {
    expect(checkResidentId(withIdCheck("11010520250615002"), TODAY).ok).toBe(true);
  });

  it("accepts every generated valid number", () => {
    fc.assert(fc.property(residentIdArb, (id) => checkResidentId(id, TODAY).ok));
  });

  it("rejects every single-character change of a valid number (exhaustive over a sample)", () => {
    for (const id of fc.sample(residentIdArb, { numRuns: 30, seed: 11643 })) {
      for (const changed of singleCharacterChanges(id, residentIdAlphabetAt)) {
        expect(checkResidentId(changed, TODAY).ok, `${id} -> ${changed}`).toBe(false);
      }
    }
  });

  it("always rejects swapped neighbours among the first 17 digits, and never crashes on a swap", () => {
    fc.assert(
      fc.property(residentIdArb, fc.integer({ min: 0, max: 16 }), (id, i) => {
        fc.pre(id[i] !== id[i + 1]);
        const swapped = swapAt(id, i);
        const result = checkResidentId(swapped, TODAY);
        // Neighbouring weights differ mod the prime 11, so a swap inside the body always changes the sum.
        if (i < 16) expect(result.ok).toBe(false);
        // A swap that touches the check character is caught exactly when the check char no longer fits.
        else if (result.ok) expect(swapped[17]).toBe(residentIdCheckChar(swapped.slice(0, 17)));
      }),
    );
  });

  it("never throws on garbage", () => {
    const nearMiss = fc.string({ unit: fc.constantFrom(..."0123456789Xx -"), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), nearMiss), (s) => {
        const result = checkResidentId(s, TODAY);
        expect(typeof result.ok).toBe("boolean");
      }),
    );
  });
});

describe("checkUscc", () => {
  it("accepts the published code 91350100M000100Y43 (both check chars hand-computed)", () => {
    // GB 11714 on M000100Y: 22*3 + 1*5 + 34*2 = 139, 139 mod 11 = 7, 11 - 7 = 4.
    expect(organisationCodeCheckChar("M000100Y")).toBe("4");
    // GB 32100 weighted sum over 91350100M000100Y4 is 1640, 1640 mod 31 = 28, 31 - 28 = 3.
    expect(usccCheckChar("91350100M000100Y4")).toBe("3");
    expect(checkUscc("91350100M000100Y43")).toEqual({
      ok: true,
      value: { registrationAuthority: "9", orgType: "1", regionCode: "350100" },
    });
  });

  it("accepts lowercase letters and surrounding blanks", () => {
    expect(checkUscc(" 91350100m000100y43\t").ok).toBe(true);
  });

  it.each([
    ["wrong length", "91350100M000100Y4", /18 characters, got 17/],
    ["a forbidden letter", "91350100M0001O0Y43", /position 14 has "O"/],
    ["a letter in the region code", "9135A100M000100Y43", /position 5 \(region code\) must be a digit/],
    ["a bad organisation code check", "91350100M000100Y53", /organisation code check.*should be 4/],
    ["a bad check character", "91350100M000100Y44", /bad check character.*should be 3/],
  ])("rejects %s", (_name, code, reason) => {
    const result = checkUscc(code);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.en).toMatch(reason);
      expect(result.reason.zh.length).toBeGreaterThan(0);
    }
  });

  it("accepts every generated valid code", () => {
    fc.assert(
      fc.property(usccArb, (code) => {
        const result = checkUscc(code);
        expect(result).toEqual({
          ok: true,
          value: { registrationAuthority: code[0], orgType: code[1], regionCode: code.slice(2, 8) },
        });
      }),
    );
  });

  it("rejects every single-character change of a valid code (exhaustive over a sample)", () => {
    for (const code of fc.sample(usccArb, { numRuns: 30, seed: 32100 })) {
      for (const changed of singleCharacterChanges(code, () => USCC_CHARSET)) {
        expect(checkUscc(changed).ok, `${code} -> ${changed}`).toBe(false);
      }
    }
  });

  it("rejects a wrong embedded organisation code even when the final check character is recomputed", () => {
    // The mod-31 check alone would accept these, so this is what proves the GB 11714 check runs.
    fc.assert(
      fc.property(usccArb, usccCharArb(`${DIGITS}X`), (code, orgCheck) => {
        fc.pre(orgCheck !== code[16]);
        const first17 = replaceAt(code.slice(0, 17), 16, orgCheck);
        const result = checkUscc(first17 + usccCheckChar(first17));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason.en).toMatch(/organisation code check/);
      }),
    );
  });

  it("always rejects swapped neighbours among the first 17 characters, and never crashes on a swap", () => {
    fc.assert(
      fc.property(usccArb, fc.integer({ min: 0, max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = swapAt(code, i);
        const result = checkUscc(swapped);
        // Neighbouring weights are w and 3w mod the prime 31, so a swap inside the body changes the sum.
        if (i < 16) expect(result.ok).toBe(false);
        else if (result.ok) expect(swapped[17]).toBe(usccCheckChar(swapped.slice(0, 17)));
      }),
    );
  });

  it("never throws on garbage", () => {
    const nearMiss = fc.string({ unit: fc.constantFrom(...`${USCC_CHARSET}IOSVZio -`), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), nearMiss), (s) => {
        expect(typeof checkUscc(s).ok).toBe("boolean");
      }),
    );
  });
});

describe("check character functions", () => {
  it("refuse input of the wrong shape", () => {
    expect(() => residentIdCheckChar("1234")).toThrow(RangeError);
    expect(() => usccCheckChar("91350100M000100YI")).toThrow(RangeError);
  });
});

describe("checkMobile", () => {
  it.each([
    ["13812341234", "13812341234"],
    ["+86 138 1234 1234", "13812341234"],
    ["86-138-1234-1234", "13812341234"],
    ["+8619912341234", "19912341234"],
  ])("normalises %s", (input, expected) => {
    expect(checkMobile(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["too short", "1381234123", /11 digits, got 10/],
    ["too long", "138123412345", /11 digits, got 12/],
    ["a letter", "1381234l234", /only contain digits, found "l"/],
    ["a landline prefix", "12812341234", /start with 13-19/],
    ["a leading zero", "03812341234", /start with 13-19/],
  ])("rejects %s", (_name, input, reason) => {
    const result = checkMobile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.en).toMatch(reason);
  });

  it("accepts any 1[3-9] number and never throws on garbage", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        (second, rest) => {
          const phone = `1${second}${pad(rest, 9)}`;
          expect(checkMobile(phone)).toEqual({ ok: true, value: phone });
        },
      ),
    );
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => typeof checkMobile(s).ok === "boolean"));
  });
});

describe("masking", () => {
  it("keeps the first and last four characters of an ID number", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("1101**********002X");
    expect(maskIdNumber("91350100M000100Y43")).toBe("9135**********0Y43");
  });

  it("keeps the first three and last four digits of a phone number", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("+86 138-1234-1234")).toBe("138****1234");
  });

  it("stars out input too short to keep both ends", () => {
    expect(maskIdNumber("12345678")).toBe("********");
    expect(maskPhone("1234567")).toBe("*******");
  });

  it("never reveals the middle and keeps the length", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789X"), minLength: 9, maxLength: 30 }),
        (id) => {
          const masked = maskIdNumber(id);
          expect(masked.length).toBe(id.length);
          expect(masked.slice(4, -4)).toMatch(/^\*+$/);
        },
      ),
    );
  });
});

function withIdCheck(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}
