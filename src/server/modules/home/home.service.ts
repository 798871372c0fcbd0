import type { OfficeHome } from "../../../contracts/home.js";
import { authorize, can } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { subjectOfFund } from "../funds/funds.service.js";
import { HANDLERS } from "../publicity/publicity.policy.js";
import { visibleOrgIds } from "../tasks/visible-task.js";
import {
  countBatches,
  countOpenObjections,
  countOpenOrders,
  countTasksByLight,
  countWaits,
  fundsOf,
} from "./home.repo.js";
import "./home.policy.js";

const link = (count: number, page: string, api: string, query: string) => ({
  count,
  href: `${page}?${query}`,
  list: `${api}?${query}`,
});

// The talent office's home (今日待办): what waits for it today, each count scoped as the list it
// links to would be for the same user, so the number equals the rows the user lands on.
export function makeHomeService(deps: Deps) {
  const db = deps.database.db;
  return {
    async office(op: Op): Promise<OfficeHome> {
      authorize(op.actor, "home.office");
      const actor = op.actor;
      const now = deps.clock.now();
      const today = chinaDate(now);
      const taskOrgs = visibleOrgIds(actor);
      const answerOrgs = [
        ...new Set(actor.roles.filter((g) => HANDLERS.includes(g.role)).map((g) => g.orgId)),
      ];
      const funds = (await fundsOf(db))
        .filter((f) => can(actor, "funds.read", subjectOfFund(f)))
        .map((f) => f.id);
      const [overdue, dueToday, yellow, red, objections, batches, orders] = await Promise.all([
        countWaits(db, today, "overdue"),
        countWaits(db, today, "today"),
        countTasksByLight(db, "yellow", taskOrgs),
        countTasksByLight(db, "red", taskOrgs),
        countOpenObjections(db, answerOrgs),
        countBatches(db, funds, "draft"),
        countOpenOrders(db, taskOrgs),
      ]);
      return {
        asOf: now.toISOString(),
        today,
        cases: {
          overdue: link(overdue, "/services/cases", "/api/applications/overview", "due=overdue"),
          dueToday: link(dueToday, "/services/cases", "/api/applications/overview", "due=today"),
        },
        tasks: {
          yellow: link(yellow, "/tasks", "/api/tasks", "light=yellow"),
          red: link(red, "/tasks", "/api/tasks", "light=red"),
        },
        objections: { open: link(objections, "/publicity", "/api/publicity", "objections=open") },
        batches: { awaitingApproval: link(batches, "/funds/batches", "/api/funds/batches", "status=draft") },
        supervision: { open: link(orders, "/supervision", "/api/supervision", "status=open") },
      };
    },
  };
}
export type HomeService = ReturnType<typeof makeHomeService>;
