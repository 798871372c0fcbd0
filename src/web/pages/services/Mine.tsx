// 我的办件: my applications, newest first, with where each one stands.
import { FormOutlined } from "@ant-design/icons";
import { Button, Card, Select, Table, type TableColumnsType } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  type ApplicationSummary,
  applicationApi,
} from "../../api/services";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { LightTag } from "../../components/TaskTags";
import { useT } from "../../i18n";
import { fmtDate, fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";
import { StatusTag } from "./parts";

const PAGE = 20;

export default function MinePage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") as ApplicationStatus | null) ?? undefined;
  const list = useCursorList<ApplicationSummary>(
    (cursor) => applicationApi.mine({ status, cursor, limit: PAGE }),
    status ?? "",
  );

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t("case.number"),
      key: "number",
      render: (_, a) => (
        <Link to={`/services/mine/${a.id}`} className="rc-mono">
          {a.number}
        </Link>
      ),
    },
    {
      title: t("case.item"),
      key: "item",
      render: (_, a) => <Link to={`/services/mine/${a.id}`}>{a.item.name}</Link>,
    },
    { title: t("common.status"), key: "status", render: (_, a) => <StatusTag status={a.status} /> },
    {
      title: t("case.currentStep"),
      key: "step",
      render: (_, a) =>
        a.currentStep ? (
          <div>
            <div>{a.currentStep.name}</div>
            <div className="rc-muted rc-small">{a.currentStep.orgNames.join(t("common.listSep"))}</div>
          </div>
        ) : (
          <span className="rc-muted">—</span>
        ),
    },
    {
      title: t("case.promised"),
      key: "deadline",
      render: (_, a) => (
        <span className="rc-nowrap">
          {a.stepDeadline ? fmtDate(a.stepDeadline) : "—"}{" "}
          {a.light ? <LightTag light={a.light} compact /> : null}
        </span>
      ),
    },
    {
      title: t("case.submittedAt"),
      key: "submitted",
      responsive: ["lg"],
      render: (_, a) => <span className="rc-nowrap">{fmtTime(a.submittedAt)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("mine.title")}
        extra={
          <Button
            type="primary"
            icon={<FormOutlined aria-hidden />}
            onClick={() => navigate("/services/apply")}
          >
            {t("nav.apply")}
          </Button>
        }
      >
        {t("mine.intro")}
      </PageHeader>
      <Card variant="borderless">
        <div className="rc-filters">
          <Select
            allowClear
            placeholder={t("mine.anyStatus")}
            aria-label={t("common.status")}
            value={status}
            onChange={(v: ApplicationStatus | undefined) => {
              const next = new URLSearchParams(params);
              if (v) next.set("status", v);
              else next.delete("status");
              setParams(next, { replace: true });
            }}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`appStatus.${s}`) }))}
            className="rc-filter-status"
          />
        </div>
        <Table<ApplicationSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("mine.empty") }}
        />
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
