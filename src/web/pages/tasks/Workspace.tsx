// A unit's own workspace on top of the task board: what the officer must report this period, what came
// back for correction, supervision orders to answer, and — for leaders — the reports awaiting sign-off.
import { Card, Col, Row, Skeleton, Typography } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { reportApi, supervisionApi, taskApi } from "../../api/policy";
import type { Report, SupervisionOrder, TaskSummary } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { LightTag } from "../../components/TaskTags";
import { useLang, useT } from "../../i18n";
import { chinaToday, periodKeyOf, periodLabel } from "../../lib/period";
import { hasRole, unitsWithRole } from "../../lib/roles";

interface DueItem {
  task: TaskSummary;
  orgId: string;
  orgName: string;
  periodKey: string;
}

interface WorkspaceData {
  due: DueItem[];
  returned: Report[];
  toSign: Report[];
  orders: SupervisionOrder[];
}

const SHOW = 6;

async function allPages<T>(
  fetch: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  max = 5,
) {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < max; i++) {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

function Box({
  title,
  count,
  loading,
  empty,
  children,
  testId,
}: {
  title: string;
  count: number;
  loading: boolean;
  empty: string;
  children: ReactNode;
  testId: string;
}) {
  const t = useT();
  return (
    <Card
      variant="borderless"
      className="rc-work-box"
      data-testid={testId}
      title={
        <span>
          {title}{" "}
          <span className={count > 0 ? "rc-work-count rc-work-count-on" : "rc-work-count"}>{count}</span>
        </span>
      }
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : count === 0 ? (
        <p className="rc-muted rc-small rc-work-empty">{empty}</p>
      ) : (
        <>
          <ul className="rc-work-list">{children}</ul>
          {count > SHOW ? (
            <div className="rc-muted rc-small">{t("work.more", { n: count - SHOW })}</div>
          ) : null}
        </>
      )}
    </Card>
  );
}

export function Workspace() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const officerUnits = unitsWithRole(me, ["officer"]);
  const leader = hasRole(me, "leader");
  const officer = officerUnits.length > 0;
  const [data, setData] = useState<WorkspaceData | null>(null);
  const unitKey = officerUnits.map((u) => u.id).join(",");

  useEffect(() => {
    let alive = true;
    (async () => {
      const today = chinaToday();
      const mine = new Set(unitKey ? unitKey.split(",") : []);
      const [tasks, reports, orders] = await Promise.all([
        mine.size
          ? allPages((cursor) => taskApi.list({ cursor, limit: 200 }, { quiet: true }))
          : Promise.resolve([]),
        allPages((cursor) => reportApi.list({ cursor, limit: 200 }, { quiet: true })),
        mine.size
          ? allPages((cursor) => supervisionApi.list({ status: "open", cursor, limit: 200 }, { quiet: true }))
          : Promise.resolve([]),
      ]);
      const reported = new Set(reports.map((r) => `${r.task.id}|${r.org.id}|${r.periodKey}`));
      const due: DueItem[] = [];
      for (const task of tasks) {
        const key = periodKeyOf(today, task.reportPeriod);
        for (const u of [...task.lead, ...task.responsible]) {
          if (mine.has(u.id) && !reported.has(`${task.id}|${u.id}|${key}`))
            due.push({ task, orgId: u.id, orgName: u.name, periodKey: key });
        }
      }
      if (!alive) return;
      setData({
        due,
        returned: reports.filter((r) => r.status === "returned" && r.abilities.revise),
        toSign: reports.filter((r) => r.status === "submitted" && r.abilities.review),
        orders: orders.filter((o) => o.abilities.respond),
      });
    })().catch(() => {
      if (alive) setData({ due: [], returned: [], toSign: [], orders: [] });
    });
    return () => {
      alive = false;
    };
  }, [unitKey]);

  if (!officer && !leader) return null;
  const loading = data === null;
  const multiUnit = officerUnits.length > 1;

  return (
    <section className="rc-mb" aria-labelledby="rc-work-title">
      <Typography.Title level={2} id="rc-work-title" className="rc-section-title rc-mb-s">
        {t("work.title")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {officer ? (
          <Col xs={24} md={12} xl={leader ? 6 : 8}>
            <Box
              title={t("work.due")}
              count={data?.due.length ?? 0}
              loading={loading}
              empty={t("work.dueEmpty")}
              testId="work-due"
            >
              {data?.due.slice(0, SHOW).map((d) => (
                <li key={`${d.task.id}|${d.orgId}`}>
                  <Link to={`/tasks/${d.task.id}?tab=reports`}>
                    {d.task.measure.label}
                    {d.task.title}
                  </Link>
                  <div className="rc-muted rc-small">
                    {periodLabel(lang, d.periodKey)}
                    {multiUnit ? ` · ${d.orgName}` : ""}
                  </div>
                </li>
              ))}
            </Box>
          </Col>
        ) : null}
        {officer ? (
          <Col xs={24} md={12} xl={leader ? 6 : 8}>
            <Box
              title={t("work.returned")}
              count={data?.returned.length ?? 0}
              loading={loading}
              empty={t("work.returnedEmpty")}
              testId="work-returned"
            >
              {data?.returned.slice(0, SHOW).map((r) => (
                <li key={r.id}>
                  <Link to={`/tasks/${r.task.id}?tab=reports`}>{r.task.title}</Link>
                  <div className="rc-muted rc-small">
                    {periodLabel(lang, r.periodKey)} · {r.reviewComment ?? ""}
                  </div>
                </li>
              ))}
            </Box>
          </Col>
        ) : null}
        {officer ? (
          <Col xs={24} md={12} xl={leader ? 6 : 8}>
            <Box
              title={t("work.orders")}
              count={data?.orders.length ?? 0}
              loading={loading}
              empty={t("work.ordersEmpty")}
              testId="work-orders"
            >
              {data?.orders.slice(0, SHOW).map((o) => (
                <li key={o.id}>
                  <Link to={`/tasks/${o.task.id}?tab=supervision`}>{o.task.title}</Link>
                  <div className="rc-muted rc-small rc-work-meta">
                    <LightTag light={o.light} compact />
                    {t("work.orderDue", { date: o.dueDate })}
                  </div>
                </li>
              ))}
            </Box>
          </Col>
        ) : null}
        {leader ? (
          <Col xs={24} md={12} xl={officer ? 6 : 8}>
            <Box
              title={t("work.toSign")}
              count={data?.toSign.length ?? 0}
              loading={loading}
              empty={t("work.toSignEmpty")}
              testId="work-sign"
            >
              {data?.toSign.slice(0, SHOW).map((r) => (
                <li key={r.id}>
                  <Link to={`/tasks/${r.task.id}?tab=reports`}>{r.task.title}</Link>
                  <div className="rc-muted rc-small">
                    {periodLabel(lang, r.periodKey)} · {r.org.name} · {r.author.name}
                  </div>
                </li>
              ))}
            </Box>
          </Col>
        ) : null}
      </Row>
    </section>
  );
}
