import { ImportOutlined, ReloadOutlined, TagsOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, type TableColumnsType, Tag } from "antd";
import { Link, useNavigate } from "react-router-dom";
import { policyApi } from "../../api/policy";
import type { DocumentSummary } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { isTalentOffice } from "../../lib/roles";
import { useCursorList } from "../../lib/useCursorList";

const PAGE = 20;

export default function PolicyDocumentsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const office = isTalentOffice(me);
  const list = useCursorList<DocumentSummary>((cursor) => policyApi.list(cursor, PAGE), "all");

  const columns: TableColumnsType<DocumentSummary> = [
    {
      title: t("policy.docTitle"),
      key: "title",
      render: (_, d) => (
        <div className="rc-doc-cell">
          <Link to={`/policy/documents/${d.id}`} className="rc-strong">
            {d.title}
          </Link>
          <div className="rc-muted rc-small">
            {d.issuer ? `${d.issuer} · ` : ""}
            <span className="rc-mono">{d.filename}</span>
          </div>
        </div>
      ),
    },
    {
      title: t("policy.docDate"),
      dataIndex: "date",
      key: "date",
      render: (v: string | null) => (v ? <span className="rc-nowrap">{v}</span> : t("common.none")),
    },
    {
      title: t("policy.structure"),
      key: "counts",
      render: (_, d) => (
        <span className="rc-nowrap">
          {t("policy.counts", { sections: d.sectionCount, measures: d.measureCount })}
        </span>
      ),
    },
    {
      title: t("policy.warnings"),
      dataIndex: "warningCount",
      key: "warnings",
      responsive: ["md"],
      render: (n: number) =>
        n > 0 ? (
          <Tag color="warning">{t("policy.warningCount", { n })}</Tag>
        ) : (
          <Tag>{t("policy.noWarnings")}</Tag>
        ),
    },
    {
      title: t("policy.reportPeriod"),
      dataIndex: "reportPeriod",
      key: "reportPeriod",
      responsive: ["lg"],
      render: (p: DocumentSummary["reportPeriod"]) => t(`period.${p}`),
    },
    {
      title: t("policy.importedAt"),
      key: "importedAt",
      responsive: ["md"],
      render: (_, d) => (
        <div>
          <time dateTime={d.importedAt} className="rc-nowrap">
            {fmtTime(d.importedAt)}
          </time>
          <div className="rc-muted rc-small">{d.importedBy?.name ?? t("policy.importedBySystem")}</div>
        </div>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, d) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(`/policy/documents/${d.id}`)}>
            {t("policy.read")}
          </Button>
          <Button type="link" size="small" onClick={() => navigate(`/tasks?documentId=${d.id}`)}>
            {t("policy.viewTasks")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("policy.title")}
        extra={
          <Space wrap>
            <Button icon={<TagsOutlined aria-hidden />} onClick={() => navigate("/policy/aliases")}>
              {t("aliases.title")}
            </Button>
            {office ? (
              <Button
                type="primary"
                icon={<ImportOutlined aria-hidden />}
                onClick={() => navigate("/policy/import")}
              >
                {t("import.title")}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t("policy.intro")}
      </PageHeader>
      <Card
        variant="borderless"
        extra={
          <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        }
        title={t("policy.list")}
      >
        <Table<DocumentSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: office ? t("policy.emptyOffice") : t("policy.empty") }}
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
