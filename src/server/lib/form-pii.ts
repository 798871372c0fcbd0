// Personal data inside an application's form (issue 12 item 3): values of fields of kind idCard,
// phone or bankAccount are stored as a sealed envelope in the form JSON itself,
//
//   { "$sealed": "v1.<AES-256-GCM>", "masked": "2108**********1233" }
//
// rather than moved to a side table. Why: the form stays one document that drafts, submission,
// returns for correction and the workflow hooks read in one place; a reader that forgets to open
// the envelope shows an object, never the plaintext; and the masked text travels with it, so lists,
// exports and publicity mask without decrypting anything. The ciphertext is bound (AES-GCM
// additional data) to the application and the field, so an envelope copied into another
// application or field does not open. No blind index is stored: nothing looks applications up by
// these values today, and the one comparison that is needed — a typed ID against the applicant's
// registry record — uses the registry's own blind index, computed from the plaintext at write time.
//
// Pure helpers (no database, no domain) shared by the applications module and the migration that
// seals the plaintext written before this change (db/migrations/2026_12_06_0300_form_pii.ts).
import type { FieldCipher } from "./crypto.js";
import { maskAccountTail, maskIdNumber, maskPhone } from "./validators.js";

export type PersonalDataKind = "idCard" | "phone" | "bankAccount";

export interface SealedValue {
  $sealed: string;
  masked: string;
}

export const isSealed = (v: unknown): v is SealedValue =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as { $sealed?: unknown }).$sealed === "string" &&
  typeof (v as { masked?: unknown }).masked === "string";

/** 2108**********1233, 139****4321, ***************4567 (bank: the last four only). */
export function maskOf(kind: PersonalDataKind, value: string): string {
  switch (kind) {
    case "idCard":
      return maskIdNumber(value);
    case "phone":
      return maskPhone(value);
    case "bankAccount":
      return maskAccountTail(value);
  }
}

const aad = (applicationId: string, field: string, kind: PersonalDataKind) =>
  `application.form.${kind}:${applicationId}:${field}`;

export function sealValue(
  cipher: FieldCipher,
  applicationId: string,
  field: string,
  kind: PersonalDataKind,
  value: string,
): SealedValue {
  return { $sealed: cipher.encrypt(aad(applicationId, field, kind), value), masked: maskOf(kind, value) };
}

export function openValue(
  cipher: FieldCipher,
  applicationId: string,
  field: string,
  kind: PersonalDataKind,
  value: SealedValue,
): string {
  return cipher.decrypt(aad(applicationId, field, kind), value.$sealed);
}

type Form = Record<string, unknown>;
type Fields = ReadonlyMap<string, PersonalDataKind>;

/** Seals every non-empty string value of a personal-data field; envelopes and other fields stay. */
export function sealForm(cipher: FieldCipher, applicationId: string, fields: Fields, form: Form): Form {
  const out: Form = { ...form };
  for (const [name, kind] of fields) {
    const v = out[name];
    if (typeof v === "string" && v !== "") out[name] = sealValue(cipher, applicationId, name, kind, v);
  }
  return out;
}

/** The plaintext form, for the server's own use (validation, workflow hooks): never sent out. */
export function openForm(cipher: FieldCipher, applicationId: string, fields: Fields, form: Form): Form {
  const out: Form = { ...form };
  for (const [name, kind] of fields) {
    const v = out[name];
    if (isSealed(v)) out[name] = openValue(cipher, applicationId, name, kind, v);
  }
  return out;
}

/** The form as people see it: personal data masked, also plaintext the migration has not reached. */
export function maskForm(fields: Fields, form: Form): Form {
  const out: Form = { ...form };
  for (const [name, kind] of fields) {
    const v = out[name];
    if (isSealed(v)) out[name] = v.masked;
    else if (typeof v === "string" && v !== "") out[name] = maskOf(kind, v);
  }
  return out;
}
