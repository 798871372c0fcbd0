import type { Kysely } from "kysely";
import type { DB, SupervisionOrderRow } from "../../db/schema.js";

export function findOrder(db: Kysely<DB>, id: string): Promise<SupervisionOrderRow | undefined> {
  return db.selectFrom("supervision_orders").selectAll().where("id", "=", id).executeTakeFirst();
}

export function ordersOfTask(db: Kysely<DB>, taskId: string): Promise<SupervisionOrderRow[]> {
  return db
    .selectFrom("supervision_orders")
    .selectAll()
    .where("task_id", "=", taskId)
    .orderBy("id", "desc")
    .execute();
}

export interface OrderListFilter {
  /** Only orders addressed to these units; undefined = all. */
  orgIds?: readonly string[];
  status?: string;
  taskId?: string;
  beforeId?: string;
  limit: number;
}

/** Newest first. */
export function listOrders(db: Kysely<DB>, f: OrderListFilter): Promise<SupervisionOrderRow[]> {
  let q = db.selectFrom("supervision_orders").selectAll();
  if (f.orgIds !== undefined) q = q.where("org_id", "in", f.orgIds.length > 0 ? [...f.orgIds] : ["-"]);
  if (f.status !== undefined) q = q.where("status", "=", f.status);
  if (f.taskId !== undefined) q = q.where("task_id", "=", f.taskId);
  if (f.beforeId !== undefined) q = q.where("id", "<", f.beforeId);
  return q.orderBy("id", "desc").limit(f.limit).execute();
}
