import { createHash, getHashes } from "node:crypto";
import { isAbsolute, relative, resolve } from "node:path";

// All configuration comes from the environment, parsed once into a frozen object.
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly webDir: string;
  /** Public origin (scheme://host[:port]) used for the Origin check and Secure cookies; null = derive from the request. */
  readonly publicOrigin: string | null;
  readonly trustProxy: boolean;
  /** inline: cron and queued jobs run inside the server; worker: only `rencai worker` runs them; off: nobody. */
  readonly jobsMode: "inline" | "worker" | "off";
  readonly jobsPollMs: number;
  readonly outboxAdapter: "none" | "log";
  readonly seedDemo: boolean;
  /** With the demo data, also import the reference policy (seeds/) as tasks. */
  readonly seedDemoPolicy: boolean;
  readonly logLevel: string;
  readonly loginRateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  /** AES-256-GCM key for personal data at rest (ID numbers, phones, bank accounts); 32 bytes. */
  readonly dataKey: Buffer;
  /** HMAC-SHA256 key of the blind indexes that find and de-duplicate encrypted values. */
  readonly blindIndexKey: Buffer;
  /** NODE_ENV=production: no demo data, no demo keys, PUBLIC_ORIGIN required. */
  readonly production: boolean;
  /** fake: SMS are logged and kept in memory (demo, tests; refused in production); none: no SMS. */
  readonly smsGateway: "fake" | "none";
  /** Requests per signed-in user per minute across the API (API_RATE_LIMIT). */
  readonly apiRateLimitPerMinute: number;
  /** HMAC key of the audit hash chain and its anchors (AUDIT_KEY); 32 bytes, outside the database. */
  readonly auditKey: Buffer;
  /** AUDIT_HASH: hmac-sha256 (default) or hmac-sm3 (GB/T 32905, when OpenSSL has it). */
  readonly auditHash: "hmac-sha256" | "hmac-sm3";
}

export class ConfigError extends Error {}

/** Whether `inner` is `outer` or lies below it. */
function within(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
  }
  return raw as T;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** The public demo key for a variable: what a missing key falls back to outside production. */
export function demoKey(name: string): Buffer {
  return createHash("sha256").update(`rencai demo ${name} - not secret, never use in production`).digest();
}

/** A 32-byte key from base64; outside production a missing key falls back to a fixed, publicly
 * known demo key (derived from its name), which protects nothing and is refused in production. */
function keyFrom(env: NodeJS.ProcessEnv, name: string): Buffer {
  const raw = env[name];
  if (raw === undefined || raw === "") {
    if (env.NODE_ENV === "production") {
      throw new ConfigError(
        `${name} is required in production: 32 random bytes in base64, e.g. from \`openssl rand -base64 32\``,
      );
    }
    return demoKey(name);
  }
  const key = Buffer.from(raw, "base64");
  if (key.length !== 32) {
    throw new ConfigError(
      `${name} must be exactly 32 bytes in base64 (44 characters), got ${key.length} bytes`,
    );
  }
  if (
    env.NODE_ENV === "production" &&
    ["DATA_KEY", "BLIND_INDEX_KEY", "AUDIT_KEY"].some((demo) => key.equals(demoKey(demo)))
  ) {
    throw new ConfigError(
      `${name} is the public demo key, which protects nothing; set 32 random bytes in base64 (\`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

function auditHashFrom(env: NodeJS.ProcessEnv): "hmac-sha256" | "hmac-sm3" {
  const alg = oneOf(env, "AUDIT_HASH", ["hmac-sha256", "hmac-sm3"] as const, "hmac-sha256");
  if (alg === "hmac-sm3" && !getHashes().includes("sm3"))
    throw new ConfigError(
      "AUDIT_HASH=hmac-sm3 needs SM3 in this Node.js build's OpenSSL (crypto.getHashes())",
    );
  return alg;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dataDir = resolve(cwd, env.DATA_DIR || "data");
  const databaseUrl = env.DATABASE_URL || `sqlite:${resolve(dataDir, "rencai.sqlite")}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${databaseUrl}"`);
  }
  const production = env.NODE_ENV === "production";
  const publicOrigin = env.PUBLIC_ORIGIN ? env.PUBLIC_ORIGIN.replace(/\/$/, "") : null;
  if (publicOrigin !== null && !/^https?:\/\/[^/]+$/.test(publicOrigin)) {
    throw new ConfigError(
      `PUBLIC_ORIGIN must look like https://talent.example.gov.cn, got "${publicOrigin}"`,
    );
  }
  if (production && publicOrigin === null) {
    throw new ConfigError(
      "PUBLIC_ORIGIN is required in production, e.g. https://rencai.example.gov.cn (the Origin check never trusts the Host header there)",
    );
  }
  if (production && bool(env, "SEED_DEMO", false)) {
    throw new ConfigError(
      "SEED_DEMO=true is refused in production: demo accounts have a published password; create the first administrators with `rencai admin bootstrap`",
    );
  }
  const smsGateway = oneOf(env, "SMS_GATEWAY", ["fake", "none"] as const, production ? "none" : "fake");
  if (production && smsGateway === "fake") {
    throw new ConfigError("SMS_GATEWAY=fake is refused in production: it writes one-time codes to the log");
  }
  const webDir = resolve(cwd, env.WEB_DIR || "dist/web");
  // Uploaded files (DATA_DIR/files) must never be reachable through the static web folder.
  if (within(dataDir, webDir) || within(webDir, dataDir)) {
    throw new ConfigError(`DATA_DIR ("${dataDir}") and WEB_DIR ("${webDir}") must not contain one another`);
  }
  return Object.freeze({
    port: intFrom(env, "PORT", 8080, 0, 65535),
    host: env.HOST || "127.0.0.1",
    databaseUrl,
    dataDir,
    webDir,
    publicOrigin,
    trustProxy: bool(env, "TRUST_PROXY", false),
    jobsMode: oneOf(env, "JOBS_MODE", ["inline", "worker", "off"] as const, "inline"),
    jobsPollMs: intFrom(env, "JOBS_POLL_MS", 1000, 50, 60_000),
    outboxAdapter: oneOf(env, "OUTBOX_ADAPTER", ["none", "log"] as const, "none"),
    seedDemo: !production && bool(env, "SEED_DEMO", true),
    seedDemoPolicy: bool(env, "SEED_DEMO_POLICY", true),
    logLevel: oneOf(
      env,
      "LOG_LEVEL",
      ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const,
      "info",
    ),
    loginRateLimitPerMinute: intFrom(env, "LOGIN_RATE_LIMIT", 20, 1, 100_000),
    bodyLimitBytes: intFrom(env, "BODY_LIMIT_BYTES", 1_048_576, 1024, 50 * 1_048_576),
    dataKey: keyFrom(env, "DATA_KEY"),
    blindIndexKey: keyFrom(env, "BLIND_INDEX_KEY"),
    production,
    smsGateway,
    apiRateLimitPerMinute: intFrom(env, "API_RATE_LIMIT", 1200, 1, 1_000_000),
    auditKey: keyFrom(env, "AUDIT_KEY"),
    auditHash: auditHashFrom(env),
  });
}
