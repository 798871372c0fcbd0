import { FlagOutlined } from "@ant-design/icons";
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Tabs,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { Fragment, type ReactNode, useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { reportApi, supervisionApi, taskApi } from "../../api/policy";
import type { Report, ReportPeriod, SupervisionOrder, Task } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { DueText, LightTag, OrderStatusTag, TaskStatusTag, UnitTags } from "../../components/TaskTags";
import { useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { DeadlineHint, IssueOrderModal, RespondModal } from "../supervision/parts";
import { History } from "./History";
import { Milestones } from "./Milestones";
import { Reports } from "./Reports";

const TABS = ["milestones", "reports", "supervision", "history"] as const;
type TabKey = (typeof TABS)[number];

function Overview({ task, onTask }: { task: Task; onTask: (t: Task) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);

  const setPeriod = async (v: ReportPeriod | "document") => {
    setSaving(true);
    try {
      onTask(await taskApi.setReportPeriod(task.id, v === "document" ? null : v));
      message.success(t("common.saved"));
    } catch {
      // shown by the client
    } finally {
      setSaving(false);
    }
  };

  const setDue = async (due: string) => {
    setSaving(true);
    try {
      onTask(await taskApi.setDue(task.id, due));
      message.success(t("task.dueSaved"));
    } catch {
      // shown by the client
    } finally {
      setSaving(false);
    }
  };
  const calendarDue = task.due !== null && /^\d{4}-\d{2}-\d{2}$/.test(task.due) ? task.due : null;
  const dueNote =
    task.dueSource === "office"
      ? t("task.dueFromOffice")
      : task.dueSource === "policy"
        ? t("task.dueFromPolicy")
        : t("task.dueNone");

  return (
    <Card variant="borderless" title={t("task.overview")} className="rc-mb">
      <div className="rc-overview-progress">
        <Progress
          type="circle"
          percent={task.progress}
          size={96}
          status={task.progress >= 100 ? "success" : "normal"}
          aria-label={t("task.progressAria", {
            n: task.progress,
            done: task.milestoneCount.done,
            total: task.milestoneCount.total,
          })}
        />
        <div>
          <div className="rc-strong">{t("task.progress")}</div>
          <div className="rc-muted rc-small">
            {t("task.milestonesDone", { done: task.milestoneCount.done, total: task.milestoneCount.total })}
          </div>
          <div className="rc-muted rc-small">{t("task.progressHelp")}</div>
        </div>
      </div>
      <dl className="rc-unit-dl rc-overview-dl">
        {(
          [
            {
              key: "light",
              label: t("board.light"),
              children: (
                <div>
                  <LightTag light={task.light} />
                  {task.lightReasons.length ? (
                    <ul className="rc-reasons">
                      {task.lightReasons.map((r) => (
                        <li key={`${r.kind}:${r.id}`}>
                          {t("light.reason", {
                            what: t(`light.kind.${r.kind}`),
                            title: r.title,
                            due: r.dueDate,
                          })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <div className="rc-muted rc-small">
                    {t("task.lightAt", { at: fmtTime(task.lightUpdatedAt) })}
                  </div>
                </div>
              ),
            },
            { key: "status", label: t("common.status"), children: <TaskStatusTag status={task.status} /> },
            {
              key: "due",
              label: t("policy.due"),
              children: (
                <div>
                  {task.abilities.update ? (
                    <DatePicker
                      size="small"
                      allowClear={false}
                      value={calendarDue ? dayjs(calendarDue) : null}
                      onChange={(d) => d && setDue(d.format("YYYY-MM-DD"))}
                      disabled={saving}
                      aria-label={t("task.setDue")}
                      placeholder={t("task.setDue")}
                    />
                  ) : null}
                  {task.abilities.update && calendarDue ? null : <DueText due={task.due} />}
                  <div className="rc-muted rc-small">{dueNote}</div>
                </div>
              ),
            },
            {
              key: "period",
              label: t("policy.reportPeriod"),
              children: task.abilities.update ? (
                <Select<ReportPeriod | "document">
                  size="small"
                  value={task.reportPeriodOverride ?? "document"}
                  loading={saving}
                  onChange={setPeriod}
                  aria-label={t("policy.reportPeriod")}
                  className="rc-full"
                  popupMatchSelectWidth={false}
                  options={[
                    {
                      value: "document",
                      label: task.reportPeriodOverride
                        ? t("task.periodFollowsDocument")
                        : t("common.paren", {
                            text: t("task.periodFollowsDocument"),
                            detail: t(`period.${task.reportPeriod}`),
                          }),
                    },
                    { value: "quarterly", label: t("period.quarterly") },
                    { value: "monthly", label: t("period.monthly") },
                  ]}
                />
              ) : (
                t(`period.${task.reportPeriod}`)
              ),
            },
            { key: "lead", label: t("policy.lead"), children: <UnitTags units={task.lead} /> },
            {
              key: "resp",
              label: t("policy.responsible"),
              children: <UnitTags units={task.responsible} groups={task.groupUnits} />,
            },
            {
              key: "doc",
              label: t("task.document"),
              children: (
                <Link to={`/policy/documents/${task.document.id}#m-${task.measure.no}`}>
                  {task.document.title}
                </Link>
              ),
            },
            { key: "updated", label: t("task.updatedAt"), children: fmtTime(task.updatedAt) },
          ] as { key: string; label: string; children: ReactNode }[]
        ).map((item) => (
          <Fragment key={item.key}>
            <dt>{item.label}</dt>
            <dd>{item.children}</dd>
          </Fragment>
        ))}
      </dl>
    </Card>
  );
}

function Orders({
  task,
  orders,
  onChanged,
}: {
  task: Task;
  orders: SupervisionOrder[];
  onChanged: () => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [issuing, setIssuing] = useState(false);
  const [answering, setAnswering] = useState<SupervisionOrder | null>(null);
  return (
    <div>
      <div className="rc-tab-head">
        <p className="rc-muted rc-small rc-mt-0">{t("order.taskHelp")}</p>
        {task.abilities.issueSupervision ? (
          <Button type="primary" danger icon={<FlagOutlined aria-hidden />} onClick={() => setIssuing(true)}>
            {t("order.issue")}
          </Button>
        ) : null}
      </div>
      {orders.length === 0 ? (
        <Empty description={t("order.emptyTask")} />
      ) : (
        <ol className="rc-reports">
          {orders.map((o) => (
            <li key={o.id} className={`rc-report rc-order-${o.light}`}>
              <div className="rc-report-head">
                <span className="rc-strong">{o.org.name}</span>
                <LightTag light={o.light} />
                <OrderStatusTag status={o.status} late={o.late} />
                <span className="rc-small">{t("order.dueOn", { date: o.dueDate })}</span>
                <DeadlineHint order={o} />
              </div>
              <div className="rc-pre-wrap rc-report-text">{o.content}</div>
              <div className="rc-muted rc-small">
                {t("order.issuedByAt", { name: o.issuedBy.name, at: fmtTime(o.issuedAt) })}
              </div>
              {o.response ? (
                <div className="rc-review">
                  <div className="rc-small rc-muted">
                    {t("order.respondedByAt", {
                      name: o.respondedBy?.name ?? "",
                      at: fmtTime(o.respondedAt),
                    })}
                  </div>
                  <div className="rc-pre-wrap">{o.response}</div>
                </div>
              ) : null}
              {o.abilities.respond ? (
                <Space className="rc-report-actions">
                  <Button size="small" type="primary" onClick={() => setAnswering(o)}>
                    {t("order.respond")}
                  </Button>
                </Space>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {task.abilities.issueSupervision ? (
        <IssueOrderModal
          task={task}
          open={issuing}
          onClose={() => setIssuing(false)}
          onIssued={() => {
            setIssuing(false);
            message.success(t("order.issued"));
            onChanged();
          }}
        />
      ) : null}
      <RespondModal
        order={answering}
        onClose={() => setAnswering(null)}
        onAnswered={() => {
          setAnswering(null);
          message.success(t("order.answered"));
          onChanged();
        }}
      />
    </div>
  );
}

export default function TaskDetailPage() {
  const { id = "" } = useParams();
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { message } = AntApp.useApp();
  const [task, setTask] = useState<Task | null>(null);
  const [reports, setReports] = useState<Report[]>([]);
  const [orders, setOrders] = useState<SupervisionOrder[]>([]);
  const [missing, setMissing] = useState(false);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      const [tk, rs, os] = await Promise.all([
        taskApi.get(id, { quiet: true }),
        reportApi.forTask(id).catch(() => ({ items: [] as Report[] })),
        supervisionApi.forTask(id).catch(() => ({ items: [] as SupervisionOrder[] })),
      ]);
      setTask(tk);
      setReports(rs.items);
      setOrders(os.items);
      setMissing(false);
      setVersion((v) => v + 1);
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else if (isApiError(e)) message.error(e.text(lang));
    }
  }, [id, lang, message]);

  useEffect(() => {
    load();
  }, [load]);

  const asked = params.get("tab");
  const pendingReview = reports.some((r) => r.abilities.review);
  const tab: TabKey = TABS.includes(asked as TabKey)
    ? (asked as TabKey)
    : pendingReview
      ? "reports"
      : "milestones";

  if (missing)
    return (
      <MissingPage
        title={t("task.missing")}
        body={t("task.missingBody")}
        backTo="/tasks"
        backLabel={t("task.back")}
      />
    );
  if (!task) return <LoadingPage title={t("board.title")} />;

  const onTask = (next: Task) => {
    setTask(next);
    setVersion((v) => v + 1);
  };
  const openOrders = orders.filter((o) => o.status === "open").length;
  const pending = reports.filter((r) => r.status === "submitted").length;

  return (
    <>
      <PageHeader
        title={`${task.measure.label}${task.title}`}
        extra={
          <Space wrap>
            <LightTag light={task.light} reasons={task.lightReasons} />
            <TaskStatusTag status={task.status} />
            <Button onClick={() => navigate("/tasks")}>{t("task.back")}</Button>
          </Space>
        }
      >
        <Link to={`/policy/documents/${task.document.id}#m-${task.measure.no}`}>{task.document.title}</Link>
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card variant="borderless" title={t("task.measureText")} className="rc-mb">
            <Typography.Paragraph className="rc-measure-text rc-mt-0">
              {task.measureText}
            </Typography.Paragraph>
          </Card>
          <Card variant="borderless" className="rc-mb rc-task-tabs">
            <Tabs
              activeKey={tab}
              onChange={(k) => {
                const next = new URLSearchParams(params);
                next.set("tab", k);
                setParams(next, { replace: true });
              }}
              items={[
                {
                  key: "milestones",
                  label: `${t("task.tabMilestones")} ${task.milestoneCount.done}/${task.milestoneCount.total}`,
                  children: <Milestones task={task} onTask={onTask} />,
                },
                {
                  key: "reports",
                  label: (
                    <span>
                      {t("task.tabReports")}{" "}
                      <Badge count={pending} size="small" title={t("task.pendingReports", { n: pending })} />
                    </span>
                  ),
                  children: <Reports task={task} reports={reports} onChanged={load} />,
                },
                {
                  key: "supervision",
                  label: (
                    <span>
                      {t("task.tabSupervision")}{" "}
                      <Badge
                        count={openOrders}
                        size="small"
                        title={t("task.openOrders", { n: openOrders })}
                      />
                    </span>
                  ),
                  children: <Orders task={task} orders={orders} onChanged={load} />,
                },
                {
                  key: "history",
                  label: t("task.tabHistory"),
                  children: <History task={task} version={version} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <Overview task={task} onTask={onTask} />
        </Col>
      </Row>
    </>
  );
}
