// Small presentational pieces shared by the policy, task, supervision and assessment pages.
import { Progress, Tag, Tooltip } from "antd";
import type { Light, LightReason, OrderStatus, ReportStatus, TaskStatus, UnitRef } from "../api/types";
import { type MsgKey, useT } from "../i18n";
import { fmtDate } from "../lib/format";

/** A traffic light: a coloured dot *and* its meaning in words (never colour alone). */
export function LightTag({
  light,
  reasons,
  compact,
}: {
  light: Light;
  reasons?: LightReason[];
  /** Only the colour's name ("红灯"), e.g. in dense tables; the meaning is in the tooltip. */
  compact?: boolean;
}) {
  const t = useT();
  const tag = (
    <Tag className={`rc-light rc-light-${light}`}>
      <span className="rc-light-dot" aria-hidden="true" />
      {t(compact ? `light.short.${light}` : `light.${light}`)}
    </Tag>
  );
  const reasonText = reasons?.length
    ? reasons.map((r) =>
        t("light.reason", { what: t(`light.kind.${r.kind}`), title: r.title, due: r.dueDate }),
      )
    : null;
  if (!reasonText && !compact) return tag;
  return (
    <Tooltip
      title={
        reasonText ? (
          <ul className="rc-tip-list">
            {reasonText.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        ) : (
          t(`light.${light}`)
        )
      }
    >
      {tag}
    </Tooltip>
  );
}

const STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: "default",
  in_progress: "processing",
  completed: "success",
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status] ?? "default"}>{t(`taskStatus.${status}`)}</Tag>;
}

const REPORT_COLORS: Record<ReportStatus, string> = {
  submitted: "processing",
  approved: "success",
  returned: "warning",
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return <Tag color={REPORT_COLORS[status] ?? "default"}>{t(`reportStatus.${status}`)}</Tag>;
}

export function OrderStatusTag({ status, late }: { status: OrderStatus; late: boolean }) {
  const t = useT();
  return (
    <>
      <Tag color={status === "open" ? "processing" : "success"}>{t(`orderStatus.${status}`)}</Tag>
      {late ? <Tag color="error">{t("orderStatus.late")}</Tag> : null}
    </>
  );
}

/** Task progress: rolled up from milestones by the server, never edited here. */
export function TaskProgress({
  percent,
  done,
  total,
  status,
  width,
}: {
  percent: number;
  done?: number;
  total?: number;
  status?: TaskStatus;
  width?: number;
}) {
  const t = useT();
  const counted = total !== undefined && done !== undefined;
  const label = counted
    ? t("task.progressAria", { n: percent, done, total })
    : t("task.progressPercent", { n: percent });
  return (
    <div className="rc-progress" style={width ? { width } : undefined}>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={percent >= 100 ? "success" : "normal"}
        aria-label={label}
      />
      <div className="rc-progress-text rc-small">
        <span className="rc-strong">{percent}%</span>
        {counted ? <span className="rc-muted">{t("task.milestonesDone", { done, total })}</span> : null}
        {status ? <span className={`rc-status rc-status-${status}`}>{t(`taskStatus.${status}`)}</span> : null}
      </div>
    </div>
  );
}

/** Organisation names as tags; group entries ("各相关部门") are text, not organisations. */
export function UnitTags({
  units,
  groups,
  emptyKey = "common.none",
}: {
  units: UnitRef[];
  groups?: string[];
  emptyKey?: MsgKey;
}) {
  const t = useT();
  if (units.length === 0 && !groups?.length) return <span className="rc-muted">{t(emptyKey)}</span>;
  return (
    <span className="rc-units">
      {units.map((u) => (
        <Tag key={u.id} className="rc-unit">
          {u.name}
        </Tag>
      ))}
      {groups?.map((g) => (
        <Tooltip key={g} title={t("policy.groupUnitHelp")}>
          <Tag className="rc-unit rc-unit-group">{g}</Tag>
        </Tooltip>
      ))}
    </span>
  );
}

/** A yyyy-mm-dd due date (or "长期"/text as written) with how far off it is. */
export function DueText({ due }: { due: string | null }) {
  const t = useT();
  if (!due) return <span className="rc-muted">{t("common.none")}</span>;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return <span>{due}</span>;
  return <time dateTime={due}>{fmtDate(due)}</time>;
}
