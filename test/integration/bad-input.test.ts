// Bad input never earns a 5xx. Every API route, as each demo user it lets through, gets malformed
// path parameters, malformed bodies (built from the route's own OpenAPI schema, then broken one
// field at a time) and garbage paging queries. Every answer must be below 500, and every 4xx a
// problem+json with a Chinese and an English message. Deterministic: no randomness, no sampling.
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../src/server/demo/demo.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
const clients = new Map<string, TestClient>();

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
let spec: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await createTestApp();
  // Session-ending and account-altering routes are skipped below, so every client stays logged in.
  for (const u of DEMO_USERS) clients.set(u.username, await t.login(u.username));
  spec = (t.app as unknown as { swagger(): typeof spec }).swagger();
});
afterAll(async () => {
  await t?.close();
});

const SKIPPED = new Set(["POST /api/auth/login", "POST /api/auth/logout", "POST /api/auth/password"]);
const NONEXISTENT = "01J0000000000000000000000Z";
const WEIRD = `人才'"<script>alert(1)</script>`;
const LONG = "长".repeat(100) + "x".repeat(200);
const BAD_PARAMS = [NONEXISTENT, WEIRD, LONG];
const b64 = (s: string) => Buffer.from(s).toString("base64url");
const BAD_QUERIES = [
  "cursor=%%%",
  "cursor=abc",
  `cursor=${b64('"zzz"')}`,
  `cursor=${b64("123")}`,
  `cursor=${b64('{"a":[1]}')}`,
  "limit=-1",
  "limit=100000",
  "limit=abc",
];
const DEPTH = 2000;
const DEEP_JSON = `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`;

const withParams = (route: string, value: string) =>
  route.replace(/:[A-Za-z]+/g, () => encodeURIComponent(value));

// Real ids, so that bodies and queries also reach routes that look an object up first. Each user's
// pool holds what that user's lists show, keyed by the list's name ("funds", "milestones", …).
type Pool = Map<string, string[]>;
const pools = new Map<string, Pool>();

function harvest(pool: Pool, listName: string, value: unknown, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const row of value.slice(0, 20)) {
      const r = row as { id?: unknown; code?: unknown };
      if (typeof r?.id === "string") pool.set(listName, [...(pool.get(listName) ?? []), r.id]);
      if (typeof r?.code === "string")
        pool.set(`${listName}#code`, [...(pool.get(`${listName}#code`) ?? []), r.code]);
      harvest(pool, listName, row, depth + 1);
    }
    return;
  }
  for (const [key, child] of Object.entries(value))
    harvest(pool, key === "items" ? listName : key, child, depth + 1);
}

/** The route with real ids from the pool where it has one, else the nonexistent id. */
function realUrl(route: string, pool: Pool): string {
  const segments = route.split("/");
  return segments
    .map((segment, i) => {
      if (!segment.startsWith(":")) return segment;
      const list = segments[i - 1]!;
      if (segment === ":year") return "2026";
      if (segment === ":date") return "2026-10-01";
      if (segment === ":kind") return "talents";
      // Account actions on a real demo user (disable, reset) would log this test's own clients out.
      if (list === "users") return NONEXISTENT;
      const found = pool.get(segment === ":code" ? `${list}#code` : list)?.[0];
      return encodeURIComponent(found ?? NONEXISTENT);
    })
    .join("/");
}

/** A plausible value for a schema: enough to get past validation where the schema allows it. */
const PATTERN_CANDIDATES = [
  "user123",
  "2026-01-01",
  "2026-Q1",
  "2026Q1",
  "2026",
  "13800138000",
  "210802199001011234",
  "91210800MA0XXXXX0X",
  "A1",
  "abc",
];
function example(schema: JsonSchema | undefined, pool: Pool, depth = 0, key = ""): unknown {
  if (!schema || depth > 6) return "x";
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative)
    return example(alternative.find((s) => s.type !== "null") ?? alternative[0], pool, depth + 1, key);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = example(v, pool, depth + 1, k);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () =>
        example(schema.items, pool, depth + 1, key.replace(/Ids$/, "Id")),
      );
    case "integer":
    case "number":
      return Math.max(1, schema.minimum ?? 1);
    case "boolean":
      return true;
    case "string": {
      // fundId, budgetLineId, orgId …: a real one from the "funds", "budget-lines", "orgs" list.
      if (key.endsWith("Id")) {
        const list = `${key.slice(0, -2).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}s`;
        const found = pool.get(list)?.[0];
        if (found) return found;
      }
      if (schema.format === "date") return "2026-01-01";
      if (schema.format === "date-time") return "2026-01-01T00:00:00.000Z";
      if (schema.format === "email") return "a@example.com";
      if (schema.pattern) {
        const re = new RegExp(schema.pattern, "u");
        return PATTERN_CANDIDATES.find((c) => re.test(c)) ?? "x";
      }
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    }
    default:
      return "x";
  }
}

/** Values of the wrong type for a field of this schema, and odd values of the right type. */
function badValues(schema: JsonSchema): unknown[] {
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  const nested = { nested: { deeper: [1, "二", null] } };
  switch (type) {
    case "string":
      return [12345, nested, [WEIRD], WEIRD, LONG, ""];
    case "integer":
    case "number":
      return ["abc", nested, -1, 0, 1.5, 1e20, -1e20];
    case "boolean":
      return ["yes", 2, nested];
    case "array":
      return ["x", nested, [nested, nested], [LONG]];
    case "object":
      return ["x", 1, [], { unknownField: 1 }];
    default:
      return [WEIRD, 1e20, nested, null];
  }
}

interface Variant {
  label: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function bodySchemaOf(method: string, route: string): JsonSchema | undefined {
  const path = route.replace(/:([A-Za-z]+)/g, "{$1}");
  const op = spec.paths[path]?.[method.toLowerCase()];
  return op?.requestBody?.content?.["application/json"]?.schema;
}

function bodyVariants(method: string, route: string, url: string, pool: Pool): Variant[] {
  if (!["POST", "PUT", "PATCH"].includes(method)) return [];
  const schema = bodySchemaOf(method, route);
  const base = (example(schema, pool) ?? {}) as Record<string, unknown>;
  const json = { "content-type": "application/json" };
  const variants: Variant[] = [
    { label: "no body", url },
    { label: "empty JSON text", url, body: "", headers: json },
    { label: "empty object", url, body: {} },
    { label: "JSON array", url, body: [] },
    { label: "JSON array of junk", url, body: [1, "二", { a: null }] },
    { label: "JSON string", url, body: '"just a string"', headers: json },
    { label: "JSON null", url, body: "null", headers: json },
    { label: "broken JSON", url, body: '{"a":', headers: json },
    { label: "deeply nested body", url, body: DEEP_JSON, headers: json },
    { label: "example body", url, body: base },
    { label: "unknown field", url, body: { ...base, unknownField: WEIRD } },
    {
      label: "every field a number",
      url,
      body: Object.fromEntries(Object.keys(base).map((k) => [k, 42])),
    },
    {
      label: "every field a string",
      url,
      body: Object.fromEntries(Object.keys(base).map((k) => [k, "abc"])),
    },
  ];
  if (typeof base === "object" && base !== null && !Array.isArray(base)) {
    for (const [key, fieldSchema] of Object.entries(schema?.properties ?? {})) {
      badValues(fieldSchema).forEach((value, i) => {
        variants.push({ label: `${key} bad value #${i}`, url, body: { ...base, [key]: value } });
      });
      variants.push({
        label: `${key} deeply nested`,
        url,
        body: JSON.stringify({ ...base, [key]: "__DEEP__" }).replace('"__DEEP__"', DEEP_JSON),
        headers: json,
      });
    }
  }
  return variants;
}

/** What is wrong with this answer, or null. */
function complaint(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  if (!String(res.headers["content-type"]).startsWith("application/problem+json"))
    return `4xx with content-type ${res.headers["content-type"]}`;
  let body: { status?: unknown; code?: unknown; message?: { zh?: unknown; en?: unknown } };
  try {
    body = res.json();
  } catch {
    return "4xx problem is not JSON";
  }
  if (body.status !== res.statusCode) return `problem status ${String(body.status)}`;
  if (typeof body.code !== "string" || body.code === "") return "problem without code";
  if (typeof body.message?.zh !== "string" || !/[\u4e00-\u9fff]/u.test(body.message.zh))
    return "problem without a Chinese message";
  if (typeof body.message?.en !== "string" || !/[A-Za-z]/.test(body.message.en))
    return "problem without an English message";
  return null;
}

describe("bad input never earns a 5xx", () => {
  it("covers the API", () => {
    const api = t.app.routeInventory.filter(
      (r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs"),
    );
    expect(api.length).toBeGreaterThan(100);
  });

  it("every route, as every demo user it lets through", { timeout: 300_000 }, async () => {
    const routes = t.app.routeInventory.filter(
      (r) =>
        r.url.startsWith("/api") && !r.url.startsWith("/api/docs") && !SKIPPED.has(`${r.method} ${r.url}`),
    );
    const failures: string[] = [];
    const seen = new Set<string>();
    let route = "";
    let serial = 0;
    const send = async (client: TestClient, method: string, v: Variant) => {
      // A fresh Idempotency-Key, so the routes that require one look at the body too.
      const headers =
        method === "GET" ? v.headers : { "idempotency-key": `bad-input-${++serial}`, ...v.headers };
      const res = await client.request(method, v.url, v.body, headers);
      const problem = complaint(res);
      // One line per route, input and complaint, whichever users met it.
      const key = `${method} ${route} [${v.label}]: ${problem}`;
      if (problem && !seen.has(key)) {
        seen.add(key);
        failures.push(`${key} (${client.username}: ${res.body.slice(0, 300)})`);
      }
      return res;
    };
    // Two rounds of reading every GET route as every user: lists first, then the objects they name.
    for (const [username, client] of clients) {
      const pool: Pool = new Map();
      pools.set(username, pool);
      for (const round of [0, 1])
        for (const r of routes.filter((r) => r.method === "GET" && r.url.includes(":") === (round === 1))) {
          const res = await client.get(realUrl(r.url, pool));
          if (res.statusCode === 200 && String(res.headers["content-type"]).startsWith("application/json"))
            harvest(
              pool,
              r.url
                .split("/")
                .filter((x) => x && !x.startsWith(":"))
                .at(-1)!,
              res.json(),
            );
        }
    }
    for (const r of routes) {
      const method = r.method;
      route = r.url;
      const hasParams = route.includes(":");
      const probeUrl = withParams(route, NONEXISTENT);
      // Who gets past the route's policy: every demo user whose answer is not 401/403.
      const allowed: TestClient[] = [];
      for (const client of clients.values()) {
        const res = await send(client, method, {
          label: "probe",
          url: probeUrl,
          body: method === "GET" || method === "DELETE" ? undefined : {},
        });
        if (res.statusCode !== 401 && res.statusCode !== 403) allowed.push(client);
      }
      // Office first; a route nobody passes is still fed garbage (the guard must hold up too).
      allowed.sort((a, b) => Number(b.username === "office") - Number(a.username === "office"));
      const actors = allowed.length > 0 ? allowed : [clients.get("office")!];
      for (const client of actors) {
        if (hasParams) {
          for (const value of BAD_PARAMS.slice(1))
            await send(client, method, { label: "bad path param", url: withParams(route, value) });
          // Malformed percent-encoding, which the router itself refuses.
          const url = route.replace(/:[A-Za-z]+/g, "%E0%A4%A");
          await send(client, method, { label: "malformed path param", url });
        }
        if (method === "GET") {
          const url = realUrl(route, pools.get(client.username)!);
          for (const q of BAD_QUERIES) await send(client, method, { label: q, url: `${url}?${q}` });
        }
      }
      // Body variants for the first actor only: they are many, and the schema is the same for all.
      const first = actors[0]!;
      const pool = pools.get(first.username)!;
      const url = realUrl(route, pool);
      for (const v of bodyVariants(method, route, url, pool)) await send(first, method, v);
      if (url !== probeUrl)
        for (const v of bodyVariants(method, route, probeUrl, pool).slice(0, 4)) await send(first, method, v);
    }
    expect(failures).toEqual([]);
  });
});
