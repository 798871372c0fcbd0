// One error type for the whole server, with stable codes mapped once to HTTP in app.ts.
export interface Bilingual {
  zh: string;
  en: string;
}

export interface FieldError {
  path: string;
  message: Bilingual;
}

const STATUS_BY_KIND = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  locked: 423,
  unprocessable: 422,
  too_many: 429,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof STATUS_BY_KIND;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly fieldErrors: FieldError[];
  /** Extension members for the problem body (RFC 9457), e.g. the id of the conflicting record. */
  readonly extensions: Record<string, string | number | boolean | null>;

  constructor(
    kind: ErrorKind,
    code: string,
    message: Bilingual,
    fieldErrors: FieldError[] = [],
    extensions: Record<string, string | number | boolean | null> = {},
  ) {
    super(message.en);
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.zh = message.zh;
    this.en = message.en;
    this.fieldErrors = fieldErrors;
    this.extensions = extensions;
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export const notFound = (what: Bilingual = { zh: "对象", en: "object" }) =>
  new AppError("not_found", "NOT_FOUND", { zh: `${what.zh}不存在或无权访问`, en: `${what.en} not found` });

export const forbidden = () =>
  new AppError("forbidden", "FORBIDDEN", { zh: "没有权限执行此操作", en: "You are not allowed to do this" });

export const unauthenticated = () =>
  new AppError("unauthenticated", "AUTH_REQUIRED", { zh: "请先登录", en: "Please sign in" });

/** A 422 for business-rule failures on one or more fields. */
export const invalidFields = (code: string, fieldErrors: FieldError[]) =>
  new AppError(
    "unprocessable",
    code,
    {
      zh: `提交的内容有误：${fieldErrors.map((f) => f.message.zh).join("；")}`,
      en: `Invalid input: ${fieldErrors.map((f) => f.message.en).join("; ")}`,
    },
    fieldErrors,
  );

export const conflict = (code: string, message: Bilingual, extensions: AppError["extensions"] = {}) =>
  new AppError("conflict", code, message, [], extensions);
