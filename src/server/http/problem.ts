import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type Bilingual, type FieldError } from "../lib/errors.js";

// The one place where errors become HTTP: RFC 9457 problem+json with a stable code, a message in
// Chinese and English, field errors and the request id. Internals (stacks, SQL) never leave here.

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const KEYWORD_ZH: Record<string, (p: Record<string, unknown>) => string> = {
  required: (p) => `缺少必填字段 ${String(p.missingProperty ?? "")}`,
  additionalProperties: (p) => `不允许的字段 ${String(p.additionalProperty ?? "")}`,
  type: (p) => `类型应为 ${String(p.type ?? "")}`,
  minLength: (p) => `长度不能少于 ${String(p.limit ?? "")}`,
  maxLength: (p) => `长度不能超过 ${String(p.limit ?? "")}`,
  minimum: (p) => `不能小于 ${String(p.limit ?? "")}`,
  maximum: (p) => `不能大于 ${String(p.limit ?? "")}`,
  pattern: () => "格式不正确",
  format: (p) => `格式应为 ${String(p.format ?? "")}`,
  enum: () => "取值不在允许范围内",
  const: () => "取值不在允许范围内",
  anyOf: () => "取值不符合要求",
  maxItems: (p) => `最多 ${String(p.limit ?? "")} 项`,
  minProperties: () => "至少需要一个字段",
};

function fieldErrorsFromValidation(issues: AjvIssue[], context: string): FieldError[] {
  return issues.map((issue) => {
    const params = issue.params ?? {};
    const extra =
      issue.keyword === "required"
        ? `/${String(params.missingProperty)}`
        : issue.keyword === "additionalProperties"
          ? `/${String(params.additionalProperty)}`
          : "";
    const zh = KEYWORD_ZH[issue.keyword ?? ""]?.(params) ?? "取值不符合要求";
    return {
      path: `${context === "body" ? "" : `${context}:`}${issue.instancePath ?? ""}${extra}`,
      message: { zh, en: issue.message ?? "is invalid" },
    };
  });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown };
  return (
    e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

export interface Problem {
  status: number;
  code: string;
  message: Bilingual;
  errors: FieldError[];
  extensions?: Record<string, string | number | boolean | null>;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      message: { zh: error.zh, en: error.en },
      errors: error.fieldErrors,
      extensions: error.extensions,
    };
  }
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (Array.isArray(fe.validation)) {
    const errors = fieldErrorsFromValidation(fe.validation, fe.validationContext ?? "body");
    return {
      status: 400,
      code: "VALIDATION_FAILED",
      message: {
        zh: `请求内容不符合要求：${errors.map((e) => `${e.path} ${e.message.zh}`).join("；")}`,
        en: `Request is invalid: ${errors.map((e) => `${e.path} ${e.message.en}`).join("; ")}`,
      },
      errors,
    };
  }
  if (isUniqueViolation(error)) {
    return {
      status: 409,
      code: "CONFLICT",
      message: { zh: "数据已存在，与现有记录冲突", en: "This conflicts with an existing record" },
      errors: [],
    };
  }
  const known: Record<string, Problem> = {
    FST_ERR_CTP_BODY_TOO_LARGE: {
      status: 413,
      code: "BODY_TOO_LARGE",
      message: { zh: "请求内容过大", en: "Request body is too large" },
      errors: [],
    },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: { zh: "不支持的内容类型", en: "Unsupported content type" },
      errors: [],
    },
    FST_ERR_CTP_INVALID_JSON_BODY: {
      status: 400,
      code: "INVALID_JSON",
      message: { zh: "请求内容不是有效的 JSON", en: "Request body is not valid JSON" },
      errors: [],
    },
    FST_ERR_BAD_URL: {
      status: 400,
      code: "BAD_URL",
      message: { zh: "请求地址无效", en: "The request URL is not valid" },
      errors: [],
    },
    FST_ERR_MAX_PARAM_LENGTH: {
      status: 414,
      code: "URL_PARAM_TOO_LONG",
      message: { zh: "请求地址中的参数过长", en: "A path parameter of the request URL is too long" },
      errors: [],
    },
    FST_ERR_CTP_EMPTY_JSON_BODY: {
      status: 400,
      code: "INVALID_JSON",
      message: { zh: "请求内容为空", en: "Request body is empty" },
      errors: [],
    },
  };
  if (fe.code && known[fe.code]) return known[fe.code]!;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      code: "BAD_REQUEST",
      message: { zh: "请求无效", en: fe.message || "Bad request" },
      errors: [],
    };
  }
  return {
    status: 500,
    code: "INTERNAL",
    message: { zh: "服务器内部错误，请稍后再试", en: "Internal server error" },
    errors: [],
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem) {
  return reply
    .code(p.status)
    .type("application/problem+json; charset=utf-8")
    .send({
      ...p.extensions,
      type: `urn:rencai:problem:${p.code.toLowerCase()}`,
      title: p.message.en,
      status: p.status,
      detail: p.message.zh,
      code: p.code,
      message: p.message,
      ...(p.errors.length > 0 ? { errors: p.errors } : {}),
      requestId: request.id,
    });
}
