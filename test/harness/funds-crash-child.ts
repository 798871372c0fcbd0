// The child of the funds crash test (test/integration/funds-crash.test.ts): runs payments against a
// SQLite file until it is killed. Each payment is an entitlement of 10 元 collected into a batch,
// approved and recorded paid; "ACK <stageId>" is printed only after the payment has committed.
// Usage: tsx test/harness/funds-crash-child.ts <sqlite url> <data dir> <fund id> <budget line id>
import { randomUUID } from "node:crypto";
import { loadConfig } from "../../src/server/config.js";
import { actorOf } from "../../src/server/demo/funds.js";
import { openRuntime } from "../../src/server/runtime.js";

const [url, dataDir, fundId, budgetLineId] = process.argv.slice(2) as [string, string, string, string];
const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: "silent", JOBS_MODE: "off" });
const rt = await openRuntime(config);
const { funds, fundBatches } = rt.services;
const office = await actorOf(rt.deps.database, "office");
const finance = await actorOf(rt.deps.database, "finance");
// The collector never approves its batch.
const financeLeader = await actorOf(rt.deps.database, "finance_leader");
const talentUserId = (
  await rt.deps.database.db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "talent")
    .executeTakeFirstOrThrow()
).id;
const payee = { name: "刘洋", bank: "中国银行营口分行", account: "6217850800001234567" };

process.stdout.write("READY\n");
for (let i = 0; ; i++) {
  const created = await funds.createEntitlement(
    office,
    { budgetLineId, talentUserId, title: `崩溃测试${i}`, amount: 1_000, payee },
    randomUUID(),
  );
  const entitlement = await funds.getEntitlement(office, (created.body as { id: string }).id);
  const stageId = entitlement.stages[0]!.id;
  const batch = await fundBatches.create(
    finance,
    { fundId, title: `崩溃测试批次${i}`, stageIds: [stageId] },
    randomUUID(),
  );
  const batchId = (batch.body as { id: string }).id;
  await fundBatches.approve(financeLeader, batchId, randomUUID());
  const view = await fundBatches.get(finance, batchId);
  await fundBatches.recordResults(
    finance,
    batchId,
    { lines: [{ lineId: view.lines![0]!.id, result: "paid" }] },
    randomUUID(),
  );
  // Written synchronously to the pipe (Linux): the parent has it before the next payment starts.
  process.stdout.write(`ACK ${stageId}\n`);
}
