import type { Lang, Localized } from "./types";

/** One field error from a problem+json body; `path` is a JSON pointer such as "/uscc". */
export interface FieldError {
  path: string;
  message: Localized;
}

const FALLBACK: Record<string, Localized> = {
  NETWORK_ERROR: {
    zh: "无法连接服务器，请检查网络后重试。",
    en: "Cannot reach the server. Check your connection and retry.",
  },
  BAD_RESPONSE: { zh: "服务器返回了无法识别的响应。", en: "The server returned an unexpected response." },
  HTTP_ERROR: { zh: "请求失败，请稍后重试。", en: "The request failed. Please try again later." },
};

/** An error answered by the API (application/problem+json) or a transport failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's message in both languages. */
  readonly localized: Localized;
  readonly fieldErrors: FieldError[];
  readonly requestId: string | null;
  /** The whole problem body, for extension members such as `existingDocumentId`. */
  readonly problem: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    localized: Localized;
    fieldErrors?: FieldError[];
    requestId?: string | null;
    problem?: Record<string, unknown>;
  }) {
    super(init.localized.zh || init.localized.en || init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.localized = init.localized;
    this.fieldErrors = init.fieldErrors ?? [];
    this.requestId = init.requestId ?? null;
    this.problem = init.problem ?? {};
  }

  /** The message in the given language (falls back to the other one). */
  text(lang: Lang): string {
    return this.localized[lang] || this.localized[lang === "zh" ? "en" : "zh"] || this.code;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// ---------------------------------------------------------------------------------------------
// Hooks installed by the React tree (see ApiBridge) so that a plain module can navigate and toast.

export interface ApiHooks {
  onAuthRequired(): void;
  onPasswordChangeRequired(): void;
  onMfaEnrolmentRequired(): void;
  showError(err: ApiError): void;
}

let hooks: ApiHooks = {
  onAuthRequired() {},
  onPasswordChangeRequired() {},
  onMfaEnrolmentRequired() {},
  showError(err) {
    console.error(err);
  },
};

export function setApiHooks(h: ApiHooks): void {
  hooks = h;
}

/** Show an error the way the client would have if the call had not been `quiet`. */
export function reportError(e: unknown): void {
  if (isApiError(e)) hooks.showError(e);
  else console.error(e);
}

// ---------------------------------------------------------------------------------------------
// CSRF: the token lives in the readable cookie `rencai_csrf`; we also remember the last token the
// server returned in a body (login, me, password change) in case the cookie is not readable yet.

let csrfMemo: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfMemo = token;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

export function csrfToken(): string | null {
  // Over https the cookie carries the __Host- prefix.
  return readCookie("__Host-rencai_csrf") || readCookie("rencai_csrf") || csrfMemo;
}

// ---------------------------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Do not toast the error: the caller shows it (inline alert, field errors…). Redirects still happen. */
  quiet?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  let url = `/api${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === "") continue;
      params.set(k, String(v));
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

function isLocalized(v: unknown): v is Localized {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as Record<string, unknown>).zh === "string" &&
    typeof (v as Record<string, unknown>).en === "string"
  );
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof b.code === "string" ? b.code : `HTTP_${res.status}`;
  let localized: Localized;
  if (isLocalized(b.message)) localized = b.message;
  else if (typeof b.detail === "string" || typeof b.title === "string") {
    const s = String(b.detail ?? b.title);
    localized = { zh: s, en: s };
  } else localized = FALLBACK.HTTP_ERROR!;
  const fieldErrors: FieldError[] = [];
  if (Array.isArray(b.errors)) {
    for (const e of b.errors as unknown[]) {
      if (typeof e !== "object" || e === null) continue;
      const r = e as Record<string, unknown>;
      const msg = isLocalized(r.message)
        ? r.message
        : typeof r.message === "string"
          ? { zh: r.message, en: r.message }
          : null;
      if (msg) fieldErrors.push({ path: typeof r.path === "string" ? r.path : "", message: msg });
    }
  }
  return new ApiError({
    status: res.status,
    code,
    localized,
    fieldErrors,
    requestId: typeof b.requestId === "string" ? b.requestId : res.headers.get("x-request-id"),
    problem: b,
  });
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    ...opts.headers,
  };
  if (method !== "GET" && method !== "HEAD") {
    const token = csrfToken();
    if (token) headers["X-CSRF-Token"] = token;
  }
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    const err = new ApiError({ status: 0, code: "NETWORK_ERROR", localized: FALLBACK.NETWORK_ERROR! });
    if (!opts.quiet) hooks.showError(err);
    throw err;
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      const err = new ApiError({
        status: res.status,
        code: "BAD_RESPONSE",
        localized: FALLBACK.BAD_RESPONSE!,
      });
      if (!opts.quiet) hooks.showError(err);
      throw err;
    }
  }

  throw dispatchError(await toApiError(res), path, opts);
}

/** Redirects on a lost session or a forced password change, else toasts unless `quiet`. */
function dispatchError(err: ApiError, path: string, opts: RequestOptions): ApiError {
  if (
    err.status === 401 &&
    (err.code === "AUTH_REQUIRED" || err.code === "MFA_REQUIRED") &&
    path !== "/auth/me"
  ) {
    hooks.onAuthRequired();
  } else if (err.status === 403 && err.code === "PASSWORD_CHANGE_REQUIRED") {
    hooks.onPasswordChangeRequired();
  } else if (err.status === 403 && err.code === "MFA_ENROLMENT_REQUIRED") {
    hooks.onMfaEnrolmentRequired();
  } else if (!opts.quiet) {
    hooks.showError(err);
  }
  return err;
}

/**
 * POSTs a file's raw bytes (`Content-Type: application/octet-stream`, no multipart, no base64), with
 * the CSRF header. Errors are handled like `request`'s.
 */
export async function uploadRaw<T>(path: string, body: Blob, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Content-Type": "application/octet-stream",
  };
  const token = csrfToken();
  if (token) headers["X-CSRF-Token"] = token;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: "POST",
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    const err = new ApiError({ status: 0, code: "NETWORK_ERROR", localized: FALLBACK.NETWORK_ERROR! });
    if (!opts.quiet) hooks.showError(err);
    throw err;
  }
  if (!res.ok) throw dispatchError(await toApiError(res), path, opts);
  return (await res.json()) as T;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header (RFC 6266, simple forms). */
export function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name : null;
}

/**
 * GETs a file (with the session cookie) and hands it to the browser as a download. Errors are handled
 * like `request`'s. Resolves with the file name used.
 */
export async function download(
  path: string,
  fallbackName: string,
  opts: RequestOptions = {},
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: "GET",
      headers: { Accept: "*/*" },
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    const err = new ApiError({ status: 0, code: "NETWORK_ERROR", localized: FALLBACK.NETWORK_ERROR! });
    if (!opts.quiet) hooks.showError(err);
    throw err;
  }
  if (!res.ok) throw dispatchError(await toApiError(res), path, opts);
  const blob = await res.blob();
  const name = attachmentName(res.headers.get("content-disposition")) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>("POST", path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PUT", path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>("PATCH", path, { ...opts, body }),
  /** DELETE without a body (a JSON content type with an empty body is refused). */
  delete: <T>(path: string, opts?: RequestOptions) => request<T>("DELETE", path, opts),
};

/** Path segment, safely encoded. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}
