// Money sent as a string is refused (issue 12 item 9): JSON bodies are validated without type
// coercion, so "100" for an integer amount in 分 is a 400, not 100. Query strings are still text
// coerced to their schema's types.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
});
afterAll(async () => t?.close());

describe("no type coercion in JSON bodies", () => {
  it("refuses a numeric string where the settings expect an integer amount", async () => {
    const before = (await office.get("/api/funds/settings")).json() as { dualApprovalAbove: number };
    const res = await office.put("/api/funds/settings", {
      dualApprovalAbove: String(before.dualApprovalAbove - 100),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const after = (await office.get("/api/funds/settings")).json() as { dualApprovalAbove: number };
    expect(after.dualApprovalAbove).toBe(before.dualApprovalAbove);
    // The same amount as a number is accepted (lowering applies at once).
    const ok = await office.put("/api/funds/settings", { dualApprovalAbove: before.dualApprovalAbove - 100 });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it("still reads numbers from query strings", async () => {
    const res = await office.get("/api/tasks?limit=5");
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { items: unknown[] }).items.length).toBeLessThanOrEqual(5);
  });
});
