import { describe, expect, it } from "vitest";
import {
  type Actor,
  allowedSubset,
  authorize,
  can,
  definePolicy,
  isKnownPolicy,
  policyNames,
} from "../../src/server/lib/authz.js";
import { AppError } from "../../src/server/lib/errors.js";
import "../../src/server/modules/orgs/orgs.policy.js";
import "../../src/server/modules/tasks/tasks.policy.js";
import type { TaskSubject } from "../../src/server/modules/tasks/tasks.policy.js";

const actor = (roles: Actor["roles"]): Actor => ({
  userId: "U1",
  username: "u1",
  displayName: "用户",
  orgId: roles[0]?.orgId ?? "ORG",
  roles,
  mustChangePassword: false,
});

const hrssOfficer = actor([{ role: "officer", orgId: "HRSS" }]);
const office = actor([{ role: "talent_office", orgId: "OFFICE" }]);
const task = (lead: string[], responsible: string[]): TaskSubject => ({
  leadOrgIds: lead,
  responsibleOrgIds: responsible,
});

describe("permission registry", () => {
  it("answers the route-level question without a subject and the object question with one", () => {
    expect(can(hrssOfficer, "tasks.read")).toBe(true);
    expect(can(hrssOfficer, "tasks.read", task(["HRSS"], []))).toBe(true);
    expect(can(hrssOfficer, "tasks.read", task(["SCIENCE"], ["FINANCE"]))).toBe(false);
    expect(can(office, "tasks.read", task(["SCIENCE"], []))).toBe(true);
    expect(can(hrssOfficer, "orgs.create")).toBe(false);
  });

  it("authorize throws the one forbidden error", () => {
    expect(() => authorize(hrssOfficer, "orgs.create")).toThrow(AppError);
    try {
      authorize(hrssOfficer, "orgs.create");
    } catch (e) {
      expect((e as AppError).status).toBe(403);
      expect((e as AppError).code).toBe("FORBIDDEN");
    }
  });

  it("allowedSubset keeps exactly the subjects the actor may act on, in order", () => {
    const tasks = [
      task(["SCIENCE"], []),
      task(["HRSS"], []),
      task(["FINANCE"], ["HRSS"]),
      task(["FINANCE"], []),
    ];
    expect(allowedSubset(hrssOfficer, "tasks.read", tasks)).toEqual([tasks[1], tasks[2]]);
    expect(allowedSubset(office, "tasks.read", tasks)).toEqual(tasks);
    expect(allowedSubset(hrssOfficer, "tasks.manageMilestones", tasks)).toEqual([tasks[1]]);
  });

  it("knows its rules, refuses unknown ones and a second definition of the same name", () => {
    expect(policyNames()).toContain("orgs.update");
    expect(isKnownPolicy("public")).toBe(true);
    expect(isKnownPolicy("orgs.nonsense")).toBe(false);
    expect(() => can(office, "orgs.nonsense")).toThrow(/Unknown policy/);
    expect(() => definePolicy("orgs", { read: () => true })).toThrow(/defined twice/);
  });
});
