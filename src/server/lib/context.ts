import type { Kysely } from "kysely";
import type { Database } from "../db/connect.js";
import type { DB } from "../db/schema.js";
import type { Actor } from "./authz.js";
import type { Clock } from "./clock.js";

/** What every service needs from the outside world; tests build it with a fixed clock. */
export interface Deps {
  readonly database: Database;
  readonly clock: Clock;
}

/** Who is acting and from where: carried into every audit row. */
export interface RequestMeta {
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly userAgent: string | null;
}

export interface Op {
  readonly actor: Actor;
  readonly meta: RequestMeta;
}

export const SYSTEM_META: RequestMeta = { ip: null, requestId: null, userAgent: "rencai-cli" };

/** The platform itself acting (seeding, CLI, jobs): no user, audited as "system". */
export const SYSTEM = { actor: null, meta: SYSTEM_META } as const;

export type Trx = Kysely<DB>;

export function inTransaction<T>(deps: Deps, work: (trx: Trx) => Promise<T>): Promise<T> {
  return deps.database.db.transaction().execute(work);
}
