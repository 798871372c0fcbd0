// One declaration per endpoint: method and path (the key of a contract map, "GET /api/orgs/:id"),
// the permission rule, request schemas, the response schema and status, idempotency. The server
// mounts handlers against it (http/mount.ts) and the web calls it (web/api/call.ts) with the types
// inferred from the same schemas; /api/docs is generated from it.
import type { Static, TObject, TSchema } from "@sinclair/typebox";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Endpoint {
  /** A registered permission rule (`orgs.update`), "authenticated" or "public". */
  permission: string;
  summary: string;
  tags: readonly string[];
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  /** The success body; absent when the handler writes the reply itself (files, redirects, HTML). */
  response?: TSchema;
  /** The success status; 200 unless said (201 for creations, 204 without a body). */
  status?: 200 | 201 | 202 | 204;
  /** Whether the request carries an `Idempotency-Key` header (see docs/api/funds.md). */
  idempotency?: "required" | "optional";
  /** May be called by a user who must change their password first. */
  allowDuringPasswordChange?: boolean;
  /** Largest accepted body in bytes, when it differs from the server's default. */
  bodyLimit?: number;
  description?: string;
}

/** Declares an endpoint, keeping its literal types (for inference on both sides). */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/** A domain's endpoints, keyed by "METHOD /path". */
export type Contracts = Record<`${HttpMethod} /${string}`, Endpoint>;

type StaticOf<S> = S extends TSchema ? Static<S> : undefined;

export type ParamsOf<E extends Endpoint> = StaticOf<E["params"]>;
export type QueryOf<E extends Endpoint> = StaticOf<E["query"]>;
export type BodyOf<E extends Endpoint> = StaticOf<E["body"]>;
/** What a successful call answers (`undefined` for 204s and handler-written replies). */
export type ResponseOf<E extends Endpoint> = E["response"] extends TSchema
  ? Static<E["response"]>
  : undefined;

type Present<K extends string, T> = [T] extends [undefined] ? { [P in K]?: never } : { [P in K]: T };

/** The request parts a caller supplies: exactly those the endpoint declares. */
export type RequestOf<E extends Endpoint> = Present<"params", ParamsOf<E>> &
  Present<"body", BodyOf<E>> &
  ([QueryOf<E>] extends [undefined] ? { query?: never } : { query?: QueryOf<E> }) &
  (E["idempotency"] extends "required"
    ? { idempotencyKey: string }
    : E["idempotency"] extends "optional"
      ? { idempotencyKey?: string }
      : { idempotencyKey?: never });

export function splitKey(key: string): { method: HttpMethod; path: string } {
  const space = key.indexOf(" ");
  return { method: key.slice(0, space) as HttpMethod, path: key.slice(space + 1) };
}
