import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { AppError, type Bilingual, invalidFields } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { detectFileType } from "../files/detect.js";
import { checkEmployerCode } from "./employers.service.js";
import {
  CATEGORY_WORDS,
  type Column,
  EMPLOYER_COLUMNS,
  EMPLOYER_KIND_WORDS,
  ENGAGEMENT_WORDS,
  GENDER_WORDS,
  ID_TYPE_WORDS,
  TALENT_COLUMNS,
} from "./import-columns.js";
import {
  checkBankAccount,
  checkIdentity,
  checkPhone,
  type Identity,
  idIndexInput,
  isCalendarDate,
  sealBankAccount,
  sealPhone,
} from "./personal-data.js";
import { type EmployerRow, employersByUscc, existingIdIndexes, type TalentRow } from "./registry.repo.js";
import {
  DEGREES,
  type ImportKind,
  type ImportMode,
  type ImportResult,
  MAX_IMPORT_BYTES,
  type RowError,
  SKILL_LEVELS,
  TITLE_LEVELS,
} from "./registry.schema.js";
import { type RawCell, readFirstSheet, serialDate } from "./xlsx-read.js";
import "./registry.policy.js";

// Excel import of talents and employers: the template, row-level checks with a report of every bad
// row, duplicates within the file and against the registry, and two modes — all_or_nothing (any
// bad row imports nothing) and valid_rows (the good rows go in, the bad ones are reported). Rows
// are written in batches inside one transaction, so an import is never half-written.

export interface ImportInput {
  kind: ImportKind;
  mode: ImportMode;
  filename: string;
  bytes: Uint8Array;
}

export interface ImportProgress {
  phase: "reading" | "checking" | "writing";
  done: number;
  total: number;
}

const BATCH = 400;
const SHOWN_ERRORS = 200;
const MB = 1024 * 1024;

const importError = (code: string, zh: string, en: string) =>
  invalidFields(code, [{ path: "", message: { zh, en } }]);

type Cell = RawCell;

/** A cell as trimmed text (a whole number without exponent or decimals). */
function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isSafeInteger(v)) return v.toFixed(0);
  return String(v);
}

/** yyyy-mm-dd from a date cell (an Excel serial day number) or text like 2020-1-5, 2020/01/05. */
function dateOf(v: Cell | undefined): string | null {
  if (typeof v === "number") return serialDate(v);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cellText(v));
  if (!m) return null;
  const s = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isCalendarDate(s) ? s : null;
}

/** Yuan with at most two decimals → integer 分, without floating-point rounding surprises. */
function fenOf(v: Cell | undefined): number | null {
  const text = typeof v === "number" ? v.toFixed(2) : cellText(v).replace(/[,，\s]/g, "");
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

interface Sheet {
  header: Map<string, number>;
  rows: { no: number; values: Cell[] }[];
}

async function readSheet(bytes: Uint8Array, columns: readonly Column<string>[]): Promise<Sheet> {
  if (bytes.length === 0) throw importError("IMPORT_EMPTY_FILE", "文件为空", "The file is empty");
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new AppError("too_large", "IMPORT_TOO_LARGE", {
      zh: `导入文件不能超过 ${MAX_IMPORT_BYTES / MB} MB（该文件 ${(bytes.length / MB).toFixed(1)} MB）；请拆分后分批导入`,
      en: `Import files may not exceed ${MAX_IMPORT_BYTES / MB} MB (this one is ${(bytes.length / MB).toFixed(1)} MB); split it`,
    });
  const notXlsx = () =>
    importError(
      "IMPORT_NOT_XLSX",
      "文件不是 Excel 工作簿（.xlsx）；请下载模板填写后保存为 .xlsx（不支持 .xls、.csv、.et）",
      "The file is not an Excel workbook (.xlsx); fill in the template and save it as .xlsx (.xls and .csv are not read)",
    );
  if (detectFileType(bytes) !== "xlsx") throw notXlsx();
  const values = readFirstSheet(bytes);
  if (values === null) throw notXlsx();
  const headerRow = values[1] ?? [];
  const header = new Map<string, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  headerRow.forEach((v, i) => {
    const text = cellText(v);
    if (text === "") return;
    if (!columns.some((c) => c.header === text)) unknown.push(text);
    else if (header.has(text)) repeated.push(text);
    else header.set(text, i);
  });
  const missing = columns.filter((c) => c.required && !header.has(c.header)).map((c) => c.header);
  const problems: { path: string; message: Bilingual }[] = [
    ...missing.map((h) => ({
      path: `/columns/${h}`,
      message: { zh: `缺少必填列“${h}”`, en: `required column "${h}" is missing` },
    })),
    ...unknown.map((h) => ({
      path: `/columns/${h}`,
      message: {
        zh: `未知列“${h}”（请使用导入模板的列名）`,
        en: `unknown column "${h}" (use the template's column names)`,
      },
    })),
    ...repeated.map((h) => ({
      path: `/columns/${h}`,
      message: { zh: `列“${h}”重复`, en: `column "${h}" appears twice` },
    })),
  ];
  if (problems.length > 0) throw invalidFields("IMPORT_BAD_COLUMNS", problems);
  const rows: Sheet["rows"] = [];
  for (let no = 2; no < values.length; no++) {
    const row = values[no];
    if (!row?.some((v) => cellText(v) !== "")) continue;
    rows.push({ no, values: row });
  }
  if (rows.length === 0) throw importError("IMPORT_NO_ROWS", "文件中没有数据行", "The file has no data rows");
  return { header, rows };
}

/** One row's cells by column key, and a way to record its problems. */
function rowReader<K extends string>(
  sheet: Sheet,
  columns: readonly Column<K>[],
  row: Sheet["rows"][number],
  errors: RowError[],
) {
  const byKey = new Map(columns.map((c) => [c.key, c.header]));
  const raw = (key: K): Cell => {
    const index = sheet.header.get(byKey.get(key)!);
    return index === undefined ? null : (row.values[index] ?? null);
  };
  return {
    raw,
    text: (key: K) => cellText(raw(key)),
    fail: (key: K | null, zh: string, en: string) =>
      errors.push({ row: row.no, column: key === null ? null : byKey.get(key)!, message: { zh, en } }),
  };
}

interface TalentDraft {
  row: number;
  name: string;
  identity: Identity;
  phone: string | null;
  bank: string | null;
  employerUscc: string | null;
  engagement: string | null;
  engagementStart: string | null;
  category: string | null;
  industry: string | null;
  arrivalDate: string | null;
  education: { degree: string; school: string; major: string | null; year: number | null } | null;
  title: { name: string; level: string } | null;
  skill: { name: string; level: string } | null;
  salary: number | null;
  tax: number | null;
  bidx: string;
}

interface EmployerDraft {
  row: number;
  name: string;
  uscc: string;
  kind: string;
  industry: string | null;
  regionCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

export function makeImportService(deps: Deps, writeAudit: AuditWriter, cipher: FieldCipher) {
  const db = deps.database.db;

  function checkTalentRow(sheet: Sheet, row: Sheet["rows"][number], errors: RowError[]): TalentDraft | null {
    const before = errors.length;
    const r = rowReader(sheet, TALENT_COLUMNS, row, errors);
    const name = r.text("name");
    if (name === "") r.fail("name", "姓名必填", "name is required");
    else if ([...name].length > 50)
      r.fail("name", "姓名过长（最多50字）", "name is too long (50 characters at most)");
    const idTypeText = r.text("idType");
    const idType = idTypeText === "" ? "resident" : ID_TYPE_WORDS[idTypeText];
    if (!idType)
      r.fail(
        "idType",
        `证件类型“${idTypeText}”无效，应为身份证或护照`,
        `ID type "${idTypeText}" must be 身份证 or 护照`,
      );
    const rawId = r.raw("idNumber");
    const idNumber = r.text("idNumber");
    if (typeof rawId === "number" && !Number.isSafeInteger(rawId))
      r.fail(
        "idNumber",
        "证件号码被存成了数字，已丢失精度；请将该列设置为文本格式后重新填写",
        "the ID number was stored as a number and lost digits; format the column as text",
      );
    else if (idNumber === "") r.fail("idNumber", "证件号码必填", "ID number is required");
    const genderText = r.text("gender");
    const gender = genderText === "" ? undefined : GENDER_WORDS[genderText];
    if (genderText !== "" && !gender)
      r.fail("gender", `性别“${genderText}”无效，应为男或女`, `gender "${genderText}" must be 男 or 女`);
    const birthText = r.text("birthDate");
    const birthDate = birthText === "" ? undefined : dateOf(r.raw("birthDate"));
    if (birthDate === null)
      r.fail("birthDate", `出生日期“${birthText}”无效`, `birth date "${birthText}" is not a date`);
    let identity: Identity | null = null;
    if (idType && idNumber !== "" && errors.length === before) {
      const check = checkIdentity(
        { idType, idNumber, gender: gender ?? null, birthDate: birthDate ?? null },
        deps.clock.now(),
      );
      if (check.ok) identity = check.value;
      else
        for (const e of check.errors) {
          const key = e.path === "/gender" ? "gender" : e.path === "/birthDate" ? "birthDate" : "idNumber";
          r.fail(key, e.message.zh, e.message.en);
        }
    }
    const optional = <T>(
      key: (typeof TALENT_COLUMNS)[number]["key"],
      check: (text: string) => T | null,
      zh: string,
      en: string,
    ): T | null => {
      const text = r.text(key);
      if (text === "") return null;
      const value = check(text);
      if (value === null) r.fail(key, `${zh}“${text}”无效`, `${en} "${text}" is invalid`);
      return value;
    };
    const phoneText = r.text("phone");
    let phone: string | null = null;
    if (phoneText !== "") {
      const check = checkPhone(phoneText, "");
      if (check.ok) phone = check.value;
      else r.fail("phone", check.error.message.zh, check.error.message.en);
    }
    const rawBank = r.raw("bankAccount");
    if (typeof rawBank === "number" && !Number.isSafeInteger(rawBank))
      r.fail(
        "bankAccount",
        "银行账号被存成了数字，已丢失精度；请将该列设置为文本格式后重新填写",
        "the bank account was stored as a number and lost digits; format the column as text",
      );
    const bankText =
      typeof rawBank === "number" && !Number.isSafeInteger(rawBank) ? "" : r.text("bankAccount");
    let bank: string | null = null;
    if (bankText !== "") {
      const check = checkBankAccount(bankText, "");
      if (check.ok) bank = check.value;
      else r.fail("bankAccount", check.error.message.zh, check.error.message.en);
    }
    const usccText = r.text("employerUscc");
    let employerUscc: string | null = null;
    if (usccText !== "") {
      const check = checkEmployerCode(usccText, "");
      if (check.ok) employerUscc = check.value;
      else r.fail("employerUscc", check.error.message.zh, check.error.message.en);
    }
    const engagement = optional("engagement", (t) => ENGAGEMENT_WORDS[t] ?? null, "工作方式", "engagement");
    if (engagement !== null && usccText === "")
      r.fail("employerUscc", "填写工作方式时须填写用人单位", "an engagement needs the employer's code");
    const engagementStart = optional(
      "engagementStart",
      () => dateOf(r.raw("engagementStart")),
      "工作开始日期",
      "engagement start",
    );
    const category = optional("category", (t) => CATEGORY_WORDS[t] ?? null, "人才类别", "category");
    const industry = r.text("industry") || null;
    const arrivalDate = optional(
      "arrivalDate",
      () => dateOf(r.raw("arrivalDate")),
      "来营日期",
      "arrival date",
    );
    const degree = optional(
      "degree",
      (t) => ((DEGREES as readonly string[]).includes(t) ? t : null),
      "最高学位",
      "degree",
    );
    const school = r.text("school");
    if (degree !== null && school === "")
      r.fail("school", "填写最高学位时须填写毕业院校", "a degree needs its school");
    const year = optional(
      "graduationYear",
      (t) => (/^\d{4}$/.test(t) && Number(t) >= 1900 && Number(t) <= 2100 ? Number(t) : null),
      "毕业年份",
      "graduation year",
    );
    const titleName = r.text("titleName");
    const titleLevel = optional(
      "titleLevel",
      (t) => ((TITLE_LEVELS as readonly string[]).includes(t) ? t : null),
      "职称级别",
      "title level",
    );
    if (titleName !== "" && titleLevel === null && r.text("titleLevel") === "")
      r.fail("titleLevel", "填写职称名称时须填写职称级别", "a title needs its level");
    const skillLevel = optional(
      "skillLevel",
      (t) => ((SKILL_LEVELS as readonly string[]).includes(t) ? t : null),
      "职业技能等级",
      "skill level",
    );
    const salary = optional("salaryYearly", () => fenOf(r.raw("salaryYearly")), "上年度工资薪金", "salary");
    const tax = optional("taxYearly", () => fenOf(r.raw("taxYearly")), "上年度个人所得税", "income tax");
    if (errors.length > before || identity === null) return null;
    return {
      row: row.no,
      name,
      identity,
      phone,
      bank,
      employerUscc,
      engagement: engagement ?? (employerUscc ? "full_time" : null),
      engagementStart,
      category,
      industry,
      arrivalDate,
      education: degree === null ? null : { degree, school, major: r.text("major") || null, year },
      title: titleLevel === null ? null : { name: titleName || titleLevel, level: titleLevel },
      skill: skillLevel === null ? null : { name: r.text("skillName") || "未注明", level: skillLevel },
      salary,
      tax,
      bidx: cipher.blindIndex("talent.idNumber", idIndexInput(identity.idType, identity.idNumber)),
    };
  }

  function checkEmployerRow(
    sheet: Sheet,
    row: Sheet["rows"][number],
    errors: RowError[],
  ): EmployerDraft | null {
    const before = errors.length;
    const r = rowReader(sheet, EMPLOYER_COLUMNS, row, errors);
    const name = r.text("name");
    if (name === "") r.fail("name", "单位名称必填", "name is required");
    const usccText = r.text("uscc");
    let uscc = "";
    if (usccText === "") r.fail("uscc", "统一社会信用代码必填", "the unified social credit code is required");
    else {
      const check = checkEmployerCode(usccText, "");
      if (check.ok) uscc = check.value;
      else r.fail("uscc", check.error.message.zh, check.error.message.en);
    }
    const kindText = r.text("kind");
    const kind = EMPLOYER_KIND_WORDS[kindText];
    if (!kind) r.fail("kind", `单位类型“${kindText}”无效`, `employer kind "${kindText}" is invalid`);
    const region = r.text("regionCode");
    if (region !== "" && !/^\d{6}$/.test(region))
      r.fail("regionCode", "行政区划代码应为6位数字", "region code must be 6 digits");
    const phoneText = r.text("contactPhone");
    let contactPhone: string | null = null;
    if (phoneText !== "") {
      const check = checkPhone(phoneText, "");
      if (check.ok) contactPhone = check.value;
      else r.fail("contactPhone", check.error.message.zh, check.error.message.en);
    }
    if (errors.length > before) return null;
    return {
      row: row.no,
      name,
      uscc,
      kind: kind!,
      industry: r.text("industry") || null,
      regionCode: region || null,
      contactName: r.text("contactName") || null,
      contactPhone,
    };
  }

  /** Flags later rows that repeat an earlier row's key, or a key already in the registry. */
  function dropDuplicates<D extends { row: number }>(
    drafts: D[],
    keyOf: (d: D) => string,
    existing: Set<string>,
    column: string,
    errors: RowError[],
    what: Bilingual,
  ): D[] {
    const firstRow = new Map<string, number>();
    const kept: D[] = [];
    for (const d of drafts) {
      const key = keyOf(d);
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        errors.push({
          row: d.row,
          column,
          message: { zh: `与第${earlier}行的${what.zh}重复`, en: `same ${what.en} as row ${earlier}` },
        });
        continue;
      }
      firstRow.set(key, d.row);
      if (existing.has(key)) {
        errors.push({
          row: d.row,
          column,
          message: { zh: `该${what.zh}已在库中登记`, en: `this ${what.en} is already registered` },
        });
        continue;
      }
      kept.push(d);
    }
    return kept;
  }

  async function writeTalents(
    trx: Kysely<DB>,
    drafts: TalentDraft[],
    employerIds: Map<string, string>,
    progress: (n: number) => void,
  ) {
    const now = deps.clock.now();
    const at = now.toISOString();
    for (let i = 0; i < drafts.length; i += BATCH) {
      const batch = drafts.slice(i, i + BATCH);
      const talents: TalentRow[] = [];
      const educations: DB["talent_educations"][] = [];
      const titles: DB["talent_titles"][] = [];
      const skills: DB["talent_skills"][] = [];
      const engagements: DB["talent_engagements"][] = [];
      for (const d of batch) {
        const id = newId(now.getTime());
        const employerId = d.employerUscc ? employerIds.get(d.employerUscc)! : null;
        talents.push({
          id,
          user_id: null,
          employer_id: d.engagement === "full_time" ? employerId : null,
          name: d.name,
          id_type: d.identity.idType,
          id_number_enc: cipher.encrypt("talent.idNumber", d.identity.idNumber),
          id_number_bidx: d.bidx,
          gender: d.identity.gender,
          birth_date: d.identity.birthDate,
          ...sealPhone(cipher, d.phone),
          bank_account_enc: sealBankAccount(cipher, d.bank),
          industry: d.industry,
          category: d.category,
          arrival_date: d.arrivalDate,
          salary_yearly: d.salary,
          tax_yearly: d.tax,
          tier: null,
          created_at: at,
          updated_at: at,
        });
        if (d.education) educations.push({ id: newId(), talent_id: id, position: 0, ...d.education });
        if (d.title) titles.push({ id: newId(), talent_id: id, position: 0, ...d.title, year: null });
        if (d.skill) skills.push({ id: newId(), talent_id: id, position: 0, ...d.skill, year: null });
        if (employerId && d.engagement)
          engagements.push({
            id: newId(),
            talent_id: id,
            position: 0,
            employer_id: employerId,
            employer_name: "",
            kind: d.engagement,
            starts_on: d.engagementStart ?? d.arrivalDate ?? at.slice(0, 10),
            ends_on: null,
          });
      }
      await trx.insertInto("talents").values(talents).execute();
      if (educations.length > 0) await trx.insertInto("talent_educations").values(educations).execute();
      if (titles.length > 0) await trx.insertInto("talent_titles").values(titles).execute();
      if (skills.length > 0) await trx.insertInto("talent_skills").values(skills).execute();
      if (engagements.length > 0) await trx.insertInto("talent_engagements").values(engagements).execute();
      progress(i + batch.length);
    }
  }

  async function fillEngagementNames(trx: Kysely<DB>, employerIds: Map<string, string>) {
    // Engagement rows carry the employer's name for display; set once per employer, not per row.
    for (const id of new Set(employerIds.values())) {
      const e = await trx.selectFrom("employers").select("name").where("id", "=", id).executeTakeFirst();
      if (e)
        await trx
          .updateTable("talent_engagements")
          .set({ employer_name: e.name })
          .where("employer_id", "=", id)
          .where("employer_name", "=", "")
          .execute();
    }
  }

  async function writeEmployers(trx: Kysely<DB>, drafts: EmployerDraft[], progress: (n: number) => void) {
    const now = deps.clock.now();
    const at = now.toISOString();
    for (let i = 0; i < drafts.length; i += BATCH) {
      const batch = drafts.slice(i, i + BATCH);
      const rows: EmployerRow[] = batch.map((d) => ({
        id: newId(now.getTime()),
        org_id: null,
        name: d.name,
        uscc: d.uscc,
        kind: d.kind,
        industry: d.industry,
        region_code: d.regionCode,
        contact_name: d.contactName,
        contact_phone_enc:
          d.contactPhone === null ? null : cipher.encrypt("employer.contactPhone", d.contactPhone),
        created_at: at,
        updated_at: at,
      }));
      await trx.insertInto("employers").values(rows).execute();
      progress(i + batch.length);
    }
  }

  async function errorReport(
    kind: ImportKind,
    errors: RowError[],
    names: Map<number, string>,
  ): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.creator = "rencai";
    const sheet = book.addWorksheet("错误报告");
    sheet.columns = [
      { header: "行号", key: "row", width: 8 },
      { header: kind === "talents" ? "姓名" : "单位名称", key: "name", width: 24 },
      { header: "列", key: "column", width: 24 },
      { header: "问题", key: "zh", width: 60 },
      { header: "Problem", key: "en", width: 60 },
    ];
    for (const e of errors)
      sheet.addRow({
        row: e.row,
        name: names.get(e.row) ?? "",
        column: e.column ?? "",
        zh: e.message.zh,
        en: e.message.en,
      });
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  return {
    /** The blank template with a 说明 sheet explaining every column. */
    async template(op: Op, kind: ImportKind): Promise<Buffer> {
      authorize(op.actor, "registry.import");
      const columns: readonly Column<string>[] = kind === "talents" ? TALENT_COLUMNS : EMPLOYER_COLUMNS;
      const book = new ExcelJS.Workbook();
      book.creator = "rencai";
      const sheet = book.addWorksheet(kind === "talents" ? "人才" : "用人单位");
      sheet.columns = columns.map((c) => ({
        header: c.header,
        key: c.key,
        width: c.width ?? 16,
        style: { numFmt: "@" },
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: "frozen", ySplit: 1 }];
      const help = book.addWorksheet("说明");
      help.columns = [
        { header: "列名", key: "header", width: 28 },
        { header: "是否必填", key: "required", width: 10 },
        { header: "填写说明", key: "note", width: 80 },
      ];
      for (const c of columns)
        help.addRow({ header: c.header, required: c.required ? "是" : "否", note: c.note });
      help.getRow(1).font = { bold: true };
      return Buffer.from(await book.xlsx.writeBuffer());
    },

    /** Checks and imports a workbook. `op` null: the platform itself (the CLI). Problems with the
     * file as a whole (not an .xlsx, too large, wrong columns, no rows) are errors; problems with
     * rows are reported in the result. */
    async run(
      op: Op | null,
      input: ImportInput,
      onProgress?: (p: ImportProgress) => void,
    ): Promise<ImportResult> {
      if (op) authorize(op.actor, "registry.import");
      onProgress?.({ phase: "reading", done: 0, total: 1 });
      const columns: readonly Column<string>[] = input.kind === "talents" ? TALENT_COLUMNS : EMPLOYER_COLUMNS;
      const sheet = await readSheet(input.bytes, columns);
      const total = sheet.rows.length;
      onProgress?.({ phase: "checking", done: 0, total });
      const errors: RowError[] = [];
      const names = new Map<number, string>();
      let imported = 0;
      let write: (trx: Kysely<DB>) => Promise<void> = async () => {};
      const tick = (phase: ImportProgress["phase"]) => (done: number) => onProgress?.({ phase, done, total });

      if (input.kind === "talents") {
        const drafts: TalentDraft[] = [];
        sheet.rows.forEach((row, i) => {
          const d = checkTalentRow(sheet, row, errors);
          names.set(row.no, cellText(row.values[sheet.header.get("姓名") ?? -1]));
          if (d) drafts.push(d);
          if (i % 5000 === 0) tick("checking")(i);
        });
        const existing = await existingIdIndexes(
          db,
          drafts.map((d) => d.bidx),
        );
        let kept = dropDuplicates(drafts, (d) => d.bidx, existing, "证件号码", errors, {
          zh: "证件号码",
          en: "ID number",
        });
        const codes = kept.map((d) => d.employerUscc).filter((c): c is string => c !== null);
        const employerIds = await employersByUscc(db, codes);
        kept = kept.filter((d) => {
          if (d.employerUscc === null || employerIds.has(d.employerUscc)) return true;
          errors.push({
            row: d.row,
            column: "用人单位统一社会信用代码",
            message: {
              zh: `用人单位${d.employerUscc}尚未登记，请先导入用人单位`,
              en: `employer ${d.employerUscc} is not registered; import it first`,
            },
          });
          return false;
        });
        imported = kept.length;
        write = async (trx) => {
          await writeTalents(trx, kept, employerIds, tick("writing"));
          await fillEngagementNames(trx, employerIds);
        };
      } else {
        const drafts: EmployerDraft[] = [];
        for (const row of sheet.rows) {
          const d = checkEmployerRow(sheet, row, errors);
          names.set(row.no, cellText(row.values[sheet.header.get("单位名称") ?? -1]));
          if (d) drafts.push(d);
        }
        const existing = new Set(
          (
            await employersByUscc(
              db,
              drafts.map((d) => d.uscc),
            )
          ).keys(),
        );
        const kept = dropDuplicates(drafts, (d) => d.uscc, existing, "统一社会信用代码", errors, {
          zh: "统一社会信用代码",
          en: "unified social credit code",
        });
        imported = kept.length;
        write = (trx) => writeEmployers(trx, kept, tick("writing"));
      }

      errors.sort((a, b) => a.row - b.row);
      const rejectedRows = new Set(errors.map((e) => e.row)).size;
      if (input.mode === "all_or_nothing" && errors.length > 0) imported = 0;
      await db.transaction().execute(async (trx) => {
        if (imported > 0) await write(trx);
        await writeAudit(trx, op ?? SYSTEM, {
          action: "registry.import",
          objectType: input.kind === "talents" ? "talent" : "employer",
          detail: {
            kind: input.kind,
            mode: input.mode,
            filename: input.filename,
            rows: total,
            imported,
            rejectedRows,
          },
        });
      });
      return {
        kind: input.kind,
        mode: input.mode,
        rows: total,
        imported,
        rejectedRows,
        errors: errors.slice(0, SHOWN_ERRORS),
        errorCount: errors.length,
        errorReport:
          errors.length === 0
            ? null
            : {
                filename: `${input.kind === "talents" ? "人才" : "用人单位"}导入错误报告.xlsx`,
                contentBase64: (await errorReport(input.kind, errors, names)).toString("base64"),
              },
      };
    },
  };
}
export type ImportService = ReturnType<typeof makeImportService>;
