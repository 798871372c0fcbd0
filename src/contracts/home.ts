// The talent office's home: the day's work as counts, each with the list it opens.
import { type Static, Type } from "@sinclair/typebox";
import { endpoint } from "./endpoint.js";

/** One count and where it leads: the web route and the API list (with its query) that show the same rows. */
const Count = (description: string) =>
  Type.Object({
    count: Type.Integer({ minimum: 0, description }),
    /** The web page the count opens, e.g. "/tasks?light=red". */
    href: Type.String(),
    /** The API list behind that page with the same filter, e.g. "/api/tasks?light=red". */
    list: Type.String(),
  });

export const OfficeHome = Type.Object(
  {
    /** When the counts were taken (ISO instant); "today" is its calendar date in China. */
    asOf: Type.String(),
    today: Type.String({ description: "yyyy-mm-dd in China Standard Time" }),
    cases: Type.Object({
      overdue: Count("Cases waiting at a step whose SLA deadline has passed"),
      dueToday: Count("Cases whose step deadline is today"),
    }),
    tasks: Type.Object({
      yellow: Count("Tasks with a yellow light"),
      red: Count("Tasks with a red light"),
    }),
    objections: Type.Object({
      open: Count("Open objections on notices the user answers for"),
    }),
    batches: Type.Object({
      awaitingApproval: Count("Payment batches still in draft, waiting for approval"),
    }),
    supervision: Type.Object({
      open: Count("Supervision orders not yet answered"),
    }),
  },
  { $id: "OfficeHome" },
);
export type OfficeHome = Static<typeof OfficeHome>;

export const homeContracts = {
  "GET /api/home/office": endpoint({
    permission: "home.office",
    summary: "The talent office's day: counts linked to their lists / 人才办今日待办",
    tags: ["home"],
    response: OfficeHome,
  }),
};
