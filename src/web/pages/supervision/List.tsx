import { ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Segmented,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { supervisionApi } from "../../api/policy";
import type { SupervisionOrder } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { LightTag, OrderStatusTag } from "../../components/TaskTags";
import { useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { isTalentOffice } from "../../lib/roles";
import { useCursorList } from "../../lib/useCursorList";
import { DeadlineHint, RespondModal } from "./parts";

const PAGE = 20;
type StatusFilter = "all" | "open" | "answered";

export default function SupervisionPage() {
  const t = useT();
  const me = useMe();
  const office = isTalentOffice(me);
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const asked = params.get("status");
  const status: StatusFilter = asked === "open" || asked === "answered" ? asked : "all";
  const [answering, setAnswering] = useState<SupervisionOrder | null>(null);

  const list = useCursorList<SupervisionOrder>(
    (cursor) => supervisionApi.list({ status: status === "all" ? undefined : status, cursor, limit: PAGE }),
    status,
  );

  const columns: TableColumnsType<SupervisionOrder> = [
    {
      title: t("order.task"),
      key: "task",
      render: (_, o) => (
        <div className="rc-order-task">
          <Link to={`/tasks/${o.task.id}?tab=supervision`} className="rc-strong">
            {o.task.title}
          </Link>
          <div className="rc-muted rc-small">
            {t("order.issuedByAt", { name: o.issuedBy.name, at: fmtTime(o.issuedAt) })}
          </div>
        </div>
      ),
    },
    {
      title: t("order.org"),
      key: "org",
      render: (_, o) => <span className="rc-org-cell">{o.org.name}</span>,
    },
    {
      title: t("order.contentAndResponse"),
      key: "content",
      render: (_, o) => (
        <div className="rc-cell-text">
          <Typography.Paragraph
            className="rc-mt-0"
            ellipsis={{ rows: 3, expandable: true, symbol: t("import.more") }}
          >
            {o.content}
          </Typography.Paragraph>
          {o.response ? (
            <div className="rc-review rc-cell-review">
              <div className="rc-muted rc-small">
                {t("order.respondedByAt", { name: o.respondedBy?.name ?? "", at: fmtTime(o.respondedAt) })}
              </div>
              <Typography.Paragraph
                className="rc-mt-0"
                ellipsis={{ rows: 3, expandable: true, symbol: t("import.more") }}
              >
                {o.response}
              </Typography.Paragraph>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t("order.dueDate"),
      key: "due",
      render: (_, o) => (
        <div>
          <div className="rc-nowrap">{o.dueDate}</div>
          <DeadlineHint order={o} />
        </div>
      ),
    },
    {
      title: t("order.state"),
      key: "state",
      render: (_, o) => (
        <div className="rc-stack">
          <LightTag light={o.light} />
          <div>
            <OrderStatusTag status={o.status} late={o.late} />
          </div>
        </div>
      ),
    },
  ];
  if (!office)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      render: (_, o) =>
        o.abilities.respond ? (
          <Button size="small" type="primary" onClick={() => setAnswering(o)}>
            {t("order.respond")}
          </Button>
        ) : (
          <span className="rc-muted">{t("common.none")}</span>
        ),
    });

  return (
    <>
      <PageHeader
        title={t("order.title")}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        }
      >
        {office ? t("order.introOffice") : t("order.introUnit")}
      </PageHeader>
      {office ? (
        <Alert
          type="info"
          showIcon
          className="rc-mb"
          title={
            <span>
              {t("order.howToIssue")} <Link to="/tasks?light=red">{t("order.redTasks")}</Link>
            </span>
          }
        />
      ) : null}
      <Card variant="borderless">
        <div className="rc-filters">
          <Segmented<StatusFilter>
            value={status}
            aria-label={t("common.status")}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              if (v === "all") next.delete("status");
              else next.set("status", v);
              setParams(next, { replace: true });
            }}
            options={[
              { value: "all", label: t("common.all") },
              { value: "open", label: t("orderStatus.open") },
              { value: "answered", label: t("orderStatus.answered") },
            ]}
          />
        </div>
        <Table<SupervisionOrder>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("order.empty") }}
          className="rc-orders-table"
        />
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>
      <RespondModal
        order={answering}
        onClose={() => setAnswering(null)}
        onAnswered={(o) => {
          setAnswering(null);
          list.setItems((xs) => xs.map((x) => (x.id === o.id ? o : x)));
          message.success(t("order.answered"));
        }}
      />
    </>
  );
}
