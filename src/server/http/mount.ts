// Mounts handlers against contracts (src/contracts): the schema, permission, idempotency header,
// success status and the operator context are set here once, so a route is its handler only.
import type { TSchema } from "@sinclair/typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  type BodyOf,
  type Contracts,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  splitKey,
} from "../../contracts/endpoint.js";
import type { Actor } from "../lib/authz.js";
import type { Op, RequestMeta } from "../lib/context.js";
import { IDEMPOTENCY_HEADER, type IdempotentResult, idempotencyKeyOf } from "../lib/idempotency.js";
import { opOf, requestMeta } from "./guard.js";

type KeyOf<E extends Endpoint> = E["idempotency"] extends "required"
  ? string
  : E["idempotency"] extends "optional"
    ? string | undefined
    : undefined;

export interface HandlerContext<E extends Endpoint> {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  idempotencyKey: KeyOf<E>;
  /** The signed-in operator; reading it on a public endpoint without a session answers 401. */
  readonly op: Op;
  actor: Actor | null;
  meta: RequestMeta;
  request: FastifyRequest;
  reply: FastifyReply;
}

const ANSWER = Symbol("answer");

/** An answer with a status other than the contract's, or one replayed from an idempotent request. */
export interface Answer<T> {
  [ANSWER]: true;
  status: number;
  body: T;
  replayed: boolean;
}

export function answer<T>(status: number, body: T, replayed = false): Answer<T> {
  return { [ANSWER]: true, status, body, replayed };
}

/** The stored-or-fresh answer of an idempotent use-case (lib/idempotency.ts), as the route's reply. */
export const idempotentAnswer = <T>(r: IdempotentResult<T>): Answer<T> =>
  answer(r.status, r.body, r.replayed);

function isAnswer(v: unknown): v is Answer<unknown> {
  return typeof v === "object" && v !== null && ANSWER in v;
}

export type Handler<E extends Endpoint> = (
  ctx: HandlerContext<E>,
) => Promise<E["response"] extends TSchema ? ResponseOf<E> | Answer<ResponseOf<E>> : unknown>;

export type Handlers<C extends Contracts> = { [K in keyof C]: C[K] extends Endpoint ? Handler<C[K]> : never };

const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.Optional(
    Type.String({
      description: "8–128 characters [A-Za-z0-9_-], one per logical request (see docs/api/funds.md)",
    }),
  ),
});

/** Registers one route per contract; every contract of the map must have its handler. */
export function mount<C extends Contracts>(app: FastifyInstance, contracts: C, handlers: Handlers<C>): void {
  for (const key of Object.keys(contracts) as (keyof C & string)[]) {
    const contract = contracts[key] as Endpoint;
    const handler = handlers[key] as Handler<Endpoint>;
    const { method, path } = splitKey(key);
    const status = contract.status ?? 200;
    const response: Record<number, TSchema> = {};
    if (contract.response) response[status] = contract.response;
    else if (status === 204) response[204] = Type.Null({ description: "No content" });
    app.route({
      method,
      url: path,
      ...(contract.bodyLimit ? { bodyLimit: contract.bodyLimit } : {}),
      config: {
        policy: contract.permission,
        ...(contract.allowDuringPasswordChange ? { allowDuringPasswordChange: true } : {}),
      },
      schema: {
        tags: [...contract.tags],
        summary: contract.summary,
        ...(contract.description ? { description: contract.description } : {}),
        ...(contract.params ? { params: contract.params } : {}),
        ...(contract.query ? { querystring: contract.query } : {}),
        ...(contract.body ? { body: contract.body } : {}),
        ...(contract.idempotency ? { headers: IdempotencyHeaders } : {}),
        ...(Object.keys(response).length ? { response } : {}),
      },
      handler: async (request, reply) => {
        const idempotencyKey =
          contract.idempotency === "required"
            ? idempotencyKeyOf(request)
            : contract.idempotency === "optional"
              ? idempotencyKeyOf(request, { required: false })
              : undefined;
        const ctx = {
          params: request.params,
          query: request.query,
          body: request.body,
          idempotencyKey,
          get op() {
            return opOf(request);
          },
          actor: request.actor,
          meta: requestMeta(request),
          request,
          reply,
        } as HandlerContext<Endpoint>;
        const result = await handler(ctx);
        if (!contract.response && status !== 204) return result; // the handler wrote the reply
        if (isAnswer(result)) {
          if (result.replayed) reply.header("idempotent-replayed", "true");
          return reply.code(result.status).send(result.body);
        }
        if (status === 204) return reply.code(204).send();
        return reply.code(status).send(result);
      },
    });
  }
}
