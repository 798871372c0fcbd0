import { Empty, Spin, Timeline } from "antd";
import { taskApi } from "../../api/policy";
import type { Lang, Light, Task, TaskEvent } from "../../api/types";
import { LoadMore } from "../../components/LoadMore";
import { type TFunc, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { periodLabel } from "../../lib/period";
import { useCursorList } from "../../lib/useCursorList";

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const isLight = (v: unknown): v is Light => v === "green" || v === "yellow" || v === "red";

const EVENT_COLORS: Record<string, string> = {
  "milestone.completed": "green",
  "report.approved": "green",
  "report.returned": "orange",
  "supervision.issued": "red",
  "supervision.responded": "blue",
};

/** One history entry in words; unknown kinds fall back to their code. */
function describe(e: TaskEvent, t: TFunc, lang: Lang, orgName: (id: string) => string): string {
  const d = e.detail ?? {};
  const org = orgName(str(d.orgId));
  const period = periodLabel(lang, str(d.periodKey));
  const title = str(d.title);
  const withComment = (text: string, comment: unknown) =>
    comment ? t("common.withDetail", { text, detail: str(comment) }) : text;
  switch (e.kind) {
    case "task.created":
      return t("event.taskCreated");
    case "task.updated": {
      const parts: string[] = [];
      const due = d.due as { from?: unknown; to?: unknown } | undefined;
      if (due) {
        const shown = (v: unknown) => (v === null || v === undefined ? t("common.none") : str(v));
        parts.push(t("event.taskDue", { from: shown(due.from), to: shown(due.to) }));
      }
      if (d.reportPeriod || !due) {
        const rp = (d.reportPeriod ?? {}) as { from?: unknown; to?: unknown };
        const name = (v: unknown) =>
          v === "monthly" || v === "quarterly" ? t(`period.${v}`) : t("task.periodFollowsDocument");
        parts.push(t("event.taskUpdated", { from: name(rp.from), to: name(rp.to) }));
      }
      return parts.join(t("common.summarySep"));
    }
    case "milestone.added":
      return t("event.milestoneAdded", { title, due: str(d.dueDate), weight: str(d.weight) });
    case "milestone.updated": {
      const parts: string[] = [];
      const ch = (k: string) => d[k] as { from?: unknown; to?: unknown } | undefined;
      if (ch("title"))
        parts.push(t("event.changeTitle", { from: str(ch("title")?.from), to: str(ch("title")?.to) }));
      if (ch("dueDate"))
        parts.push(t("event.changeDue", { from: str(ch("dueDate")?.from), to: str(ch("dueDate")?.to) }));
      if (ch("weight"))
        parts.push(t("event.changeWeight", { from: str(ch("weight")?.from), to: str(ch("weight")?.to) }));
      const text = t("event.milestoneUpdated", { title });
      return parts.length
        ? t("common.withDetail", { text, detail: parts.join(t("common.clauseSep")) })
        : text;
    }
    case "milestone.completed":
      return t(d.onTime === false ? "event.milestoneCompletedLate" : "event.milestoneCompleted", { title });
    case "milestone.reopened":
      return t("event.milestoneReopened", { title });
    case "milestone.removed":
      return t("event.milestoneRemoved", { title });
    case "report.submitted":
      return t("event.reportSubmitted", { org, period });
    case "report.resubmitted":
      return t("event.reportResubmitted", { org, period });
    case "report.approved":
      return withComment(t("event.reportApproved", { org, period }), d.comment);
    case "report.returned":
      return withComment(t("event.reportReturned", { org, period }), d.comment);
    case "supervision.issued":
      return t("event.orderIssued", { org, due: str(d.dueDate), content: str(d.content) });
    case "supervision.responded":
      return t(d.late === true ? "event.orderAnsweredLate" : "event.orderAnswered", { org });
    case "light.changed": {
      const from = isLight(d.from) ? t(`light.${d.from}`) : str(d.from);
      const to = isLight(d.to) ? t(`light.${d.to}`) : str(d.to);
      const reasons = Array.isArray(d.reasons)
        ? (d.reasons as { title?: unknown; dueDate?: unknown }[])
            .map((r) => t("event.lightReason", { title: str(r.title), due: str(r.dueDate) }))
            .join(t("common.clauseSep"))
        : "";
      const text = t("event.lightChanged", { from, to });
      return reasons ? t("common.paren", { text, detail: reasons }) : text;
    }
    default:
      return e.kind;
  }
}

export function History({ task, version }: { task: Task; version: number }) {
  const t = useT();
  const { lang } = useLang();
  const list = useCursorList<TaskEvent>(
    (cursor) => taskApi.events(task.id, cursor, 30),
    `${task.id}:${version}`,
  );
  const names = new Map([...task.lead, ...task.responsible].map((u) => [u.id, u.name]));
  const orgName = (id: string) => names.get(id) ?? t("event.someUnit");

  if (!list.loaded && list.loading)
    return (
      <div className="rc-center-small">
        <Spin />
      </div>
    );
  if (list.items.length === 0) return <Empty description={t("event.empty")} />;
  return (
    <>
      <Timeline
        className="rc-history"
        items={list.items.map((e) => {
          const light = e.kind === "light.changed" && isLight(e.detail?.to) ? e.detail.to : null;
          return {
            key: e.id,
            color: light === "yellow" ? "orange" : (light ?? EVENT_COLORS[e.kind] ?? "blue"),
            title: (
              <time dateTime={e.at} className="rc-small rc-muted rc-nowrap">
                {fmtTime(e.at)}
              </time>
            ),
            content: (
              <div>
                <span className="rc-strong">{e.actor?.name ?? t("audit.system")}</span>{" "}
                <span>{describe(e, t, lang, orgName)}</span>
              </div>
            ),
          };
        })}
      />
      <LoadMore
        count={list.items.length}
        hasMore={list.hasMore}
        loading={list.loading}
        onMore={list.loadMore}
      />
    </>
  );
}
