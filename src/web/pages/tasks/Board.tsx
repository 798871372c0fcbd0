import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Grid, Select, Table, type TableColumnsType, Tooltip } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { policyApi, type TaskQuery, taskApi } from "../../api/policy";
import {
  type DocumentSummary,
  LIGHTS,
  type Light,
  TASK_STATUSES,
  type TaskStats,
  type TaskStatus,
  type TaskSummary,
} from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { DueText, LightTag, TaskProgress } from "../../components/TaskTags";
import { useT } from "../../i18n";
import { isTalentOffice, unitsWithRole } from "../../lib/roles";
import { useCursorList } from "../../lib/useCursorList";
import { useOrgs } from "../../lib/useOrgs";
import { Workspace } from "./Workspace";

const PAGE = 20;

function unitNames(units: { name: string }[], sep: string, groups: string[] = []): string {
  return [...units.map((u) => u.name), ...groups].join(sep);
}

function StatsBar({
  stats,
  light,
  onLight,
}: {
  stats: TaskStats | null;
  light?: Light;
  onLight: (l?: Light) => void;
}) {
  const t = useT();
  if (!stats) return null;
  return (
    <fieldset className="rc-stats">
      <legend className="rc-sr-only">{t("board.statsLabel")}</legend>
      <button
        type="button"
        className={light ? "rc-stat" : "rc-stat rc-stat-on"}
        aria-pressed={!light}
        onClick={() => onLight(undefined)}
      >
        <span className="rc-stat-n">{stats.total}</span>
        <span className="rc-stat-l">{t("board.total")}</span>
      </button>
      {(["red", "yellow", "green"] as const).map((l) => (
        <button
          type="button"
          key={l}
          className={`rc-stat rc-stat-${l}${light === l ? " rc-stat-on" : ""}`}
          aria-pressed={light === l}
          onClick={() => onLight(light === l ? undefined : l)}
        >
          <span className="rc-stat-n">{stats.byLight[l]}</span>
          <span className="rc-stat-l">
            <span className={`rc-light-dot rc-dot-${l}`} aria-hidden="true" />
            {t(`light.${l}`)}
          </span>
        </button>
      ))}
      <div className="rc-stat rc-stat-static">
        <span className="rc-stat-l">
          {TASK_STATUSES.map((s) => `${t(`taskStatus.${s}`)} ${stats.byStatus[s]}`).join(" · ")}
        </span>
      </div>
    </fieldset>
  );
}

function TaskCards({ items }: { items: TaskSummary[] }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <ul className="rc-task-cards" aria-label={t("board.list")}>
      {items.map((task) => (
        <li key={task.id} className={`rc-task-card rc-task-card-${task.light}`}>
          <div className="rc-task-card-head">
            <Link to={`/tasks/${task.id}`} className="rc-strong">
              {task.measure.label}
              {task.title}
            </Link>
          </div>
          <div className="rc-task-card-tags">
            <LightTag light={task.light} reasons={task.lightReasons} />
          </div>
          <TaskProgress
            percent={task.progress}
            done={task.milestoneCount.done}
            total={task.milestoneCount.total}
            status={task.status}
          />
          <div className="rc-small">
            <span className="rc-muted">{t("common.labelled", { label: t("policy.lead") })}</span>
            {unitNames(task.lead, t("common.listSep")) || t("common.none")}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default function TaskBoardPage() {
  const t = useT();
  const me = useMe();
  const office = isTalentOffice(me);
  const myUnits = unitsWithRole(me, ["officer", "leader"]);
  const narrow = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [stats, setStats] = useState<TaskStats | null>(null);
  const { orgs } = useOrgs(me.nav.includes("orgs"));

  const filters = {
    documentId: params.get("documentId") ?? undefined,
    orgId: params.get("orgId") ?? undefined,
    role: (params.get("role") as TaskQuery["role"] | null) ?? undefined,
    light: (params.get("light") as Light | null) ?? undefined,
    status: (params.get("status") as TaskStatus | null) ?? undefined,
  };
  // "My role" without an organisation means the role of my own unit.
  const roleOrg = filters.orgId ?? (filters.role && !office ? myUnits[0]?.id : undefined);
  const query: TaskQuery = { ...filters, orgId: roleOrg };

  const setFilter = (k: keyof typeof filters, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === "orgId" && !v && office) next.delete("role");
    setParams(next, { replace: true });
  };

  const list = useCursorList<TaskSummary>(
    (cursor) => taskApi.list({ ...query, cursor, limit: PAGE }),
    JSON.stringify(query),
  );

  useEffect(() => {
    policyApi
      .list(null, 200, { quiet: true })
      .then((p) => setDocs(p.items))
      .catch(() => {});
    taskApi
      .stats()
      .then(setStats)
      .catch(() => {});
  }, []);

  const orgOptions = useMemo(() => {
    const source = orgs.length ? orgs.filter((o) => o.kind === "party_gov" || o.kind === "agency") : myUnits;
    return source.map((o) => ({ value: o.id, label: o.name }));
  }, [orgs, myUnits]);

  const reload = () => {
    list.reload();
    taskApi
      .stats()
      .then(setStats)
      .catch(() => {});
  };

  const columns: TableColumnsType<TaskSummary> = [
    {
      title: t("board.measure"),
      key: "title",
      render: (_, task) => (
        <div className="rc-task-title-cell">
          <Link to={`/tasks/${task.id}`} className="rc-strong">
            {task.measure.label}
            {task.title}
          </Link>
          {filters.documentId ? null : (
            <div className="rc-muted rc-small rc-ellipsis">{task.document.title}</div>
          )}
        </div>
      ),
    },
    {
      title: t("board.light"),
      key: "light",
      render: (_, task) => <LightTag light={task.light} reasons={task.lightReasons} />,
    },
    {
      title: t("board.progress"),
      key: "progress",
      render: (_, task) => (
        <TaskProgress
          percent={task.progress}
          done={task.milestoneCount.done}
          total={task.milestoneCount.total}
          status={task.status}
          width={170}
        />
      ),
    },
    {
      title: t("policy.lead"),
      key: "lead",
      render: (_, task) => (
        <div className="rc-units-text">{unitNames(task.lead, t("common.listSep")) || t("common.none")}</div>
      ),
    },
    {
      title: t("policy.responsible"),
      key: "responsible",
      responsive: ["xxl"],
      render: (_, task) => {
        const all = unitNames(task.responsible, t("common.listSep"), task.groupUnits);
        return (
          <Tooltip title={all}>
            <div className="rc-units-text rc-ellipsis-2">{all || t("common.none")}</div>
          </Tooltip>
        );
      },
    },
    {
      title: t("policy.due"),
      key: "due",
      responsive: ["xl"],
      render: (_, task) => <DueText due={task.due} />,
    },
    {
      title: t("policy.reportPeriod"),
      key: "period",
      responsive: ["xxl"],
      render: (_, task) => <span className="rc-nowrap">{t(`period.${task.reportPeriod}`)}</span>,
    },
  ];

  const roleDisabled = office && !filters.orgId;

  return (
    <>
      <PageHeader
        title={t("board.title")}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={reload}>
            {t("common.refresh")}
          </Button>
        }
      >
        {office
          ? t("board.introOffice")
          : t("board.introUnit", { units: myUnits.map((u) => u.name).join(t("common.listSep")) })}
      </PageHeader>
      {office ? null : <Workspace />}
      <Card variant="borderless">
        <StatsBar stats={stats} light={filters.light} onLight={(l) => setFilter("light", l)} />
        <div className="rc-filters">
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("board.allDocuments")}
            aria-label={t("board.document")}
            value={filters.documentId}
            onChange={(v: string | undefined) => setFilter("documentId", v)}
            options={docs.map((d) => ({ value: d.id, label: d.title }))}
            className="rc-filter-select rc-filter-doc"
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={office ? t("board.allOrgs") : t("board.myOrgs")}
            aria-label={t("board.org")}
            value={filters.orgId}
            onChange={(v: string | undefined) => setFilter("orgId", v)}
            options={orgOptions}
            className="rc-filter-select"
          />
          <Tooltip title={roleDisabled ? t("board.roleNeedsOrg") : undefined}>
            <Select
              allowClear
              disabled={roleDisabled}
              placeholder={office ? t("board.anyRole") : t("board.anyMyRole")}
              aria-label={t("board.role")}
              value={filters.role}
              onChange={(v: string | undefined) => setFilter("role", v)}
              options={[
                { value: "lead", label: office ? t("board.roleLead") : t("board.myRoleLead") },
                {
                  value: "responsible",
                  label: office ? t("board.roleResponsible") : t("board.myRoleResponsible"),
                },
              ]}
              className="rc-filter-role"
            />
          </Tooltip>
          <Select
            allowClear
            placeholder={t("board.anyLight")}
            aria-label={t("board.light")}
            value={filters.light}
            onChange={(v: string | undefined) => setFilter("light", v)}
            options={LIGHTS.map((l) => ({ value: l, label: t(`light.${l}`) }))}
            className="rc-filter-status"
          />
          <Select
            allowClear
            placeholder={t("board.anyStatus")}
            aria-label={t("common.status")}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter("status", v)}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
            className="rc-filter-status"
          />
          {params.toString() ? (
            <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t("common.reset")}
            </Button>
          ) : null}
        </div>
        {narrow ? (
          <>
            <TaskCards items={list.items} />
            {list.loaded && list.items.length === 0 ? <p className="rc-muted">{t("board.empty")}</p> : null}
          </>
        ) : (
          <Table<TaskSummary>
            rowKey="id"
            columns={columns}
            dataSource={list.items}
            loading={list.loading && !list.loaded}
            pagination={false}
            size="middle"
            scroll={{ x: "max-content" }}
            locale={{ emptyText: t("board.empty") }}
            rowClassName={(task) => `rc-row-${task.light}`}
          />
        )}
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>
    </>
  );
}
