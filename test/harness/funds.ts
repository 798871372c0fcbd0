// Helpers for the funds tests: a fund with one budget line, allocated by the finance officer.
import { randomUUID } from "node:crypto";
import type { TestApp, TestClient } from "./app.js";

export const key = () => randomUUID();

export async function send(
  client: TestClient,
  method: string,
  url: string,
  body?: unknown,
  idempotencyKey = key(),
) {
  return client.request(method, url, body ?? {}, { "idempotency-key": idempotencyKey });
}

let serial = 0;

/** A fund of the talent office paid by 市财政局, with one budget line allocated `allocate` 分. */
export async function fundWithLine(
  t: TestApp,
  office: TestClient,
  finance: TestClient,
  allocate: number,
  line: { itemCode?: string; stagePlan?: unknown } = {},
): Promise<{ fundId: string; lineId: string }> {
  serial += 1;
  const financeOrgId = await t.orgId("市财政局");
  const fund = await office.post("/api/funds", {
    code: `T${serial}-${Date.now()}`,
    name: `测试资金${serial}`,
    financeOrgId,
  });
  if (fund.statusCode !== 201) throw new Error(`fund: ${fund.statusCode} ${fund.body}`);
  const fundId = fund.json().id as string;
  const created = await office.post(`/api/funds/${fundId}/budget-lines`, {
    year: 2026,
    code: `L${serial}`,
    name: `测试预算科目${serial}`,
    ...line,
  });
  if (created.statusCode !== 201) throw new Error(`line: ${created.statusCode} ${created.body}`);
  const lineId = created.json().id as string;
  if (allocate > 0) {
    const res = await send(finance, "POST", `/api/funds/budget-lines/${lineId}/allocate`, {
      amount: allocate,
    });
    if (res.statusCode !== 200) throw new Error(`allocate: ${res.statusCode} ${res.body}`);
  }
  return { fundId, lineId };
}

export const PAYEE = { name: "刘洋", bank: "中国银行营口分行", account: "6217850800001234567" };

/** Another person at 市财政局 (a leader), logged in: a batch's creator may never approve it, so
 * every batch needs one of these (two above the dual-approval limit). */
export async function financeColleague(t: TestApp, username: string): Promise<TestClient> {
  const financeOrg = await t.orgId("市财政局");
  const exists = await t.rt.deps.database.db
    .selectFrom("users")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirst();
  if (!exists)
    await t.rt.services.users.create(
      null,
      {
        username,
        displayName: `财政${username.slice(-1)}`,
        orgId: financeOrg,
        roles: [{ role: "leader", orgId: financeOrg }],
      },
      { password: "Rencai@2026", mustChangePassword: false },
    );
  return t.login(username);
}
