// Calls an endpoint by its contract key ("PATCH /api/orgs/:id"). The contracts are imported as
// types only, so the bundle carries no schema code: the key gives the method and path at run time,
// and the request and response types come from the schemas the server validates with.
import type { Answer, ApiKey, Input } from "../../contracts/index";
import { type QueryValue, type RequestOptions, request } from "./client";

export type { Answer, ApiKey, Input };

type CallOptions = Pick<RequestOptions, "quiet" | "signal">;

function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

export function call<K extends ApiKey>(
  key: K,
  input: Input<K>,
  options: CallOptions = {},
): Promise<Answer<K>> {
  const space = key.indexOf(" ");
  const method = key.slice(0, space);
  // request() prefixes /api itself.
  const path = fillPath(key.slice(space + 1), (input as { params?: Record<string, unknown> }).params).replace(
    /^\/api/,
    "",
  );
  const { body, query, idempotencyKey } = input as {
    body?: unknown;
    query?: Record<string, QueryValue>;
    idempotencyKey?: string;
  };
  return request<Answer<K>>(method, path, {
    ...options,
    body,
    query,
    headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : undefined,
  });
}
