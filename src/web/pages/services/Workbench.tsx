// 办件工作台: applications waiting at my organisation's steps, soonest deadline first, with deadline
// lights, filters, search by number or applicant name, and an Excel export of the filtered list.
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Input, Select, Space, Table, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import {
  type ApplicationSummary,
  type CatalogueSummary,
  catalogueApi,
  type WorkbenchQuery,
  workbenchApi,
} from "../../api/services";
import { LIGHTS, type Light } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { LightTag } from "../../components/TaskTags";
import { useT } from "../../i18n";
import { fmtDate, fmtTime } from "../../lib/format";
import { unitsWithRole } from "../../lib/roles";
import { useCursorList } from "../../lib/useCursorList";
import { StatusTag } from "./parts";

const PAGE = 20;

export default function WorkbenchPage() {
  const t = useT();
  const me = useMe();
  const units = unitsWithRole(me, ["officer", "leader"]);
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<CatalogueSummary[]>([]);
  const [exporting, setExporting] = useState(false);
  const query: WorkbenchQuery = {
    itemCode: params.get("itemCode") ?? undefined,
    light: (params.get("light") as Light | null) ?? undefined,
    overdue: params.get("overdue") === "true" || undefined,
    q: params.get("q") ?? undefined,
  };
  const [q, setQ] = useState(query.q ?? "");
  const list = useCursorList<ApplicationSummary>(
    (cursor) => workbenchApi.list({ ...query, cursor, limit: PAGE }),
    JSON.stringify(query),
  );

  useEffect(() => {
    catalogueApi
      .list({}, { quiet: true })
      .then((r) => setItems(r.items))
      .catch(() => {});
  }, []);

  const setFilter = (k: keyof WorkbenchQuery, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t("case.number"),
      key: "number",
      render: (_, a) => (
        <Link to={`/services/workbench/${a.id}`} className="rc-mono">
          {a.number}
        </Link>
      ),
    },
    { title: t("case.item"), key: "item", render: (_, a) => a.item.name },
    { title: t("case.applicant"), key: "applicant", render: (_, a) => a.applicant.name },
    {
      title: t("case.currentStep"),
      key: "step",
      render: (_, a) => (a.currentStep ? a.currentStep.name : "—"),
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
    {
      title: t("common.status"),
      key: "status",
      responsive: ["lg"],
      render: (_, a) => <StatusTag status={a.status} />,
    },
    {
      title: t("case.submittedAt"),
      key: "submitted",
      responsive: ["xl"],
      render: (_, a) => <span className="rc-nowrap">{fmtTime(a.submittedAt)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("workbench.title")}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
              {t("common.refresh")}
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  await workbenchApi.exportXlsx(query);
                } catch {
                  // shown by the client
                } finally {
                  setExporting(false);
                }
              }}
            >
              {t("workbench.export")}
            </Button>
          </Space>
        }
      >
        {t("workbench.intro", { units: units.map((u) => u.name).join(t("common.listSep")) })}
      </PageHeader>
      <Card variant="borderless">
        <div className="rc-filters">
          <Input.Search
            allowClear
            enterButton={<SearchOutlined aria-hidden />}
            placeholder={t("workbench.search")}
            aria-label={t("workbench.search")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilter("q", v.trim() || undefined)}
            className="rc-filter-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("workbench.anyItem")}
            aria-label={t("case.item")}
            value={query.itemCode}
            onChange={(v: string | undefined) => setFilter("itemCode", v)}
            options={items.map((i) => ({ value: i.code, label: i.name }))}
            className="rc-filter-select"
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder={t("board.anyLight")}
            aria-label={t("board.light")}
            value={query.light}
            onChange={(v: string | undefined) => setFilter("light", v)}
            options={LIGHTS.map((l) => ({ value: l, label: t(`light.${l}`) }))}
            className="rc-filter-status"
          />
          <Checkbox
            checked={!!query.overdue}
            onChange={(e) => setFilter("overdue", e.target.checked ? "true" : undefined)}
          >
            {t("workbench.overdueOnly")}
          </Checkbox>
          {params.toString() ? (
            <Button
              onClick={() => {
                setQ("");
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t("common.reset")}
            </Button>
          ) : null}
        </div>
        <Table<ApplicationSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("workbench.empty") }}
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
