import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { isDate, type WorkCalendar } from "../../engine/workflow/index.js";
import { authorize } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { invalidFields, notFound } from "../../lib/errors.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { HolidayDay } from "./catalogue.schema.js";
import "./catalogue.policy.js";

/** The working-day calendar from the holidays table (small: a few dozen rows a year). */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  return readCalendar(db);
}

async function readCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const rows = await db.selectFrom("holidays").select(["date", "kind"]).execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === "workday").map((r) => r.date)),
  };
}

const badDate = () =>
  invalidFields("HOLIDAY_INVALID", [{ path: "/date", message: { zh: "日期无效", en: "Not a valid date" } }]);

// The talent office keeps the calendar: public holidays (节假日) and weekend days that are working
// days (调休上班). Step deadlines count working days over it.
export function makeHolidayService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;
  // The calendar changes a few times a year: kept for a minute, dropped at once when this process
  // changes it (another process — a worker — sees a change within the minute).
  const CALENDAR_TTL_MS = 60_000;
  let cached: { calendar: WorkCalendar; at: number } | null = null;
  const forgetCalendar = () => {
    cached = null;
  };
  return {
    /** The calendar, cached; `q` may be the caller's transaction. */
    async calendarOf(q: Kysely<DB>): Promise<WorkCalendar> {
      if (cached && Date.now() - cached.at < CALENDAR_TTL_MS) return cached.calendar;
      const calendar = await readCalendar(q);
      cached = { calendar, at: Date.now() };
      return calendar;
    },

    async list(year: number | undefined): Promise<HolidayDay[]> {
      let q = db.selectFrom("holidays").select(["date", "kind", "name"]).orderBy("date");
      if (year !== undefined) q = q.where("date", ">=", `${year}-01-01`).where("date", "<=", `${year}-12-31`);
      return (await q.execute()) as HolidayDay[];
    },

    async put(op: Op | null, date: string, input: Omit<HolidayDay, "date">): Promise<HolidayDay> {
      if (op) authorize(op.actor, "holidays.manage");
      if (!isDate(date)) throw badDate();
      const name = input.name.trim();
      if (name === "")
        throw invalidFields("HOLIDAY_INVALID", [
          { path: "/name", message: { zh: "请填写名称", en: "Give a name" } },
        ]);
      const at = deps.clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("holidays")
          .values({ date, kind: input.kind, name, updated_by: op?.actor.userId ?? null, updated_at: at })
          .onConflict((oc) =>
            oc
              .column("date")
              .doUpdateSet({ kind: input.kind, name, updated_by: op?.actor.userId ?? null, updated_at: at }),
          )
          .execute();
        await writeAudit(trx, op ?? SYSTEM, {
          action: "holidays.put",
          objectType: "holiday",
          objectId: date,
          detail: { kind: input.kind, name },
        });
      });
      forgetCalendar();
      return { date, kind: input.kind, name };
    },

    async remove(op: Op, date: string): Promise<void> {
      authorize(op.actor, "holidays.manage");
      if (!isDate(date)) throw badDate();
      await db.transaction().execute(async (trx) => {
        const deleted = await trx.deleteFrom("holidays").where("date", "=", date).executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) throw notFound({ zh: "节假日", en: "Holiday" });
        await writeAudit(trx, op, {
          action: "holidays.remove",
          objectType: "holiday",
          objectId: date,
          detail: null,
        });
      });
      forgetCalendar();
    },
  };
}
export type HolidayService = ReturnType<typeof makeHolidayService>;
