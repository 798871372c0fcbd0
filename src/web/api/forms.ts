import type { FormInstance } from "antd";
import { type ApiError, isApiError, reportError } from "./client";
import type { Lang } from "./types";

type NamePath = (string | number)[];

/** "/roles/0/role" → ["roles", 0, "role"] (JSON pointer, with "~1" and "~0" unescaped). */
export function pointerToName(pointer: string): NamePath {
  const parts = pointer.split("/").slice(1);
  const name: NamePath = parts.map((p) => {
    const s = p.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^\d+$/.test(s) ? Number(s) : s;
  });
  if (name[0] === "body") name.shift();
  return name;
}

export interface FieldErrorOptions {
  /** Top-level form field names that exist in this form. */
  fields: readonly string[];
  /** Errors whose code (without field errors) belongs under a field, e.g. ORG_NAME_TAKEN → "name". */
  codeFields?: Record<string, string>;
  /** Field for field errors without a usable path. */
  fallbackField?: string;
}

/**
 * Puts the server's field errors under the form fields. Returns true if everything was shown there;
 * otherwise the caller (or `showFormError`) should show the message itself.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: ApiError,
  lang: Lang,
  opts: FieldErrorOptions,
): boolean {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  let unplaced = 0;
  const put = (name: NamePath, msg: string) => {
    const k = JSON.stringify(name);
    const cur = byField.get(k) ?? { name, errors: [] };
    cur.errors.push(msg);
    byField.set(k, cur);
  };
  for (const fe of err.fieldErrors) {
    const msg = fe.message[lang] || fe.message.zh;
    const name = pointerToName(fe.path);
    const top = name[0];
    if (typeof top === "string" && opts.fields.includes(top)) put(name, msg);
    else if (opts.fallbackField) put([opts.fallbackField], msg);
    else unplaced++;
  }
  if (err.fieldErrors.length === 0) {
    const f = opts.codeFields?.[err.code];
    if (f) put([f], err.text(lang));
    else unplaced++;
  }
  if (byField.size) form.setFields([...byField.values()]);
  return unplaced === 0;
}

/** Field errors under the fields, anything else as a toast. */
export function showFormError(form: FormInstance, e: unknown, lang: Lang, opts: FieldErrorOptions): void {
  if (!isApiError(e)) {
    reportError(e);
    return;
  }
  // Redirect cases were already handled by the client.
  if (e.code === "AUTH_REQUIRED" || e.code === "PASSWORD_CHANGE_REQUIRED") return;
  if (!applyFieldErrors(form, e, lang, opts)) reportError(e);
}
