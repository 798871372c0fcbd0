// Publicity notices (公示) of the user's organisation and the objections lodged on them.
import { ReloadOutlined } from "@ant-design/icons";
import { Button, Checkbox, Table, type TableColumnsType, Tag } from "antd";
import { Link, useSearchParams } from "react-router-dom";
import { type NoticeSummary, publicityApi } from "../../api/portal";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { useCursorList } from "../../lib/useCursorList";

/** The calendar day in China of an instant (shifted by `ms`): the period is stated in China dates. */
export const chinaDay = (iso: string, ms = 0) =>
  new Date(Date.parse(iso) + ms + 8 * 3_600_000).toISOString().slice(0, 10);

export function NoticeState({ notice }: { notice: NoticeSummary }) {
  const t = useT();
  return (
    <span>
      <Tag color={notice.phase === "running" ? "processing" : "default"}>
        {t(notice.phase === "running" ? "publicity.phase.running" : "publicity.phase.over")}
      </Tag>
      {notice.phase === "over" ? (
        <Tag color={notice.passed ? "success" : "error"}>
          {t(notice.passed ? "publicity.passed" : "publicity.notPassed")}
        </Tag>
      ) : null}
    </span>
  );
}

export default function PublicityPage() {
  const t = useT();
  // ?objections=open (the home page's 今日待办 link): only notices with objections I am to answer.
  const [params, setParams] = useSearchParams();
  const toAnswer = params.get("objections") === "open";
  const list = useCursorList<NoticeSummary>(
    (cursor) =>
      publicityApi.list({ cursor, limit: 20, ...(toAnswer ? { objections: "open" as const } : {}) }),
    toAnswer ? "open" : "all",
  );
  const columns: TableColumnsType<NoticeSummary> = [
    {
      title: t("publicity.notice"),
      key: "title",
      render: (_, n) => (
        <div>
          <Link to={`/publicity/${n.id}`} className="rc-strong">
            {n.title}
          </Link>
          <div className="rc-muted rc-small">{n.org.name}</div>
        </div>
      ),
    },
    {
      title: t("publicity.period"),
      key: "period",
      render: (_, n) => (
        <span className="rc-nowrap">
          {chinaDay(n.startsAt)} – {chinaDay(n.endsAt, -1)}
        </span>
      ),
    },
    { title: t("common.status"), key: "state", render: (_, n) => <NoticeState notice={n} /> },
    {
      title: t("publicity.objections"),
      key: "objections",
      render: (_, n) =>
        n.openObjections > 0 ? (
          <Tag color="warning">{t("publicity.openObjections", { n: n.openObjections })}</Tag>
        ) : (
          <span className="rc-muted">{n.totalObjections}</span>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("publicity.title")}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        }
      >
        {t("publicity.intro")}
      </PageHeader>
      <div className="rc-filters">
        <Checkbox
          checked={toAnswer}
          onChange={(e) =>
            setParams(
              e.target.checked ? new URLSearchParams({ objections: "open" }) : new URLSearchParams(),
              {
                replace: true,
              },
            )
          }
        >
          {t("publicity.toAnswerOnly")}
        </Checkbox>
      </div>
      <Table<NoticeSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 720 }}
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
