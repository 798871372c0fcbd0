import { isSealed, type PersonalDataKind, sealValue } from "../../lib/form-pii.js";
import type { Dialect } from "../connect.js";
import type { MigrationContext } from "../migration-context.js";
import type { AnyDb } from "./2026_11_27_0001_platform.js";

// Application forms kept ID numbers and phones in plaintext (issue 12 item 3). This migration
//  1. gives the personal-data fields of existing item versions and drafts their kind (format
//     idCard | phone | bankAccount): a plain string field named or titled as an ID number, a mobile
//     or a bank account, with no enum or date format. Published versions are otherwise immutable
//     (新老划断); this touches only the field's type, never its name, title or whether it is
//     required, so the applications made under a version keep their meaning — and from now on they
//     are checked like the registry (GB 11643) and stored sealed;
//  2. seals, with the registry's field cipher, every plaintext value of such a field in every
//     application's form (lib/form-pii.ts: the value becomes {"$sealed", "masked"} in place).
// Best effort by design: a field the office named otherwise (say "证件号") is left as it was; it can
// be given its kind in a new version. Idempotent: envelopes are skipped, and a field that already
// has its kind is kept. Sealing needs DATA_KEY: the server and `rencai migrate` pass the cipher;
// a run without it (an empty database in the migration tests) refuses only if there is plaintext.
// `down` leaves the data sealed: decrypting personal data back into plaintext is not a rollback
// anyone should run by accident.

const BY_NAME: Record<string, PersonalDataKind> = {
  idnumber: "idCard",
  idcard: "idCard",
  idno: "idCard",
  // Not "phone": a contact phone may well be a landline (0417-2800000), which no mobile check passes.
  mobile: "phone",
  cellphone: "phone",
  bankaccount: "bankAccount",
  bankcard: "bankAccount",
};
const BY_TITLE: [RegExp, PersonalDataKind][] = [
  [/身份证/, "idCard"],
  [/手机/, "phone"],
  [/银行(账|帐|卡)号|银行账户/, "bankAccount"],
];

type Field = Record<string, unknown> & { type?: unknown; title?: unknown; format?: unknown };
type Content = { form?: { properties?: Record<string, Field> } };

function kindOf(name: string, field: Field): PersonalDataKind | null {
  if (field.type !== "string") return null;
  if (field.format === "idCard" || field.format === "phone" || field.format === "bankAccount")
    return field.format;
  if (field.format !== undefined || field.enum !== undefined) return null;
  const byName = BY_NAME[name.toLowerCase()];
  if (byName) return byName;
  const title = typeof field.title === "string" ? field.title : "";
  return BY_TITLE.find(([re]) => re.test(title))?.[1] ?? null;
}

/** Gives personal-data fields their kind; returns the fields found (name → kind) and whether it changed. */
export function upgradeForm(content: Content): { fields: Map<string, PersonalDataKind>; changed: boolean } {
  const fields = new Map<string, PersonalDataKind>();
  let changed = false;
  const props = content.form?.properties ?? {};
  for (const [name, field] of Object.entries(props)) {
    const kind = kindOf(name, field);
    if (kind === null) continue;
    fields.set(name, kind);
    if (field.format === kind) continue;
    props[name] = {
      type: "string",
      format: kind,
      title: field.title,
      ...(field.description !== undefined ? { description: field.description } : {}),
    };
    changed = true;
  }
  return { fields, changed };
}

const PAGE = 500;

export async function up(db: AnyDb, _dialect: Dialect, ctx: MigrationContext = {}): Promise<void> {
  const fieldsOfVersion = new Map<string, Map<string, PersonalDataKind>>();
  const versions = await db.selectFrom("service_item_versions").select(["id", "content"]).execute();
  for (const v of versions as { id: string; content: string }[]) {
    const content = JSON.parse(v.content) as Content;
    const { fields, changed } = upgradeForm(content);
    if (fields.size > 0) fieldsOfVersion.set(v.id, fields);
    if (changed)
      await db
        .updateTable("service_item_versions")
        .set({ content: JSON.stringify(content) })
        .where("id", "=", v.id)
        .execute();
  }
  const drafts = await db
    .selectFrom("service_items")
    .select(["id", "draft"])
    .where("draft", "is not", null)
    .execute();
  for (const d of drafts as { id: string; draft: string }[]) {
    const content = JSON.parse(d.draft) as Content;
    if (upgradeForm(content).changed)
      await db
        .updateTable("service_items")
        .set({ draft: JSON.stringify(content) })
        .where("id", "=", d.id)
        .execute();
  }
  if (fieldsOfVersion.size === 0) return;

  let after = "";
  for (;;) {
    const rows = (await db
      .selectFrom("applications")
      .select(["id", "version_id", "form"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE)
      .execute()) as { id: string; version_id: string; form: string }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      const fields = fieldsOfVersion.get(row.version_id);
      if (!fields) continue;
      const form = JSON.parse(row.form) as Record<string, unknown>;
      let changed = false;
      for (const [name, kind] of fields) {
        const v = form[name];
        if (typeof v !== "string" || v === "" || isSealed(v)) continue;
        if (!ctx.cipher)
          throw new Error(
            "application forms hold plaintext personal data to seal: run the migration with DATA_KEY and BLIND_INDEX_KEY set (rencai migrate)",
          );
        form[name] = sealValue(ctx.cipher, row.id, name, kind, v.trim());
        changed = true;
      }
      if (changed)
        await db
          .updateTable("applications")
          .set({ form: JSON.stringify(form) })
          .where("id", "=", row.id)
          .execute();
    }
  }
}

export async function down(_db: AnyDb, _dialect: Dialect): Promise<void> {
  // The data stays sealed (see above); the fields keep their kind.
}
