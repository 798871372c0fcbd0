// 超期与今日到期办件: the talent office's view of every department's waiting cases, past their step's
// deadline or due today (the home page's 今日待办 counts open this list with ?due=overdue|today).
import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Segmented, Table, type TableColumnsType } from "antd";
import { Link, useSearchParams } from "react-router-dom";
import { type ApplicationSummary, type CaseDue, overviewApi } from "../../api/services";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { LightTag } from "../../components/TaskTags";
import { useT } from "../../i18n";
import { fmtDate } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";
import { StatusTag } from "./parts";

const PAGE = 20;

export default function OfficeCasesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const due: CaseDue = params.get("due") === "today" ? "today" : "overdue";
  const list = useCursorList<ApplicationSummary>(
    (cursor) => overviewApi.list({ due, cursor, limit: PAGE }),
    due,
  );

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t("case.number"),
      key: "number",
      render: (_, a) => (
        <Link to={`/services/cases/${a.id}`} className="rc-mono">
          {a.number}
        </Link>
      ),
    },
    { title: t("case.item"), key: "item", render: (_, a) => a.item.name },
    { title: t("case.applicant"), key: "applicant", render: (_, a) => a.applicant.name },
    {
      title: t("case.currentStep"),
      key: "step",
      render: (_, a) =>
        a.currentStep ? `${a.currentStep.name}（${a.currentStep.orgNames.join(t("common.listSep"))}）` : "—",
    },
    {
      title: t("case.stepDeadline"),
      key: "deadline",
      render: (_, a) => <span className="rc-nowrap">{a.stepDeadline ? fmtDate(a.stepDeadline) : "—"}</span>,
    },
    {
      title: t("board.light"),
      key: "light",
      render: (_, a) => (a.light ? <LightTag light={a.light} /> : "—"),
    },
    { title: t("common.status"), key: "status", render: (_, a) => <StatusTag status={a.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={t("officeCases.title")}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        }
      >
        {t("officeCases.intro")}
      </PageHeader>
      <Card variant="borderless">
        <div className="rc-filters">
          <Segmented<CaseDue>
            value={due}
            onChange={(v) => setParams(new URLSearchParams({ due: v }), { replace: true })}
            options={[
              { value: "overdue", label: t("officeCases.overdue") },
              { value: "today", label: t("officeCases.dueToday") },
            ]}
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
          locale={{ emptyText: t("officeCases.empty") }}
          rowClassName={(a) => (a.light ? `rc-row-${a.light}` : "")}
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
